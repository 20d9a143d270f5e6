import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { schemaShape, variablesOf } from '../src/catalog.js';
import {
  LIVE_PROVIDER_EXAMPLES,
  PROVIDER_SETTINGS,
  privateHostReason,
  SANDBOX_PROVIDER_DEFAULTS,
  type ProviderSetting,
  type ProviderVariable,
} from '../src/live-providers.js';
import { ConfigError, loadConfig } from '../src/load.js';
import { sandboxEnvSchema } from '../src/sandbox.js';
import { userEnvSchema } from '../src/user.js';
import { verificationEnvSchema } from '../src/verification.js';
import { verifyEnvSchema } from '../src/verify.js';

type Env = Record<string, string | undefined>;

const examples = (names: string[]): Env =>
  Object.fromEntries(names.map((n) => [n, LIVE_PROVIDER_EXAMPLES[n as ProviderVariable]]));

/** A live deployment of each schema that reads provider settings: every value real-looking. */
const LIVE: Record<string, { schema: z.ZodType; env: Env }> = {
  verify: {
    schema: verifyEnvSchema,
    env: {
      NODE_ENV: 'production',
      MFV_PROVIDERS: 'live',
      MOK_ENVIRONMENT: 'production',
      MOK_KEY_FILE: '/run/secrets/mok_key_info',
      MOK_KEY_PASSWORD_FILE: '/run/secrets/mok_key_password',
      ...examples(['MOK_SITE_URL', 'MOK_ARS_CODE', 'MOK_CLIENT_TX_PREFIX', 'SSAFY_SDK_URL']),
    },
  },
  verification: {
    schema: verificationEnvSchema,
    env: {
      NODE_ENV: 'production',
      MFV_PROVIDERS: 'live',
      KCB_CLIENT_SECRET_FILE: '/run/secrets/kcb_client_secret',
      ...examples(
        Object.keys(PROVIDER_SETTINGS).filter((n) => /^(KCB|SSAFY)_/.test(n) && n !== 'SSAFY_SDK_URL'),
      ),
    },
  },
  user: {
    schema: userEnvSchema,
    env: {
      NODE_ENV: 'production',
      MFV_PROVIDERS: 'live',
      AUTH_PUBLIC_ORIGIN: 'https://www.example.com',
      TOSS_DECRYPT_KEY_FILE: '/run/secrets/toss_decrypt_key',
      TOSS_DECRYPT_AAD_FILE: '/run/secrets/toss_decrypt_aad',
      TOSS_UNLINK_BASIC_AUTH_FILE: '/run/secrets/toss_unlink_basic_auth',
      ...examples(Object.keys(PROVIDER_SETTINGS).filter((n) => /^(KAKAO|TOSS)_/.test(n))),
    },
  },
};

