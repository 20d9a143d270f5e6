/**
 * SSAFY Verify through the verify API against the real sandbox issuer, with the SDK's contract
 * exactly as SSAFY Verify 플랫폼 가이드 (Vue/Nuxt) documents it (the SDK makes its own state; the
 * body is {code, codeVerifier, redirectUri, iss}): the transaction binding (a code used once, and
 * only within the transaction in which the member verified), the issuer, redirect URI and PKCE
 * checks, every hostile verification_token the issuer emulator can sign
 * (and an algorithm we do not accept), the network faults — each a typed error with the guide's
 * UI code and the issuer's request_id, never a token — and the minimal answer on success, with
 * the minimal record stored by the api (one SSAFY member, one account).
 */
import { randomBytes } from 'node:crypto';
import {
  SSAFY_CALLBACK_WRONG_ISSUER,
  SSAFY_CODE_FROM_EARLIER_VERIFICATION,
  SSAFY_EXISTING_MEMBER,
  SSAFY_NEW_MEMBER,
  SSAFY_TOKEN_BAD_SIGNATURE,
  SSAFY_TOKEN_EXPIRED,
  SSAFY_TOKEN_NETWORK_ERROR,
  SSAFY_TOKEN_SLOW,
  SSAFY_TOKEN_WRONG_ISSUER,
  type SsafyPersona,
} from '@mfv/sandbox/ssafy-personas';
import { SSAFY_UI_ERROR_MESSAGES } from '@mfv/verification/ssafy/browser';
import { MESSAGES } from '../src/core/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SsafyStartResponse } from '../src/providers/ssafy/rules';
import { signedInBrowser, signingUpBrowser, TestBrowser } from './support/browser';
import {
  PROVIDER_TIMEOUT_MS,
  PUBLIC_ORIGIN,
  SSAFY_REDIRECT_URI,
  startInfra,
  startVerifyServer,
  type Infra,
  type VerifyServer,
} from './support/harness';
import { ssafyUserStep, type SsafyCallback } from './support/providers';

/** One persona per claim the guide says to validate, whose token lacks exactly that claim. */
const CLAIMS = ['iss', 'aud', 'exp', 'sub', 'client_id', 'verified', 'auth_time', 'amr', 'acr'] as const;
const missing = (claim: string, i: number): SsafyPersona => ({
  id: `missing-${claim.replace('_', '-')}`,
  name: `누락${i}`,
  summary: `claim ${claim} missing`,
  memberId: `ssafy-m-9900${String(i).padStart(2, '0')}`,
  cohort: '14',
  campus: '서울',
  mattermostId: `missingclaim${String(i).padStart(14, '0')}`,
  hasProfileImage: false,
  faults: { token: `defect:missing-claim.${claim}` },
});
const MISSING = CLAIMS.map((claim, i) => [claim, missing(claim, i)] as const);

/**
 * SSAFY members just like SSAFY_EXISTING_MEMBER (13기 서울), each their own member id, so their
 * own pairwise `sub`: a successful verification stores the sub, and one sub belongs to one account.
 */
const STORED: SsafyPersona[] = Array.from({ length: 16 }, (_, i) => ({
  ...SSAFY_EXISTING_MEMBER,
  id: `stored-${i}`,
  name: `저장${i}`,
  memberId: `ssafy-m-9800${String(i).padStart(2, '0')}`,
  mattermostId: `stored${String(i).padStart(20, '0')}`,
}));
let storedUsed = 0;
/** A persona no test has verified yet. */
function freshPersona(): SsafyPersona {
  const persona = STORED[storedUsed++];
  if (persona === undefined) throw new Error('every STORED persona is used: add more');
  return persona;
}

interface StoredRow {
  provider: string;
  service_type: string;
  user_id: string | null;
  signup_ticket_hash: string | null;
  subject: string;
  cohort: string | null;
  campus: string | null;
  mattermost_id: string | null;
  phone: string | null;
  ci_hash: string | null;
  di: string | null;
  name: string | null;
  birthday: string | null;
  verified_at: Date;
}

/** What the api stored for a sub (the verify remote never answers a ticket for SSAFY). */
async function storedRows(sub: unknown): Promise<StoredRow[]> {
  return (
    await infra.api.db.query<StoredRow>(
      `SELECT provider, service_type, user_id, signup_ticket_hash, subject, cohort, campus, mattermost_id,
              phone, ci_hash, di, name, birthday, verified_at
         FROM verifications WHERE subject = $1 ORDER BY created_at`,
      [sub],
    )
  ).rows;
}

