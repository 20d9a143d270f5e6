/**
 * withAuthSSR: the getServerSideProps guard (docs/auth.md). No session → the login page with a
 * same-origin `returnTo`; infrastructure away → 503 + Retry-After and `auth.status =
 * 'unavailable'` (the page shows a notice; the session is kept).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GetServerSidePropsContext, GetServerSidePropsResult } from 'next';
import { APPS, type NextAppName } from '@mfv/topology';
import type { AuthContext, AuthPageProps } from './context.js';
import type { AuthConfig } from './env.js';
import { AUTH_ERROR_MESSAGES, AUTH_RETRY_AFTER_SECONDS, AuthError, AuthUnavailableError } from './errors.js';
import { safeReturnTo } from './redirect.js';

type Authenticate = (req: IncomingMessage, res: ServerResponse, csrf: boolean) => Promise<AuthContext>;

/**
 * Next strips an app's basePath from `resolvedUrl` and would add it to a redirect: the page's
 * site-wide path is rebuilt from the topology, and the login page (another app) is reached with
 * `basePath: false`.
 */
function loginRedirect(
  loginPath: string,
  ctx: GetServerSidePropsContext,
  app: NextAppName,
): { redirect: { destination: string; permanent: false; basePath: false } } {
  const base = APPS[app].basePath;
  const sitePath = ctx.resolvedUrl === '/' ? base || '/' : `${base}${ctx.resolvedUrl}`;
  const returnTo = safeReturnTo(sitePath, '/');
  return {
    redirect: {
      destination: `${loginPath}?returnTo=${encodeURIComponent(returnTo)}`,
      permanent: false,
      basePath: false,
    },
  };
}

export function createWithAuthSSR(config: AuthConfig, authenticate: Authenticate) {
  return function withAuthSSR<P extends Record<string, unknown>>(
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
        if (error instanceof AuthError) return loginRedirect(config.loginPath, ctx, options.app);
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
  };
}
