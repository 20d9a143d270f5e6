import { rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, createRedis, waitForRedis, type RedisClient } from '@mfv/redis';
import { sleep, startSentinelGroup, type SentinelGroup } from '@mfv/testkit';
import { REPO_ROOT } from '@mfv/site';
import {
  createSessions,
  expireStoredAccessToken,
  prepareStack,
  startApi,
  startNextApp,
  topologyEnv,
  type RunningServer,
  type Stack,
  type TestSession,
} from '../src/servers.js';

/**
 * Redis high availability, measured (docs/operations.md, same heading). A real master + replica + 3 Sentinels
 * (Debian's redis-server / redis-sentinel on free loopback ports); the api and two `next start`
 * processes of the notice remote use `REDIS_URL=redis-sentinel://…/mymaster`. Under a bounded
 * load of authenticated requests that need refreshes (sessions whose stored access token has
 * expired, presenting only the session cookie — what a browser sends once its access-token
 * cookie lapsed), the master is killed by PID (SIGKILL, no goodbye). Measured:
 *
 *  - forced logouts: a 401 or a cleared cookie — must be 0, during the failover and afterwards
 *    (a second round, past the api's refresh grace window, refreshes every session again: a
 *    refresh token Redis lost in the failover would show up there as a revoked family);
 *  - failed requests during the failover (503 + Retry-After, cookies kept);
 *  - seconds from the SIGKILL until a refresh works again.
 *
 * The figures are printed. Settings are the compose stack's (docker-compose.yml).
 */

const SESSIONS = 150;
/** Sessions start their first request this far apart: ~13 new refreshes a second, for ~11 s. */
const RELEASE_EVERY_MS = 75;
/** In-flight requests at most (the bound on the load). */
const CONCURRENCY = 12;
/** Retry-After says 3 s; a tighter retry measures recovery more finely. */
const RETRY_AFTER_MS = 300;
const KILL_AFTER_MS = 3_000;
/** Every request is answered within this (fetch aborts after it). */
const REQUEST_TIMEOUT_MS = 15_000;
/** The whole load, retries included, ends by then; no loop runs past it. */
const LOAD_DEADLINE_MS = 60_000;
/** Refresh must work again within this after the SIGKILL. */
const RECOVERY_BOUND_MS = 15_000;
/** The api's API_REFRESH_GRACE_SECONDS default: the second round waits past it. */
const REFRESH_GRACE_MS = 10_000;
/** The first sessions keep using their fresh access token through the failover, this often. */
const STEADY_SESSIONS = 6;
const STEADY_EVERY_MS = 250;

type Outcome = 'ok' | 'unavailable' | 'forced-logout' | 'other';

interface Attempt {
  session: number;
  kind: 'refresh' | 'valid-token' | 'second-round';
  startedMs: number;
  ms: number;
  status: number;
  outcome: Outcome;
  refreshed: boolean;
  detail?: string;
}

const CLEARED = /(?:^|;\s*)(?:Max-Age=0|Expires=Thu, 01 Jan 1970)/i;

function classify(status: number, setCookies: string[]): { outcome: Outcome; refreshed: boolean } {
  const cleared = setCookies.some((c) => /^(?:__Host-)?mfv_(?:at|sid)=/.test(c) && CLEARED.test(c));
  const refreshed = setCookies.some((c) => /^(?:__Host-)?mfv_at=[^;]+/.test(c) && !CLEARED.test(c));
  if (status === 401 || cleared) return { outcome: 'forced-logout', refreshed };
  if (status === 200) return { outcome: 'ok', refreshed };
  if (status === 503) return { outcome: 'unavailable', refreshed };
  return { outcome: 'other', refreshed };
}

