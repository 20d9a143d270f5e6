/**
 * pnpm bench:mok — complete mobile-ok SMS flows through the verify remote's API (production
 * build, `next start`) against the sandbox, in one run on one machine:
 *   - completed flows per second, with `BENCH_WORKERS` browsers each running flows back to back
 *     for `BENCH_DURATION_S` (after a warm-up); flow latency p50 / p99;
 *   - server CPU per flow: the verify process's own CPU time (user + system) over the measured
 *     window, divided by the flows it completed. Method: `process.cpuUsage()` read before and after
 *     through the bench-only route GET /verify/api/bench/cpu (404 unless MFV_BENCH_ROUTES=true),
 *     cross-checked with utime + stime from /proc/<pid>/stat of every process in the verify
 *     server's process group (Next may run workers);
 *   - the baseline inside that figure: the client crypto of one flow alone (token request RSA,
 *     two server-encrypts, one result decryption), timed in this process with the same keys.
 * A flow is what the page does: CSRF token, start (token/get), request (auth/request, SMS),
 * confirm (confirm/request + result checks + hand-off to the api), result (ticket redemption).
 * Knobs: BENCH_WORKERS (8), BENCH_DURATION_S (10), BENCH_WARMUP_S (3); BENCH_PROFILE=<dir> runs the
 * verify server under `node --cpu-prof` into <dir> and stops after the flows (no baseline in the profile).
 */
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeRedis, createRedis, waitForRedis } from '@mfv/redis';
import { RATE_LIMIT_DEFAULTS } from '@mfv/config';
import { REPO_ROOT, Service, localSecrets, resolveRedis } from '@mfv/site';
import {
  decryptMokResult,
  encryptReqClientInfo,
  loadMokKeyFile,
  mokServerEncrypt,
} from '@mfv/verification/mobile-ok';
import { groupCpuSeconds, percentile } from './load.js';
import { apiService, memberSession } from './stack.js';
import { freePort } from '@mfv/testkit/ports';

const WORKERS = Number(process.env.BENCH_WORKERS ?? 8);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const TARGET_CPU_MS = 15;
/** `lee-seoyeon` of @mfv/sandbox/mok-personas: KT, SMS code 234567. */
const PERSONA = {
  carrier: 'KT',
  name: '이서연',
  phone: '01041000002',
  birthday: '19950722',
  gender: '2',
  nation: '0',
};
const OTP = '234567';
const ORIGIN = 'http://localhost:8080';
const KEY_PASSWORD = 'bench-mok-key-password';

/** One browser: its cookies (the member's session) and the page's CSRF token. */
class FlowClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly base: URL,
    session: Record<string, string>,
  ) {
    for (const [k, v] of Object.entries(session)) this.cookies.set(k, v);
  }

  private request(method: string, pathname: string, headers: Record<string, string>, body?: unknown) {
    return new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = http.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path: pathname,
          method,
          agent: this.agent,
          headers: {
            ...headers,
            cookie: [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; '),
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          },
        },
        (res) => {
          for (const line of res.headers['set-cookie'] ?? []) {
            const [pair] = line.split(';');
            const index = pair!.indexOf('=');
            const value = decodeURIComponent(pair!.slice(index + 1));
            const name = pair!.slice(0, index);
            if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
            else this.cookies.set(name, value);
          }
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : {} });
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** csrf → start → request → confirm → result; throws on any unexpected answer. */
  async flow(): Promise<void> {
    const csrf = await this.request('GET', '/verify/api/auth/csrf', {});
    const headers = { origin: ORIGIN, 'x-csrf-token': String(csrf.json.token) };
    const step = async (name: string, body: unknown, expected = 200) => {
      const res = await this.request('POST', `/verify/api/${name}`, headers, body);
      if (res.status !== expected)
        throw new Error(`${name} answered ${res.status}: ${JSON.stringify(res.json)}`);
      return res.json;
    };
    await step('mok/start', { service: 'sms' });
    await step('mok/request', { ...PERSONA, usageCode: '01005' });
    const confirmed = await step('mok/confirm', { authNumber: OTP });
    await step('verification/result', { ticket: confirmed.ticket });
  }

  /** The baseline: as many requests as a flow makes (one GET, four POSTs), to a route doing nothing. */
  async baseline(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      const res = await this.request(
        i === 0 ? 'GET' : 'POST',
        '/verify/api/bench/cpu',
        { origin: ORIGIN },
        i === 0 ? undefined : {},
      );
      if (res.status !== 200) throw new Error(`bench route answered ${res.status}`);
    }
  }

  close(): void {
    this.agent.destroy();
  }
}

