import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/load.js';
import { providersMode } from '../src/providers.js';
import { SANDBOX_TOSS_DEV_DECRYPT_KEY } from '../src/sandbox.js';
import { userEnvSchema } from '../src/user.js';
import { DEV_KCB_CLIENT_SECRET, verificationEnvSchema } from '../src/verification.js';

function problemsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return Object.fromEntries((error as ConfigError).problems.map((p) => [p.variable, p.message]));
  }
  return {};
}

/** The sandbox on the compose network: plain http to a host that is not loopback. */
const COMPOSE_SANDBOX = {
  NODE_ENV: 'production',
  KCB_API_BASE_URL: 'http://sandbox.localhost:4100/kcb/api',
  KCB_POPUP_URL: 'http://sandbox.localhost:4100/kcb/safe/CommonSvl',
  SSAFY_ISSUER: 'http://sandbox.localhost:4100/ssafy',
  TOSS_APP_LOGIN_URL: 'http://sandbox.localhost:4100/toss/app-login',
};

describe('MFV_PROVIDERS: who plays the identity providers', () => {
  it('defaults to live in production and to the sandbox elsewhere', () => {
    expect(providersMode({ NODE_ENV: 'production' })).toBe('live');
    expect(providersMode({ NODE_ENV: 'development' })).toBe('sandbox');
    expect(providersMode({})).toBe('sandbox');
    expect(providersMode({ NODE_ENV: 'development', MFV_PROVIDERS: 'live' })).toBe('live');
  });

  it('live production refuses the sandbox’s plain-http hosts and its published secrets, naming each variable', () => {
    const verification = problemsOf(() => loadConfig('verify', verificationEnvSchema, COMPOSE_SANDBOX));
    expect(verification.KCB_CLIENT_SECRET).toBe('required in production (or set KCB_CLIENT_SECRET_FILE)');
    for (const name of ['KCB_API_BASE_URL', 'KCB_POPUP_URL', 'SSAFY_ISSUER']) {
      expect(verification[name], name).toMatch(
        /^points at sandbox\.localhost, a local-only name while MFV_PROVIDERS is live: set https:/,
      );
    }
    const user = problemsOf(() =>
      loadConfig('user', userEnvSchema, {
        ...COMPOSE_SANDBOX,
        TOSS_DECRYPT_KEY: SANDBOX_TOSS_DEV_DECRYPT_KEY,
      }),
    );
    expect(user).toMatchObject({
      TOSS_DECRYPT_KEY: 'must not be the published sandbox value',
      TOSS_APP_LOGIN_URL: expect.stringMatching(/^points at sandbox\.localhost, a local-only name/) as string,
    });
  });

  it('MFV_PROVIDERS=sandbox lets a production build use the sandbox on any host, with its dev secrets', () => {
    const verification = loadConfig('verify', verificationEnvSchema, {
      ...COMPOSE_SANDBOX,
      MFV_PROVIDERS: 'sandbox',
    });
    expect(verification).toMatchObject({
      KCB_CLIENT_SECRET: DEV_KCB_CLIENT_SECRET,
      KCB_ALLOW_INSECURE_HTTP: true,
      SSAFY_ALLOW_INSECURE_HTTP: true,
      TOSS_DECRYPT_KEY: SANDBOX_TOSS_DEV_DECRYPT_KEY,
    });
    const user = loadConfig('user', userEnvSchema, { ...COMPOSE_SANDBOX, MFV_PROVIDERS: 'sandbox' });
    expect(user.TOSS_DECRYPT_KEY).toBe(SANDBOX_TOSS_DEV_DECRYPT_KEY);
  });

  it('refuses a mode it does not know', () => {
    expect(
      problemsOf(() => loadConfig('user', userEnvSchema, { MFV_PROVIDERS: 'staging' })).MFV_PROVIDERS,
    ).toBe('must be one of sandbox, live');
  });
});
