import { refreshResponseSchema, type TokenSet } from '@mfv/api-contract';
import { BackendError, BackendUnavailableError, callApi } from './backend.js';
import type { AuthConfig } from './env.js';
import { AuthUnavailableError } from './errors.js';
import type { SessionRecord, SessionStore } from './session-store.js';

export type RefreshOutcome =
  | { status: 'refreshed'; record: SessionRecord; tokens?: TokenSet }
  | { status: 'rejected'; code: string }
  | { status: 'no-session' };

/** How often a request that lost the race looks for the successor. */
export const WAIT_POLL_MS = 25;
/** After a failed refresh, other requests of the session fail fast this long instead of waiting. */
export const FAILED_MARK_MS = 1_000;
/** An access token this close to expiry is treated as expired (no point handing it out). */
export const EXPIRY_MARGIN_MS = 5_000;

export function recordFromTokens(tokens: TokenSet, generation: number, now = Date.now()): SessionRecord {
  return {
    refreshToken: tokens.refreshToken,
    accessToken: tokens.accessToken,
    accessExpiresAt: now + tokens.expiresIn * 1000,
    userId: tokens.user.id,
    generation,
  };
}

function fresh(record: SessionRecord, staleAccessToken: string | undefined, now: number): boolean {
  return record.accessToken !== staleAccessToken && record.accessExpiresAt - EXPIRY_MARGIN_MS > now;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Refreshes a session once across every process (docs/auth.md):
 *  1. the record already holds a fresh access token (someone refreshed) → use it;
 *  2. otherwise take the per-session Redis lock (TTL longer than the refresh timeout), re-read,
 *     and only then call the api; store the rotated pair; release;
 *  3. requests that lost the race poll the record until the successor appears (or the lock
 *     holder gives up), and never call the api themselves.
 * Rejection by the api (RT reused, revoked, expired) deletes the record: the caller clears cookies.
 * Redis or api trouble throws AuthUnavailableError: the caller answers 503 and keeps the cookies.
 */
export async function refreshSession(
  config: AuthConfig,
  store: SessionStore,
  sid: string,
  staleAccessToken: string | undefined,
  options: { requestId?: string; onApiRefresh?: () => void } = {},
): Promise<RefreshOutcome> {
  const deadline = Date.now() + config.lockTtlMs + config.refreshTimeoutMs;
  for (;;) {
    const current = await store.get(sid);
    if (!current) return { status: 'no-session' };
    if (fresh(current, staleAccessToken, Date.now())) return { status: 'refreshed', record: current };

    const lock = await store.tryLock(sid, config.lockTtlMs);
    if (lock) {
      try {
        const latest = await store.get(sid);
        if (!latest) return { status: 'no-session' };
        if (latest.generation !== current.generation || fresh(latest, staleAccessToken, Date.now())) {
          return { status: 'refreshed', record: latest };
        }
        options.onApiRefresh?.();
        let tokens: TokenSet;
        try {
          tokens = await callApi(config, '/auth/refresh', {
            method: 'POST',
            body: { refreshToken: latest.refreshToken },
            requestId: options.requestId,
            timeoutMs: config.refreshTimeoutMs,
            schema: refreshResponseSchema,
          });
        } catch (error) {
          if (error instanceof BackendError && error.status === 401) {
            await store.delete(sid);
            return { status: 'rejected', code: error.code };
          }
          if (error instanceof BackendUnavailableError) {
            await store.markRefreshFailed(sid, FAILED_MARK_MS);
            throw new AuthUnavailableError('api', { cause: error });
          }
          throw error;
        }
        const record = recordFromTokens(tokens, latest.generation + 1);
        await store.put(sid, record, tokens.refreshExpiresIn);
        return { status: 'refreshed', record, tokens };
      } finally {
        await store.unlock(sid, lock);
      }
    }

    // Someone else holds the lock: wait for their result without calling the api.
    while (Date.now() < deadline) {
      await sleep(WAIT_POLL_MS);
      const seen = await store.get(sid);
      if (!seen) return { status: 'no-session' };
      if (seen.generation !== current.generation || fresh(seen, staleAccessToken, Date.now())) {
        return { status: 'refreshed', record: seen };
      }
      if (await store.refreshRecentlyFailed(sid)) {
        throw new AuthUnavailableError('api', { cause: new Error('the refresh holding the lock failed') });
      }
      // The holder's lock expired without a result: go round and try to take it.
      if (!(await store.isLocked(sid))) break;
    }
    if (Date.now() >= deadline)
      throw new AuthUnavailableError('api', { cause: new Error('refresh did not finish in time') });
  }
}