const quantile = (values: number[], q: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

describe('Redis Sentinel: the master dies under authenticated load that needs refreshes', () => {
  let group: SentinelGroup;
  let stack: Stack;
  let api: RunningServer;
  const notices: RunningServer[] = [];
  let sessions: TestSession[];
  let redis: RedisClient;

  beforeAll(async () => {
    const dir = path.join(REPO_ROOT, 'tools/platform/.artifacts/redis-failover');
    rmSync(dir, { recursive: true, force: true });
    group = await startSentinelGroup({
      masterName: 'mymaster',
      downAfterMs: 1_000,
      failoverTimeoutMs: 3_000,
    });
    stack = prepareStack(dir, { REDIS_URL: group.url });
    api = await startApi(stack);
    const topology = await topologyEnv({});
    for (let i = 0; i < 2; i++) {
      notices.push(
        await startNextApp(stack, 'notice', {
          name: `notice-${i}`,
          env: { ...topology, AUTH_API_URL: api.url },
        }),
      );
    }
    sessions = await createSessions(stack, api.url, group.url, SESSIONS);
    redis = createRedis(group.url, { logger: null });
    await waitForRedis(redis);
    for (const s of sessions) expect(await expireStoredAccessToken(redis, s.sid)).toBe(true);
  }, 150_000);

  afterAll(async () => {
    if (redis) await closeRedis(redis);
    await Promise.all([...notices.map((n) => n.service.stop()), api?.service.stop()]);
    await group?.stop();
  });

  it('no forced logout; requests fail with 503 while Sentinel promotes the replica, then refresh works again', async () => {
    const attempts: Attempt[] = [];
    const started = performance.now();
    const now = () => performance.now() - started;
    const endpoint = (i: number) => `${notices[i % notices.length]!.url}/api/notices/unread-count`;

    const send = async (
      session: number,
      kind: Attempt['kind'],
      cookie: string,
    ): Promise<{ attempt: Attempt; setCookies: string[] }> => {
      const startedMs = now();
      let status = 0;
      let setCookies: string[] = [];
      let detail: string | undefined;
      try {
        const res = await fetch(endpoint(session + attempts.length), {
          headers: { cookie, 'x-request-id': `ha-${kind}-${session}-${attempts.length}` },
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        status = res.status;
        setCookies = res.headers.getSetCookie();
        const body = await res.text();
        if (status !== 200) detail = body.slice(0, 200);
      } catch (error) {
        detail = error instanceof Error ? error.message : String(error);
      }
      const { outcome, refreshed } = classify(status, setCookies);
      const attempt: Attempt = {
        session,
        kind,
        startedMs,
        ms: now() - startedMs,
        status,
        outcome,
        refreshed,
      };
      if (detail !== undefined) attempt.detail = detail;
      attempts.push(attempt);
      return { attempt, setCookies };
    };

    // One session's life through the drill: refresh (retrying 503s as a browser would), then
    // use the fresh access token it was given.
    const runSession = async (i: number): Promise<void> => {
      const { sid } = sessions[i]!;
      while (now() < LOAD_DEADLINE_MS) {
        const { attempt, setCookies } = await send(i, 'refresh', `mfv_sid=${sid}`);
        if (attempt.outcome === 'unavailable') {
          await sleep(RETRY_AFTER_MS);
          continue;
        }
        if (attempt.outcome !== 'ok') return;
        const at = setCookies.find((c) => c.startsWith('mfv_at='))?.split(';')[0];
        if (at) await send(i, 'valid-token', `${at}; mfv_sid=${sid}`);
        if (at && i < STEADY_SESSIONS) steady.push(keepUsing(i, `${at}; mfv_sid=${sid}`));
        return;
      }
    };

    // A signed-in user who needs no refresh keeps browsing: the access token is checked locally
    // (JWKS), Redis is not involved, so the failover must not touch these requests.
    const steady: Promise<void>[] = [];
    const keepUsing = async (i: number, cookie: string) => {
      while (now() < KILL_AFTER_MS + RECOVERY_BOUND_MS) {
        await send(i, 'valid-token', cookie);
        await sleep(STEADY_EVERY_MS);
      }
    };

    let killedAt = Number.NaN;
    let killIssuedAt = Number.NaN;
    const killer = (async () => {
      await sleep(KILL_AFTER_MS);
      // The master may be gone before kill() resolves (it waits for the exit): a refresh in flight
      // then fails before killedAt. What must hold is that nothing failed before the kill was sent.
      killIssuedAt = now();
      await group.master.kill();
      killedAt = now();
    })();

    let next = 0;
    const workers = Array.from({ length: CONCURRENCY }, async () => {
      while (next < sessions.length && now() < LOAD_DEADLINE_MS) {
        const i = next++;
        const releaseAt = i * RELEASE_EVERY_MS;
        if (now() < releaseAt) await sleep(releaseAt - now());
        await runSession(i);
      }
    });
    await Promise.all([killer, ...workers]);
    await Promise.all(steady);

    // Second round, past the grace window: every session refreshes again from what Redis holds
    // now. A rotated refresh token lost with the old master would be presented again here,
    // after its grace, and revoke the family — a forced logout.
    const waitUntil = killedAt + REFRESH_GRACE_MS + 1_000;
    if (now() < waitUntil) await sleep(waitUntil - now());
    for (const s of sessions) await expireStoredAccessToken(redis, s.sid);
    next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < sessions.length) {
          const i = next++;
          await send(i, 'second-round', `mfv_sid=${sessions[i]!.sid}`);
        }
      }),
    );

    // --- the figures ---------------------------------------------------------------------------
    const refreshes = attempts.filter((a) => a.kind === 'refresh');
    const failed = refreshes.filter((a) => a.outcome === 'unavailable');
    const forced = attempts.filter((a) => a.outcome === 'forced-logout');
    const other = attempts.filter((a) => a.outcome === 'other');
    const firstFailure = Math.min(...failed.map((a) => a.startedMs));
    const recovered = refreshes
      .filter((a) => a.outcome === 'ok' && a.refreshed && a.startedMs > firstFailure)
      .sort((a, b) => a.startedMs + a.ms - (b.startedMs + b.ms))[0];
    const recoveryMs = recovered ? recovered.startedMs + recovered.ms - killedAt : Number.NaN;
    const lastFailure = Math.max(...failed.map((a) => a.startedMs + a.ms)) - killedAt;
    const validDuring = attempts.filter(
      (a) => a.kind === 'valid-token' && a.startedMs >= killedAt && a.startedMs <= killedAt + recoveryMs,
    );
    const sessionsRefreshed = new Set(refreshes.filter((a) => a.outcome === 'ok').map((a) => a.session));
    const secondRound = attempts.filter((a) => a.kind === 'second-round');
    const failedLatency = failed.map((a) => a.ms);
    const refreshLatency = refreshes.filter((a) => a.outcome === 'ok').map((a) => a.ms);

    console.info(
      [
        `[redis HA] ${SESSIONS} sessions over 2 notice processes, ≤${CONCURRENCY} requests in flight, master SIGKILLed at ${(killedAt / 1000).toFixed(2)} s`,
        `  requests: ${attempts.length} (${refreshes.length} needing a refresh, ${attempts.length - refreshes.length - secondRound.length} with a valid access token, ${secondRound.length} second-round refreshes)`,
        `  forced logouts: ${forced.length}`,
        `  failed during failover: ${failed.length} × 503 (Retry-After, cookies kept) over ${new Set(failed.map((a) => a.session)).size} sessions; answered in p50 ${quantile(failedLatency, 0.5).toFixed(0)} ms, max ${Math.max(0, ...failedLatency).toFixed(0)} ms`,
        `  refresh works again ${(recoveryMs / 1000).toFixed(2)} s after the SIGKILL (last 503 answered at +${(lastFailure / 1000).toFixed(2)} s)`,
        `  successful refreshes answered in p50 ${quantile(refreshLatency, 0.5).toFixed(0)} ms, p99 ${quantile(refreshLatency, 0.99).toFixed(0)} ms, max ${Math.max(0, ...refreshLatency).toFixed(0)} ms`,
        `  valid access tokens during the failover: ${validDuring.length} requests, ${validDuring.filter((a) => a.status === 200).length} answered 200`,
        `  second round (${((waitUntil - killedAt) / 1000).toFixed(0)} s after the kill, past the refresh grace): ${secondRound.filter((a) => a.outcome === 'ok').length}/${secondRound.length} refreshed`,
        `  other failures: ${other.length}${
          other.length
            ? ` — ${other
                .slice(0, 3)
                .map((a) => `${a.status} ${a.detail}`)
                .join(' | ')}`
            : ''
        }`,
      ].join('\n'),
    );

    expect(forced.map((a) => `${a.kind} #${a.session}: ${a.status} ${a.detail ?? ''}`)).toEqual([]);
    expect(other.map((a) => `${a.kind} #${a.session}: ${a.status} ${a.detail ?? ''}`)).toEqual([]);
    // The drill really hit the failover: refreshes failed while there was no master …
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.filter((a) => a.startedMs + a.ms < killIssuedAt)).toEqual([]);
    // … and worked again, within the bound, on the promoted replica.
    expect(recoveryMs).toBeLessThan(RECOVERY_BOUND_MS);
    expect(await group.currentMasterPort()).toBe(group.replicas[0]!.port);
    expect(sessionsRefreshed.size).toBe(SESSIONS);
    expect(secondRound.every((a) => a.outcome === 'ok' && a.refreshed)).toBe(true);
    // A failed request kept the session: no 503 cleared a cookie (classify counts those as forced).
    expect(failed.every((a) => a.status === 503)).toBe(true);
    // Requests that needed no refresh went on while there was no master.
    expect(validDuring.length).toBeGreaterThan(0);
    expect(validDuring.every((a) => a.status === 200)).toBe(true);
  }, 150_000);
});

