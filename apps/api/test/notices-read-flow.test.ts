import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { noticeResponseSchema, noticesReadAllResponseSchema, noticesResponseSchema } from '@mfv/api-contract';
import type { ApiApp } from '../src/app.js';
import { bearer, describeEachDriver, FakeClock, signUp } from './support/harness.js';

const SEEDED = 4;

const unreadCount = async (app: ApiApp, token: string): Promise<number> =>
  (await app.inject({ method: 'GET', url: '/notices/unread-count', headers: bearer(token) })).json().count;

describeEachDriver('notices', (ctx) => {
  it('lists the seeded Korean notices newest first, all unread for a new member', async () => {
    const app = await ctx.makeApp();
    const s = await signUp(app);
    const res = await app.inject({ method: 'GET', url: '/notices', headers: bearer(s.accessToken) });
    expect(res.statusCode).toBe(200);
    const { items } = noticesResponseSchema.parse(res.json());
    expect(items).toHaveLength(SEEDED);
    expect(items[0]?.title).toBe('토스로 로그인할 수 있어요');
    expect(items.some((n) => n.body.includes('일정 공유'))).toBe(false);
    expect(items.every((n) => n.read === false)).toBe(true);
    const times = items.map((n) => Date.parse(n.publishedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(items.every((n) => /[가-힣]/.test(n.title) && /[가-힣]/.test(n.body))).toBe(true);
  });

  it('read flow: unread count, mark read (idempotent), per-member state', async () => {
    const app = await ctx.makeApp();
    const me = await signUp(app);
    const other = await signUp(app);
    const count = (token: string) => unreadCount(app, token);

    expect(await count(me.accessToken)).toBe(SEEDED);
    const { items } = (
      await app.inject({ method: 'GET', url: '/notices', headers: bearer(me.accessToken) })
    ).json();
    const target = items[1].id as string;

    for (let i = 0; i < 2; i++) {
      const read = await app.inject({
        method: 'POST',
        url: `/notices/${target}/read`,
        headers: bearer(me.accessToken),
      });
      expect(read.statusCode).toBe(204);
      expect(read.body).toBe('');
    }
    expect(await count(me.accessToken)).toBe(SEEDED - 1);
    expect(await count(other.accessToken)).toBe(SEEDED);

    const after = (
      await app.inject({ method: 'GET', url: '/notices', headers: bearer(me.accessToken) })
    ).json().items;
    expect(after.map((n: { id: string; read: boolean }) => [n.id, n.read])).toEqual(
      items.map((n: { id: string }) => [n.id, n.id === target]),
    );
  });

  it('limit bounds the list; bad limits are 400 with code and message', async () => {
    const app = await ctx.makeApp();
    const s = await signUp(app);
    const two = await app.inject({ method: 'GET', url: '/notices?limit=2', headers: bearer(s.accessToken) });
    expect(two.json().items).toHaveLength(2);
    for (const limit of ['0', '101', 'abc', '1.5', '-1']) {
      const res = await app.inject({
        method: 'GET',
        url: `/notices?limit=${limit}`,
        headers: bearer(s.accessToken),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(/^querystring\.limit: /),
      });
    }
  });

  it('unknown notice → 404 NOTICE_NOT_FOUND; a malformed id → 400', async () => {
    const app = await ctx.makeApp();
    const s = await signUp(app);
    const missing = await app.inject({
      method: 'POST',
      url: `/notices/${randomUUID()}/read`,
      headers: bearer(s.accessToken),
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ code: 'NOTICE_NOT_FOUND', message: expect.any(String) });
    const malformed = await app.inject({
      method: 'POST',
      url: '/notices/not-a-uuid/read',
      headers: bearer(s.accessToken),
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().issues[0].path).toBe('params.id');
  });

  it('scheduled notices stay hidden until published', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock, settings: { accessTokenTtlSeconds: 7_200 } });
    const s = await signUp(app);
    const id = randomUUID();
    const publishAt = new Date(clock.now().getTime() + 3_600_000);
    await ctx.db.query('INSERT INTO notices (id, title, body, published_at) VALUES ($1, $2, $3, $4)', [
      id,
      '예약 공지',
      '한 시간 뒤 공개',
      publishAt,
    ]);
    try {
      const list = async () =>
        (
          await app.inject({ method: 'GET', url: '/notices?limit=100', headers: bearer(s.accessToken) })
        ).json().items;
      expect((await list()).map((n: { id: string }) => n.id)).not.toContain(id);
      const early = await app.inject({
        method: 'POST',
        url: `/notices/${id}/read`,
        headers: bearer(s.accessToken),
      });
      expect(early.statusCode).toBe(404);
      clock.advanceSeconds(3_600);
      expect((await list())[0].id).toBe(id);
    } finally {
      await ctx.db.query('DELETE FROM notices WHERE id = $1', [id]);
    }
  });

  it('GET /notices/:id: one notice with its read state; unknown, scheduled or malformed ids are refused', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock, settings: { accessTokenTtlSeconds: 7_200 } });
    const s = await signUp(app);
    const get = (id: string) =>
      app.inject({ method: 'GET', url: `/notices/${id}`, headers: bearer(s.accessToken) });
    const { items } = (
      await app.inject({ method: 'GET', url: '/notices', headers: bearer(s.accessToken) })
    ).json();
    const first = items[0];
    const one = await get(first.id);
    expect(one.statusCode).toBe(200);
    expect(noticeResponseSchema.parse(one.json())).toEqual(first);
    await app.inject({ method: 'POST', url: `/notices/${first.id}/read`, headers: bearer(s.accessToken) });
    expect((await get(first.id)).json().read).toBe(true);

    expect((await get(randomUUID())).json()).toEqual({
      code: 'NOTICE_NOT_FOUND',
      message: expect.any(String),
    });
    expect((await get('not-a-uuid')).statusCode).toBe(400);
    const scheduled = randomUUID();
    await ctx.db.query('INSERT INTO notices (id, title, body, published_at) VALUES ($1, $2, $3, $4)', [
      scheduled,
      '예약 공지',
      '한 시간 뒤 공개',
      new Date(clock.now().getTime() + 3_600_000),
    ]);
    try {
      expect((await get(scheduled)).statusCode).toBe(404);
      clock.advanceSeconds(3_600);
      expect((await get(scheduled)).json()).toMatchObject({ id: scheduled, title: '예약 공지', read: false });
    } finally {
      await ctx.db.query('DELETE FROM notices WHERE id = $1', [scheduled]);
    }
  });

  it('POST /notices/read-all: every published notice read in one call, for this member only; again marks none', async () => {
    const app = await ctx.makeApp();
    const me = await signUp(app);
    const other = await signUp(app);
    const count = (token: string) => unreadCount(app, token);
    const readAll = () =>
      app.inject({ method: 'POST', url: '/notices/read-all', headers: bearer(me.accessToken) });

    const { items } = (
      await app.inject({ method: 'GET', url: '/notices', headers: bearer(me.accessToken) })
    ).json();
    await app.inject({
      method: 'POST',
      url: `/notices/${items[0].id}/read`,
      headers: bearer(me.accessToken),
    });
    const first = await readAll();
    expect(first.statusCode).toBe(200);
    expect(noticesReadAllResponseSchema.parse(first.json())).toEqual({ marked: SEEDED - 1 });
    expect(await count(me.accessToken)).toBe(0);
    expect((await readAll()).json()).toEqual({ marked: 0 });
    expect(await count(other.accessToken)).toBe(SEEDED);
  });

  it('every notices route requires a live access token', async () => {
    const app = await ctx.makeApp();
    for (const [method, url] of [
      ['GET', '/notices'],
      ['GET', '/notices/unread-count'],
      ['POST', `/notices/${randomUUID()}/read`],
      ['GET', `/notices/${randomUUID()}`],
      ['POST', '/notices/read-all'],
    ] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('TOKEN_MISSING');
    }
  });
});