async function runFlows(clients: FlowClient[], durationMs: number, kind: 'flow' | 'baseline' = 'flow') {
  const latencies: number[] = [];
  const errors: string[] = [];
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await (kind === 'flow' ? client.flow() : client.baseline());
          latencies.push(performance.now() - t0);
        } catch (error) {
          errors.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  return { latencies, errors, elapsedS: (performance.now() - started) / 1000 };
}

/** The client-side crypto of one flow, alone: CPU ms per flow in this process. */
async function cryptoBaseline(keyFile: string, password: string, rounds = 300): Promise<number> {
  const keyInfo = await loadMokKeyFile(keyFile, password);
  // The per-transaction key is the sandbox's; any RSA-2048 public key costs the same to encrypt to.
  const transactionKey = keyInfo.serverPublicKey;
  const toClient = createPublicKey(keyInfo.clientPrivateKey);
  const resultPlain = JSON.stringify({
    clientTxId: 'MFVBENCH00000000000000000000000000',
    userName: '이서연',
  });
  const sealedResult = mokServerEncrypt(resultPlain, toClient);
  const one = () => {
    encryptReqClientInfo({
      clientTxId: 'MFVBENCH00000000000000000000000000',
      requestTime: new Date(),
      serverPublicKey: keyInfo.serverPublicKey,
      version: 'v1',
    });
    mokServerEncrypt(JSON.stringify({ ...PERSONA, serviceType: 'telcoAuth' }), transactionKey);
    mokServerEncrypt(JSON.stringify({ authNumber: OTP }), transactionKey);
    decryptMokResult(sealedResult, keyInfo.clientPrivateKey);
  };
  for (let i = 0; i < 20; i++) one();
  const before = process.cpuUsage();
  for (let i = 0; i < rounds; i++) one();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / rounds;
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'mfv-bench-mok-'));
  const services: Service[] = [];
  const redis = await resolveRedis({}, await freePort(), path.join(dir, 'redis'), { kind: 'silent' });
  const secrets = localSecrets(path.join(dir, 'secrets'));
  const internalToken = readFileSync(secrets.internalTokenFile, 'utf8').trim();
  const keyDir = path.join(dir, 'mok');
  const clients: FlowClient[] = [];
  try {
    const [apiPort, sandboxPort, sandboxMtlsPort, verifyPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const api = apiService(apiPort, secrets, { kind: 'file', file: path.join(dir, 'api.log') });
    const sandbox = new Service(
      {
        name: 'sandbox',
        command: process.execPath,
        args: ['dist/server.js'],
        cwd: path.join(REPO_ROOT, 'apps/sandbox'),
        env: {
          ...process.env,
          NODE_ENV: 'production',
          SANDBOX_PORT: String(sandboxPort),
          SANDBOX_TOSS_MTLS_PORT: String(sandboxMtlsPort),
          SANDBOX_TOSS_MTLS_DIR: path.join(dir, 'toss-mtls'),
          SANDBOX_LOG_LEVEL: 'warn',
          SANDBOX_MOK_KEY_DIR: keyDir,
          SANDBOX_MOK_KEYFILE_PASSWORD: KEY_PASSWORD,
        },
        readyUrl: `${sandboxUrl}/healthz`,
      },
      { kind: 'file', file: path.join(dir, 'sandbox.log') },
    );
    services.push(api, sandbox);
    process.stdout.write('Starting Redis, the api and the sandbox …\n');
    await Promise.all([api.start(), sandbox.start()]);

    const verifyDir = path.join(REPO_ROOT, 'apps/verify');
    const verify = new Service(
      {
        name: 'verify',
        command: process.env.BENCH_PROFILE
          ? process.execPath
          : path.join(verifyDir, 'node_modules/.bin/next'),
        args: [
          ...(process.env.BENCH_PROFILE
            ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`, 'node_modules/next/dist/bin/next']
            : []),
          'start',
          '-p',
          String(verifyPort),
          '-H',
          '127.0.0.1',
        ],
        cwd: verifyDir,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          // A production build against the sandbox: said explicitly, or the live guard refuses the
          // sandbox's mobile-ok settings (packages/config/src/live-providers.ts).
          MFV_PROVIDERS: 'sandbox',
          MFV_BENCH_ROUTES: 'true',
          AUTH_API_URL: apiUrl,
          AUTH_PUBLIC_ORIGIN: ORIGIN,
          REDIS_URL: redis.url,
          AUTH_COOKIE_SECRET_FILE: secrets.cookieSecretFile,
          API_INTERNAL_TOKEN_FILE: secrets.internalTokenFile,
          MOK_SANDBOX_BASE_URL: `${sandboxUrl}/mok`,
          MOK_KEY_FILE: path.join(keyDir, 'mok_keyInfo.dat'),
          MOK_KEY_PASSWORD: KEY_PASSWORD,
          // The benchmark measures the flow's cost, not the limits (F4): its workers share one
          // address and a few members, so every limit is lifted far above what a run can reach.
          ...Object.fromEntries(Object.keys(RATE_LIMIT_DEFAULTS).map((name) => [name, '999999/60'])),
        },
        readyUrl: `http://127.0.0.1:${verifyPort}/verify/api/healthz`,
      },
      { kind: 'file', file: path.join(dir, 'verify.log') },
    );
    services.push(verify);
    process.stdout.write('Starting the verify remote (next start) …\n');
    await verify.start();
    const base = new URL(`http://127.0.0.1:${verifyPort}`);

    // One member; the session stored the way the login route stores it.
    const redisClient = createRedis(redis.url);
    await waitForRedis(redisClient);
    const session = await memberSession({ apiUrl, internalToken, redisUrl: redis.url, redis: redisClient });
    await closeRedis(redisClient);
    for (let i = 0; i < WORKERS; i++) clients.push(new FlowClient(base, session));

    const cpu = async () => {
      const res = await fetch(new URL('/verify/api/bench/cpu', base));
      if (res.status !== 200) throw new Error(`bench route answered ${res.status}`);
      const body = (await res.json()) as { pid: number; userMicros: number; systemMicros: number };
      return { pid: body.pid, ms: (body.userMicros + body.systemMicros) / 1000 };
    };

    await clients[0]!.flow(); // fail fast, with the answer, if the flow does not work at all
    process.stdout.write(`Warming up (${WARMUP_S} s) …\n`);
    const warm = await runFlows(clients, WARMUP_S * 1000);
    if (warm.errors.length > 0) throw new Error(`warm-up failures: ${warm.errors.slice(0, 3).join(' | ')}`);

    const verifyPid = verify.pid!;
    const sandboxPid = sandbox.pid!;
    /** One measured window: flows, their latency, and the CPU each process spent per flow. */
    const measure = async (browsers: FlowClient[]) => {
      process.stdout.write(`Measuring: ${browsers.length} browser(s), ${DURATION_S} s …\n`);
      const before = await cpu();
      const groupBefore = groupCpuSeconds(verifyPid);
      const sandboxBefore = groupCpuSeconds(sandboxPid);
      const run = await runFlows(browsers, DURATION_S * 1000);
      const after = await cpu();
      const flows = run.latencies.length;
      const sorted = Float64Array.from(run.latencies).sort();
      return {
        browsers: browsers.length,
        pid: after.pid,
        flows,
        errors: run.errors,
        flowsPerS: flows / run.elapsedS,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        // The two bench-route reads themselves cost a little; negligible against the flows' requests.
        cpuPerFlow: (after.ms - before.ms) / flows,
        groupPerFlow: ((groupCpuSeconds(verifyPid) - groupBefore) * 1000) / flows,
        sandboxPerFlow: ((groupCpuSeconds(sandboxPid) - sandboxBefore) * 1000) / flows,
      };
    };
    const runs = [await measure(clients), await measure(clients.slice(0, 1))];
    // With BENCH_PROFILE, the profile should hold the flows only: stop before the baseline runs.
    if (process.env.BENCH_PROFILE) {
      process.stdout.write(
        `flows: ${runs.map((r) => `${r.flows} (${r.cpuPerFlow.toFixed(2)} ms CPU each)`).join(', ')}\n`,
      );
      return;
    }
    const crypto = await cryptoBaseline(path.join(keyDir, 'mok_keyInfo.dat'), KEY_PASSWORD);

    process.stdout.write(
      `Baseline: the same five requests per flow to a route that does nothing, ${DURATION_S} s …\n`,
    );
    const baseBefore = await cpu();
    const base5 = await runFlows(clients, DURATION_S * 1000, 'baseline');
    const baseAfter = await cpu();
    const basePerFlow = (baseAfter.ms - baseBefore.ms) / base5.latencies.length;

    const cell = (value: string, width: number) => value.padStart(width);
    const main = runs[0]!;
    process.stdout.write(
      [
        '',
        `mobile-ok SMS flows through the verify API — ${DURATION_S} s each, next start (production), sandbox over HTTP`,
        '  a flow: CSRF token, start (token/get), request (auth/request), confirm (confirm/request, checks, hand-off), result',
        '',
        `  browsers   flows  flows/s   p50 ms   p99 ms   verify CPU ms/flow   (/proc group)   sandbox CPU ms/flow   failed`,
        ...runs.map(
          (r) =>
            `${cell(String(r.browsers), 10)}${cell(String(r.flows), 8)}${cell(r.flowsPerS.toFixed(1), 9)}${cell(r.p50.toFixed(0), 9)}${cell(r.p99.toFixed(0), 9)}` +
            `${cell(r.cpuPerFlow.toFixed(2), 21)}${cell(r.groupPerFlow.toFixed(2), 16)}${cell(r.sandboxPerFlow.toFixed(2), 22)}${cell(String(r.errors.length), 9)}`,
        ),
        '',
        'method: verify CPU = process.cpuUsage() (user + system) of the verify server, read before and after through',
        `  GET /verify/api/bench/cpu (pid ${main.pid}, MFV_BENCH_ROUTES=true), divided by the flows completed; cross-checked`,
        '  with utime + stime of its whole process group from /proc/<pid>/stat (10 ms ticks).',
        `baseline, same process: five requests to a route that does nothing (Next + HTTP alone): ${basePerFlow.toFixed(2)} ms per set`,
        `  and the client crypto of one flow (RSA-OAEP ×3, AES-256-CBC, SHA-256), timed in this process: ${crypto.toFixed(2)} ms`,
        `  ratio: a flow costs ${(main.cpuPerFlow / basePerFlow).toFixed(1)}× the five bare requests; crypto is ${((100 * crypto) / main.cpuPerFlow).toFixed(1)}% of it`,
        '',
        `target ≤ ${TARGET_CPU_MS} ms CPU per flow → ${runs.map((r) => `${r.browsers} browser(s): ${r.cpuPerFlow <= TARGET_CPU_MS ? 'met' : 'NOT met'}`).join(', ')}`,
        ...(main.errors.length ? [`first failure: ${main.errors[0]}`] : []),
        '',
      ].join('\n'),
    );
    if (runs.some((r) => r.errors.length > 0)) process.exitCode = 1;
  } catch (error) {
    process.exitCode = 1;
    throw error;
  } finally {
    for (const client of clients) client.close();
    await Promise.all(services.map((s) => s.stop()));
    await redis.stop();
    if (process.exitCode) process.stderr.write(`logs kept in ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:mok failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