/** What a token without each claim is refused as (jose names iss and aud; our own checks the rest). */
const MISSING_CODE: Record<(typeof CLAIMS)[number], string> = {
  iss: 'SSAFY_TOKEN_ISSUER_MISMATCH',
  aud: 'SSAFY_TOKEN_AUDIENCE_MISMATCH',
  exp: 'SSAFY_TOKEN_CLAIM_INVALID',
  sub: 'SSAFY_TOKEN_CLAIM_INVALID',
  client_id: 'SSAFY_TOKEN_CLIENT_ID_MISMATCH',
  verified: 'SSAFY_TOKEN_NOT_VERIFIED',
  auth_time: 'SSAFY_TOKEN_CLAIM_INVALID',
  amr: 'SSAFY_TOKEN_CLAIM_INVALID',
  acr: 'SSAFY_TOKEN_CLAIM_INVALID',
};

let infra: Infra;
let verify: VerifyServer;
let issuer: string;

beforeAll(async () => {
  infra = await startInfra({ ssafyPersonas: [...MISSING.map(([, persona]) => persona), ...STORED] });
  verify = await startVerifyServer(infra);
  issuer = `${infra.sandbox.url}/ssafy`;
});

afterAll(async () => {
  await verify?.close();
  await infra?.stop();
});

const signedIn = (server: VerifyServer = verify) => signedInBrowser(server.url, infra.api, server.auth);
const member = async (server: VerifyServer = verify) => (await signedIn(server)).browser;

/** Starts this browser's transaction; the answer says when it ends, and nothing for the SDK. */
async function start(browser: TestBrowser): Promise<void> {
  const answer = await browser.post<SsafyStartResponse>('/verify/api/ssafy/start', {});
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(Object.keys(answer.body)).toEqual(['expiresAt']);
}

/** The state the hosted SDK makes for itself (the server never sees it). */
const sdkState = () => randomBytes(24).toString('base64url');

/** The SDK's callback, sent to verify-token as the page sends it: the guide's body, nothing more. */
function bodyOf(callback: SsafyCallback, overrides: Record<string, unknown> = {}) {
  return {
    code: callback.code,
    codeVerifier: callback.codeVerifier,
    redirectUri: SSAFY_REDIRECT_URI,
    iss: callback.iss,
    ...overrides,
  };
}

async function verifyAs(browser: TestBrowser, persona: string, overrides: Record<string, unknown> = {}) {
  await start(browser);
  const callback = await ssafyUserStep(issuer, sdkState(), persona);
  const answer = await browser.post('/verify/api/ssafy/verify-token', bodyOf(callback, overrides));
  return { answer, callback };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectFailure(
  answer: { status: number; body: Record<string, unknown> },
  status: number,
  code: string,
  errorCode: keyof typeof SSAFY_UI_ERROR_MESSAGES,
) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body).toMatchObject({
    ok: false,
    code,
    errorCode,
    message: SSAFY_UI_ERROR_MESSAGES[errorCode],
  });
  expect(Object.keys(answer.body).sort()).toEqual(['code', 'errorCode', 'message', 'ok', 'requestId']);
  // Nothing sensitive in a failure: no code, verifier, token or state.
  expect(JSON.stringify(answer.body)).not.toMatch(/eyJ|verification_token|code_verifier/);
}

