import { ConfigError } from '@mfv/config';
import { describe, expect, it } from 'vitest';
import { loadSandboxEnv, sandboxOptionsFromEnv } from '../src/env.js';

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
});
