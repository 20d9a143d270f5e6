import { API_PATHS, revocationsResponseSchema } from '@mfv/api-contract';
import { callApi } from './backend.js';
import type { AuthConfig } from './env.js';
import { logEvent } from './log.js';

/**
 * Instant revocation for local verification (docs/security.md, F3). Local mode checks an access token's
 * signature against the cached JWKS and never asks the api, so after logout, logout-all, a
 * Toss unlink or refresh-token reuse the token kept working for up to its 15 minutes. Now every
 * process polls the api (`GET /auth/revocations?since=…`, service credential) in the background
 * and keeps the revoked session ids in memory; the hot path is one Set lookup.
 *
 * Delay: at most one poll interval (default 250 ms) plus the poll's own round trip.
 *
 * When the api (or its database) cannot be reached, the list keeps what it knew: sessions
 * revoked before the outage stay refused, later revocations are seen when the api answers
 * again, and the api itself — which checks the session on every call — refuses them meanwhile.
 * Redis plays no part, so a Redis outage changes nothing here. One warn line per outage.
 */
export const REVOCATION_POLL_MS = 250;
/** Re-asks this far back each time, so a revocation committed just after a poll is not missed. */
export const REVOCATION_OVERLAP_MS = 5_000;
/** A fresh process waits at most this long for its first list before it answers anyway. */
export const REVOCATION_FIRST_LOAD_MS = 1_000;

export interface RevocationCheck {
  /** Whether `sid` was revoked (as far as the last successful poll knows). */
  isRevoked(sid: string): boolean;
  /** Resolves after the first successful poll, or after REVOCATION_FIRST_LOAD_MS. */
  ready(): Promise<void>;
  stop(): void;
}

export interface RevocationListOptions {
  pollMs?: number;
}

export function createRevocationList(
  config: AuthConfig,
  options: RevocationListOptions = {},
): RevocationCheck {
  const pollMs = options.pollMs ?? REVOCATION_POLL_MS;
  /** sid → when it may be forgotten (epoch ms, api clock). */
  const revoked = new Map<string, number>();
  let since: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let failing = false;
  let firstLoad: Promise<void> | undefined;
  let resolveFirst: (() => void) | undefined;

  async function poll(): Promise<void> {
    try {
      const answer = await callApi(
        config,
        `${API_PATHS.revocations}${since === undefined ? '' : `?since=${since}`}`,
        {
          method: 'GET',
          internal: true,
          timeoutMs: 2_000,
          schema: revocationsResponseSchema,
        },
      );
      const forgetAt = answer.now + (answer.accessTokenTtlSeconds + 60) * 1000;
      for (const sid of answer.sessions) revoked.set(sid, forgetAt);
      for (const [sid, until] of revoked) if (until < answer.now) revoked.delete(sid);
      since = answer.now - REVOCATION_OVERLAP_MS;
      if (failing) logEvent('info', 'revocation list reachable again', { known: revoked.size });
      failing = false;
      resolveFirst?.();
    } catch (error) {
      if (!failing) {
        logEvent('warn', 'revocation list not refreshed', {
          error: error instanceof Error ? error.name : 'error',
          known: revoked.size,
        });
      }
      failing = true;
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void poll().finally(schedule);
    }, pollMs);
    // Never keeps a process (or a test) alive.
    timer.unref();
  }

  function start(): Promise<void> {
    firstLoad ??= new Promise<void>((resolve) => {
      resolveFirst = resolve;
      const bound = setTimeout(resolve, REVOCATION_FIRST_LOAD_MS);
      bound.unref();
      void poll().finally(schedule);
    });
    return firstLoad;
  }

  return {
    isRevoked(sid) {
      if (!firstLoad) void start();
      return revoked.has(sid);
    },
    ready: start,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
