import { CONSENT_ITEMS, consentItem, consentsFor } from '@mfv/api-contract';
import { expect, it } from 'vitest';
import { bearer, describeEachDriver, FakeClock, freshKakaoId, service, signUp } from './support/harness.js';

const KOREAN_SENTENCE = /[가-힣].*요\.$/;
const REQUIRED = CONSENT_ITEMS.filter((i) => i.required).map((i) => i.id);

describeEachDriver('Signup consents', (ctx) => {
  type App = Awaited<ReturnType<typeof ctx.makeApp>>;
  const ticket = async (app: App) =>
    (
      await app.inject({
        method: 'POST',
        url: '/auth/login/kakao',
        headers: service,
        payload: { kakaoId: freshKakaoId() },
      })
    ).json().signupTicket as string;
  const createUser = (app: App, signupTicket: string, consents: unknown) =>
    app.inject({
      method: 'POST',
      url: '/users',
      headers: service,
      payload: { signupTicket, nickname: '동의', consents },
    });
  const records = async (userId: string) =>
    (
      await ctx.db.query<{
        item: string;
        required: boolean;
        version: string;
        agreed: boolean;
        recorded_at: Date;
      }>(
        'SELECT item, required, version, agreed, recorded_at FROM consent_records WHERE user_id = $1 ORDER BY id',
        [userId],
      )
    ).rows;
  const mine = async (app: App, accessToken: string) =>
    app.inject({ method: 'GET', url: '/users/me/consents', headers: bearer(accessToken) });
  const change = (app: App, accessToken: string, item: string, payload: object) =>
    app.inject({ method: 'PUT', url: `/users/me/consents/${item}`, headers: bearer(accessToken), payload });

  it('records every item the person agreed to: item, required or optional, document version, time', async () => {
    const clock = new FakeClock(Date.parse('2026-12-06T01:00:00Z'));
    const app = await ctx.makeApp({ clock });
    const res = await createUser(app, await ticket(app), consentsFor([...REQUIRED, 'marketing']));
    expect(res.statusCode).toBe(200);
    const rows = await records(res.json().user.id);
    expect(rows).toEqual(
      CONSENT_ITEMS.map((item) => ({
        item: item.id,
        required: item.required,
        version: item.version,
        agreed: true,
        recorded_at: new Date('2026-12-06T01:00:00Z'),
      })),
    );
  });

  it('without the optional item: the required ones are recorded and 내 정보 shows marketing not given', async () => {
    const app = await ctx.makeApp();
    const res = await createUser(app, await ticket(app), consentsFor());
    expect(res.statusCode).toBe(200);
    const { user, accessToken } = res.json();
    expect((await records(user.id)).map((r) => r.item)).toEqual(REQUIRED);
    const state = await mine(app, accessToken);
    expect(state.statusCode).toBe(200);
    expect(state.json().items.map((i: { item: string; agreed: boolean }) => [i.item, i.agreed])).toEqual([
      ['terms', true],
      ['privacy', true],
      ['age14', true],
      ['marketing', false],
    ]);
    expect(state.json().items[3]).toEqual({ item: 'marketing', required: false, agreed: false });
  });

  it.each(REQUIRED)(
    'refuses a signup without [필수] %s: 400 CONSENT_REQUIRED in Korean, the ticket stays usable',
    async (id) => {
      const app = await ctx.makeApp();
      const signupTicket = await ticket(app);
      const without = consentsFor([...REQUIRED.filter((r) => r !== id), 'marketing']);
      const res = await createUser(app, signupTicket, without);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ code: 'CONSENT_REQUIRED', message: consentItem(id).missing });
      expect(res.json().message).toMatch(KOREAN_SENTENCE);
      // Nothing was spent: the same ticket signs up once every required item is given.
      expect((await createUser(app, signupTicket, consentsFor())).statusCode).toBe(200);
    },
  );

  it('refuses an empty list and an outdated document version (409 CONSENT_OUTDATED, Korean)', async () => {
    const app = await ctx.makeApp();
    const signupTicket = await ticket(app);
    const empty = await createUser(app, signupTicket, []);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('CONSENT_REQUIRED');
    const old = consentsFor().map((c) => (c.item === 'terms' ? { ...c, version: '2025-01-01' } : c));
    const outdated = await createUser(app, signupTicket, old);
    expect(outdated.statusCode).toBe(409);
    expect(outdated.json().code).toBe('CONSENT_OUTDATED');
    expect(outdated.json().message).toMatch(KOREAN_SENTENCE);
  });

  it('the member withdraws and gives marketing again; each change is a row with its time', async () => {
    const clock = new FakeClock(Date.parse('2026-12-06T01:00:00Z'));
    const app = await ctx.makeApp({ clock });
    const session = await signUp(app);
    const { version } = consentItem('marketing');

    clock.advanceSeconds(60);
    const given = await change(app, session.accessToken, 'marketing', { agreed: true, version });
    expect(given.statusCode).toBe(200);
    expect(given.json()).toEqual({
      item: 'marketing',
      required: false,
      agreed: true,
      version,
      recordedAt: '2026-12-06T01:01:00.000Z',
    });
    clock.advanceSeconds(60);
    const withdrawn = await change(app, session.accessToken, 'marketing', { agreed: false, version });
    expect(withdrawn.json()).toMatchObject({ agreed: false, recordedAt: '2026-12-06T01:02:00.000Z' });
    expect((await mine(app, session.accessToken)).json().items[3]).toMatchObject({
      item: 'marketing',
      agreed: false,
    });

    const history = (await records(session.user.id)).filter((r) => r.item === 'marketing');
    expect(history.map((r) => [r.agreed, r.recorded_at.toISOString()])).toEqual([
      [true, '2026-12-06T01:01:00.000Z'],
      [false, '2026-12-06T01:02:00.000Z'],
    ]);
  });

  it('refuses withdrawing a [필수] item, an unknown item, an outdated version and a bad body, in Korean where a person reads it', async () => {
    const app = await ctx.makeApp();
    const { accessToken } = await signUp(app);
    const required = await change(app, accessToken, 'terms', {
      agreed: false,
      version: consentItem('terms').version,
    });
    expect(required.statusCode).toBe(409);
    expect(required.json().code).toBe('CONSENT_NOT_OPTIONAL');
    expect(required.json().message).toMatch(KOREAN_SENTENCE);

    const outdated = await change(app, accessToken, 'marketing', { agreed: true, version: '2020-01-01' });
    expect(outdated.statusCode).toBe(409);
    expect(outdated.json().code).toBe('CONSENT_OUTDATED');
    expect(outdated.json().message).toMatch(KOREAN_SENTENCE);

    const unknown = await change(app, accessToken, 'newsletter', { agreed: true, version: '2026-12-06' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('VALIDATION_FAILED');
    const bad = await change(app, accessToken, 'marketing', { agreed: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    expect((await mine(app, accessToken)).json().items[3].agreed).toBe(false);
  });

  it('needs the member’s access token', async () => {
    const app = await ctx.makeApp();
    expect((await app.inject({ method: 'GET', url: '/users/me/consents' })).statusCode).toBe(401);
    const put = await app.inject({
      method: 'PUT',
      url: '/users/me/consents/marketing',
      payload: { agreed: true, version: consentItem('marketing').version },
    });
    expect(put.statusCode).toBe(401);
  });
});
