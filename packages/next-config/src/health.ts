import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authEnvSchema, loadConfig } from '@mfv/config';
import { createRedis, redisFileOptions, redisHealth, type RedisClient } from '@mfv/redis';
import { APPS, REMOTES, readTopologyEnv, type NextAppName, type RemoteName } from '@mfv/topology';

/**
 * Readiness of a Next app (`/<basePath>/api/readyz`), and its shutdown budget. Liveness stays
 * `/api/healthz` (the process answers, nothing else): a Redis outage must not get a process
 * restarted, only taken out of rotation.
 *
 * Every check is bounded and they run in parallel, so the probe answers within
 * READINESS_DEADLINE_MS whatever is down.
 */
export const REDIS_CHECK_TIMEOUT_MS = 1_000;
export const HTTP_CHECK_TIMEOUT_MS = 1_000;
export const READINESS_DEADLINE_MS = 1_500;
/** Seconds a load balancer should wait before asking again after a 503. */
export const READINESS_RETRY_AFTER_SECONDS = 2;

/** What a check finds: ok or not, why not, and details of its own (mode, role, per remote). */
export interface CheckOutcome {
  ok: boolean;
  error?: string;
  /** When the check measured its own (e.g. Redis PING); otherwise the wall time is used. */
  latencyMs?: number;
  [detail: string]: unknown;
}

export type CheckResult = CheckOutcome & { latencyMs: number };

export interface ReadinessCheck {
  name: string;
  /**
   * `required`: the app cannot serve its purpose without it → 503 when it fails.
   * `degrades`: the app still serves (e.g. the shell renders a fallback for a remote that is
   * down) → reported, status `degraded`, still 200.
   */
  kind: 'required' | 'degrades';
  run(): Promise<CheckOutcome>;
}

export interface ReadinessReport {
  status: 'ok' | 'degraded' | 'unavailable';
  app: NextAppName;
  checks: Record<string, CheckResult>;
}

const elapsedSince = (start: number) => Math.round((performance.now() - start) * 10) / 10;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function bounded(check: ReadinessCheck): Promise<CheckResult> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      check.run(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${READINESS_DEADLINE_MS} ms`)),
          READINESS_DEADLINE_MS,
        );
      }),
    ]);
    return { ...result, latencyMs: result.latencyMs ?? elapsedSince(start) };
  } catch (error) {
    return { ok: false, latencyMs: elapsedSince(start), error: messageOf(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the checks (in parallel, each bounded) and folds them into one status. */
export async function readiness(app: NextAppName, checks: ReadinessCheck[]): Promise<ReadinessReport> {
  const results = await Promise.all(checks.map(bounded));
  const report: ReadinessReport = { status: 'ok', app, checks: {} };
  checks.forEach((check, i) => {
    const result = results[i]!;
    report.checks[check.name] = result;
    if (result.ok) return;
    if (check.kind === 'required') report.status = 'unavailable';
    else if (report.status === 'ok') report.status = 'degraded';
  });
  return report;
}

let redis: RedisClient | undefined;

/**
 * Redis, as @mfv/auth uses it (same REDIS_URL: standalone, Sentinel — the master — or Cluster),
 * over one connection of its own per process, made on the first probe.
 */
export function redisCheck(): ReadinessCheck {
  return {
    name: 'redis',
    kind: 'required',
    async run() {
      const redisEnv = loadConfig('auth', authEnvSchema);
      redis ??= createRedis(redisEnv.REDIS_URL, {
        ...redisFileOptions(redisEnv),
        connectionName: `mfv-readyz-${process.pid}`,
        logger: null,
        // The first probe connects (redisHealth waits for it, bounded) instead of failing at once.
        lazyConnect: true,
      });
      const { ok, latencyMs, error, mode, role } = await redisHealth(redis, {
        timeoutMs: REDIS_CHECK_TIMEOUT_MS,
      });
      return { ok, latencyMs, mode, ...(role ? { role } : {}), ...(error ? { error } : {}) };
    },
  };
}

async function httpOk(url: string, method: 'GET' | 'HEAD' = 'GET'): Promise<{ ok: boolean; error?: string }> {
  try {
    const res = await fetch(url, { method, signal: AbortSignal.timeout(HTTP_CHECK_TIMEOUT_MS) });
    await res.body?.cancel();
    return res.ok ? { ok: true } : { ok: false, error: `HTTP ${res.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, error: cause ?? messageOf(error) };
  }
}

/** The api's own readiness (which includes its database), at AUTH_API_URL. */
export function apiCheck(): ReadinessCheck {
  return {
    name: 'api',
    kind: 'required',
    async run() {
      const apiUrl = loadConfig('auth', authEnvSchema).AUTH_API_URL.replace(/\/$/, '');
      return httpOk(`${apiUrl}/readyz`);
    },
  };
}

/**
 * The shell's remotes, as its server reaches them (MFV_<REMOTE>_HOST/PORT): each answers its
 * liveness and serves the SSR remote entry the shell loads. A remote that is down degrades
 * the shell (its slots show fallbacks) without making it unready.
 */
export function remotesCheck(remotes: readonly RemoteName[] = REMOTES): ReadinessCheck {
  return {
    name: 'remotes',
    kind: 'degrades',
    async run() {
      const topology = readTopologyEnv();
      const entries = await Promise.all(
        remotes.map(async (remote) => {
          const base = `http://${topology.hosts[remote]}:${topology.ports[remote]}${APPS[remote].basePath}`;
          const [health, entry] = await Promise.all([
            httpOk(`${base}/api/healthz`),
            httpOk(`${base}/_next/static/ssr/remoteEntry.js`, 'HEAD'),
          ]);
          const ok = health.ok && entry.ok;
          const error = health.error
            ? `healthz: ${health.error}`
            : entry.error && `ssr entry: ${entry.error}`;
          return [remote, ok ? { ok } : { ok, error }] as const;
        }),
      );
      const down = entries.filter(([, r]) => !r.ok).map(([name]) => name);
      return {
        ok: down.length === 0,
        ...Object.fromEntries(entries),
        ...(down.length ? { error: `down: ${down.join(', ')}` } : {}),
      };
    },
  };
}

