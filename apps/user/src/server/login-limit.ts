/**
 * Rate limit on login starts (GET /user/api/login/kakao, POST /user/api/login/toss): per client IP,
 * both providers together, counted in Redis so every user process shares it (USER_LIMIT_LOGIN_IP,
 * @mfv/config rate-limits.ts). A start keeps no server state, but each one signs a cookie and
 * sends the browser on to the provider: without a limit a script could hammer both.
 *
 * The Kakao login callback (/user/login/kakao/callback) has its own limit per client IP
 * (USER_LIMIT_CALLBACK_IP): each callback with a code calls Kakao's token endpoint and the api
 * (Toss has no callback page: its code comes with the POST start above). Over it the page answers 429 + Retry-After
 * and says in Korean how long to wait (see `admitLoginCallback`).
 *
 * Over the limit, what the caller gets depends on who asks:
 * - a top-level navigation (the person clicked "카카오로 로그인"): 303 back to the login page with a
 *   notice saying how long to wait — a page, not raw JSON;
 * - anything else (fetch, Accept: application/json, scripts): 429 + Retry-After + {code, message}.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientIp, defaultAuth, RATE_LIMITED_MESSAGE, RateLimit, safeReturnTo } from '@mfv/auth';
import { createRedis, waitForRedis, type RedisClient } from '@mfv/redis';
import { userEnv } from './env';

export const RATE_LIMITED = 'RATE_LIMITED';
/** The longest wait the login page shows (a window can be at most a day, see rate-limits.ts). */
export const MAX_WAIT_SECONDS = 86_400;

let connection: { redis: RedisClient; ready: Promise<unknown> } | undefined;
let instance: RateLimit | undefined;
let callbackInstance: RateLimit | undefined;

/** One Redis connection for the process's limiters, opened on first use. */
function limiterRedis(): { redis: RedisClient; ready: Promise<unknown> } {
  if (!connection) {
    const { config } = defaultAuth();
    const redis = createRedis(config.redisUrl, {
      ...config.redisFiles,
      connectionName: `mfv-user-limits-${process.pid}`,
    });
    // Until the first connection, wait (bounded by waitForRedis) instead of counting in memory.
    connection = { redis, ready: waitForRedis(redis).catch(() => undefined) };
  }
  return connection;
}

/** The process's limiter, built on first use (never at import: `next build` imports every route). */
export function loginLimit(): RateLimit {
  if (!instance) {
    const { redis, ready } = limiterRedis();
    instance = new RateLimit(redis, userEnv().USER_LIMIT_LOGIN_IP, 'mfv:rl:user:login:ip', ready);
  }
  return instance;
}

/** The login-callback limiter (USER_LIMIT_CALLBACK_IP), built on first use. */
export function callbackLimit(): RateLimit {
  if (!callbackInstance) {
    const { redis, ready } = limiterRedis();
    callbackInstance = new RateLimit(
      redis,
      userEnv().USER_LIMIT_CALLBACK_IP,
      'mfv:rl:user:callback:ip',
      ready,
    );
  }
  return callbackInstance;
}

/**
 * Counts one login callback for the client's address. Null when it may go on; otherwise
 * Retry-After is set and the page shows the outcome (status 429, `RATE_LIMITED`, a Korean
 * message with the wait) instead of running the callback.
 */
export async function admitLoginCallback(
  req: IncomingMessage,
  res: ServerResponse,
  limit: RateLimit = callbackLimit(),
): Promise<{ kind: 'error'; code: typeof RATE_LIMITED; status: 429; message: string } | null> {
  const wait = await limit.consume(clientIp(req));
  if (wait === 0) return null;
  res.setHeader('Retry-After', String(wait));
  return { kind: 'error', code: RATE_LIMITED, status: 429, message: RATE_LIMITED_MESSAGE(wait) };
}

/** A browser navigating the whole page (not a fetch, not an API client). */
export function isNavigation(req: IncomingMessage): boolean {
  const mode = req.headers['sec-fetch-mode'];
  if (mode !== undefined) return mode === 'navigate';
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') && !accept.includes('application/json');
}

/**
 * Counts this start; true when it may go on. Otherwise the answer has been sent (see above) and
 * the caller must stop.
 */
export async function admitLoginStart(
  req: IncomingMessage & { query: Record<string, unknown> },
  res: ServerResponse,
  limit: RateLimit = loginLimit(),
): Promise<boolean> {
  const wait = await limit.consume(clientIp(req));
  if (wait === 0) return true;
  res.setHeader('Retry-After', String(wait));
  res.setHeader('Cache-Control', 'no-store');
  if (isNavigation(req)) {
    const query = new URLSearchParams({
      error: RATE_LIMITED,
      wait: String(wait),
      returnTo: safeReturnTo(req.query.returnTo),
    });
    res.statusCode = 303;
    res.setHeader('Location', `/user/login?${query}`);
    res.end();
    return false;
  }
  res.statusCode = 429;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ code: RATE_LIMITED, message: RATE_LIMITED_MESSAGE(wait) }));
  return false;
}

/** The `wait` of the login page's query: whole seconds in 1..MAX_WAIT_SECONDS, else null. */
export function parseWait(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{1,5}$/.test(value)) return null;
  const seconds = Number(value);
  return seconds >= 1 && seconds <= MAX_WAIT_SECONDS ? seconds : null;
}