describe('verify-token: success', () => {
  it('answers only {ok, verified, sub, cohort, campus, authTime}', async () => {
    const persona = freshPersona();
    const { browser } = await signedIn();
    const { answer } = await verifyAs(browser, persona.id);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual([
      'authTime',
      'campus',
      'cohort',
      'ok',
      'sub',
      'verified',
    ]);
    expect(answer.body).toMatchObject({ ok: true, verified: true, cohort: '13', campus: '서울' });
    expect(answer.body.sub).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Math.abs(Number(answer.body.authTime) - Date.now() / 1000)).toBeLessThan(60);
    // No name, Mattermost id or image: those scopes are not configured.
    expect(JSON.stringify(answer.body)).not.toContain(persona.name);
    expect(JSON.stringify(answer.body)).not.toContain(persona.mattermostId);
    expect(browser.cookies.get('mfv_vtx')).toBeUndefined();
  });

  it('stores only verified sub, cohort, campus and when, for the signed-in member', async () => {
    const persona = freshPersona();
    const { browser, userId } = await signedIn();
    const { answer } = await verifyAs(browser, persona.id);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const rows = await storedRows(answer.body.sub);
    expect(rows).toEqual([
      {
        provider: 'ssafy',
        service_type: 'ssafy.verify',
        user_id: userId,
        signup_ticket_hash: null,
        subject: answer.body.sub,
        cohort: '13',
        campus: '서울',
        // The scope is not configured: the issuer was asked for it, but the token's claim is not kept.
        mattermost_id: null,
        phone: null,
        ci_hash: null,
        di: null,
        name: null,
        birthday: null,
        verified_at: new Date(Number(answer.body.authTime) * 1000),
      },
    ]);
  });

  it('a pending signup may verify too (stored with its ticket); a signed-out browser may not even start (401)', async () => {
    const { browser } = await signingUpBrowser(verify.url, infra.api, verify.auth);
    const { answer } = await verifyAs(browser, SSAFY_NEW_MEMBER.id);
    expect(answer.body).toMatchObject({ ok: true, cohort: '14', campus: '대전' });
    const rows = await storedRows(answer.body.sub);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: null, cohort: '14', campus: '대전', mattermost_id: null });
    expect(rows[0]!.signup_ticket_hash).toMatch(/^[0-9a-f]{64}$/);
    const anonymous = new TestBrowser(verify.url);
    const refused = await anonymous.post('/verify/api/ssafy/start', {});
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'VERIFICATION_LOGIN_REQUIRED', ok: false });
  });

  it('a replayed verify-token (the same callback again) finds no transaction: 410', async () => {
    const browser = await member();
    const { answer, callback } = await verifyAs(browser, freshPersona().id);
    expect(answer.status).toBe(200);
    const replay = await browser.post('/verify/api/ssafy/verify-token', bodyOf(callback));
    expectFailure(replay, 410, 'SSAFY_TX_NOT_FOUND', 'VERIFY_RESPONSE_INVALID');
    expect(await storedRows(answer.body.sub)).toHaveLength(1);
  });

  it('with ssafy.mattermost_id configured, the Mattermost id is stored (and still not answered)', async () => {
    const scopes = ['ssafy.affiliation', 'ssafy.mattermost_id'];
    const withMattermost = await startVerifyServer(infra, { ssafy: { scopes } });
    try {
      const persona = freshPersona();
      const browser = await member(withMattermost);
      await start(browser);
      const callback = await ssafyUserStep(issuer, sdkState(), persona.id, {
        scopes: ['ssafy.verify', ...scopes],
      });
      const answer = await browser.post('/verify/api/ssafy/verify-token', bodyOf(callback));
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(JSON.stringify(answer.body)).not.toContain(persona.mattermostId);
      const rows = await storedRows(answer.body.sub);
      expect(rows.map((r) => r.mattermost_id)).toEqual([persona.mattermostId]);
    } finally {
      await withMattermost.close();
    }
  });
});

describe('verify-token: one SSAFY member, one account', () => {
  function expectRefused(
    answer: { status: number; body: Record<string, unknown> },
    code: string,
    message: string,
  ) {
    expect(answer.status, JSON.stringify(answer.body)).toBe(409);
    // The SSAFY Verify guide's failure shape; requestId is the issuer's request_id when it sent one.
    const { requestId, ...rest } = answer.body;
    expect(rest).toEqual({ ok: false, code, message });
    expect(requestId === null || /^[\x21-\x7e]+$/.test(String(requestId)), String(requestId)).toBe(true);
    expect(JSON.stringify(answer.body)).not.toMatch(/eyJ|verification_token|code_verifier/);
  }

  it('the same SSAFY member on another account → 409 VERIFICATION_ALREADY_REGISTERED, nothing stored for it', async () => {
    const persona = freshPersona();
    const first = await signedIn();
    const { answer } = await verifyAs(first.browser, persona.id);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);

    const other = await member();
    const { answer: refused } = await verifyAs(other, persona.id);
    expectRefused(refused, 'VERIFICATION_ALREADY_REGISTERED', MESSAGES.SSAFY_ALREADY_REGISTERED);
    // A pending signup with another login is refused the same way.
    const { browser: signingUp } = await signingUpBrowser(verify.url, infra.api, verify.auth);
    const { answer: refusedSignup } = await verifyAs(signingUp, persona.id);
    expectRefused(refusedSignup, 'VERIFICATION_ALREADY_REGISTERED', MESSAGES.SSAFY_ALREADY_REGISTERED);
    expect((await storedRows(answer.body.sub)).map((r) => r.user_id)).toEqual([first.userId]);

    // The same member verifying again is fine.
    const { answer: again } = await verifyAs(first.browser, persona.id);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect((await storedRows(answer.body.sub)).map((r) => r.user_id)).toEqual([first.userId, first.userId]);
  });

  it('an account verified as one SSAFY member cannot verify as another → 409 VERIFICATION_PERSON_MISMATCH', async () => {
    const browser = await member();
    const { answer } = await verifyAs(browser, freshPersona().id);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const { answer: refused } = await verifyAs(browser, freshPersona().id);
    expectRefused(refused, 'VERIFICATION_PERSON_MISMATCH', MESSAGES.SSAFY_PERSON_MISMATCH);
  });
});

