import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEV_API_INTERNAL_TOKEN, DEV_IDENTITY_CI_KEY } from '@mfv/config';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadApiEnv } from '../src/env.js';
import { DEV_SEAL_SECRET_FILE, DEV_SIGNING_KEY_FILE, resolveSecrets } from '../src/secrets.js';
import { generateSigningKeyPem, loadKeySet, publicPemOf } from '../src/tokens/keys.js';

const SECRET = 's'.repeat(40);
const TOKEN = 't'.repeat(40);

function problems(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadApiEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  return [];
}

describe('api environment schema', () => {
  it('has working defaults for development', () => {
    expect(loadApiEnv({})).toMatchObject({
      NODE_ENV: 'development',
      API_HOST: '127.0.0.1',
      API_PORT: 4000,
      API_LOG_LEVEL: 'info',
      API_JWT_ISSUER: 'urn:mfv:api',
      API_JWT_AUDIENCE: 'urn:mfv:web',
      API_ACCESS_TOKEN_TTL_SECONDS: 900,
      API_REFRESH_TOKEN_TTL_SECONDS: 1_209_600,
      API_REFRESH_GRACE_SECONDS: 10,
      API_SIGNUP_TICKET_TTL_SECONDS: 600,
      API_SHUTDOWN_TIMEOUT_MS: 10_000,
    });
    const env = loadApiEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.API_PGLITE_DATA_DIR).toBeUndefined();
  });

  it('in production, names each missing secret', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      {
        variable: 'API_JWT_PRIVATE_KEY_FILE',
        message: 'required in production (or set API_JWT_PRIVATE_KEY)',
      },
      {
        variable: 'API_REFRESH_SEAL_SECRET_FILE',
        message: 'required in production (or set API_REFRESH_SEAL_SECRET)',
      },
      { variable: 'API_INTERNAL_TOKEN', message: 'required in production (or set API_INTERNAL_TOKEN_FILE)' },
      { variable: 'IDENTITY_CI_KEY_FILE', message: 'required in production (or set IDENTITY_CI_KEY)' },
    ]);
    expect(
      problems({
        NODE_ENV: 'production',
        API_JWT_PRIVATE_KEY_FILE: '/run/secrets/jwt',
        API_REFRESH_SEAL_SECRET: SECRET,
        API_INTERNAL_TOKEN: TOKEN,
        IDENTITY_CI_KEY_FILE: '/run/secrets/ci',
      }),
    ).toEqual([]);
  });

  it('the CI-hash key: required in production, the published development key refused while providers are live', () => {
    const base = {
      NODE_ENV: 'production',
      API_JWT_PRIVATE_KEY_FILE: '/k',
      API_REFRESH_SEAL_SECRET: SECRET,
      API_INTERNAL_TOKEN: TOKEN,
    };
    expect(problems(base).map((p) => p.variable)).toEqual(['IDENTITY_CI_KEY_FILE']);
    expect(problems({ ...base, IDENTITY_CI_KEY: DEV_IDENTITY_CI_KEY })).toEqual([
      {
        variable: 'IDENTITY_CI_KEY',
        message: 'must not be the published development key while MFV_PROVIDERS is live',
      },
    ]);
    expect(
      problems({ ...base, IDENTITY_CI_KEY: SECRET, IDENTITY_CI_PREVIOUS_KEY: DEV_IDENTITY_CI_KEY }).map(
        (p) => p.variable,
      ),
    ).toEqual(['IDENTITY_CI_PREVIOUS_KEY']);
    // The sandbox (compose with MFV_PROVIDERS=sandbox) may use it; development defaults to it.
    expect(problems({ ...base, MFV_PROVIDERS: 'sandbox', IDENTITY_CI_KEY: DEV_IDENTITY_CI_KEY })).toEqual([]);
    expect(problems({ IDENTITY_CI_KEY: 'short' }).map((p) => p.variable)).toEqual(['IDENTITY_CI_KEY']);
  });

  it('refuses the published development service credential in production', () => {
    expect(
      problems({
        NODE_ENV: 'production',
        API_JWT_PRIVATE_KEY_FILE: '/k',
        API_REFRESH_SEAL_SECRET: SECRET,
        API_INTERNAL_TOKEN: DEV_API_INTERNAL_TOKEN,
        IDENTITY_CI_KEY: SECRET,
      }).map((p) => p.variable),
    ).toEqual(['API_INTERNAL_TOKEN']);
  });

  it.each([
    [{ API_REFRESH_GRACE_SECONDS: '11' }, 'API_REFRESH_GRACE_SECONDS', /at most 10/],
    [{ API_REFRESH_GRACE_SECONDS: '-1' }, 'API_REFRESH_GRACE_SECONDS', /at least 0/],
    [{ API_REFRESH_GRACE_SECONDS: '2.5' }, 'API_REFRESH_GRACE_SECONDS', /whole number/],
    [{ API_ACCESS_TOKEN_TTL_SECONDS: 'soon' }, 'API_ACCESS_TOKEN_TTL_SECONDS', /whole number/],
    [{ API_ACCESS_TOKEN_TTL_SECONDS: '5' }, 'API_ACCESS_TOKEN_TTL_SECONDS', /at least 30/],
    [{ API_REFRESH_TOKEN_TTL_SECONDS: '10' }, 'API_REFRESH_TOKEN_TTL_SECONDS', /at least 60/],
    [{ API_SIGNUP_TICKET_TTL_SECONDS: '7200' }, 'API_SIGNUP_TICKET_TTL_SECONDS', /at most 3600/],
    [{ API_PORT: '70000' }, 'API_PORT', /between 0 and 65535/],
    [{ API_SHUTDOWN_TIMEOUT_MS: '15000' }, 'API_SHUTDOWN_TIMEOUT_MS', /at most 10000/],
    [{ DATABASE_URL: 'mysql://x@localhost/db' }, 'DATABASE_URL', /postgres/],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', /postgres/],
    [{ API_LOG_LEVEL: 'loud' }, 'API_LOG_LEVEL', /.+/],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV', /.+/],
    [{ API_INTERNAL_TOKEN: 'short' }, 'API_INTERNAL_TOKEN', /at least 32/],
    [{ API_REFRESH_SEAL_SECRET: 'short' }, 'API_REFRESH_SEAL_SECRET', /at least 32/],
    [{ API_JWT_PRIVATE_KEY: 'just text' }, 'API_JWT_PRIVATE_KEY', /PEM/],
    [{ API_JWT_PREVIOUS_PUBLIC_KEY: 'just text' }, 'API_JWT_PREVIOUS_PUBLIC_KEY', /PEM/],
    [
      { API_JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----', API_JWT_PRIVATE_KEY_FILE: '/k' },
      'API_JWT_PRIVATE_KEY_FILE',
      /not both/,
    ],
    [
      { API_REFRESH_SEAL_SECRET: SECRET, API_REFRESH_SEAL_SECRET_FILE: '/s' },
      'API_REFRESH_SEAL_SECRET_FILE',
      /not both/,
    ],
    [{ API_INTERNAL_TOKEN: TOKEN, API_INTERNAL_TOKEN_FILE: '/t' }, 'API_INTERNAL_TOKEN_FILE', /not both/],
  ])('refuses %o, naming %s', (env, variable, message) => {
    const found = problems(env as Record<string, string>);
    expect(found.map((p) => p.variable)).toContain(variable);
    expect(found.find((p) => p.variable === variable)?.message).toMatch(message);
  });

  it('accepts postgres:// and postgresql:// URLs and port 0', () => {
    expect(loadApiEnv({ DATABASE_URL: 'postgres://u@h:5432/d' }).DATABASE_URL).toBe('postgres://u@h:5432/d');
    expect(loadApiEnv({ DATABASE_URL: 'postgresql://u@h/d' }).DATABASE_URL).toBe('postgresql://u@h/d');
    expect(loadApiEnv({ API_PORT: '0' }).API_PORT).toBe(0);
  });
});

