import { describe, expect, it } from 'vitest';
import {
  EXISTING_MEMBER,
  KAKAO_CI_DECLINED,
  KAKAO_CI_TOSS_PERSON,
  KAKAO_CI_VERIFIED_PERSON,
} from '../src/personas.js';
import { MOK_PERSONAS } from '../src/providers/mobile-ok/personas.js';
import { TOSS_PERSONAS } from '../src/providers/toss/personas.js';
import { sandboxCi } from '../src/sandbox-identity.js';
import {
  authorizeUrl,
  defaultAuthorizeParams,
  loginAs,
  openConsent,
  startSandbox,
  TEST_APPS,
  userMe,
} from './helpers.js';

/**
 * `kakao_account.ci` as Kakao documents it (developers.kakao.com › 카카오 로그인 › "제휴가 필요한
 * 사용자 정보", 본인확인정보: `ci`, `ci_authenticated_at`, `ci_needs_agreement`): only for an app
 * granted the 연계정보 consent item, only when the person agreed, and only for an account that
 * has one — then it is the person's one CI, the one Toss, mobile-ok and KCB give them.
 */

const [confidential, ...others] = TEST_APPS!.apps;
const WITH_CI = { apps: [{ ...confidential!, ciConsentItem: true }, ...others] };

async function accountOf(url: string, persona: string): Promise<Record<string, unknown>> {
  const token = await loginAs(url, persona);
  const res = await userMe(url, String(token.access_token));
  expect(res.status).toBe(200);
  return ((await res.json()) as { kakao_account: Record<string, unknown> }).kakao_account;
}

describe('kakao_account.ci', () => {
  it("an app granted the CI item gets the person's one CI when they agree", async () => {
    const { url } = await startSandbox({ kakao: WITH_CI });
    const toss = await accountOf(url, KAKAO_CI_TOSS_PERSON.id);
    expect(toss).toMatchObject({
      ci_needs_agreement: false,
      ci: sandboxCi('tran-thi-lan'),
      ci_authenticated_at: '2023-05-02T01:00:00Z',
    });
    // The same CI as the person's Toss persona (and mobile-ok persona for 송지우).
    expect(TOSS_PERSONAS.some((p) => p.id === KAKAO_CI_TOSS_PERSON.id)).toBe(true);
    expect(toss.ci).toHaveLength(88);
    const verified = await accountOf(url, KAKAO_CI_VERIFIED_PERSON.id);
    expect(MOK_PERSONAS.some((p) => p.id === KAKAO_CI_VERIFIED_PERSON.id)).toBe(true);
    expect(verified.ci).toBe(sandboxCi('song-jiwoo'));
  });

  it('a person who declines: ci_needs_agreement true and no CI; an account without one: false and no CI', async () => {
    const { url } = await startSandbox({ kakao: WITH_CI });
    const declined = await accountOf(url, KAKAO_CI_DECLINED.id);
    expect(declined.ci_needs_agreement).toBe(true);
    expect(declined).not.toHaveProperty('ci');
    expect(declined).not.toHaveProperty('ci_authenticated_at');
    const none = await accountOf(url, EXISTING_MEMBER.id);
    expect(none.ci_needs_agreement).toBe(false);
    expect(none).not.toHaveProperty('ci');
  });

  it('an app without the CI item sees no CI field at all, and asking for account_ci is KOE205', async () => {
    const { url } = await startSandbox();
    const account = await accountOf(url, KAKAO_CI_TOSS_PERSON.id);
    expect(account).not.toHaveProperty('ci');
    expect(account).not.toHaveProperty('ci_needs_agreement');
    const refused = await fetch(authorizeUrl(url, defaultAuthorizeParams({ scope: 'account_ci' })));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('KOE205');
  });

  it('the consent page of an app with the item lists 연계정보(CI) and accepts the scope', async () => {
    const { url } = await startSandbox({ kakao: WITH_CI });
    const page = await openConsent(authorizeUrl(url, defaultAuthorizeParams({ scope: 'account_ci' })));
    expect(page.html).toContain('연계정보(CI)');
    const plain = await openConsent(authorizeUrl(url, defaultAuthorizeParams()));
    expect(plain.html).toContain('연계정보(CI)');
  });
});