describe('verify-token: the code bound to this transaction (docs/security.md F10)', () => {
  it('the SDK’s own state never reaches the server: the guide’s body verifies; a `state` field is refused as unknown', async () => {
    const browser = await member();
    await start(browser);
    const callback = await ssafyUserStep(issuer, sdkState(), freshPersona().id);
    const withState = await browser.post(
      '/verify/api/ssafy/verify-token',
      bodyOf(callback, { state: callback.state }),
    );
    expect(withState.status).toBe(400);
    expect(withState.body).toMatchObject({ code: 'INVALID_INPUT' });
    const answer = await browser.post('/verify/api/ssafy/verify-token', bodyOf(callback));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  });

  it('a code whose verification ended before this transaction started (replayed under a later one) → 409 SSAFY_CODE_NOT_FOR_TRANSACTION, nothing stored', async () => {
    const browser = await member();
    const persona = freshPersona();
    await start(browser);
    const earlier = await ssafyUserStep(issuer, sdkState(), persona.id);
    // The first transaction is abandoned with its code unused; a later one is started.
    await sleep(3_500);
    await start(browser);
    const answer = await browser.post('/verify/api/ssafy/verify-token', bodyOf(earlier));
    expectFailure(answer, 409, 'SSAFY_CODE_NOT_FOR_TRANSACTION', 'VERIFY_RESPONSE_INVALID');
    expect(browser.cookies.get('mfv_vtx')).toBeUndefined();
    // The same person, verifying within a transaction, is fine.
    const { answer: fresh } = await verifyAs(browser, persona.id);
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    expect(await storedRows(fresh.body.sub)).toHaveLength(1);
  });

  it(`the sandbox’s replayed code (persona ${SSAFY_CODE_FROM_EARLIER_VERIFICATION.id}: verified 90 s before the request) → 409`, async () => {
    const browser = await member();
    const { answer } = await verifyAs(browser, SSAFY_CODE_FROM_EARLIER_VERIFICATION.id);
    expectFailure(answer, 409, 'SSAFY_CODE_NOT_FOR_TRANSACTION', 'VERIFY_RESPONSE_INVALID');
  });

  it('a code presented once (here refused for its iss) is refused under any later transaction → 409 SSAFY_CODE_REPLAYED', async () => {
    const browser = await member();
    await start(browser);
    const callback = await ssafyUserStep(issuer, sdkState(), freshPersona().id);
    const first = await browser.post(
      '/verify/api/ssafy/verify-token',
      bodyOf(callback, { iss: 'https://verify.attacker.example' }),
    );
    expectFailure(first, 400, 'CALLBACK_ISSUER_MISMATCH', 'CALLBACK_ISSUER_MISMATCH');
    // The transaction is spent: the same browser, and another member's, start again.
    for (const b of [browser, await member()]) {
      await start(b);
      const again = await b.post('/verify/api/ssafy/verify-token', bodyOf(callback));
      expectFailure(again, 409, 'SSAFY_CODE_REPLAYED', 'VERIFY_RESPONSE_INVALID');
    }
  });

  it('a code already exchanged, presented under a new transaction → 409 SSAFY_CODE_REPLAYED (the issuer is not asked again)', async () => {
    const browser = await member();
    const { answer, callback } = await verifyAs(browser, freshPersona().id);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    await start(browser);
    const replay = await browser.post('/verify/api/ssafy/verify-token', bodyOf(callback));
    expectFailure(replay, 409, 'SSAFY_CODE_REPLAYED', 'VERIFY_RESPONSE_INVALID');
    expect(replay.body.requestId).toBeNull();
    expect(await storedRows(answer.body.sub)).toHaveLength(1);
  });

  it('another member’s transaction cannot be used: the cookie’s transaction belongs to whom started it', async () => {
    const mine = await member();
    const theirs = await member();
    await start(theirs);
    const callback = await ssafyUserStep(issuer, sdkState(), SSAFY_EXISTING_MEMBER.id);
    // No transaction of my own: 410, whatever code I hold.
    const answer = await mine.post('/verify/api/ssafy/verify-token', bodyOf(callback));
    expectFailure(answer, 410, 'SSAFY_TX_NOT_FOUND', 'VERIFY_RESPONSE_INVALID');
  });
});

