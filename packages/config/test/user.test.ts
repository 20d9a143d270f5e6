import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/load.js';
import { sandboxEnvSchema, SANDBOX_TOSS_DEV_AAD, SANDBOX_TOSS_DEV_DECRYPT_KEY } from '../src/sandbox.js';
import { LIVE_PROVIDER_EXAMPLES } from '../src/live-providers.js';
import { DEV_TOSS_UNLINK_BASIC_AUTH, userEnvSchema } from '../src/user.js';

const load = (env: Record<string, string | undefined>) => loadConfig('user', userEnvSchema, env);

function problems(env: Record<string, string | undefined>): Record<string, string> {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return Object.fromEntries((error as ConfigError).problems.map((p) => [p.variable, p.message]));
  }
  throw new Error('expected the configuration to be refused');
}

const KEY = Buffer.alloc(32, 9).toString('base64');
/** A live deployment: every provider setting real-looking (live-providers.ts), the secrets as files. */
const PROD = {
  NODE_ENV: 'production',
  AUTH_PUBLIC_ORIGIN: 'https://www.example.com',
  ...Object.fromEntries(
    Object.entries(LIVE_PROVIDER_EXAMPLES).filter(([name]) => /^(KAKAO|TOSS)_/.test(name)),
  ),
  TOSS_DECRYPT_KEY_FILE: '/run/secrets/toss_decrypt_key',
  TOSS_DECRYPT_AAD_FILE: '/run/secrets/toss_decrypt_aad',
  TOSS_UNLINK_BASIC_AUTH_FILE: '/run/secrets/toss_unlink_basic_auth',
};

