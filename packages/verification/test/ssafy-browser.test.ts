/**
 * The browser-safe SSAFY helpers: PKCE (RFC 7636 Appendix B vector), state, issuer comparison,
 * the SDK callback rules, the UI error messages, and proof that the module pulls in no `node:`
 * module (a browser build of it succeeds with nothing external).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  createPkcePair,
  createState,
  interpretSsafyCallback,
  isExpectedIssuer,
  pkceChallenge,
  SSAFY_UI_ERROR_CODES,
  SSAFY_UI_ERROR_MESSAGES,
  SSAFY_UI_GENERIC_ERROR_MESSAGE,
  ssafyUiErrorMessage,
  type SsafySdkCallback,
} from '../src/ssafy/browser.js';

const ISSUER = 'https://verify.myknow.xyz';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

function callback(overrides: Partial<SsafySdkCallback> = {}): SsafySdkCallback {
  return {
    code: 'code-1',
    error: null,
    iss: ISSUER,
    error_code: null,
    request_id: 'req-1',
    codeVerifier: VERIFIER,
    ...overrides,
  };
}

describe('PKCE and state', () => {
  it('matches the RFC 7636 Appendix B example', async () => {
    expect(await pkceChallenge(VERIFIER)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
  it('creates a 43-character verifier and its S256 challenge', async () => {
    const pair = await createPkcePair();
    expect(pair.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pair.codeChallenge).toBe(await pkceChallenge(pair.codeVerifier));
    expect(pair.codeChallengeMethod).toBe('S256');
    expect((await createPkcePair()).codeVerifier).not.toBe(pair.codeVerifier);
  });
  it('refuses a verifier outside RFC 7636 §4.1', async () => {
    await expect(pkceChallenge('too-short')).rejects.toThrow();
    await expect(pkceChallenge(`${VERIFIER}!`)).rejects.toThrow();
  });
  it('state is 256 random bits in base64url', () => {
    const a = createState();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createState()).not.toBe(a);
  });
});

describe('issuer comparison (RFC 9207 §2.4)', () => {
  it('is exact', () => {
    expect(isExpectedIssuer(ISSUER, ISSUER)).toBe(true);
    for (const other of [
      `${ISSUER}/`,
      'https://VERIFY.myknow.xyz',
      'https://verify.myknow.xyz:443',
      '',
      null,
      undefined,
      42,
    ]) {
      expect(isExpectedIssuer(other, ISSUER)).toBe(false);
    }
  });
});

describe('interpretSsafyCallback', () => {
  it('ok: code, verifier and issuer', () => {
    expect(interpretSsafyCallback(callback(), ISSUER)).toEqual({
      ok: true,
      code: 'code-1',
      codeVerifier: VERIFIER,
      iss: ISSUER,
      requestId: 'req-1',
    });
  });
  it.each([
    ['no SDK', undefined, false, 'SDK_NOT_READY'],
    ['verify() rejected', null, true, 'VERIFY_POPUP_FAILED'],
    [
      'cancelled without error_code',
      callback({ error: 'access_denied', code: null }),
      true,
      'VERIFY_CANCELLED',
    ],
    [
      'SDK error_code is passed through',
      callback({ error: 'x', error_code: 'POPUP_CLOSED', code: null }),
      true,
      'POPUP_CLOSED',
    ],
    [
      'junk error_code falls back',
      callback({ error: 'x', error_code: '<script>', code: null }),
      true,
      'VERIFY_CANCELLED',
    ],
    ['no code', callback({ code: null }), true, 'VERIFY_CANCELLED'],
    ['issuer mismatch', callback({ iss: 'https://evil.example' }), true, 'CALLBACK_ISSUER_MISMATCH'],
    ['missing issuer', callback({ iss: null }), true, 'CALLBACK_ISSUER_MISMATCH'],
    ['bad verifier', callback({ codeVerifier: 'x' }), true, 'VERIFY_RESPONSE_INVALID'],
  ])('%s → %s', (_name, value, sdk, errorCode) => {
    const outcome = interpretSsafyCallback(
      value as SsafySdkCallback | null | undefined,
      ISSUER,
      sdk as boolean,
    );
    expect(outcome).toMatchObject({ ok: false, errorCode });
    expect(JSON.stringify(outcome)).not.toContain('code-1');
  });
});

describe('UI messages', () => {
  it('every UI code has a Korean message; unknown codes get the generic one', () => {
    expect(SSAFY_UI_ERROR_CODES).toEqual([
      'SDK_NOT_READY',
      'VERIFY_POPUP_FAILED',
      'VERIFY_CANCELLED',
      'CALLBACK_ISSUER_MISMATCH',
      'VERIFY_NETWORK_FAILED',
      'VERIFY_RESPONSE_INVALID',
    ]);
    for (const code of SSAFY_UI_ERROR_CODES) expect(SSAFY_UI_ERROR_MESSAGES[code]).toMatch(/[가-힣]/);
    expect(ssafyUiErrorMessage('VERIFY_CANCELLED')).toBe(SSAFY_UI_ERROR_MESSAGES.VERIFY_CANCELLED);
    expect(ssafyUiErrorMessage('SOMETHING_NEW')).toBe(SSAFY_UI_GENERIC_ERROR_MESSAGE);
  });
});

describe('browser safety', () => {
  const entry = fileURLToPath(new URL('../src/ssafy/browser.ts', import.meta.url));

  it('imports nothing at all (so no node: module)', () => {
    expect(readFileSync(entry, 'utf8')).not.toMatch(/^\s*import\s|require\(/m);
  });

  it('builds for the browser with no externals', async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const text = result.outputFiles.map((f) => f.text).join('');
    expect(text).not.toMatch(/node:|require\(/);
  });
});
