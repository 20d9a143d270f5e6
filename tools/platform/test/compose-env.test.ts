import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError, LIVE_PROVIDER_EXAMPLES, loadConfig } from '@mfv/config';
import { envSchemas, schemaVariables } from '@mfv/config/catalog';
import { REPO_ROOT } from '@mfv/site';
import { APPS, NEXT_APPS, readTopologyEnv } from '@mfv/topology';
import { ENV_EXAMPLE } from '../src/env-example.js';

/**
 * Validation without an engine (docs/operations.md, Configure): what every container would get — docker
 * compose's own substitution of `.env.example`, resolved by `docker-compose config` — must
 * satisfy the zod schemas the service's code loads at boot, and the Dockerfile's `ENV`
 * (NODE_ENV=production) is part of it. Secrets must reach the app as files it can read.
 */

/** Which schemas each compose service's code loads (its env.ts files), by catalog name. */
export const SERVICE_SCHEMAS: Readonly<Record<string, readonly string[]>> = {
  shell: ['auth', 'shell', 'sentry'],
  // The verify remote also loads `verification` (KCB, SSAFY) at their first use; the stack's
  // sandbox mode (MFV_PROVIDERS=sandbox) configures them against the sandbox.
  verify: ['auth', 'verify', 'verification', 'sentry'],
  user: ['auth', 'user', 'sentry'],
  notice: ['auth', 'notice', 'sentry'],
  api: ['api'],
  sandbox: ['sandbox'],
  // The api image running deploy/platform-secrets.mjs once: no environment of its own.
  secrets: [],
};
/** The Dockerfile's runtime stage sets it for every image. */
const IMAGE_ENV = { NODE_ENV: 'production' };
/** Read outside the zod schemas: @mfv/topology's readTopologyEnv (every Next app). */
const TOPOLOGY_VARIABLES = NEXT_APPS.flatMap((app) => [
  `MFV_${app.toUpperCase()}_HOST`,
  `MFV_${app.toUpperCase()}_PORT`,
]);

interface Service {
  environment?: Record<string, string | null>;
  secrets?: ({ source: string; target?: string } | string)[];
  volumes?: (string | { target: string })[];
  build?: { args?: { APP?: string } };
  image?: string;
}
interface Resolved {
  services: Record<string, Service>;
  secrets?: Record<string, { file?: string }>;
}

function resolve(envFile: string, files: string[]): Resolved {
  const out = execFileSync(
    'docker-compose',
    ['--env-file', envFile, ...files.flatMap((f) => ['-f', path.join(REPO_ROOT, f)]), 'config'],
    { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return parse(out) as Resolved;
}

const environmentOf = (service: Service): Record<string, string> =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, v ?? '']));

const secretNames = (service: Service) =>
  (service.secrets ?? []).map((s) => (typeof s === 'string' ? s : (s.target ?? s.source)));

const volumeTargets = (service: Service) =>
  (service.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':')[1]! : v.target));

/** Every problem with one resolved compose file, as readable lines (empty = fine). */
function problemsOf(resolved: Resolved, serviceSchemas = SERVICE_SCHEMAS): string[] {
  const schemas = envSchemas();
  const problems: string[] = [];
  for (const [name, service] of Object.entries(resolved.services)) {
    const wanted = serviceSchemas[name];
    if (service.build && !wanted)
      problems.push(`${name}: built from the Dockerfile but has no schema mapping`);
    if (!wanted) continue;
    const env = { ...IMAGE_ENV, ...environmentOf(service) };
    const known = new Set([...wanted.flatMap((s) => schemaVariables(schemas[s]!)), 'NODE_ENV']);
    if (NEXT_APPS.includes(name as never)) {
      TOPOLOGY_VARIABLES.forEach((v) => known.add(v));
      try {
        const topology = readTopologyEnv(env);
        for (const app of NEXT_APPS) {
          if (topology.hosts[app] !== app || topology.ports[app] !== APPS[app].port)
            problems.push(`${name}: reaches ${app} at ${topology.hosts[app]}:${topology.ports[app]}`);
        }
      } catch (error) {
        problems.push(`${name}: ${(error as Error).message}`);
      }
    }
    for (const variable of Object.keys(env)) {
      if (!known.has(variable)) problems.push(`${name}: ${variable} is read by none of ${wanted.join(', ')}`);
    }
    for (const schema of wanted) {
      try {
        loadConfig(`${name} (${schema})`, schemas[schema]!, env);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        for (const p of error.problems) problems.push(`${name} (${schema}): ${p.variable}: ${p.message}`);
      }
    }
    // Secrets as files: each *_FILE names a granted compose secret, or a file on a mounted volume.
    for (const [variable, value] of Object.entries(env)) {
      if (!variable.endsWith('_FILE') || value === '') continue;
      const secret = /^\/run\/secrets\/([\w.-]+)$/.exec(value)?.[1];
      if (secret !== undefined) {
        if (!secretNames(service).includes(secret))
          problems.push(`${name}: ${variable} reads secret ${secret}, which the service is not given`);
        if (!resolved.secrets?.[secret]) problems.push(`${name}: secret ${secret} is not defined`);
      } else if (!volumeTargets(service).some((target) => value.startsWith(`${target}/`))) {
        problems.push(`${name}: ${variable}=${value} is neither a compose secret nor on a mounted volume`);
      }
    }
    // No secret as an environment literal.
    for (const [variable, value] of Object.entries(env)) {
      const secretLike = /SECRET|INTERNAL_TOKEN|PASSWORD|PRIVATE_KEY|DECRYPT_KEY|DECRYPT_AAD|BASIC_AUTH$/;
      if (secretLike.test(variable) && !variable.endsWith('_FILE') && value !== '')
        problems.push(`${name}: ${variable} is a secret given as an environment literal`);
    }
  }
  return problems;
}

