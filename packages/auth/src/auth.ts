import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeJwt } from 'jose';
import type {
  GetServerSidePropsContext,
  GetServerSidePropsResult,
  NextApiRequest,
  NextApiResponse,
} from 'next';
import type { TokenSet } from '@mfv/api-contract';
import { APPS, type NextAppName } from '@mfv/topology';
import type { z } from 'zod';
import { BackendError, BackendUnavailableError, callApi, type BackendCall } from './backend.js';
import { BodyError } from './body.js';
import { appendSetCookie, clearCookie, cookieName, readNamedCookies, serializeCookie } from './cookies.js';
import { checkCsrf, isUnsafeMethod, issueCsrf } from './csrf.js';
import type { AuthConfig } from './env.js';
import { AUTH_ERROR_MESSAGES, AUTH_RETRY_AFTER_SECONDS, AuthError, AuthUnavailableError } from './errors.js';
import { logEvent, reportUnexpected } from './log.js';
import { createPreflight, type AccessClaims, type Preflight } from './preflight.js';
import { createRevocationList, type RevocationCheck } from './revocations.js';
import { safeReturnTo } from './redirect.js';
import { recordFromTokens, refreshSession } from './refresh.js';
import type { SessionStore } from './session-store.js';

/** Who is calling, attached as `req.auth` for API routes and handed to SSR callbacks. */
export interface AuthContext {
  sub: string;
  sid: string;
  scopes: string[];
  nickname?: string;
  accessToken: string;
  requestId: string;
  /** Calls the api as this user (`Authorization: Bearer`, never the browser's cookies). */
  api<S extends z.ZodType | undefined = undefined>(
    path: string,
    call?: Omit<BackendCall<S>, 'accessToken' | 'internal' | 'requestId'>,
  ): Promise<S extends z.ZodType ? z.infer<S> : unknown>;
}

export interface Viewer {
  id: string;
  nickname: string | null;
}

export type ViewerState =
  /** `auth` calls the api as this member (server side only: never put it in page props). */
  | { status: 'signed-in'; viewer: Viewer; auth: AuthContext }
  | { status: 'anonymous' }
  /** Signed in, but the session could not be refreshed right now (Redis or the api away). */
  | { status: 'unavailable' };

export type AuthedApiRequest = NextApiRequest & { auth: AuthContext };
export type AuthedHandler = (req: AuthedApiRequest, res: NextApiResponse) => unknown | Promise<unknown>;

export interface WithAuthOptions {
  /** CSRF (Origin + signed token) on POST/PUT/PATCH/DELETE; on by default. */
  csrf?: boolean;
  /** Scopes the access token must carry. */
  scopes?: string[];
}

export type AuthPageProps<P> =
  (P & { auth: { status: 'ok'; viewer: Viewer } }) | { auth: { status: 'unavailable'; message: string } };

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

function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._-]{1,128}$/.test(value) ? value : randomUUID();
}

function claimsFromToken(accessToken: string): AccessClaims {
  // Tokens from the api or from our own Redis record, fresh from a refresh: their signature was
  // checked where they were issued; only the claims are needed here.
  const payload = decodeJwt(accessToken) as {
    sub?: string;
    sid?: string;
    scope?: string;
    nickname?: string;
    exp?: number;
  };
  return {
    sub: String(payload.sub),
    sid: String(payload.sid),
    scopes: (payload.scope ?? '').split(' ').filter(Boolean),
    ...(payload.nickname ? { nickname: payload.nickname } : {}),
    exp: Number(payload.exp),
  };
}

/**
 * One request's AuthContext. A class, so that the per-request object carries data only (the
 * methods live on the prototype: no closures allocated per request), and the request id is
 * worked out when something reads it (an api call, a log line) — most requests never need one,
 * and minting a UUID was a visible part of withAuth's cost. Call `api` as `auth.api(…)`.
 */
class RequestAuth implements AuthContext {
  readonly sub: string;
  readonly sid: string;
  readonly scopes: string[];
  declare readonly nickname?: string;
  readonly accessToken: string;
  #requestId: string | undefined;
  readonly #req: IncomingMessage;
  readonly #config: AuthConfig;

  constructor(
    config: AuthConfig,
    claims: AccessClaims,
    accessToken: string,
    req: IncomingMessage,
    requestId: string | undefined,
  ) {
    this.sub = claims.sub;
    this.sid = claims.sid;
    this.scopes = claims.scopes;
    if (claims.nickname) (this as { nickname?: string }).nickname = claims.nickname;
    this.accessToken = accessToken;
    this.#requestId = requestId;
    this.#req = req;
    this.#config = config;
  }

