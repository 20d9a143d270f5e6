import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextApiRequest, NextApiResponse } from 'next';
import type { TokenSet } from '@mfv/api-contract';
import {
  claimsFromToken,
  requestIdOf,
  RequestAuth,
  type AuthContext,
  type AuthedApiRequest,
  type AuthedHandler,
  type ViewerState,
  type WithAuthOptions,
} from './context.js';
import { appendSetCookie, clearCookie, cookieName, readNamedCookies, serializeCookie } from './cookies.js';
import { checkCsrf, isUnsafeMethod, issueCsrf } from './csrf.js';
import type { AuthConfig } from './env.js';
import { AuthError, AuthUnavailableError } from './errors.js';
import { logEvent } from './log.js';
import { createPreflight, type AccessClaims, type Preflight } from './preflight.js';
import { createRevocationList, type RevocationCheck } from './revocations.js';
import { recordFromTokens, refreshSession } from './refresh.js';
import { sendError } from './send-error.js';
import type { SessionStore } from './session-store.js';
import { createWithAuthSSR } from './ssr.js';

export type {
  AuthContext,
  AuthedApiRequest,
  AuthedHandler,
  AuthPageProps,
  Viewer,
  ViewerState,
  WithAuthOptions,
} from './context.js';

export interface AuthDeps {
  config: AuthConfig;
  store: SessionStore;
  preflight?: Preflight;
  /** Test hook: counts refreshes this process sends to the api. */
  onApiRefresh?: () => void;
  /**
   * Revoked sessions (F3). Default in local mode: the list polled from the api; remote mode
   * needs none (the api checks the session on every verify).
   */
  revocations?: RevocationCheck;
}

/**
 * The auth runtime of one Next server process: everything withAuth, withAuthSSR and the login
 * routes share. `createAuth` takes explicit dependencies (tests); `defaultAuth()` builds one from
 * the environment on first use.
 */