describe('docker-compose.yml with .env.example, against the zod schemas', () => {
  const resolved = resolve(ENV_EXAMPLE, ['docker-compose.yml']);

  it('maps every service built from the Dockerfile to the schemas its code loads', () => {
    const built = Object.entries(resolved.services)
      .filter(([, s]) => s.build)
      .map(([n]) => n)
      .sort();
    expect(built).toEqual(Object.keys(SERVICE_SCHEMAS).sort());
  });

  it('every service’s environment satisfies its schemas, secrets arrive as files, topology resolves', () => {
    expect(problemsOf(resolved)).toEqual([]);
  });

  it('sandbox mode: verify and user reach the sandbox by one name and read its dev keys from the volume it writes', () => {
    const sandboxVolume = (service: Service) =>
      (service.volumes ?? []).find((v) =>
        (typeof v === 'string' ? v : JSON.stringify(v)).includes('sandbox-dev'),
      );
    expect(sandboxVolume(resolved.services.sandbox!)).toBeDefined();
    const user = environmentOf(resolved.services.user!);
    const verify = environmentOf(resolved.services.verify!);
    for (const env of [user, verify]) expect(env.MFV_PROVIDERS).toBe('sandbox');
    for (const name of ['MTLS_CERT_FILE', 'MTLS_KEY_FILE', 'MTLS_CA_FILE'])
      expect(user[name]).toMatch(/^\/run\/sandbox-dev\/toss-mtls\//);
    expect(verify.MOK_KEY_FILE).toBe('/run/sandbox-dev/mok/mok_keyInfo.dat');
    for (const url of [
      verify.KCB_API_BASE_URL,
      verify.SSAFY_ISSUER,
      user.KAKAO_TOKEN_BASE_URL,
      user.TOSS_API_BASE_URL,
    ])
      expect(new URL(url!).hostname).toBe('sandbox.localhost');
    expect(resolved.services.sandbox!.environment?.SANDBOX_SSAFY_ISSUER).toBe(verify.SSAFY_ISSUER);
  });

  it('a refresh whose result Redis lost is retried inside the api’s grace window (HA drill invariant)', () => {
    // The retry waits out the per-session lock, then calls the api: both must fit in the grace
    // window or a failover turns into a forced logout (tools/platform redis-sentinel-failover test).
    const api = loadConfig('api', envSchemas().api!, {
      ...IMAGE_ENV,
      ...environmentOf(resolved.services.api!),
    }) as { API_REFRESH_GRACE_SECONDS: number };
    for (const app of NEXT_APPS) {
      const auth = loadConfig('auth', envSchemas().auth!, {
        ...IMAGE_ENV,
        ...environmentOf(resolved.services[app]!),
      }) as { AUTH_LOCK_TTL_MS: number; AUTH_REFRESH_TIMEOUT_MS: number };
      expect(auth.AUTH_LOCK_TTL_MS + auth.AUTH_REFRESH_TIMEOUT_MS, app).toBeLessThan(
        api.API_REFRESH_GRACE_SECONDS * 1000,
      );
    }
  });

  it('fails, naming the variable, when .env sets a value a schema refuses', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mfv-compose-env-'));
    try {
      const bad = path.join(dir, '.env');
      writeFileSync(
        bad,
        readFileSync(ENV_EXAMPLE, 'utf8')
          .replace(/^AUTH_PUBLIC_ORIGIN=.*$/m, 'AUTH_PUBLIC_ORIGIN=http://www.example.com')
          .replace(/^API_LOG_LEVEL=.*$/m, 'API_LOG_LEVEL=loud'),
      );
      const problems = problemsOf(resolve(bad, ['docker-compose.yml']));
      expect(problems).toContain('shell (auth): AUTH_PUBLIC_ORIGIN: must be https unless it is localhost');
      expect(problems.some((p) => p.startsWith('api (api): API_LOG_LEVEL:'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * `.env.example` with what the providers registered for a site filled in (real-looking values,
 * packages/config/src/live-providers.ts) and the site's https origin: a go-live `.env`.
 */
function goLiveEnv(): string {
  const set: Record<string, string> = {
    ...LIVE_PROVIDER_EXAMPLES,
    AUTH_PUBLIC_ORIGIN: 'https://www.example.com',
  };
  let text = readFileSync(ENV_EXAMPLE, 'utf8');
  for (const [name, value] of Object.entries(set)) {
    text = text.replace(new RegExp(`^${name}=.*$`, 'm'), `${name}=${value}`);
  }
  return text;
}

/** The compose files resolved with a go-live `.env`. */
function resolveLive(files: string[]): Resolved {
  const dir = mkdtempSync(path.join(tmpdir(), 'mfv-compose-live-'));
  try {
    const live = path.join(dir, '.env');
    writeFileSync(live, goLiveEnv());
    return resolve(live, files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('docker-compose.yml + deploy/compose.providers.yml (the real providers)', () => {
  const files = ['docker-compose.yml', 'deploy/compose.providers.yml'];

  it('docker-compose config accepts the merged files', () => {
    execFileSync(
      'docker-compose',
      ['--env-file', ENV_EXAMPLE, ...files.flatMap((f) => ['-f', path.join(REPO_ROOT, f)]), 'config', '-q'],
      { cwd: REPO_ROOT, stdio: 'pipe' },
    );
  });

  it('with .env.example as written (nothing registered yet), the apps refuse the configuration, naming every provider variable to set', () => {
    const problems = problemsOf(resolve(ENV_EXAMPLE, files));
    const named = problems.map((p) => /^(\w+) \((\w+)\): (\w+): /.exec(p)?.slice(1, 4).join(' '));
    expect(named.sort()).toEqual(
      [
        'user user KAKAO_CLIENT_ID',
        'user user KAKAO_REDIRECT_URI',
        'verify verification KCB_CLIENT_ID',
        'verify verification KCB_MEMBER_CODE',
        'verify verification KCB_RETURN_URL',
        'verify verification KCB_SITE_URL',
        'verify verification SSAFY_CLIENT_ID',
        'verify verification SSAFY_REDIRECT_URI',
        'verify verify MOK_ARS_CODE',
        'verify verify MOK_CLIENT_TX_PREFIX',
        'verify verify MOK_SITE_URL',
      ].sort(),
    );
    for (const problem of problems) expect(problem).toMatch(/while MFV_PROVIDERS is live: set .+Going live/);
  });

  it('every service satisfies its schemas once .env holds what the providers registered (verify: KCB and SSAFY too); provider secrets are compose secrets', () => {
    const resolved = resolveLive(files);
    expect(problemsOf(resolved)).toEqual([]);
    const verify = environmentOf(resolved.services.verify!);
    expect(verify).toMatchObject({
      MOK_ENVIRONMENT: 'production',
      MOK_KEY_FILE: '/run/secrets/mok_key_info',
      MOK_KEY_PASSWORD_FILE: '/run/secrets/mok_key_password',
    });
    expect(resolved.secrets?.mok_key_info?.file).toMatch(/secrets\/mok_keyInfo\.dat$/);
    expect(verify).toMatchObject({
      KCB_CLIENT_SECRET_FILE: '/run/secrets/kcb_client_secret',
      KCB_RETURN_URL: 'https://www.example.com/verify/kcb/callback',
      SSAFY_REDIRECT_URI: 'https://www.example.com/verify/ssafy/callback',
      MOK_SITE_URL: LIVE_PROVIDER_EXAMPLES.MOK_SITE_URL,
    });
    expect(environmentOf(resolved.services.user!).KAKAO_CLIENT_SECRET_FILE).toBe(
      '/run/secrets/kakao_client_secret',
    );
    for (const app of ['verify', 'user'])
      expect(environmentOf(resolved.services[app]!).MFV_PROVIDERS).toBe('live');
  });

  it('the user app gets its mTLS material where @mfv/mtls looks (MTLS_SECRETS_DIR, default names)', () => {
    const resolved = resolveLive(files);
    const user = resolved.services.user!;
    const env = loadConfig('user', envSchemas().user!, { ...IMAGE_ENV, ...environmentOf(user) }) as {
      MTLS_SECRETS_DIR: string;
      MTLS_CERT_SECRET: string;
      MTLS_KEY_SECRET: string;
      MTLS_CA_SECRET: string;
      MTLS_CERT_FILE?: string;
    };
    expect(env.MTLS_CERT_FILE).toBeUndefined();
    expect(env.MTLS_SECRETS_DIR).toBe('/run/secrets');
    expect(secretNames(user)).toEqual(
      expect.arrayContaining([env.MTLS_CERT_SECRET, env.MTLS_KEY_SECRET, env.MTLS_CA_SECRET]),
    );
  });

  it('the sandbox is not started (behind the `sandbox` profile)', () => {
    const resolved = resolve(ENV_EXAMPLE, files) as Resolved & {
      services: Record<string, { profiles?: string[] }>;
    };
    expect(resolved.services.sandbox!.profiles).toEqual(['sandbox']);
  });
});
