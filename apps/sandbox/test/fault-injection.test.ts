import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { FAULT_HEADER, FaultSpecError, parseFault } from '../src/faults.js';
import {
  EXISTING_MEMBER,
  KAKAO_CONSENT_OUTAGE,
  KAKAO_MALFORMED_TOKEN,
  KAKAO_PROFILE_ERROR,
  KAKAO_PROFILE_HANG,
  PERSONAS,
  type Persona,
} from '../src/personas.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  REDIRECT_URI,
  TEST_APPS,
  authorizeAs,
  authorizeUrl,
  defaultAuthorizeParams,
  loginAs,
  openConsent,
  postToken,
  startSandbox,
  submitConsent,
  userMe,
} from './helpers.js';

describe('parseFault', () => {
  it('reads each kind and the delay+action combination', () => {
    expect(parseFault('delay:250', 1000)).toEqual({ delayMs: 250 });
    expect(parseFault('status:503', 1000)).toEqual({ delayMs: 0, action: { kind: 'status', status: 503 } });
    expect(parseFault('malformed', 1000)).toEqual({ delayMs: 0, action: { kind: 'malformed' } });
    expect(parseFault('hang', 1000)).toEqual({ delayMs: 0, action: { kind: 'hang' } });
    expect(parseFault(' delay:10 , status:429 ', 1000)).toEqual({
      delayMs: 10,
      action: { kind: 'status', status: 429 },
    });
  });

  it.each([
    ['', 'empty'],
    ['explode', 'expected delay'],
    ['delay:abc', 'expected delay'],
    ['delay:1001', 'at most 1000'],
    ['delay:1,delay:2', 'only one delay'],
    ['status:200', '400–599'],
    ['status:600', '400–599'],
    ['status:5000', 'expected delay'],
    ['hang,malformed', 'only one of'],
    ['status:500,hang', 'only one of'],
  ])('rejects %j (%s)', (spec, message) => {
    expect(() => parseFault(spec, 1000)).toThrow(FaultSpecError);
    expect(() => parseFault(spec, 1000)).toThrow(message);
  });
});

const withFault = (fault: string) => ({ [FAULT_HEADER]: fault });

async function freshCode(url: string): Promise<string> {
  return (await authorizeAs(url, EXISTING_MEMBER.id)).get('code') ?? '';
}

function exchange(url: string, code: string, headers: Record<string, string> = {}) {
  return postToken(
    url,
    {
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uri: REDIRECT_URI,
      code,
    },
    headers,
  );
}

describe('faults by request header', () => {
  it('status:<code> on the token endpoint answers Kakao-shaped, and leaves the code unspent', async () => {
    const { url } = await startSandbox();
    const code = await freshCode(url);
    const res = await exchange(url, code, withFault('status:503'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error: 'server_error',
      error_description: 'sandbox fault: HTTP 503',
      error_code: 'KOE003',
    });
    expect((await exchange(url, code)).status).toBe(200);
  });

  it('status:<code> on user/me answers {msg, code} with Kakao’s common code for that status', async () => {
    const { url } = await startSandbox();
    const token = await loginAs(url, EXISTING_MEMBER.id);
    const limited = await userMe(url, String(token.access_token), { headers: withFault('status:429') });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ msg: 'sandbox fault: HTTP 429', code: -10 });
    const down = await userMe(url, String(token.access_token), { headers: withFault('status:500') });
    expect(((await down.json()) as { code: number }).code).toBe(-1);
  });

  it('malformed answers 200 with a JSON content type and a body that does not parse', async () => {
    const { url } = await startSandbox();
    const res = await exchange(url, await freshCode(url), withFault('malformed'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });

  it('delay:<ms> waits, then answers normally', async () => {
    const { url } = await startSandbox();
    const token = await loginAs(url, EXISTING_MEMBER.id);
    const started = performance.now();
    const res = await userMe(url, String(token.access_token), { headers: withFault('delay:300') });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(res.status).toBe(200);
  });

  it('hang never answers; the client’s own timeout ends it and the sandbox lets the request go', async () => {
    const { url, app } = await startSandbox();
    const token = await loginAs(url, EXISTING_MEMBER.id);
    const attempt = userMe(url, String(token.access_token), {
      headers: withFault('hang'),
      signal: AbortSignal.timeout(300),
    });
    await expect(attempt).rejects.toThrow(/aborted|timeout/i);
    await expect.poll(() => app.sandbox.faults.pending, { timeout: 2000 }).toBe(0);
  });

  it('hang is bounded: after the ceiling the connection is dropped without an answer', async () => {
    const { url } = await startSandbox({ faultMaxMs: 300 });
    const started = performance.now();
    await expect(fetch(`${url}/kakao/kapi/v2/user/me`, { headers: withFault('hang') })).rejects.toThrow();
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(5000);
  });

  it('delays are capped at the app’s ceiling', async () => {
    const { url } = await startSandbox({ faultMaxMs: 300 });
    const started = performance.now();
    const res = await exchange(url, 'unknown-code', withFault('delay:5000'));
    expect(((await res.json()) as { error_code: string }).error_code).toBe('KOE320');
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(3000);
  });

  it('an invalid header (e.g. a delay above 60 s) is refused with 400 in the provider’s shape', async () => {
    const { url } = await startSandbox();
    const res = await exchange(url, 'any', withFault('delay:60001'));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; error_code: string; error_description: string };
    expect(body.error).toBe('invalid_request');
    expect(body.error_code).toBe('KOE001');
    expect(body.error_description).toContain(FAULT_HEADER);
    expect(body.error_description).toContain('at most 60000 ms');
  });

  it('on the browser-facing authorize page, status:<code> renders an HTML error page', async () => {
    const { url } = await startSandbox();
    const res = await fetch(authorizeUrl(url, defaultAuthorizeParams()), {
      headers: withFault('status:502'),
    });
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('data-error-code="KOE003"');
  });

  it('/healthz ignores fault headers', async () => {
    const { url } = await startSandbox();
    const res = await fetch(`${url}/healthz`, { headers: withFault('status:500') });
    expect(res.status).toBe(200);
  });

  it('closing the app releases hanging requests at once', async () => {
    const { url, app } = await startSandbox();
    const attempt = fetch(`${url}/kakao/kapi/v2/user/me`, { headers: withFault('hang') }).catch(
      (err: unknown) => err,
    );
    await expect.poll(() => app.sandbox.faults.pending, { timeout: 2000 }).toBe(1);
    const started = performance.now();
    await app.close();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await attempt).toBeInstanceOf(Error);
  });
});