describe('secrets at boot', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mfv-api-secrets-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('outside production, generates a signing key and seal secret once (mode 0600) and reuses them', async () => {
    const dataDir = join(dir, '.data');
    const first = await resolveSecrets(loadApiEnv({}), dataDir);
    expect(first.notes.join('\n')).toMatch(/generated development signing key/);
    expect(first.internalToken).toBe(DEV_API_INTERNAL_TOKEN);
    const keyStat = await stat(join(dataDir, DEV_SIGNING_KEY_FILE));
    expect(keyStat.mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, DEV_SEAL_SECRET_FILE))).mode & 0o777).toBe(0o600);

    const second = await resolveSecrets(loadApiEnv({}), dataDir);
    expect(second.notes.join('\n')).toMatch(/using development signing key/);
    expect(second.signingKey.pem).toBe(first.signingKey.pem);
    expect(second.sealSecret).toBe(first.sealSecret);
    const [k1, k2] = await Promise.all([loadKeySet(first.signingKey), loadKeySet(second.signingKey)]);
    expect(k2.current.kid).toBe(k1.current.kid); // a restart keeps sessions' tokens verifiable
  });

  it('two processes booting at once agree on one generated key', async () => {
    const dataDir = join(dir, 'race');
    const results = await Promise.all(
      Array.from({ length: 5 }, () => resolveSecrets(loadApiEnv({}), dataDir)),
    );
    expect(new Set(results.map((r) => r.signingKey.pem)).size).toBe(1);
    expect(new Set(results.map((r) => r.sealSecret)).size).toBe(1);
  });

  it('reads keys from files or inline PEMs (with literal \\n) and never generates then', async () => {
    const pem = generateSigningKeyPem();
    const previous = generateSigningKeyPem();
    await writeFile(join(dir, 'jwt.pem'), pem);
    await writeFile(join(dir, 'seal'), `${SECRET}\n`);
    const fromFiles = await resolveSecrets(
      loadApiEnv({
        API_JWT_PRIVATE_KEY_FILE: join(dir, 'jwt.pem'),
        API_JWT_PREVIOUS_PUBLIC_KEY: publicPemOf(previous).replace(/\n/g, '\\n'),
        API_REFRESH_SEAL_SECRET_FILE: join(dir, 'seal'),
        API_INTERNAL_TOKEN: TOKEN,
        IDENTITY_CI_KEY: SECRET,
      }),
      join(dir, 'unused'),
    );
    expect(fromFiles.signingKey).toEqual({ pem, source: 'API_JWT_PRIVATE_KEY_FILE' });
    expect(fromFiles.previousKey?.source).toBe('API_JWT_PREVIOUS_PUBLIC_KEY');
    expect(fromFiles.sealSecret).toBe(SECRET);
    expect(fromFiles.internalToken).toBe(TOKEN);
    expect(fromFiles.notes).toEqual([]);
    const keys = await loadKeySet(fromFiles.signingKey, fromFiles.previousKey);
    expect(keys.previous?.kid).toBe((await loadKeySet({ pem: previous, source: 'x' })).current.kid);
    await expect(stat(join(dir, 'unused'))).rejects.toThrow(/ENOENT/);
  });

  it('names the variable whose file cannot be read, or holds too short a secret', async () => {
    await expect(
      resolveSecrets(loadApiEnv({ API_JWT_PRIVATE_KEY_FILE: join(dir, 'missing.pem') }), dir),
    ).rejects.toThrow(/API_JWT_PRIVATE_KEY_FILE: cannot read .*missing\.pem \(ENOENT\)/);
    await writeFile(join(dir, 'short'), 'tiny');
    await expect(
      resolveSecrets(loadApiEnv({ API_REFRESH_SEAL_SECRET_FILE: join(dir, 'short') }), dir),
    ).rejects.toThrow(/API_REFRESH_SEAL_SECRET_FILE: the file must hold at least 32 characters/);
    await expect(
      resolveSecrets(loadApiEnv({ API_INTERNAL_TOKEN_FILE: join(dir, 'short') }), dir),
    ).rejects.toThrow(/API_INTERNAL_TOKEN_FILE: the file must hold at least 32 characters/);
  });

  it('reads the service credential from a file (compose secrets), and refuses the development one in production', async () => {
    await writeFile(join(dir, 'internal'), `${TOKEN}\n`);
    const resolved = await resolveSecrets(
      loadApiEnv({ API_INTERNAL_TOKEN_FILE: join(dir, 'internal') }),
      dir,
    );
    expect(resolved.internalToken).toBe(TOKEN);
    await writeFile(join(dir, 'dev-internal'), DEV_API_INTERNAL_TOKEN);
    await expect(
      resolveSecrets(
        loadApiEnv({
          NODE_ENV: 'production',
          API_JWT_PRIVATE_KEY: generateSigningKeyPem(),
          API_REFRESH_SEAL_SECRET: SECRET,
          API_INTERNAL_TOKEN_FILE: join(dir, 'dev-internal'),
          IDENTITY_CI_KEY: SECRET,
        }),
        join(dir, 'prod'),
      ),
    ).rejects.toThrow(/API_INTERNAL_TOKEN_FILE: must not be the published development token/);
  });

  it('never writes secrets into the data dir in production', async () => {
    const env = loadApiEnv({
      NODE_ENV: 'production',
      API_JWT_PRIVATE_KEY: generateSigningKeyPem(),
      API_REFRESH_SEAL_SECRET: SECRET,
      API_INTERNAL_TOKEN: TOKEN,
      IDENTITY_CI_KEY_FILE: join(dir, 'ci-key'),
    });
    await writeFile(join(dir, 'ci-key'), `${SECRET}\n`);
    const resolved = await resolveSecrets(env, join(dir, 'prod'));
    expect(resolved.notes).toEqual([]);
    expect(resolved.ciKey).toBe(SECRET);
    await expect(readFile(join(dir, 'prod', DEV_SIGNING_KEY_FILE))).rejects.toThrow(/ENOENT/);
  });
});
