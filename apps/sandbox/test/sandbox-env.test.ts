import { ConfigError } from '@mfv/config';
import { describe, expect, it } from 'vitest';
import { loadSandboxEnv, sandboxOptionsFromEnv, tossMtlsDirFromEnv } from '../src/env.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadSandboxEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => p.variable);
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('sandbox environment (packages/config sandboxEnvSchema)', () => {
  it('defaults: 127.0.0.1:4100, one Kakao app with the proxy callback, no secret, 60 s fault ceiling', () => {
    const env = loadSandboxEnv({});
    expect(env).toEqual({
      SANDBOX_HOST: '127.0.0.1',
      SANDBOX_PORT: 4100,
      SANDBOX_LOG_LEVEL: 'info',
      SANDBOX_FAULT_MAX_MS: 60000,
      SANDBOX_KAKAO_CLIENT_ID: 'sandbox-kakao-client',
      SANDBOX_KAKAO_REDIRECT_URIS: ['http://localhost:8080/user/login/kakao/callback'],
      SANDBOX_KCB_CLIENT_ID: 'sandbox-kcb-client',
      SANDBOX_KCB_CLIENT_SECRET: 'sandbox-kcb-secret',
      SANDBOX_KCB_MEMBER_CODE: 'SBX000000001',
      SANDBOX_KCB_RETURN_URLS: ['http://localhost:8080/verify/kcb/callback'],
      SANDBOX_SSAFY_ISSUER: 'http://127.0.0.1:4100/ssafy',
      SANDBOX_SSAFY_CLIENT_ID: 'sandbox-ssafy-client',
      SANDBOX_SSAFY_REDIRECT_URIS: ['http://localhost:8080/verify/ssafy/callback'],
      SANDBOX_TOSS_MTLS_PORT: 4443,
      SANDBOX_TOSS_DECRYPT_KEY: 'pbcK4C4M81Sv1iovBYbKQeNwMD4KykDQwXDyLFqtRd4=',
      SANDBOX_TOSS_AAD: 'mfv-sandbox-toss-aad',
      SANDBOX_TOSS_UNLINK_BASIC_AUTH: 'sandbox-toss:sandbox-unlink-secret',
      SANDBOX_MOK_SERVICE_ID: 'sandbox-mok-service',
      SANDBOX_MOK_KEYFILE_PASSWORD: 'sandbox-mok-dev-password',
      SANDBOX_MOK_SITE_URLS: ['localhost', 'localhost:8080'],
      SANDBOX_MOK_ARS_CODES: ['ARS-SANDBOX-0001'],
    });
    const options = sandboxOptionsFromEnv(env);
    expect(options.kakao.apps).toHaveLength(1);
    expect(options.kakao.apps[0]).not.toHaveProperty('clientSecret');
  });

  it('reads a comma list of redirect URIs, a secret and overrides', () => {
    const env = loadSandboxEnv({
      SANDBOX_HOST: '0.0.0.0',
      SANDBOX_PORT: '14100',
      SANDBOX_KAKAO_CLIENT_ID: 'my-rest-key',
      SANDBOX_KAKAO_CLIENT_SECRET: 's3cret',
      SANDBOX_KAKAO_REDIRECT_URIS: ' http://localhost:8080/a , https://example.test/b?x=1 ,',
      SANDBOX_FAULT_MAX_MS: '5000',
    });
    expect(env.SANDBOX_KAKAO_REDIRECT_URIS).toEqual([
      'http://localhost:8080/a',
      'https://example.test/b?x=1',
    ]);
    expect(sandboxOptionsFromEnv(env).kakao.apps[0]).toEqual({
      clientId: 'my-rest-key',
      clientSecret: 's3cret',
      redirectUris: ['http://localhost:8080/a', 'https://example.test/b?x=1'],
      name: '샌드박스 앱',
      // The platform's app is granted the 연계정보 (CI) consent item: Kakao logins report the CI.
      ciConsentItem: true,
    });
    expect(sandboxOptionsFromEnv(env).faultMaxMs).toBe(5000);
  });

  it('an empty value counts as unset (falls back to the default)', () => {
    expect(loadSandboxEnv({ SANDBOX_KAKAO_CLIENT_SECRET: '' }).SANDBOX_KAKAO_CLIENT_SECRET).toBeUndefined();
  });

  it.each([
    [{ SANDBOX_PORT: 'abc' }, 'SANDBOX_PORT'],
    [{ SANDBOX_PORT: '70000' }, 'SANDBOX_PORT'],
    [{ SANDBOX_HOST: 'bad host!' }, 'SANDBOX_HOST'],
    [{ SANDBOX_LOG_LEVEL: 'loud' }, 'SANDBOX_LOG_LEVEL'],
    [{ SANDBOX_FAULT_MAX_MS: '60001' }, 'SANDBOX_FAULT_MAX_MS'],
    [{ SANDBOX_FAULT_MAX_MS: '0' }, 'SANDBOX_FAULT_MAX_MS'],
    [{ SANDBOX_KAKAO_CLIENT_ID: 'has space' }, 'SANDBOX_KAKAO_CLIENT_ID'],
    [{ SANDBOX_KAKAO_CLIENT_SECRET: 'has space' }, 'SANDBOX_KAKAO_CLIENT_SECRET'],
    [{ SANDBOX_KAKAO_REDIRECT_URIS: '/relative/callback' }, 'SANDBOX_KAKAO_REDIRECT_URIS'],
    [{ SANDBOX_KAKAO_REDIRECT_URIS: 'ftp://example.test/cb' }, 'SANDBOX_KAKAO_REDIRECT_URIS'],
    [{ SANDBOX_KAKAO_REDIRECT_URIS: 'http://localhost:8080/cb#frag' }, 'SANDBOX_KAKAO_REDIRECT_URIS'],
    [{ SANDBOX_KAKAO_REDIRECT_URIS: ' , ,' }, 'SANDBOX_KAKAO_REDIRECT_URIS'],
    [{ SANDBOX_MOK_SERVICE_ID: 'has space' }, 'SANDBOX_MOK_SERVICE_ID'],
    [{ SANDBOX_MOK_SERVICE_ID: 'x'.repeat(65) }, 'SANDBOX_MOK_SERVICE_ID'],
    [{ SANDBOX_MOK_KEYFILE_PASSWORD: 'short' }, 'SANDBOX_MOK_KEYFILE_PASSWORD'],
    [{ SANDBOX_MOK_KEYFILE_PASSWORD: 'päss-wörd-with-umlauts' }, 'SANDBOX_MOK_KEYFILE_PASSWORD'],
    [{ SANDBOX_MOK_KEY_DIR: 'relative/mok' }, 'SANDBOX_MOK_KEY_DIR'],
    [{ SANDBOX_MOK_SITE_URLS: 'www.example.com,bad host!' }, 'SANDBOX_MOK_SITE_URLS'],
    [{ SANDBOX_MOK_SITE_URLS: ' , ' }, 'SANDBOX_MOK_SITE_URLS'],
    [{ SANDBOX_MOK_ARS_CODES: 'ARS CODE' }, 'SANDBOX_MOK_ARS_CODES'],
    [{ SANDBOX_KCB_MEMBER_CODE: 'SHORT' }, 'SANDBOX_KCB_MEMBER_CODE'],
    [{ SANDBOX_KCB_MEMBER_CODE: 'TOO-LONG-CODE-1' }, 'SANDBOX_KCB_MEMBER_CODE'],
    [{ SANDBOX_KCB_CLIENT_SECRET: 'has space' }, 'SANDBOX_KCB_CLIENT_SECRET'],
    [{ SANDBOX_KCB_RETURN_URLS: '/relative' }, 'SANDBOX_KCB_RETURN_URLS'],
    [{ SANDBOX_SSAFY_ISSUER: 'http://127.0.0.1:4100/ssafy/' }, 'SANDBOX_SSAFY_ISSUER'],
    [{ SANDBOX_SSAFY_ISSUER: 'not a url' }, 'SANDBOX_SSAFY_ISSUER'],
    [{ SANDBOX_SSAFY_REDIRECT_URIS: 'http://localhost:8080/cb#x' }, 'SANDBOX_SSAFY_REDIRECT_URIS'],
    [{ SANDBOX_TOSS_MTLS_PORT: '0' }, 'SANDBOX_TOSS_MTLS_PORT'],
    [{ SANDBOX_TOSS_MTLS_DIR: 'relative/dir' }, 'SANDBOX_TOSS_MTLS_DIR'],
    [{ SANDBOX_TOSS_DECRYPT_KEY: Buffer.alloc(16).toString('base64') }, 'SANDBOX_TOSS_DECRYPT_KEY'],
    [{ SANDBOX_TOSS_DECRYPT_KEY: 'not base64 at all!' }, 'SANDBOX_TOSS_DECRYPT_KEY'],
    [{ SANDBOX_TOSS_UNLINK_CALLBACK_URL: '/relative' }, 'SANDBOX_TOSS_UNLINK_CALLBACK_URL'],
    [{ SANDBOX_TOSS_UNLINK_BASIC_AUTH: 'no-colon' }, 'SANDBOX_TOSS_UNLINK_BASIC_AUTH'],
  ])('rejects %j, naming %s', (env, variable) => {
    expect(problemsOf(env)).toEqual([variable]);
  });

  it('never echoes a value in the error message', () => {
    try {
      loadSandboxEnv({ SANDBOX_KAKAO_CLIENT_SECRET: 'top secret value' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toContain('SANDBOX_KAKAO_CLIENT_SECRET');
      expect((err as Error).message).not.toContain('top secret value');
    }
  });

  it('KCB, SSAFY Verify and Toss options from env: one member, one client, the appLogin page and unlink', () => {
    const env = loadSandboxEnv({
      SANDBOX_SSAFY_CLIENT_SECRET: 'ssafy-secret',
      SANDBOX_TOSS_UNLINK_CALLBACK_URL: 'http://localhost:8080/api/toss/unlink',
      SANDBOX_TOSS_UNLINK_BASIC_AUTH: 'user:pa:ss',
    });
    const options = sandboxOptionsFromEnv(env);
    expect(options.kcb?.clients).toEqual([
      {
        clientId: 'sandbox-kcb-client',
        clientSecret: 'sandbox-kcb-secret',
        memberCode: 'SBX000000001',
        returnUrls: ['http://localhost:8080/verify/kcb/callback'],
      },
    ]);
    expect(options.ssafy).toMatchObject({
      issuer: 'http://127.0.0.1:4100/ssafy',
      clients: [{ clientId: 'sandbox-ssafy-client', clientSecret: 'ssafy-secret' }],
    });
    expect(options.toss?.decryptKey).toHaveLength(32);
    expect(options.toss?.unlink).toEqual({
      url: 'http://localhost:8080/api/toss/unlink',
      basicAuth: { user: 'user', password: 'pa:ss' },
    });
    expect(options.toss?.mtls).toBeUndefined();
    expect(tossMtlsDirFromEnv(env)).toMatch(/\.sandbox-dev\/toss-mtls$/);
    expect(tossMtlsDirFromEnv(loadSandboxEnv({ SANDBOX_TOSS_MTLS_DIR: '/tmp/x' }))).toBe('/tmp/x');
  });
});