function refusal(schema: z.ZodType, env: Env): ConfigError | undefined {
  try {
    loadConfig('app', schema, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  return undefined;
}
const problems = (schema: z.ZodType, env: Env): Record<string, string> =>
  Object.fromEntries((refusal(schema, env)?.problems ?? []).map((p) => [p.variable, p.message]));

/**
 * Read by a schema but not guarded there: the verify remote never calls Toss (verification.ts), so
 * its copy of the Toss settings is the user app's business (user.ts guards them).
 */
const UNGUARDED: Record<string, readonly string[]> = { verification: ['TOSS_API_BASE_URL'] };

/** Every provider variable with the schema(s) that read and guard it. */
const ROWS = (Object.entries(PROVIDER_SETTINGS) as [ProviderVariable, ProviderSetting][]).flatMap(
  ([name, setting]) =>
    Object.entries(LIVE)
      .filter(([group, { schema }]) => name in schemaShape(schema) && !UNGUARDED[group]?.includes(name))
      .map(([group]) => ({ name, group, setting })),
);

/** The example with its host replaced (URLs) or the whole value replaced (mobile-ok's domain). */
function withHost(name: ProviderVariable, host: string): string {
  const example = LIVE_PROVIDER_EXAMPLES[name];
  if (PROVIDER_SETTINGS[name].kind === 'domain') return host;
  const url = new URL(example);
  return `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}${url.pathname === '/' ? '' : url.pathname}`;
}

const PRIVATE_HOSTS = [
  'localhost',
  '127.0.0.1',
  '127.8.9.10',
  '[::1]',
  'sandbox.localhost',
  'printer.local',
  'kcb.internal',
  '10.1.2.3',
  '172.20.0.5',
  '192.168.0.10',
  '169.254.169.254',
  '[fd00::1]',
  '[::ffff:127.0.0.1]',
  'sandbox',
];

describe('live providers (MFV_PROVIDERS=live): the guard over every provider variable', () => {
  it('covers every provider variable in at least one schema', () => {
    const covered = new Set(ROWS.map((r) => r.name));
    expect(Object.keys(PROVIDER_SETTINGS).filter((n) => !covered.has(n as ProviderVariable))).toEqual([]);
  });

  it.each(Object.keys(LIVE))('%s: a live deployment with real-looking values passes', (group) => {
    const { schema, env } = LIVE[group]!;
    expect(problems(schema, env)).toEqual({});
  });

  const withSandbox = ROWS.filter((r) => r.setting.sandbox !== undefined);
  it.each(withSandbox)(
    '$name ($group): the sandbox default is refused, set or unset, naming the variable and what to set',
    ({ name, group, setting }) => {
      const { schema, env } = LIVE[group]!;
      for (const variant of [
        { ...env, [name]: setting.sandbox },
        { ...env, [name]: undefined },
      ]) {
        const error = refusal(schema, variant);
        expect(error?.problems.map((p) => p.variable)).toEqual([name]);
        expect(error!.message).toContain(`  - ${name}: is the sandbox's value`);
        expect(error!.message).toContain(setting.set);
        expect(error!.message).toContain(`docs/providers/${setting.provider}.md`);
      }
    },
  );

  const withHosts = ROWS.filter((r) => r.setting.kind !== 'value');
  it.each(withHosts)(
    '$name ($group): loopback, private and local-only hosts are refused',
    ({ name, group }) => {
      const { schema, env } = LIVE[group]!;
      for (const host of PRIVATE_HOSTS) {
        const found = problems(schema, { ...env, [name]: withHost(name, host) });
        expect(Object.keys(found), host).toEqual([name]);
        expect(found[name], host).toMatch(
          /^((points at|names) .+, an? (loopback or private address|local-only name|single-label name|IPv4-mapped address)|is the sandbox's value|must be the registered site domain)/,
        );
      }
    },
  );

  const urls = ROWS.filter((r) => r.setting.kind === 'url');
  it.each(urls)('$name ($group): plain http is refused', ({ name, group }) => {
    const { schema, env } = LIVE[group]!;
    const http = LIVE_PROVIDER_EXAMPLES[name].replace(/^https:/, 'http:');
    // The live guard's words, or the field's own rule where https is always required (Toss's API).
    expect(problems(schema, { ...env, [name]: http })[name]).toMatch(
      /^(must use https while MFV_PROVIDERS is live|must be an https origin)/,
    );
  });

  it('one error lists every problem at once: a live deployment that set nothing', () => {
    const bare = { NODE_ENV: 'production', MFV_PROVIDERS: 'live' };
    for (const [group, { schema }] of Object.entries(LIVE)) {
      const refused = Object.keys(problems(schema, bare));
      const expected = withSandbox.filter((r) => r.group === group).map((r) => r.name);
      expect(refused, group).toEqual(expect.arrayContaining(expected));
    }
    // The mobile-ok host itself: the sandbox is no live provider.
    expect(problems(verifyEnvSchema, bare).MOK_ENVIRONMENT).toMatch(
      /^is sandbox while MFV_PROVIDERS is live/,
    );
  });

  it('a malformed variable does not hide the live problems: one error lists both, once per variable', () => {
    const verify = problems(verifyEnvSchema, {
      NODE_ENV: 'production',
      MOK_TIMEOUT_MS: 'x',
      MOK_SITE_URL: 'www example com',
    });
    expect(Object.keys(verify).sort()).toEqual(
      ['MOK_ARS_CODE', 'MOK_CLIENT_TX_PREFIX', 'MOK_ENVIRONMENT', 'MOK_SITE_URL', 'MOK_TIMEOUT_MS'].sort(),
    );
    expect(verify.MOK_SITE_URL).toMatch(/registered site domain/);
    const user = problems(userEnvSchema, {
      NODE_ENV: 'production',
      AUTH_PUBLIC_ORIGIN: 'not a url',
      KAKAO_TIMEOUT_MS: '-1',
    });
    expect(user).toHaveProperty('KAKAO_CLIENT_ID');
    expect(user).toHaveProperty('KAKAO_TIMEOUT_MS');
    expect(user).toHaveProperty('AUTH_PUBLIC_ORIGIN');
    const verification = problems(verificationEnvSchema, { NODE_ENV: 'production', KCB_TIMEOUT_MS: '0' });
    expect(verification).toHaveProperty('KCB_MEMBER_CODE');
    expect(verification).toHaveProperty('KCB_TIMEOUT_MS');
  });

  it('NODE_ENV=production without MFV_PROVIDERS is live: the guard is on', () => {
    const { env } = LIVE.user!;
    expect(Object.keys(problems(userEnvSchema, { ...env, MFV_PROVIDERS: undefined }))).toEqual([]);
    expect(problems(userEnvSchema, { NODE_ENV: 'production', TOSS_LOGIN_ENABLED: 'false' })).toHaveProperty(
      'KAKAO_CLIENT_ID',
    );
  });

  it('MOK_ENVIRONMENT=production checks the mobile-ok values even outside live mode', () => {
    const { env } = LIVE.verify!;
    expect(
      problems(verifyEnvSchema, {
        ...env,
        NODE_ENV: 'development',
        MFV_PROVIDERS: 'sandbox',
        MOK_ARS_CODE: undefined,
      }),
    ).toHaveProperty('MOK_ARS_CODE');
  });

  it('Toss login off: the Toss settings are not checked', () => {
    const { env } = LIVE.user!;
    expect(
      problems(userEnvSchema, {
        ...env,
        TOSS_LOGIN_ENABLED: 'false',
        TOSS_APP_LOGIN_URL: undefined,
        TOSS_API_BASE_URL: undefined,
      }),
    ).toEqual({});
  });

  it('KAKAO_REDIRECT_URI is checked as derived from AUTH_PUBLIC_ORIGIN when unset', () => {
    const { env } = LIVE.user!;
    expect(
      problems(userEnvSchema, {
        ...env,
        KAKAO_REDIRECT_URI: undefined,
        AUTH_PUBLIC_ORIGIN: 'http://localhost:8080',
      }),
    ).toHaveProperty('KAKAO_REDIRECT_URI');
    expect(problems(userEnvSchema, { ...env, KAKAO_REDIRECT_URI: undefined })).toEqual({});
  });
});

describe('sandbox mode (the default `pnpm start`): no provider variable needed', () => {
  it.each(Object.keys(LIVE))(
    '%s starts with no provider variables, as a production build and in development',
    (group) => {
      const { schema } = LIVE[group]!;
      expect(problems(schema, { NODE_ENV: 'production', MFV_PROVIDERS: 'sandbox' })).toEqual({});
      expect(problems(schema, {})).toEqual({});
    },
  );

  it('the schemas’ defaults are the one table’s sandbox values, and the sandbox itself speaks them', () => {
    for (const { name, group } of ROWS) {
      const variable = variablesOf(LIVE[group]!.schema).find((v) => v.name === name)!;
      expect(variable.default, name).toBe(SANDBOX_PROVIDER_DEFAULTS[name]);
    }
    const sandbox = sandboxEnvSchema.parse({});
    expect(sandbox).toMatchObject({
      SANDBOX_KAKAO_CLIENT_ID: SANDBOX_PROVIDER_DEFAULTS.KAKAO_CLIENT_ID,
      SANDBOX_KCB_CLIENT_ID: SANDBOX_PROVIDER_DEFAULTS.KCB_CLIENT_ID,
      SANDBOX_KCB_MEMBER_CODE: SANDBOX_PROVIDER_DEFAULTS.KCB_MEMBER_CODE,
      SANDBOX_SSAFY_ISSUER: SANDBOX_PROVIDER_DEFAULTS.SSAFY_ISSUER,
      SANDBOX_SSAFY_CLIENT_ID: SANDBOX_PROVIDER_DEFAULTS.SSAFY_CLIENT_ID,
    });
    expect(sandbox.SANDBOX_MOK_SITE_URLS).toContain(SANDBOX_PROVIDER_DEFAULTS.MOK_SITE_URL);
    expect(sandbox.SANDBOX_MOK_ARS_CODES).toContain(SANDBOX_PROVIDER_DEFAULTS.MOK_ARS_CODE);
    expect(sandbox.SANDBOX_KCB_RETURN_URLS).toContain(SANDBOX_PROVIDER_DEFAULTS.KCB_RETURN_URL);
    expect(sandbox.SANDBOX_SSAFY_REDIRECT_URIS).toContain(SANDBOX_PROVIDER_DEFAULTS.SSAFY_REDIRECT_URI);
  });
});

describe('privateHostReason', () => {
  it.each([
    'api.ok-name.co.kr',
    'kauth.kakao.com',
    'www.example.com',
    '8.8.8.8',
    '[2001:4860::8888]',
    'cert-dir.mobile-ok.com.',
  ])('%s is a public host', (host) => expect(privateHostReason(host)).toBeUndefined());
  it.each(PRIVATE_HOSTS.map((h) => new URL(`https://${h}/`).hostname))('%s is not', (host) =>
    expect(privateHostReason(host)).toBeDefined(),
  );
});