export function createAuth(deps: AuthDeps) {
  const { config, store } = deps;
  const revocations =
    deps.revocations ??
    (config.mode === 'local' && !deps.preflight ? createRevocationList(config) : undefined);
  const preflight = deps.preflight ?? createPreflight(config, revocations);
  /** The two cookies every authenticated request reads, by their full names under this policy. */
  const authCookieNames = [cookieName(config.cookie, 'accessToken'), cookieName(config.cookie, 'session')];

  function authCookies(
    accessToken: string,
    accessExpiresAt: number,
    sid?: string,
    refreshExpiresIn?: number,
  ): string[] {
    const cookies = [
      serializeCookie(config.cookie, 'accessToken', accessToken, (accessExpiresAt - Date.now()) / 1000),
    ];
    if (sid && refreshExpiresIn !== undefined)
      cookies.push(serializeCookie(config.cookie, 'session', sid, refreshExpiresIn));
    return cookies;
  }

  function clearAuthCookies(res: ServerResponse): void {
    appendSetCookie(res, [clearCookie(config.cookie, 'accessToken'), clearCookie(config.cookie, 'session')]);
  }

  function contextFor(
    claims: AccessClaims,
    accessToken: string,
    req: IncomingMessage,
    knownRequestId?: string,
  ): AuthContext {
    return new RequestAuth(config, claims, accessToken, req, knownRequestId);
  }

  /**
   * AT from the cookie → preflight → (expired, invalid or missing, with a session cookie) the
   * once-per-session refresh → a context; the response gets the rotated cookie. Throws
   * AuthError (401/403) or AuthUnavailableError (503, cookies untouched).
   *
   * A token this process has verified before is answered synchronously (no promise): the
   * verified-token cache, with revocation and expiry checked on this call (preflight.ts).
   */
  function authenticateFast(
    req: IncomingMessage,
    res: ServerResponse,
    csrf: boolean,
  ): AuthContext | Promise<AuthContext> {
    if (csrf && isUnsafeMethod(req.method)) checkCsrf(config, req);
    const [accessToken, sid] = readNamedCookies(req.headers.cookie, authCookieNames);
    if (!accessToken && !sid) throw new AuthError('AUTH_REQUIRED');
    if (accessToken) {
      const hit = preflight.cached?.(accessToken);
      if (hit?.status === 'valid' && (!sid || hit.claims.sid === sid)) {
        return contextFor(hit.claims, accessToken, req);
      }
      if (hit === undefined) return authenticateSlow(req, res, accessToken, sid);
    }
    return authenticateSlow(req, res, undefined, sid);
  }

  async function authenticate(
    req: IncomingMessage,
    res: ServerResponse,
    csrf: boolean,
  ): Promise<AuthContext> {
    return authenticateFast(req, res, csrf);
  }

  /** `accessToken` is given when it still has to be verified; otherwise straight to the refresh. */
  async function authenticateSlow(
    req: IncomingMessage,
    res: ServerResponse,
    accessToken: string | undefined,
    sid: string | undefined,
  ): Promise<AuthContext> {
    const requestId = requestIdOf(req);
    if (accessToken) {
      const result = await preflight(accessToken, requestId);
      if (result.status === 'valid' && (!sid || result.claims.sid === sid)) {
        return contextFor(result.claims, accessToken, req, requestId);
      }
    }
    if (!sid) {
      appendSetCookie(res, [clearCookie(config.cookie, 'accessToken')]);
      throw new AuthError('SESSION_EXPIRED');
    }
    if (revocations?.isRevoked(sid)) {
      // The Redis record may still hold a fresh access token of this session: never hand it out.
      await store.delete(sid).catch(() => undefined);
      clearAuthCookies(res);
      logEvent('info', 'session ended by revocation', { requestId });
      throw new AuthError('SESSION_EXPIRED');
    }
    const outcome = await refreshSession(config, store, sid, accessToken, {
      requestId,
      ...(deps.onApiRefresh ? { onApiRefresh: deps.onApiRefresh } : {}),
    });
    if (outcome.status !== 'refreshed') {
      clearAuthCookies(res);
      logEvent('info', 'session ended by refresh', {
        requestId,
        outcome: outcome.status === 'rejected' ? outcome.code : 'NO_SESSION',
      });
      throw new AuthError('SESSION_EXPIRED');
    }
    const { record, tokens } = outcome;
    appendSetCookie(
      res,
      authCookies(record.accessToken, record.accessExpiresAt, sid, tokens?.refreshExpiresIn),
    );
    return contextFor(claimsFromToken(record.accessToken), record.accessToken, req, requestId);
  }

  /** Guards a pages-router API route (docs/auth.md). */
  function withAuth(handler: AuthedHandler, options: WithAuthOptions = {}) {
    return async (req: NextApiRequest, res: NextApiResponse): Promise<void> => {
      let auth: AuthContext;
      try {
        const pending = authenticateFast(req, res, options.csrf ?? true);
        auth = pending instanceof Promise ? await pending : pending;
        if (options.scopes && !options.scopes.every((scope) => auth.scopes.includes(scope))) {
          res.status(403).json({ code: 'INSUFFICIENT_SCOPE', message: '이 작업을 할 권한이 없어요.' });
          return;
        }
      } catch (error) {
        sendError(res, error, requestIdOf(req), 'withAuth');
        return;
      }
      try {
        (req as AuthedApiRequest).auth = auth;
        await handler(req as AuthedApiRequest, res);
      } catch (error) {
        sendError(res, error, auth.requestId, 'handler');
      }
    };
  }

  /** Guards getServerSideProps (ssr.ts). */
  const withAuthSSR = createWithAuthSSR(config, authenticate);

  /** Optional auth for pages anyone may see (the shell): who is signed in, refreshing if needed. */
  async function getViewer(req: IncomingMessage, res: ServerResponse): Promise<ViewerState> {
    try {
      const auth = await authenticate(req, res, false);
      return { status: 'signed-in', viewer: { id: auth.sub, nickname: auth.nickname ?? null }, auth };
    } catch (error) {
      if (error instanceof AuthUnavailableError) return { status: 'unavailable' };
      if (error instanceof AuthError) return { status: 'anonymous' };
      throw error;
    }
  }

  /** After a login or signup: the refresh token goes to Redis, the browser gets the AT and session cookies. */
  async function startSession(res: ServerResponse, tokens: TokenSet): Promise<void> {
    const record = recordFromTokens(tokens, 0);
    await store.put(tokens.sessionId, record, tokens.refreshExpiresIn);
    appendSetCookie(res, [
      ...authCookies(record.accessToken, record.accessExpiresAt, tokens.sessionId, tokens.refreshExpiresIn),
      // A pre-session CSRF binding has served its purpose.
      clearCookie(config.cookie, 'preSession'),
    ]);
  }

  /** Logout (this session) or logout everywhere: revoked at the api first, then Redis and cookies. */
  async function endSession(auth: AuthContext, res: ServerResponse, everywhere: boolean): Promise<void> {
    await auth.api(everywhere ? '/auth/logout-all' : '/auth/logout', { method: 'POST' });
    await store.delete(auth.sid).catch((error: unknown) => {
      // The api already revoked the family: a leftover Redis record can only fail to refresh.
      logEvent('warn', 'could not delete the session record', {
        requestId: auth.requestId,
        error: String(error),
      });
    });
    clearAuthCookies(res);
  }

  /** GET …/api/auth/csrf */
  function csrfHandler(req: NextApiRequest, res: NextApiResponse): void {
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).json({ token: issueCsrf(config, req, res) });
  }

  /** A public API route that is not behind withAuth still answers errors the same way. */
  function handleErrors(handler: (req: NextApiRequest, res: NextApiResponse) => unknown | Promise<unknown>) {
    return async (req: NextApiRequest, res: NextApiResponse): Promise<void> => {
      try {
        await handler(req, res);
      } catch (error) {
        sendError(res, error, requestIdOf(req), 'route');
      }
    };
  }

  return {
    config,
    store,
    authenticate,
    withAuth,
    withAuthSSR,
    getViewer,
    startSession,
    endSession,
    csrfHandler,
    handleErrors,
    clearAuthCookies,
    requestIdOf,
  };
}

export type Auth = ReturnType<typeof createAuth>;