describe('verify-token: the transaction, the issuer, the redirect URI, PKCE', () => {
  it('no transaction at all → 410 SSAFY_TX_NOT_FOUND', async () => {
    const browser = await member();
    const callback = await ssafyUserStep(issuer, sdkState(), SSAFY_EXISTING_MEMBER.id);
    const answer = await browser.post('/verify/api/ssafy/verify-token', bodyOf(callback));
    expectFailure(answer, 410, 'SSAFY_TX_NOT_FOUND', 'VERIFY_RESPONSE_INVALID');
  });

  it('an iss other than the configured issuer → 400 CALLBACK_ISSUER_MISMATCH (body or issuer fault)', async () => {
    const browser = await member();
    for (const iss of [`${issuer}/`, 'https://verify.attacker.example', issuer.toUpperCase()]) {
      const { answer } = await verifyAs(browser, SSAFY_EXISTING_MEMBER.id, { iss });
      expectFailure(answer, 400, 'CALLBACK_ISSUER_MISMATCH', 'CALLBACK_ISSUER_MISMATCH');
    }
    // The issuer's page puts another issuer in the callback (defect:wrong-iss).
    const { answer, callback } = await verifyAs(browser, SSAFY_CALLBACK_WRONG_ISSUER.id);
    expect(callback.iss).toBe('https://verify.attacker.example');
    expectFailure(answer, 400, 'CALLBACK_ISSUER_MISMATCH', 'CALLBACK_ISSUER_MISMATCH');
  });

  it('a redirect URI other than the registered one → 400 SSAFY_REDIRECT_URI_MISMATCH', async () => {
    const browser = await member();
    const { answer } = await verifyAs(browser, SSAFY_EXISTING_MEMBER.id, {
      redirectUri: `${PUBLIC_ORIGIN}/verify/ssafy/other`,
    });
    expectFailure(answer, 400, 'SSAFY_REDIRECT_URI_MISMATCH', 'VERIFY_RESPONSE_INVALID');
  });

  it('a verifier that does not match the SDK’s challenge → 400 SSAFY_PKCE_MISMATCH with the issuer’s request_id', async () => {
    const browser = await member();
    const { answer } = await verifyAs(browser, SSAFY_EXISTING_MEMBER.id, { codeVerifier: 'v'.repeat(64) });
    expectFailure(answer, 400, 'SSAFY_PKCE_MISMATCH', 'VERIFY_RESPONSE_INVALID');
    expect(answer.body.requestId).toMatch(/^[\x21-\x7e]+$/);
  });

  it('a code the issuer does not know → 400 SSAFY_CODE_INVALID', async () => {
    const browser = await member();
    const { answer } = await verifyAs(browser, SSAFY_EXISTING_MEMBER.id, { code: 'not-a-code' });
    expectFailure(answer, 400, 'SSAFY_CODE_INVALID', 'VERIFY_RESPONSE_INVALID');
  });

  it.each([
    ['a missing field', { code: undefined }],
    ['a verifier that is not RFC 7636', { codeVerifier: 'short' }],
    ['an unknown field', { clientSecret: 'x' }],
    ['a code with spaces', { code: 'a b' }],
  ])('the body is checked first: %s → 400 INVALID_INPUT, transaction kept', async (_, override) => {
    const browser = await member();
    await start(browser);
    const callback = await ssafyUserStep(issuer, sdkState(), freshPersona().id);
    const bad = await browser.post('/verify/api/ssafy/verify-token', bodyOf(callback, override));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_INPUT' });
    const good = await browser.post('/verify/api/ssafy/verify-token', bodyOf(callback));
    expect(good.status).toBe(200);
  });

  it('CSRF on both routes (403 without the token)', async () => {
    const browser = await member();
    for (const path of ['/verify/api/ssafy/start', '/verify/api/ssafy/verify-token']) {
      const answer = await browser.send('POST', path, {}, { origin: PUBLIC_ORIGIN });
      expect(answer.status).toBe(403);
    }
  });
});