describe('faults by persona (for flows a browser drives)', () => {
  it('a persona whose profile call fails: the token exchange works, user/me answers 500 {code:-1}', async () => {
    const { url } = await startSandbox();
    const token = await loginAs(url, KAKAO_PROFILE_ERROR.id);
    const res = await userMe(url, String(token.access_token));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ msg: 'sandbox fault: HTTP 500', code: -1 });
  });

  it('a persona whose token response is malformed', async () => {
    const { url } = await startSandbox();
    const code = (await authorizeAs(url, KAKAO_MALFORMED_TOKEN.id)).get('code') ?? '';
    const res = await exchange(url, code);
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('a persona whose profile call hangs, bounded by the ceiling', async () => {
    const { url } = await startSandbox({ faultMaxMs: 300 });
    const token = await loginAs(url, KAKAO_PROFILE_HANG.id);
    await expect(userMe(url, String(token.access_token))).rejects.toThrow();
  });

  it('a persona whose consent fails at Kakao: 503 error page, no redirect back', async () => {
    const { url } = await startSandbox();
    const page = await openConsent(authorizeUrl(url, defaultAuthorizeParams()));
    const res = await submitConsent(
      url,
      { request_id: page.requestId, nonce: page.nonce, persona: KAKAO_CONSENT_OUTAGE.id, action: 'consent' },
      { cookie: page.cookie },
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('a persona delay applies to its token and profile calls only', async () => {
    const slow: Persona = {
      id: 'slow-test',
      name: '테스트',
      summary: '느린 응답 (테스트용)',
      kakao: {
        ...EXISTING_MEMBER.kakao,
        id: 4199999999,
        faults: { token: 'delay:500', userMe: 'delay:500' },
      },
    };
    const { url } = await startSandbox({ personas: [EXISTING_MEMBER, slow] });
    let started = performance.now();
    const token = await loginAs(url, slow.id);
    expect(performance.now() - started).toBeGreaterThanOrEqual(490);
    started = performance.now();
    expect((await userMe(url, String(token.access_token))).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(490);
    started = performance.now();
    await loginAs(url, EXISTING_MEMBER.id);
    expect(performance.now() - started).toBeLessThan(490);
  });

  it('a request header takes precedence over the persona’s fault', async () => {
    const { url } = await startSandbox();
    const token = await loginAs(url, KAKAO_PROFILE_ERROR.id);
    const res = await userMe(url, String(token.access_token), { headers: withFault('delay:1') });
    expect(res.status).toBe(200);
  });

  it('every persona in the shared registry has a parseable fault spec (the app refuses otherwise)', () => {
    expect(() => buildApp({ kakao: TEST_APPS, personas: PERSONAS })).not.toThrow();
    const broken: Persona = {
      ...EXISTING_MEMBER,
      kakao: { ...EXISTING_MEMBER.kakao, faults: { userMe: 'explode' } },
    };
    expect(() => buildApp({ kakao: TEST_APPS, personas: [broken] })).toThrow(
      /persona kim-minjun: kakao\.faults\.userMe/,
    );
  });
});
