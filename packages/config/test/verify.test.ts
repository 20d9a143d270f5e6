import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/load.js';
import { MOK_DEV_KEY_PASSWORD, verifyEnvSchema } from '../src/verify.js';

const load = (env: Record<string, string>) => loadConfig('verify', verifyEnvSchema, env);

function problems(env: Record<string, string>): string[] {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => p.variable).sort();
  }
  return [];
}

/** What mobile-ok registered for a real site (production refuses the sandbox's, live-providers.ts). */
const SITE = { MOK_SITE_URL: 'www.example.com', MOK_ARS_CODE: 'ARS-COM-0001', MOK_CLIENT_TX_PREFIX: 'EXCOM' };

describe('verify remote environment (mobile-ok client)', () => {
  it('defaults point at the sandbox: no setup for pnpm start', () => {
    expect(load({})).toMatchObject({
      NODE_ENV: 'development',
      MOK_ENVIRONMENT: 'sandbox',
      MOK_SITE_URL: 'localhost',
      MOK_ARS_CODE: 'ARS-SANDBOX-0001',
      MOK_CLIENT_TX_PREFIX: 'MFV',
      MOK_TOKEN_REQUEST_VERSION: 'v1',
      MOK_CONNECT_TIMEOUT_MS: 5000,
      MOK_TIMEOUT_MS: 15000,
      MFV_BENCH_ROUTES: false,
    });
    // The sandbox with NODE_ENV=production (pnpm start says MFV_PROVIDERS=sandbox) keeps its
    // development key file and password.
    expect(problems({ NODE_ENV: 'production', MFV_PROVIDERS: 'sandbox' })).toEqual([]);
    // Without the switch a production build is live: the sandbox is refused (live-providers.test.ts).
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      'MOK_ARS_CODE',
      'MOK_CLIENT_TX_PREFIX',
      'MOK_ENVIRONMENT',
      'MOK_SITE_URL',
    ]);
  });

  it('each variable refuses what is malformed, naming it', () => {
    const cases: [Record<string, string>, string][] = [
      [{ MOK_ENVIRONMENT: 'staging' }, 'MOK_ENVIRONMENT'],
      [{ MOK_SANDBOX_BASE_URL: 'ftp://127.0.0.1/mok' }, 'MOK_SANDBOX_BASE_URL'],
      [{ MOK_SANDBOX_BASE_URL: 'http://127.0.0.1:4100/mok?x=1' }, 'MOK_SANDBOX_BASE_URL'],
      [{ MOK_KEY_FILE: 'relative/mok_keyInfo.dat' }, 'MOK_KEY_FILE'],
      [{ MOK_KEY_PASSWORD_FILE: 'secrets/pw' }, 'MOK_KEY_PASSWORD_FILE'],
      [{ MOK_KEY_PASSWORD: 'a', MOK_KEY_PASSWORD_FILE: '/run/secrets/pw' }, 'MOK_KEY_PASSWORD_FILE'],
      [{ MOK_SITE_URL: 'www example com' }, 'MOK_SITE_URL'],
      [{ MOK_ARS_CODE: 'ARS CODE' }, 'MOK_ARS_CODE'],
      [{ MOK_CLIENT_TX_PREFIX: 'TOOLONGPREFIX' }, 'MOK_CLIENT_TX_PREFIX'],
      [{ MOK_CLIENT_TX_PREFIX: 'MF-V' }, 'MOK_CLIENT_TX_PREFIX'],
      [{ MOK_TOKEN_REQUEST_VERSION: 'v3' }, 'MOK_TOKEN_REQUEST_VERSION'],
      [{ MOK_CONNECT_TIMEOUT_MS: '0' }, 'MOK_CONNECT_TIMEOUT_MS'],
      [{ MOK_TIMEOUT_MS: '60001' }, 'MOK_TIMEOUT_MS'],
      [{ MFV_BENCH_ROUTES: 'yes' }, 'MFV_BENCH_ROUTES'],
    ];
    for (const [env, variable] of cases) expect(problems(env), JSON.stringify(env)).toEqual([variable]);
  });

  it("a real mobile-ok host needs the provider's key file and its password, and no sandbox value", () => {
    expect(problems({ MOK_ENVIRONMENT: 'production', ...SITE })).toEqual([
      'MOK_KEY_FILE',
      'MOK_KEY_PASSWORD',
    ]);
    expect(
      problems({
        MOK_ENVIRONMENT: 'development',
        ...SITE,
        MOK_KEY_FILE: '/run/secrets/mok_keyInfo.dat',
        MOK_KEY_PASSWORD: MOK_DEV_KEY_PASSWORD,
        MOK_SANDBOX_BASE_URL: 'http://127.0.0.1:4100/mok',
      }),
    ).toEqual(['MOK_KEY_PASSWORD', 'MOK_SANDBOX_BASE_URL']);
    expect(
      problems({
        MOK_ENVIRONMENT: 'production',
        MOK_KEY_FILE: '/run/secrets/mok_keyInfo.dat',
        MOK_KEY_PASSWORD_FILE: '/run/secrets/mok_key_password',
        ...SITE,
      }),
    ).toEqual([]);
  });

  it('never echoes a value in its messages', () => {
    try {
      load({ MOK_ENVIRONMENT: 'production', MOK_KEY_FILE: '/k', MOK_KEY_PASSWORD: MOK_DEV_KEY_PASSWORD });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain(MOK_DEV_KEY_PASSWORD);
    }
  });
});

describe('verify rate limits (F4)', () => {
  it('defaults to the documented limits', () => {
    const env = load({});
    expect(env.VERIFY_LIMIT_SEND_PHONE).toEqual({ points: 5, durationSeconds: 600 });
    expect(env.VERIFY_LIMIT_START_MEMBER).toEqual({ points: 10, durationSeconds: 600 });
  });

  it('reads <points>/<seconds> and refuses anything else', () => {
    expect(load({ VERIFY_LIMIT_SEND_PHONE: '3/60' }).VERIFY_LIMIT_SEND_PHONE).toEqual({
      points: 3,
      durationSeconds: 60,
    });
    for (const bad of ['0/60', '5', '5/0', 'x/60', '5/100000'])
      expect(() => load({ VERIFY_LIMIT_SEND_PHONE: bad }), bad).toThrow(/VERIFY_LIMIT_SEND_PHONE/);
  });
});