/**
 * The worst moment: the api has already rotated the session's refresh token, and the master
 * dies before @mfv/auth stores the successor (and before it releases the per-session lock,
 * which the replica already holds). The browser retries; after the failover its request must
 * end in a refresh — through the api's grace retry of the immediate predecessor — not a logout.
 */
describe('Redis Sentinel: the master dies while a refresh is in flight at the api', () => {
  let group: SentinelGroup;
  let stack: Stack;
  let api: RunningServer;
  let notice: RunningServer;
  let session: TestSession;
  let redis: RedisClient;
  // Holds the api's answer to POST /auth/refresh until `release()`: the rotation has happened.
  let release: () => void = () => {};
  let held: () => void = () => {};
  const heldRefresh = new Promise<void>((r) => (held = r));
  const hold = new Promise<void>((r) => (release = r));
  let holding = true;
  const gate = http.createServer((req, res) => {
    const upstream = http.request(
      { host: '127.0.0.1', port: api.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        const forward = () => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        };
        if (holding && req.method === 'POST' && req.url === '/auth/refresh') {
          holding = false;
          held();
          void hold.then(forward);
        } else forward();
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });

  beforeAll(async () => {
    const dir = path.join(REPO_ROOT, 'tools/platform/.artifacts/redis-failover-in-flight');
    rmSync(dir, { recursive: true, force: true });
    group = await startSentinelGroup({
      masterName: 'mymaster',
      downAfterMs: 1_000,
      failoverTimeoutMs: 3_000,
    });
    stack = prepareStack(dir, { REDIS_URL: group.url });
    api = await startApi(stack);
    await new Promise<void>((r) => gate.listen(0, '127.0.0.1', () => r()));
    notice = await startNextApp(stack, 'notice', {
      env: {
        ...(await topologyEnv({})),
        AUTH_API_URL: `http://127.0.0.1:${(gate.address() as AddressInfo).port}`,
      },
    });
    session = (await createSessions(stack, api.url, group.url, 1))[0]!;
    redis = createRedis(group.url, { logger: null });
    await waitForRedis(redis);
    await expireStoredAccessToken(redis, session!.sid);
  }, 120_000);

  afterAll(async () => {
    release();
    if (redis) await closeRedis(redis);
    gate.closeAllConnections();
    gate.close();
    await Promise.all([notice?.service.stop(), api?.service.stop()]);
    await group?.stop();
  });

  it('the retry after the failover refreshes (grace retry), no logout', async () => {
    const url = `${notice.url}/api/notices/unread-count`;
    const cookie = `mfv_sid=${session.sid}`;
    const first = fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    await heldRefresh; // the api has spent the old refresh token and minted its successor
    await sleep(100); // the lock and the record are on the replica by now
    await group.master.kill();
    const killedAt = performance.now();
    release();
    const firstRes = await first;
    const firstOutcome = classify(firstRes.status, firstRes.headers.getSetCookie());

    const tries: { status: number; outcome: Outcome; atMs: number }[] = [];
    let final: { status: number; outcome: Outcome; refreshed: boolean } | undefined;
    while (performance.now() - killedAt < LOAD_DEADLINE_MS) {
      const res = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const c = classify(res.status, res.headers.getSetCookie());
      tries.push({ status: res.status, outcome: c.outcome, atMs: performance.now() - killedAt });
      if (c.outcome !== 'unavailable') {
        final = { status: res.status, ...c };
        break;
      }
      await sleep(RETRY_AFTER_MS);
    }
    const doneAfter = tries.at(-1)?.atMs ?? Number.NaN;
    console.info(
      `[redis HA, refresh in flight] first request: ${firstRes.status} (${firstOutcome.outcome}); ` +
        `${tries.filter((t) => t.outcome === 'unavailable').length} × 503 while failing over; ` +
        `then ${final?.status} (${final?.outcome}) ${(doneAfter / 1000).toFixed(2)} s after the SIGKILL`,
    );
    expect(firstOutcome.outcome).toBe('unavailable');
    expect(final).toMatchObject({ status: 200, outcome: 'ok', refreshed: true });
    expect(doneAfter).toBeLessThan(RECOVERY_BOUND_MS);
  }, 90_000);
});