describe('verify-token: hostile verification_tokens', () => {
  it.each([
    ['iss of another issuer', SSAFY_TOKEN_WRONG_ISSUER.id, 'SSAFY_TOKEN_ISSUER_MISMATCH'],
    ['expired', SSAFY_TOKEN_EXPIRED.id, 'SSAFY_TOKEN_EXPIRED'],
    ['a signature the JWKS does not verify', SSAFY_TOKEN_BAD_SIGNATURE.id, 'SSAFY_TOKEN_BAD_SIGNATURE'],
  ])('%s (persona %s) → 502 %s, VERIFY_RESPONSE_INVALID', async (_, persona, code) => {
    const browser = await member();
    const { answer } = await verifyAs(browser, persona);
    expectFailure(answer, 502, code, 'VERIFY_RESPONSE_INVALID');
  });

  it.each(MISSING.map(([claim, persona]) => [claim, persona.id, MISSING_CODE[claim]] as const))(
    'without %s (persona %s) → 502 %s',
    async (_, persona, code) => {
      const browser = await member();
      const { answer } = await verifyAs(browser, persona);
      expectFailure(answer, 502, code, 'VERIFY_RESPONSE_INVALID');
    },
  );

  it('a token signed with an algorithm other than the pinned one → 502 SSAFY_TOKEN_ALG_NOT_ALLOWED', async () => {
    // The issuer signs ES256; this server accepts RS256 only.
    const pinned = await startVerifyServer(infra, { ssafy: { algorithm: 'RS256' } });
    try {
      const browser = await member(pinned);
      const { answer } = await verifyAs(browser, SSAFY_EXISTING_MEMBER.id);
      expectFailure(answer, 502, 'SSAFY_TOKEN_ALG_NOT_ALLOWED', 'VERIFY_RESPONSE_INVALID');
    } finally {
      await pinned.close();
    }
  });

  it('a client id the issuer does not know (misconfiguration) → 503 SSAFY_NOT_CONFIGURED', async () => {
    // This server believes it is another client: the issuer refuses the exchange (INVALID_CLIENT).
    const other = await startVerifyServer(infra, { ssafy: { clientId: 'someone-else' } });
    try {
      const browser = await member(other);
      await start(browser);
      const callback = await ssafyUserStep(issuer, sdkState(), SSAFY_EXISTING_MEMBER.id);
      const answer = await browser.post('/verify/api/ssafy/verify-token', bodyOf(callback));
      expectFailure(answer, 503, 'SSAFY_NOT_CONFIGURED', 'VERIFY_RESPONSE_INVALID');
    } finally {
      await other.close();
    }
  });
});

describe('verify-token: the issuer unreachable or slow', () => {
  it('the connection dropped at /verify/token → 503 VERIFY_NETWORK_FAILED', async () => {
    const browser = await member();
    const { answer } = await verifyAs(browser, SSAFY_TOKEN_NETWORK_ERROR.id);
    expectFailure(answer, 503, 'SSAFY_NETWORK', 'VERIFY_NETWORK_FAILED');
    expect(answer.headers.get('retry-after')).not.toBeNull();
  });

  it(`an answer later than the ${PROVIDER_TIMEOUT_MS} ms bound → 503 SSAFY_TIMEOUT, within the bound`, async () => {
    const browser = await member();
    await start(browser);
    const callback = await ssafyUserStep(issuer, sdkState(), SSAFY_TOKEN_SLOW.id);
    const started = performance.now();
    const answer = await browser.post('/verify/api/ssafy/verify-token', bodyOf(callback));
    expect(performance.now() - started).toBeLessThan(PROVIDER_TIMEOUT_MS + 1_000);
    expectFailure(answer, 503, 'SSAFY_TIMEOUT', 'VERIFY_NETWORK_FAILED');
  });
});
