/**
 * pnpm bench:auth — what withAuth costs, in one run on one machine:
 *   - the same Next API route (`/notice/api/bench/*`, production build) with no auth, behind
 *     withAuth in `local` mode (JWKS, no network) and in `remote` mode (POST /auth/verify);
 *     requests/s, p50 and p99, interleaved rounds;
 *   - a refresh storm: N concurrent requests of one session whose access token expired, spread
 *     over two Next processes → how many refreshes reach the api, how many succeed, p99.
 * Prints the figures and the ratios against the no-auth route, and the CPU time the serving Next
 * process spent per request (from /proc, so it moves much less than req/s with the rest of a
 * shared machine's load). Bounded: fixed durations.
 * Knobs: BENCH_ROUNDS (3), BENCH_DURATION_S (5), BENCH_CONNECTIONS (16), BENCH_STORM (200; 0 skips
 * it), BENCH_REMOTE (true; false skips remote mode), BENCH_CPU_PROF (a directory: the local-mode
 * process runs with `node --cpu-prof` and writes its profile there when it stops), BENCH_COMPARE
 * (another checkout's root, built: its notice app runs beside this one in local mode and its
 * no-auth and local rows are measured in the same interleaved rounds — an A/B of two builds that
 * the shared machine's load affects alike).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createProxyServer } from 'http-proxy-3';
import { sessionKey } from '@mfv/auth';
import { createRedis, closeRedis, waitForRedis } from '@mfv/redis';
import { REPO_ROOT, Service, localSecrets, resolveRedis } from '@mfv/site';
import { cpuTimeMs, percentile, runLoad, type LoadResult } from './load.js';
import { apiService, memberSession } from './stack.js';
import { freePort } from '@mfv/testkit/ports';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const STORM = Number(process.env.BENCH_STORM ?? 200);
const REMOTE = process.env.BENCH_REMOTE !== 'false';
const CPU_PROF = process.env.BENCH_CPU_PROF;
const COMPARE = process.env.BENCH_COMPARE;

const fmt = (n: number, d = 2) => n.toFixed(d).padStart(10);

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'mfv-bench-auth-'));
  const services: Service[] = [];
  const servers: http.Server[] = [];
  const redis = await resolveRedis({}, await freePort(), path.join(dir, 'redis'), { kind: 'silent' });
  // Production configuration on both sides, with secrets as files (as `pnpm start` runs it).
  const secrets = localSecrets(path.join(dir, 'secrets'));
  const internalToken = readFileSync(secrets.internalTokenFile, 'utf8').trim();
  try {
    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const api = apiService(apiPort, secrets, { kind: 'silent' });
    services.push(api);
    await api.start();

    // Refreshes on the wire: the local-mode processes reach the api through this counter.
    let refreshes = 0;
    const proxy = createProxyServer({ target: apiUrl });
    const counter = http.createServer((req, res) => {
      if (req.method === 'POST' && req.url === '/auth/refresh') refreshes += 1;
      proxy.web(req, res);
    });
    servers.push(counter);
    await new Promise<void>((r) => counter.listen(0, '127.0.0.1', () => r()));
    const counterUrl = `http://127.0.0.1:${(counter.address() as AddressInfo).port}`;

    const startNotice = async (
      name: string,
      mode: 'local' | 'remote',
      authApi: string,
      profile = false,
      root = REPO_ROOT,
    ): Promise<{ url: string; service: Service }> => {
      const noticeDir = path.join(root, 'apps/notice');
      const port = await freePort();
      const service = new Service(
        {
          name,
          // node itself (not the .bin shim), so the profile flags can be given: NODE_OPTIONS refuses them.
          command: process.execPath,
          args: [
            ...(profile && CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []),
            path.join(noticeDir, 'node_modules/next/dist/bin/next'),
            'start',
            '-p',
            String(port),
            '-H',
            '127.0.0.1',
          ],
          cwd: noticeDir,
          env: {
            ...process.env,
            NODE_ENV: 'production',
            MFV_BENCH_ROUTES: 'true',
            AUTH_MODE: mode,
            AUTH_API_URL: authApi,
            REDIS_URL: redis.url,
            AUTH_COOKIE_SECRET_FILE: secrets.cookieSecretFile,
            API_INTERNAL_TOKEN_FILE: secrets.internalTokenFile,
          },
          readyUrl: `http://127.0.0.1:${port}/notice/api/healthz`,
        },
        { kind: 'file', file: path.join(dir, `${name}.log`) },
      );
      services.push(service);
      await service.start();
      return { url: `http://127.0.0.1:${port}/notice/api/bench`, service };
    };
    process.stdout.write('Starting api, Redis and the notice processes (local ×2, remote) …\n');
    const [a, b, r] = await Promise.all([
      startNotice('local-a', 'local', counterUrl, true),
      startNotice('local-b', 'local', counterUrl),
      REMOTE ? startNotice('remote', 'remote', apiUrl) : undefined,
    ]);
    const c = COMPARE ? await startNotice('compare', 'local', counterUrl, false, COMPARE) : undefined;
    const localA = a.url;
    const localB = b.url;

    // A member and a session, stored the way the login route stores it.
    const redisClient = createRedis(redis.url);
    await waitForRedis(redisClient);
    const session = await memberSession({ apiUrl, internalToken, redisUrl: redis.url, redis: redisClient });
    const cookie = `mfv_at=${session.mfv_at}; mfv_sid=${session.mfv_sid}`;

    type Name = 'no auth' | 'withAuth local' | 'withAuth remote' | 'B: no auth' | 'B: withAuth local';
    // The browser sends the same cookies to every route: the baseline carries them too. `pid` is
    // the Next process that serves the route (no auth and local share one).
    const targets: Partial<Record<Name, { url: string; headers: Record<string, string>; pid: number }>> = {
      'no auth': { url: `${localA}/plain`, headers: { cookie }, pid: a.service.pid! },
      'withAuth local': { url: `${localA}/authed`, headers: { cookie }, pid: a.service.pid! },
      ...(r
        ? { 'withAuth remote': { url: `${r.url}/authed`, headers: { cookie }, pid: r.service.pid! } }
        : {}),
      ...(c
        ? {
            'B: no auth': { url: `${c.url}/plain`, headers: { cookie }, pid: c.service.pid! },
            'B: withAuth local': { url: `${c.url}/authed`, headers: { cookie }, pid: c.service.pid! },
          }
        : {}),
    };
    const names = Object.keys(targets) as Name[];
    const target = (name: Name) => targets[name]!;
    for (const [name, t] of Object.entries(targets)) {
      const res = await fetch(t.url, { headers: t.headers });
      if (res.status !== 200) throw new Error(`${name} answered ${res.status}`);
    }
    process.stdout.write(`Warming up …\n`);
    for (const t of Object.values(targets))
      await runLoad({ ...t, connections: CONNECTIONS, durationMs: 2_000 });

    /** One load run, with the CPU time its serving process spent per answered request (µs). */
    const measured = async (name: Name, connections: number) => {
      const t = target(name);
      const cpu0 = cpuTimeMs(t.pid);
      const result = await runLoad({ ...t, connections, durationMs: DURATION_S * 1000 });
      return { ...result, cpuUs: ((cpuTimeMs(t.pid) - cpu0) * 1000) / Math.max(1, result.requests) };
    };
    type Run = Awaited<ReturnType<typeof measured>>;
    const runs = Object.fromEntries(names.map((name) => [name, [] as Run[]])) as Record<Name, Run[]>;
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? names : [...names].reverse();
      for (const name of order) {
        process.stdout.write(`Round ${round + 1}/${ROUNDS}: ${name}\n`);
        runs[name].push(await measured(name, CONNECTIONS));
      }
    }
    // Latency without queueing: one connection, so p50 is what one request costs end to end.
    const latency = {} as Record<Name, LoadResult>;
    for (const name of names) {
      process.stdout.write(`Latency (1 connection): ${name}\n`);
      latency[name] = await measured(name, 1);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const spread = (values: number[], d: number) =>
      `${Math.min(...values).toFixed(d)}–${Math.max(...values).toFixed(d)}`;
    const summary = (name: Name) => ({
      rps: runs[name].reduce((a, r) => a + r.rps, 0) / runs[name].length,
      rpsSpread: spread(
        runs[name].map((r) => r.rps),
        0,
      ),
      p50: median(runs[name].map((r) => r.p50Ms)),
      p99: median(runs[name].map((r) => r.p99Ms)),
      cpuUs: median(runs[name].map((r) => r.cpuUs)),
      cpuSpread: spread(
        runs[name].map((r) => r.cpuUs),
        0,
      ),
      failures: runs[name].reduce((a, r) => a + r.failures, 0),
    });

    // The storm: the session's access token has expired everywhere.
    const key = sessionKey(session.mfv_sid);
    const record = JSON.parse((await redisClient.get(key))!) as Record<string, unknown>;
    await redisClient.set(key, JSON.stringify({ ...record, accessExpiresAt: 0 }), 'KEEPTTL');
    const before = refreshes;
    const stormStarted = performance.now();
    const storm = await Promise.all(
      Array.from({ length: Math.max(0, STORM) }, async (_, i) => {
        const t0 = performance.now();
        const res = await fetch(`${i % 2 ? localB : localA}/authed`, {
          headers: { cookie: `mfv_sid=${session.mfv_sid}` },
        });
        await res.arrayBuffer();
        return { ok: res.status === 200, ms: performance.now() - t0 };
      }),
    );
    const stormMs = performance.now() - stormStarted;
    const stormLatencies = storm.map((s) => s.ms).sort((a, b) => a - b);
    await closeRedis(redisClient);

    const base = summary('no auth');
    const local = summary('withAuth local');
    const baseOf = (name: Name): Name => (name.startsWith('B: ') ? 'B: no auth' : 'no auth');
    /** Per round, against the no-auth run of the same process in the same round. */
    const pairedSpread = (name: Name, of: (r: Run) => number) => {
      const ratios = runs[name].map((r, i) => of(r) / of(runs[baseOf(name)][i]!));
      return spread(ratios, 3);
    };
    const row = (name: Name) => {
      const s = summary(name);
      const b = summary(baseOf(name));
      return (
        `${name.padEnd(18)}${fmt(s.rps, 0)}  ${fmt(s.rps / b.rps, 3)}×  ${fmt(s.p50, 3)}  ${fmt(s.p50 - b.p50, 3)}  ${fmt(s.p99, 3)}  ${String(s.failures).padStart(8)}` +
        `  ${fmt(s.cpuUs, 0)}  ${fmt(s.cpuUs / b.cpuUs, 3)}×   req/s ${s.rpsSpread} (ratio ${pairedSpread(name, (r) => r.rps)}), ` +
        `CPU ${s.cpuSpread} (ratio ${pairedSpread(name, (r) => r.cpuUs)})`
      );
    };
    process.stdout.write(
      [
        '',
        `withAuth benchmark — ${ROUNDS} rounds × ${DURATION_S} s, ${CONNECTIONS} connections, next start (production)`,
        `${''.padEnd(18)}${'req/s'.padStart(10)}  ${'vs none'.padStart(11)}  ${'p50 ms'.padStart(10)}  ${'+p50 ms'.padStart(10)}  ${'p99 ms'.padStart(10)}  failures  ${'CPU µs/req'.padStart(10)}  ${'vs none'.padStart(11)}   spread (min–max over rounds)`,
        ...names.map(row),
        '',
        'one connection (no queueing):',
        ...names.map(
          (name) =>
            `${name.padEnd(18)}p50 ${latency[name].p50Ms.toFixed(3)} ms (+${(latency[name].p50Ms - latency['no auth'].p50Ms).toFixed(3)})   p99 ${latency[name].p99Ms.toFixed(3)} ms`,
        ),
        '',
        ...(STORM > 0
          ? [
              `refresh storm: ${STORM} concurrent requests, one session, expired access token, 2 processes`,
              `  refreshes reaching the api: ${refreshes - before}   succeeded: ${storm.filter((s) => s.ok).length}/${STORM}   ` +
                `p50 ${percentile(stormLatencies, 50).toFixed(1)} ms   p99 ${percentile(stormLatencies, 99).toFixed(1)} ms   wall ${stormMs.toFixed(0)} ms`,
              '',
            ]
          : []),
        `targets: local ≥ 0.95× no-auth throughput → ${local.rps / base.rps >= 0.95 ? 'met' : 'NOT met'}; ` +
          `added p50 ≤ 0.5 ms (one connection) → ${latency['withAuth local'].p50Ms - latency['no auth'].p50Ms <= 0.5 ? 'met' : 'NOT met'}`,
        '',
      ].join('\n'),
    );
  } catch (error) {
    process.exitCode = 1;
    throw error;
  } finally {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
    await Promise.all(services.map((s) => s.stop()));
    await redis.stop();
    if (process.exitCode) process.stderr.write(`logs kept in ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:auth failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