/** The checks each app's readiness runs: what its requests depend on. */
export function defaultChecks(app: NextAppName): ReadinessCheck[] {
  const checks = [redisCheck(), apiCheck()];
  return app === 'shell' ? [...checks, remotesCheck()] : checks;
}

/**
 * `pages/api/readyz.ts`: `export default readinessHandler('notice')`. 200 when ready (or
 * degraded), 503 with Retry-After when a required dependency fails. The endpoint is reachable
 * through the public proxy: anonymous callers get `{status}` only, from a run shared for
 * PUBLIC_READINESS_CACHE_MS; callers presenting the api's service token in `x-internal-token` get
 * a fresh run and which check failed. Why (error messages can name internal hosts) goes to the
 * log, one JSON line per failing run.
 */
export function readinessHandler(
  app: NextAppName,
  checks: () => ReadinessCheck[] = () => defaultChecks(app),
  options: ReadinessHandlerOptions = {},
) {
  const detailsToken = options.detailsToken ?? serviceToken;
  let shared: { at: number; report: Promise<ReadinessReport> } | undefined;
  const run = () =>
    readiness(app, checks()).then((report) => {
      if (report.status !== 'ok') {
        defaultLog({ level: 'warn', msg: 'not ready', app, status: report.status, checks: report.checks });
      }
      return report;
    });
  /** One run of the checks per PUBLIC_READINESS_CACHE_MS for anonymous callers (F11: no fan-out per call). */
  const publicReport = (): Promise<ReadinessReport> => {
    if (!shared || Date.now() - shared.at >= PUBLIC_READINESS_CACHE_MS) {
      shared = { at: Date.now(), report: run() };
    }
    return shared.report;
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const detailed = presentsToken(req.headers[READINESS_DETAILS_HEADER], detailsToken());
    const report = detailed ? await run() : await publicReport();
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    if (report.status === 'unavailable') {
      res.setHeader('Retry-After', String(READINESS_RETRY_AFTER_SECONDS));
      res.statusCode = 503;
    } else {
      res.statusCode = 200;
    }
    // Public callers learn the status only (F11: no Redis role or latency, certificate expiry or
    // remote list for anyone on the internet); the service token shows the checks.
    res.end(JSON.stringify(detailed ? withoutErrors(report) : { status: report.status }));
  };
}

/** Anonymous readiness answers are shared for this long (per process). */
export const PUBLIC_READINESS_CACHE_MS = 2_000;
/** The header that carries the api's service credential to see the checks. */
export const READINESS_DETAILS_HEADER = 'x-internal-token';

export interface ReadinessHandlerOptions {
  /** The token that unlocks the details; default the api's service credential (API_INTERNAL_TOKEN[_FILE]). */
  detailsToken?: () => string | undefined;
}

let cachedServiceToken: string | undefined;
function serviceToken(): string | undefined {
  if (cachedServiceToken !== undefined) return cachedServiceToken;
  try {
    const env = loadConfig('auth', authEnvSchema);
    const token =
      env.API_INTERNAL_TOKEN ??
      (env.API_INTERNAL_TOKEN_FILE ? readFileSync(env.API_INTERNAL_TOKEN_FILE, 'utf8').trim() : undefined);
    cachedServiceToken = token;
    return token;
  } catch {
    return undefined;
  }
}

function presentsToken(header: string | string[] | undefined, expected: string | undefined): boolean {
  if (typeof header !== 'string' || !expected) return false;
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(header), digest(expected));
}

/** The report minus error messages, at any depth (the shell's per-remote results too). */
function withoutErrors(report: ReadinessReport): ReadinessReport {
  const strip = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => key !== 'error' && key !== 'message')
        .map(([key, v]) => [key, strip(v)]),
    );
  };
  return strip(report) as ReadinessReport;
}

/** Stop budget: Docker sends SIGKILL 10 s after SIGTERM (`stop_grace_period: 10s`). */
export const SHUTDOWN_BUDGET_MS = 9_000;

let deadlineInstalled = false;

/**
 * Next's own SIGTERM handler (`next start` and the standalone server.js) stops accepting
 * connections, closes idle keep-alive ones and exits once in-flight requests finish — but waits
 * for them without a bound. This adds the bound: whatever is still running SHUTDOWN_BUDGET_MS
 * after the signal, the process exits (code 0 when Next finished first, 1 here). Installed from
 * `instrumentation.ts`, once per process.
 */
export function installShutdownDeadline(budgetMs = SHUTDOWN_BUDGET_MS, log = defaultLog): void {
  if (deadlineInstalled) return;
  deadlineInstalled = true;
  const onSignal = (signal: NodeJS.Signals) => {
    log({ level: 'info', msg: 'shutting down', signal, budgetMs });
    setTimeout(() => {
      log({ level: 'error', msg: 'graceful shutdown timed out; exiting', budgetMs });
      process.exit(1);
    }, budgetMs).unref();
    void redis?.quit().catch(() => redis?.disconnect());
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

function defaultLog(fields: Record<string, unknown>): void {
  const line = JSON.stringify({ time: new Date().toISOString(), pid: process.pid, ...fields });
  (fields.level === 'info' ? process.stdout : process.stderr).write(line + '\n');
}