describe('user schema: Toss login', () => {
  it('defaults point at the sandbox, with its dev key, AAD and unlink credentials outside production', () => {
    const env = load({});
    expect(env).toMatchObject({
      TOSS_LOGIN_ENABLED: true,
      TOSS_APP_LOGIN_URL: 'http://localhost:4100/toss/app-login',
      TOSS_API_BASE_URL: 'https://127.0.0.1:4443',
      TOSS_CONNECT_TIMEOUT_MS: 5000,
      TOSS_TIMEOUT_MS: 10000,
      TOSS_DECRYPT_KEY: SANDBOX_TOSS_DEV_DECRYPT_KEY,
      TOSS_DECRYPT_AAD: SANDBOX_TOSS_DEV_AAD,
      TOSS_UNLINK_BASIC_AUTH: DEV_TOSS_UNLINK_BASIC_AUTH,
      MTLS_SECRETS_DIR: '/run/secrets',
      MTLS_CERT_SECRET: 'mtls_client_cert',
      MTLS_KEY_SECRET: 'mtls_client_key',
      MTLS_CA_SECRET: 'mtls_ca',
      MTLS_EXPIRY_WARNING_DAYS: 30,
      KAKAO_REDIRECT_URI: 'http://localhost:8080/user/login/kakao/callback',
    });
  });

  it('the dev unlink credentials are the sandbox’s own default (so `pnpm dev` unlinks out of the box)', () => {
    expect(sandboxEnvSchema.parse({}).SANDBOX_TOSS_UNLINK_BASIC_AUTH).toBe(DEV_TOSS_UNLINK_BASIC_AUTH);
  });

  it('a *_FILE variant replaces the dev default instead of clashing with it', () => {
    const env = load({ TOSS_DECRYPT_KEY_FILE: '/k', TOSS_UNLINK_BASIC_AUTH_FILE: '/u' });
    expect(env.TOSS_DECRYPT_KEY).toBeUndefined();
    expect(env.TOSS_UNLINK_BASIC_AUTH).toBeUndefined();
    expect(env.TOSS_DECRYPT_AAD).toBe(SANDBOX_TOSS_DEV_AAD);
  });

  it('refuses both an inline value and a file for the same secret', () => {
    const p = problems({
      TOSS_DECRYPT_KEY: KEY,
      TOSS_DECRYPT_KEY_FILE: '/k',
      TOSS_DECRYPT_AAD: 'a',
      TOSS_DECRYPT_AAD_FILE: '/a',
      TOSS_UNLINK_BASIC_AUTH: 'u:p',
      TOSS_UNLINK_BASIC_AUTH_FILE: '/u',
      MTLS_CERT: '-----BEGIN CERTIFICATE-----',
      MTLS_CERT_FILE: '/c',
      MTLS_KEY: '-----BEGIN PRIVATE KEY-----',
      MTLS_KEY_FILE: '/k',
      MTLS_CA: '-----BEGIN CERTIFICATE-----',
      MTLS_CA_FILE: '/ca',
      KAKAO_CLIENT_SECRET: 's',
      KAKAO_CLIENT_SECRET_FILE: '/s',
    });
    for (const file of [
      'TOSS_DECRYPT_KEY_FILE',
      'TOSS_DECRYPT_AAD_FILE',
      'TOSS_UNLINK_BASIC_AUTH_FILE',
      'MTLS_CERT_FILE',
      'MTLS_KEY_FILE',
      'MTLS_CA_FILE',
      'KAKAO_CLIENT_SECRET_FILE',
    ]) {
      expect(p[file], file).toMatch(/not both/);
    }
  });

  it('checks each value’s format, naming the variable and never echoing it', () => {
    const secretKey = 'c2hvcnQta2V5';
    let error: unknown;
    try {
      load({
        TOSS_LOGIN_ENABLED: 'yes',
        TOSS_APP_LOGIN_URL: 'ftp://toss.example/app-login',
        TOSS_API_BASE_URL: 'http://apps-in-toss-api.toss.im',
        TOSS_TIMEOUT_MS: '60001',
        TOSS_CONNECT_TIMEOUT_MS: '0',
        TOSS_DECRYPT_KEY: secretKey,
        TOSS_UNLINK_BASIC_AUTH: 'no-colon-here',
        MTLS_CERT: 'not a pem',
        MTLS_KEY: 'not a pem',
        MTLS_CERT_SECRET: '../etc/passwd',
        MTLS_EXPIRY_WARNING_DAYS: '0',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const p = Object.fromEntries((error as ConfigError).problems.map((x) => [x.variable, x.message]));
    expect(Object.keys(p).sort()).toEqual(
      [
        'MTLS_CERT',
        'MTLS_CERT_SECRET',
        'MTLS_EXPIRY_WARNING_DAYS',
        'MTLS_KEY',
        'TOSS_API_BASE_URL',
        'TOSS_APP_LOGIN_URL',
        'TOSS_CONNECT_TIMEOUT_MS',
        'TOSS_DECRYPT_KEY',
        'TOSS_LOGIN_ENABLED',
        'TOSS_TIMEOUT_MS',
        'TOSS_UNLINK_BASIC_AUTH',
      ].sort(),
    );
    expect(p.TOSS_API_BASE_URL).toMatch(/https/);
    expect((error as ConfigError).message).not.toContain(secretKey);
    expect((error as ConfigError).message).not.toContain('no-colon-here');
  });

  it('the partner API must be an origin; the appLogin URL must carry no query', () => {
    expect(problems({ TOSS_API_BASE_URL: 'https://apps-in-toss-api.toss.im/api' }).TOSS_API_BASE_URL).toMatch(
      /origin/,
    );
    expect(
      problems({ TOSS_APP_LOGIN_URL: 'http://localhost:4100/toss/app-login?state=x' }).TOSS_APP_LOGIN_URL,
    ).toMatch(/query/);
    expect(load({ TOSS_DECRYPT_KEY: 'ab'.repeat(32) }).TOSS_DECRYPT_KEY).toBe('ab'.repeat(32));
  });

  it('production: the decrypt key, AAD and unlink credentials are required while Toss login is on', () => {
    const { TOSS_DECRYPT_KEY_FILE, TOSS_DECRYPT_AAD_FILE, TOSS_UNLINK_BASIC_AUTH_FILE, ...noSecrets } = PROD;
    const p = problems(noSecrets);
    expect(p.TOSS_DECRYPT_KEY).toMatch(/required in production/);
    expect(p.TOSS_DECRYPT_AAD).toMatch(/required in production/);
    expect(p.TOSS_UNLINK_BASIC_AUTH).toMatch(/required in production/);
    // No sandbox values are filled in.
    const env = load(PROD);
    expect(env.TOSS_DECRYPT_KEY).toBeUndefined();
    expect(env.TOSS_DECRYPT_AAD).toBeUndefined();
    // Off: nothing Toss-related is needed.
    expect(load({ ...noSecrets, TOSS_LOGIN_ENABLED: 'false' }).TOSS_LOGIN_ENABLED).toBe(false);
    expect([TOSS_DECRYPT_KEY_FILE, TOSS_DECRYPT_AAD_FILE, TOSS_UNLINK_BASIC_AUTH_FILE]).not.toContain(
      undefined,
    );
  });

  it('production: the sandbox’s published values are refused', () => {
    const p = problems({
      ...PROD,
      TOSS_DECRYPT_KEY_FILE: undefined,
      TOSS_DECRYPT_AAD_FILE: undefined,
      TOSS_UNLINK_BASIC_AUTH_FILE: undefined,
      TOSS_DECRYPT_KEY: SANDBOX_TOSS_DEV_DECRYPT_KEY,
      TOSS_DECRYPT_AAD: SANDBOX_TOSS_DEV_AAD,
      TOSS_UNLINK_BASIC_AUTH: DEV_TOSS_UNLINK_BASIC_AUTH,
    });
    expect(p.TOSS_DECRYPT_KEY).toMatch(/published sandbox value/);
    expect(p.TOSS_DECRYPT_AAD).toMatch(/published sandbox value/);
    expect(p.TOSS_UNLINK_BASIC_AUTH).toMatch(/published sandbox value/);
  });

  it('live: the appLogin step must be https on a public host (loopback is the sandbox’s)', () => {
    expect(
      problems({ ...PROD, TOSS_APP_LOGIN_URL: 'http://toss.example.com/app-login' }).TOSS_APP_LOGIN_URL,
    ).toMatch(/^must use https while MFV_PROVIDERS is live/);
    expect(
      problems({ ...PROD, TOSS_APP_LOGIN_URL: 'http://localhost:4100/toss/app-login' }).TOSS_APP_LOGIN_URL,
    ).toMatch(/^is the sandbox's value/);
    expect(
      problems({ ...PROD, TOSS_APP_LOGIN_URL: 'https://127.0.0.1/app-login' }).TOSS_APP_LOGIN_URL,
    ).toMatch(/^points at 127\.0\.0\.1, a loopback or private address/);
    expect(load({ ...PROD, TOSS_APP_LOGIN_URL: 'https://toss.example.com/app-login' }).NODE_ENV).toBe(
      'production',
    );
  });
});

describe('user rate limits', () => {
  it('login starts: 30 per minute per client IP unless set, <points>/<seconds> only', () => {
    expect(load({}).USER_LIMIT_LOGIN_IP).toEqual({ points: 30, durationSeconds: 60 });
    expect(load({ USER_LIMIT_LOGIN_IP: '100/300' }).USER_LIMIT_LOGIN_IP).toEqual({
      points: 100,
      durationSeconds: 300,
    });
    for (const bad of ['0/60', '30', '30/0', 'x/60', '30/100000'])
      expect(problems({ USER_LIMIT_LOGIN_IP: bad }), bad).toHaveProperty('USER_LIMIT_LOGIN_IP');
  });
});
