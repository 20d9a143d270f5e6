import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APPS, NEXT_APPS } from '@mfv/topology';
import { composeUpstreams, renderComposeNginxConfig, renderNginxConfig } from '../src/nginx.js';
import { NGINX_BIN } from './helpers.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface ComposeService {
  entrypoint?: string[];
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  build?: { args?: { APP?: string; BUILD_FROM?: string } };
  secrets?: (string | { source: string })[];
}

const compose = parse(readFileSync(path.join(REPO, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  secrets: Record<string, { file?: string }>;
};

describe('docker-compose.yml and deploy/nginx/nginx.conf', () => {
  it('the committed nginx config is exactly what the routes table generates', () => {
    expect(readFileSync(path.join(REPO, 'deploy/nginx/nginx.conf'), 'utf8')).toBe(renderComposeNginxConfig());
  });

  it('nginx accepts the generated config (nginx -t)', () => {
    if (!NGINX_BIN) throw new Error('nginx is not installed (Debian: apt-get install -y nginx)');
    // Compose service names only resolve inside the compose network; same config, loopback hosts.
    const prefix = mkdtempSync(path.join(tmpdir(), 'mfv-nginx-t-'));
    try {
      const upstreams = composeUpstreams();
      for (const app of NEXT_APPS) upstreams[app] = { ...upstreams[app], host: '127.0.0.1' };
      const file = path.join(prefix, 'nginx.conf');
      writeFileSync(file, renderNginxConfig({ upstreams, listenPort: 18080, mode: 'prefix', prefix }));
      const result = spawnSync(NGINX_BIN, ['-t', '-p', prefix, '-c', file], { encoding: 'utf8' });
      expect(result.stderr).toContain('test is successful');
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });

  it('every routed app is a service, built as itself, healthy before nginx starts', () => {
    const nginx = compose.services.nginx!;
    expect(nginx.volumes).toContain('./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro');
    for (const app of NEXT_APPS) {
      const service = compose.services[app];
      expect(service, `service ${app}`).toBeDefined();
      expect(service!.build?.args?.APP).toBe(app);
      expect(nginx.depends_on?.[app]).toEqual({ condition: 'service_healthy' });
      // Readiness (Redis, the api; the shell also reports its remotes), not just liveness.
      expect(service!.healthcheck?.test.join(' ')).toContain(
        `:${APPS[app].port}${APPS[app].basePath}/api/readyz`,
      );
    }
  });

  it('the apps find each other under their service names and topology ports', () => {
    for (const app of NEXT_APPS) {
      const env = compose.services[app]!.environment ?? {};
      for (const other of NEXT_APPS) {
        expect(env[`MFV_${other.toUpperCase()}_HOST`], `${app} → ${other}`).toBe(other);
        expect(env[`MFV_${other.toUpperCase()}_PORT`], `${app} → ${other}`).toBe(String(APPS[other].port));
      }
    }
  });

  it('every Next app reaches the api and Redis, with the platform secrets as files, after both are healthy', () => {
    for (const app of NEXT_APPS) {
      const service = compose.services[app]!;
      expect(service.environment).toMatchObject({
        AUTH_API_URL: 'http://api:4000',
        REDIS_URL: 'redis://redis:6379',
        AUTH_COOKIE_SECRET_FILE: '/run/platform-secrets/auth_cookie_secret',
        API_INTERNAL_TOKEN_FILE: '/run/platform-secrets/api_internal_token',
        REDIS_PASSWORD_FILE: '/run/platform-secrets/redis_password',
      });
      // Written once per `up` by the one-shot `secrets` service (deploy/platform-secrets.mjs).
      expect(service.volumes).toContain('platform-secrets:/run/platform-secrets:ro');
      expect(service.depends_on).toMatchObject({
        api: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
    expect(compose.services.api!.depends_on).toMatchObject({
      secrets: { condition: 'service_completed_successfully' },
    });
    expect(JSON.stringify(compose.services)).not.toMatch(/SECRET":\s*"[^$/]|TOKEN":\s*"[^$/]/);
  });

  it('every image build takes BUILD_FROM from MFV_BUILD_FROM (compose:smoke --prebuilt packages its own build)', () => {
    const built = Object.entries(compose.services).filter(([, s]) => s.build);
    expect(built.length).toBeGreaterThanOrEqual(7);
    for (const [name, service] of built) {
      expect(service.build?.args?.BUILD_FROM, name).toBe('${MFV_BUILD_FROM:-source}');
    }
    const smoke = readFileSync(path.join(REPO, 'tests/e2e/compose/smoke.ts'), 'utf8');
    expect(smoke).toMatch(/prebuilt \? \{ MFV_BUILD_FROM: 'prebuilt' \}/);
  });

  it('Redis requires the generated password, read from the secrets volume and never in argv or env', () => {
    const redis = compose.services.redis!;
    expect(redis.depends_on).toMatchObject({ secrets: { condition: 'service_completed_successfully' } });
    expect(redis.volumes).toContain('platform-secrets:/run/platform-secrets:ro');
    expect(redis.volumes).toContain('./deploy/redis/start.sh:/usr/local/lib/mfv/redis-start.sh:ro');
    expect(redis.entrypoint).toEqual(['sh', '/usr/local/lib/mfv/redis-start.sh']);
    expect(redis.environment ?? {}).toEqual({});
    expect(JSON.stringify([redis.command, redis.healthcheck])).not.toMatch(/requirepass|\s-a\s/);
  });

  // The script for real, as the container runs it: root reads the 0600 file, redis-server runs as
  // `redis` with the password from stdin (Debian's setpriv path, as in local/redis).
  const canRunAsRedis =
    process.getuid?.() === 0 &&
    spawnSync('id', ['-u', 'redis']).status === 0 &&
    spawnSync('sh', ['-c', 'command -v redis-server && command -v setpriv']).status === 0;
  it.skipIf(!canRunAsRedis)(
    'deploy/redis/start.sh: requirepass works, and the password is in neither argv nor environ',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'mfv-redis-start-'));
      execFileSync('chmod', ['0777', dir]);
      const password = `pw-${Date.now().toString(36)}-start`;
      const file = path.join(dir, 'redis_password');
      writeFileSync(file, password, { mode: 0o600 });
      const port = 20_000 + Math.floor(Math.random() * 20_000);
      const server = spawn(
        'sh',
        [
          path.join(REPO, 'deploy/redis/start.sh'),
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir,
          '--save',
          '',
          '--appendonly',
          'no',
        ],
        { env: { PATH: process.env.PATH, REDIS_PASSWORD_FILE: file }, stdio: 'ignore' },
      );
      const cli = (auth: string | undefined, ...args: string[]) =>
        spawnSync('redis-cli', ['-p', String(port), ...args], {
          env: { PATH: process.env.PATH, ...(auth ? { REDISCLI_AUTH: auth } : {}) },
          encoding: 'utf8',
          timeout: 2_000,
        });
      const answer = (auth: string | undefined, ...args: string[]) => {
        const run = cli(auth, ...args);
        return `${run.stdout.trim()} ${run.stderr.trim()}`.trim();
      };
      try {
        for (let i = 0; i < 50 && !/NOAUTH|PONG/.test(answer(undefined, 'ping')); i++) {
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(answer(undefined, 'ping')).toMatch(/^NOAUTH/);
        expect(answer('wrong', 'ping')).toMatch(/WRONGPASS/);
        expect(answer(password, 'ping')).toBe('PONG');
        // exec all the way down: the process we started is redis-server itself, as `redis`.
        const pid = String(server.pid);
        expect(readFileSync(`/proc/${pid}/comm`, 'utf8').trim()).toMatch(/^redis-server/);
        expect(spawnSync('ps', ['-o', 'user=', '-p', pid], { encoding: 'utf8' }).stdout.trim()).toBe('redis');
        expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain(password);
        expect(readFileSync(`/proc/${pid}/environ`, 'utf8')).not.toContain(password);
      } finally {
        server.kill('SIGTERM');
        await new Promise((r) => server.once('exit', r));
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('a missing password file stops Redis at once, naming REDIS_PASSWORD_FILE', () => {
    const run = spawnSync('sh', [path.join(REPO, 'deploy/redis/start.sh')], {
      env: { PATH: process.env.PATH, REDIS_PASSWORD_FILE: '/nonexistent/redis_password' },
      encoding: 'utf8',
      timeout: 5_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/REDIS_PASSWORD_FILE \(\/nonexistent\/redis_password\) is missing or empty/);
  });

  it('with the real providers, the user app gets the Toss mTLS material and login secrets as compose secrets, and no other app does', () => {
    const providers = parse(readFileSync(path.join(REPO, 'deploy/compose.providers.yml'), 'utf8'), {
      merge: true,
    }) as typeof compose;
    const user = providers.services.user!;
    const names = (user.secrets ?? []).map((s) => (typeof s === 'string' ? s : s.source));
    for (const secret of [
      'mtls_client_cert',
      'mtls_client_key',
      'mtls_ca',
      'toss_decrypt_key',
      'toss_decrypt_aad',
      'toss_unlink_basic_auth',
    ]) {
      expect(names, secret).toContain(secret);
      expect(providers.secrets[secret]?.file, secret).toMatch(/^\.\/secrets\//);
    }
    expect(user.environment).toMatchObject({
      TOSS_DECRYPT_KEY_FILE: '/run/secrets/toss_decrypt_key',
      TOSS_DECRYPT_AAD_FILE: '/run/secrets/toss_decrypt_aad',
      TOSS_UNLINK_BASIC_AUTH_FILE: '/run/secrets/toss_unlink_basic_auth',
    });
    // No inline key material, and no other app is handed the Toss secrets, in either file.
    for (const file of [compose, providers]) {
      expect(JSON.stringify(file.services.user?.environment ?? {})).not.toMatch(
        /BEGIN|TOSS_DECRYPT_KEY":|MTLS_KEY":/,
      );
      for (const app of NEXT_APPS.filter((a) => a !== 'user')) {
        const other = (file.services[app]?.secrets ?? []).map((s) => (typeof s === 'string' ? s : s.source));
        expect(
          other.filter((s) => /^(mtls_|toss_)/.test(s)),
          app,
        ).toEqual([]);
        expect(JSON.stringify(file.services[app]?.volumes ?? [])).not.toMatch(/toss-mtls/);
      }
    }
  });

  // docker-compose (the Python tool) takes seconds to start on a busy 2-core machine: measured
  // ~10 s under load, beyond vitest's 5 s default.
  it('docker-compose config accepts the file (validated without an engine)', { timeout: 60_000 }, () => {
    execFileSync('docker-compose', ['-f', path.join(REPO, 'docker-compose.yml'), 'config', '-q'], {
      stdio: 'pipe',
    });
  });
});