  get requestId(): string {
    return (this.#requestId ??= requestIdOf(this.#req));
  }

  api<S extends z.ZodType | undefined = undefined>(
    path: string,
    call: Omit<BackendCall<S>, 'accessToken' | 'internal' | 'requestId'> = {},
  ): Promise<S extends z.ZodType ? z.infer<S> : unknown> {
    return callApi(this.#config, path, { ...call, accessToken: this.accessToken, requestId: this.requestId });
  }
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

  function sendError(res: NextApiResponse, error: unknown, requestId: string, where: string): void {
    if (res.headersSent) {
      res.end();
      return;
    }
    if (error instanceof AuthUnavailableError || error instanceof BackendUnavailableError) {
      logEvent('warn', 'dependency unavailable', {
        requestId,
        where,
        dependency: error instanceof AuthUnavailableError ? error.dependency : 'api',
      });
      res.setHeader('Retry-After', String(AUTH_RETRY_AFTER_SECONDS));
      res
        .status(503)
        .json(
          error instanceof AuthUnavailableError
            ? error.toBody()
            : { code: error.code, message: '서비스가 잠시 응답하지 않아요. 잠시 후 다시 시도해 주세요.' },
        );
      return;
    }
    if (error instanceof AuthError) {
      res.status(error.status).json(error.toBody());
      return;
    }
    if (error instanceof BodyError) {
      // The caller's mistake (F7): a line at info, never an "unexpected error" or a Sentry event.
      logEvent('info', 'request body refused', { requestId, where, code: error.code });
      res.status(error.status).json(error.toBody());
      return;
    }
    if (error instanceof BackendError && error.status < 500) {
      res.status(error.status).json({ code: error.code, message: error.message });
      return;
    }
    reportUnexpected(error, requestId, where);
    res.status(500).json({ code: 'INTERNAL', message: '요청을 처리하지 못했어요.', requestId });
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

  /**
   * Next strips an app's basePath from `resolvedUrl` and would add it to a redirect: the page's
   * site-wide path is rebuilt from the topology, and the login page (another app) is reached with
   * `basePath: false`.
   */
  function loginRedirect(
    ctx: GetServerSidePropsContext,
    app: NextAppName,
  ): { redirect: { destination: string; permanent: false; basePath: false } } {
    const base = APPS[app].basePath;
    const sitePath = ctx.resolvedUrl === '/' ? base || '/' : `${base}${ctx.resolvedUrl}`;
    const returnTo = safeReturnTo(sitePath, '/');
    return {
      redirect: {
        destination: `${config.loginPath}?returnTo=${encodeURIComponent(returnTo)}`,
        permanent: false,
        basePath: false,
      },
    };
  }

  /**
   * Guards getServerSideProps: no session → redirect to the login page with a same-origin
   * `returnTo`; infrastructure away → 503 + Retry-After and `auth.status = 'unavailable'` (the
   * page shows a notice; the session is kept).
   */
  function withAuthSSR<P extends Record<string, unknown>>(
    gssp: (ctx: GetServerSidePropsContext, auth: AuthContext) => Promise<GetServerSidePropsResult<P>>,
    options: { app: NextAppName },
  ) {
    return async (ctx: GetServerSidePropsContext): Promise<GetServerSidePropsResult<AuthPageProps<P>>> => {
      let auth: AuthContext;
      try {
        auth = await authenticate(ctx.req, ctx.res, false);
      } catch (error) {
        if (error instanceof AuthUnavailableError) {
          ctx.res.statusCode = 503;
          ctx.res.setHeader('Retry-After', String(AUTH_RETRY_AFTER_SECONDS));
          return {
            props: { auth: { status: 'unavailable', message: AUTH_ERROR_MESSAGES.AUTH_UNAVAILABLE } },
          };
        }
        if (error instanceof AuthError) return loginRedirect(ctx, options.app);
        throw error;
      }
      const result = await gssp(ctx, auth);
      if (!('props' in result)) return result;
      const props = await result.props;
      return {
        props: {
          ...props,
          auth: { status: 'ok', viewer: { id: auth.sub, nickname: auth.nickname ?? null } },
        },
      } as GetServerSidePropsResult<AuthPageProps<P>>;
    };
  }

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
