/**
 * `pnpm --filter @mfv/platform standalone:check [--keep]`: the image build without Docker, then
 * the result run for real.
 *
 *  1. the build context: the repository minus .dockerignore, copied to a temp dir;
 *  2. `pnpm install --offline --frozen-lockfile` there (the Dockerfile's workspace stage);
 *  3. `deploy/build-app.sh` for notice, shell and api (the build stage) — standalone Next output
 *     and `pnpm deploy --prod`;
 *  4. each started the way deploy/start.sh starts it in the image (`node server.js` with PORT and
 *     HOSTNAME, `node dist/server.js`), from the output folder alone, with Redis and production
 *     settings, and probed: liveness, readiness, nextjs-mf's server and browser remote entries
 *     of the standalone notice, the shell's home composing the standalone notice over the
 *     network (SSR), an authenticated request that refreshes a session, and SIGTERM with a
 *     keep-alive connection open.
 *
 * Prints what it found; exits 1 on the first failed check. Takes minutes (two `next build`s).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeRedis, createRedis, waitForRedis } from '@mfv/redis';
import { freePort } from '@mfv/testkit/ports';
import { startRedisServer } from '@mfv/testkit/redis';
import { REPO_ROOT } from '@mfv/site';
import { isIgnored, loadDockerignore } from './dockerignore.js';
import {
  createSessions,
  expireStoredAccessToken,
  prepareStack,
  startApi,
  startNextApp,
  topologyEnv,
  type RunningServer,
} from './servers.js';

const APPS_TO_BUILD = ['notice', 'shell', 'api'] as const;
const keep = process.argv.includes('--keep');
const root = mkdtempSync(path.join(tmpdir(), 'mfv-standalone-'));
const context = path.join(root, 'context');
const results: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

function step(message: string) {
  process.stdout.write(`\n▶ ${message}\n`);
}

function check(ok: boolean, what: string, detail = ''): void {
  results.push(`${ok ? '✓' : '✗'} ${what}${detail ? ` — ${detail}` : ''}`);
  process.stdout.write(`  ${results.at(-1)}\n`);
  if (!ok) throw new Error(`check failed: ${what} ${detail}`);
}

function sh(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  execFileSync(command, args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, ...env } as NodeJS.ProcessEnv,
  });
}

async function get(url: string, init: RequestInit = {}) {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function main(): Promise<void> {
  step(`build context (repository minus .dockerignore) → ${context}`);
  const rules = loadDockerignore();
  cpSync(REPO_ROOT, context, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => {
      const relative = path.relative(REPO_ROOT, source).split(path.sep).join('/');
      return relative === '' || !isIgnored(rules, relative);
    },
  });
  for (const secretish of ['secrets', '.sandbox-dev', '.site', '.env']) {
    check(!existsSync(path.join(context, secretish)), `${secretish} is not in the context`);
  }

  step('pnpm install --offline --frozen-lockfile (the Dockerfile’s workspace stage)');
  sh('flock', ['/tmp/mfv-install.lock', 'pnpm', 'install', '--offline', '--frozen-lockfile'], context, {
    CI: '1',
  });

  const out: Record<(typeof APPS_TO_BUILD)[number], string> = {} as never;
  for (const app of APPS_TO_BUILD) {
    out[app] = path.join(root, 'out', app);
    step(`deploy/build-app.sh ${app} (the Dockerfile’s build stage)`);
    sh('sh', ['deploy/build-app.sh', app, out[app]], context, {
      NEXT_PRIVATE_LOCAL_WEBPACK: 'true',
      NEXT_TELEMETRY_DISABLED: '1',
      TURBO_TELEMETRY_DISABLED: '1',
    });
  }
  // What the runtime stage would copy: nothing else is needed, so delete the build context.
  rmSync(context, { recursive: true, force: true });
  check(true, 'the build context is gone: the outputs run on their own');

  step('run them as the image does');
  const redis = await startRedisServer();
  cleanups.push(() => redis.stop());
  const stack = prepareStack(path.join(root, 'run'), { REDIS_URL: redis.url });
  const api = await startApi(stack, { dir: path.join(out.api, 'apps/api') });
  cleanups.push(() => api.service.stop());
  check(true, 'api (pnpm deploy --prod output) is ready', api.url);

  const noticePort = await freePort();
  const shellPort = await freePort();
  const topology = await topologyEnv({ notice: noticePort, shell: shellPort });
  const common = { ...topology, AUTH_API_URL: api.url, AUTH_PUBLIC_ORIGIN: `http://localhost:${shellPort}` };
  const notice = await startNextApp(stack, 'notice', {
    mode: 'standalone',
    dir: out.notice,
    port: noticePort,
    env: common,
  });
  cleanups.push(() => notice.service.stop());
  const shell = await startNextApp(stack, 'shell', {
    mode: 'standalone',
    dir: out.shell,
    port: shellPort,
    env: common,
  });
  cleanups.push(() => shell.service.stop());

  await probeNotice(notice);
  await probeShell(shell, stack);
  await probeAuthenticated(notice, stack, api.url, redis.url);
  await probeSigterm(notice);
}

async function probeNotice(notice: RunningServer) {
  step(`standalone notice: node ${path.join('apps/notice/server.js')} on ${notice.url}`);
  const health = await get(`${notice.url}/api/healthz`);
  check(health.status === 200, 'GET /notice/api/healthz', String(health.status));
  const ready = await get(`${notice.url}/api/readyz`);
  check(ready.status === 200, 'GET /notice/api/readyz (Redis, api)', ready.text);
  const ssr = await get(`${notice.url}/_next/static/ssr/remoteEntry.js`);
  check(
    ssr.status === 200 && ssr.text.length > 1_000,
    'server remote entry /notice/_next/static/ssr/remoteEntry.js',
    `${ssr.text.length} bytes`,
  );
  const client = await get(`${notice.url}/_next/static/chunks/remoteEntry.js`);
  check(
    client.status === 200,
    'browser remote entry /notice/_next/static/chunks/remoteEntry.js',
    `${client.text.length} bytes`,
  );
  const page = await get(notice.url, { redirect: 'manual' });
  check(
    page.status === 307 && (page.headers.get('location') ?? '').startsWith('/user/login?returnTo=%2Fnotice'),
    'GET /notice without a session (its own page, withAuthSSR) → the login page',
    `${page.status} ${page.headers.get('location')}`,
  );
}

async function probeShell(shell: RunningServer, stack: ReturnType<typeof prepareStack>) {
  step(`standalone shell: node apps/shell/server.js on ${shell.url || '/'}`);
  const home = await get(`${shell.url}/`);
  const states = Object.fromEntries(
    [...home.text.matchAll(/data-remote-slot="([^"]+)" data-state="([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
  check(home.status === 200, 'GET / (federated home)', JSON.stringify(states));
  check(
    states['notice/NoticeBell'] === 'ok' && states['notice/NoticeList'] === 'ok',
    'the shell rendered the standalone notice’s components on the server (loaded its SSR remote entry)',
  );
  check(
    states['user/UserMenu'] === 'down',
    'a remote that is not running falls back',
    `user/UserMenu ${states['user/UserMenu']}`,
  );
  // The checks are shown to the service token only (docs/security.md F11); anonymous callers get the status.
  const serviceToken = readFileSync(stack.env.API_INTERNAL_TOKEN_FILE!, 'utf8').trim();
  const ready = await get(`${shell.url}/api/readyz`, { headers: { 'x-internal-token': serviceToken } });
  const report = JSON.parse(ready.text) as { status: string; checks: { remotes: Record<string, unknown> } };
  check(
    ready.status === 200 &&
      report.status === 'degraded' &&
      (report.checks.remotes.notice as { ok: boolean }).ok,
    'GET /api/readyz: degraded (user, verify down), notice ok',
  );
}

async function probeAuthenticated(
  notice: RunningServer,
  stack: ReturnType<typeof prepareStack>,
  apiUrl: string,
  redisUrl: string,
) {
  step('an authenticated request that needs a refresh, through the standalone notice');
  const [session] = await createSessions(stack, apiUrl, redisUrl, 1);
  const redis = createRedis(redisUrl, { logger: null });
  await waitForRedis(redis);
  await expireStoredAccessToken(redis, session!.sid);
  await closeRedis(redis);
  const res = await get(`${notice.url}/api/notices/unread-count`, {
    headers: { cookie: `mfv_sid=${session!.sid}` },
  });
  const rotated = res.headers.getSetCookie().some((c) => c.startsWith('mfv_at='));
  check(
    res.status === 200 && rotated,
    'GET /notice/api/notices/unread-count (withAuth refresh)',
    `${res.status} ${res.text}`,
  );
  const page = await get(notice.url, {
    headers: { cookie: `mfv_sid=${session!.sid}` },
    redirect: 'manual',
  });
  check(
    page.status === 200 && page.text.includes('<html') && page.text.includes('/notice/_mf/runtime-core-'),
    'GET /notice signed in: the page renders (SSR) with the federation runtime it loads first',
    String(page.status),
  );
}

async function probeSigterm(notice: RunningServer) {
  step('SIGTERM with a keep-alive connection open');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  await new Promise<void>((resolve, reject) => {
    http
      .get(`${notice.url}/api/healthz`, { agent }, (res) => {
        res.resume();
        res.once('end', () => resolve());
      })
      .once('error', reject);
  });
  const started = performance.now();
  process.kill(notice.service.pid!, 'SIGTERM');
  while (notice.service.running && performance.now() - started < 12_000) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - started;
  check(!notice.service.running && ms < 10_000, 'standalone notice exits on SIGTERM', `${ms.toFixed(0)} ms`);
  agent.destroy();
}

void main()
  .then(
    () => 0,
    (error: unknown) => {
      process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    },
  )
  .then(async (code) => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
    process.stdout.write(
      `\nstandalone check ${code === 0 ? 'passed' : 'FAILED'}:\n${results.map((r) => `  ${r}`).join('\n')}\n`,
    );
    if (!keep) rmSync(root, { recursive: true, force: true });
    else process.stdout.write(`kept ${root}\n`);
    process.exit(code);
  });
