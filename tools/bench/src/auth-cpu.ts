/**
 * pnpm --filter @mfv/bench auth:cpu — the CPU time withAuth's hot path costs per request, in one
 * process, without Next's HTTP stack around it: the built `@mfv/auth` (`dist/`) wraps a tiny
 * handler, called with a cookie-carrying request whose access token is already in the verified
 * cache (every request after a user's first), against the same handler with no auth. Next's
 * server runtime patches (`Date.now`, `crypto.randomUUID`, …) are loaded first, as in
 * `next start`. CPU time (process.cpuUsage) per call, interleaved rounds: on a shared machine this
 * moves far less than requests per second do.
 *
 * BENCH_COMPARE (another checkout's root, built): its `packages/auth/dist` is measured in the
 * same rounds (an A/B of two versions). Knobs: BENCH_ROUNDS (7), BENCH_CALLS (100000),
 * BENCH_REVOKED (sessions in the revocation list, 1000).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type * as AuthApi from '@mfv/auth';
import { REPO_ROOT } from '@mfv/site';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CALLS = Number(process.env.BENCH_CALLS ?? 100_000);
const REVOKED = Number(process.env.BENCH_REVOKED ?? 1_000);
const COMPARE = process.env.BENCH_COMPARE;

// Next's server environment patches, as `next start` installs them before any app code.
createRequire(path.join(REPO_ROOT, 'apps/notice/package.json'))('next/dist/server/node-environment');

type AuthModule = typeof AuthApi;
type Handler = (req: never, res: never) => unknown;

async function main() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256', use: 'sig' };
  const jwks = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
  const apiUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;

  const builds: { name: string; root: string }[] = [{ name: 'A (this checkout)', root: REPO_ROOT }];
  if (COMPARE) builds.push({ name: 'B (BENCH_COMPARE)', root: path.resolve(COMPARE) });

  const respond = (res: { status(code: number): { json(body: unknown): void } }, who: string) =>
    res.status(200).json({ ok: true, who });
  const plain: Handler = (_req: never, res: never) => respond(res, 'anonymous');
  const subjects: { label: string; handler: Handler }[] = [];

  for (const build of builds) {
    const mod = (await import(
      pathToFileURL(path.join(build.root, 'packages/auth/dist/index.js')).href
    )) as AuthModule;
    const config = mod.authConfigFromEnv({ AUTH_API_URL: apiUrl, REDIS_URL: 'redis://127.0.0.1:1' });
    const token = await new SignJWT({
      sid: 'bench-session',
      scope: 'profile notices',
      nickname: '벤치',
      client_id: 'mfv-web',
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'bench' })
      .setIssuer(config.issuer)
      .setAudience(config.audience)
      .setSubject('member-1')
      .setIssuedAt()
      .setJti('jti-1')
      .setExpirationTime('15m')
      .sign(privateKey);
    // The revocation list as the poller keeps it: a Map of revoked sids, looked up per request.
    const revoked = new Map<string, number>(
      Array.from({ length: REVOKED }, (_, i) => [`revoked-${i}`, i] as const),
    );
    const auth = mod.createAuth({
      config,
      store: {} as never,
      revocations: { isRevoked: (sid) => revoked.has(sid), ready: async () => {}, stop() {} },
    });
    const handler = auth.withAuth((req, res) => respond(res as never, req.auth.sub), { csrf: false });
    // A browser's cookies: the two auth cookies among others.
    const cookie = `mfv_csrf=abc.def; mfv_at=${token}; mfv_sid=bench-session; _ga=GA1.1.1234.5678`;
    const req = { method: 'GET', url: '/notice/api/bench/authed', headers: { cookie, host: 'localhost' } };
    let status = 0;
    const res = {
      headersSent: false,
      getHeader: () => undefined,
      setHeader() {},
      status(code: number) {
        status = code;
        return this;
      },
      json() {},
      end() {},
    };
    await handler(req as never, res as never);
    if (status !== 200) throw new Error(`${build.name}: withAuth answered ${status}`);
    const bound: Handler = (_req: never, _res: never) => handler(req as never, res as never);
    subjects.push({ label: `${build.name}: no auth`, handler: () => plain(req as never, res as never) });
    subjects.push({ label: `${build.name}: withAuth local`, handler: bound });
  }

  const cpuUsPerCall = async (handler: Handler): Promise<number> => {
    const before = process.cpuUsage();
    for (let i = 0; i < CALLS; i++) await handler(undefined as never, undefined as never);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / CALLS;
  };
  // Warm-up (JIT), then interleaved rounds, the order reversed every other round.
  for (const s of subjects) await cpuUsPerCall(s.handler);
  const results = new Map(subjects.map((s) => [s.label, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? subjects : [...subjects].reverse();
    for (const s of order) results.get(s.label)!.push(await cpuUsPerCall(s.handler));
  }
  jwks.close();

  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const lines = [
    '',
    `withAuth hot path, CPU per call — ${ROUNDS} rounds × ${CALLS} calls, verified token cached, ${REVOKED} revoked sessions listed`,
    `${''.padEnd(34)}${'µs/call'.padStart(9)}   min–max`,
  ];
  for (const [label, values] of results) {
    lines.push(
      `${label.padEnd(34)}${median(values).toFixed(3).padStart(9)}   ${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)}`,
    );
  }
  for (const build of builds) {
    const none = results.get(`${build.name}: no auth`)!;
    const authed = results.get(`${build.name}: withAuth local`)!;
    const added = authed.map((v, i) => v - none[i]!);
    lines.push(
      `${build.name}: withAuth adds ${median(added).toFixed(3)} µs/call (per round ${Math.min(...added).toFixed(3)}–${Math.max(...added).toFixed(3)})`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:auth:cpu failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
