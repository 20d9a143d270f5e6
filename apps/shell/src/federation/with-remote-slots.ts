import { noticesResponseSchema, type Notice, type VerificationStatus } from '@mfv/api-contract';
import { getViewer, logEvent, readVerificationStatus, type AuthContext, type Viewer } from '@mfv/auth';
import type { GetServerSideProps, GetServerSidePropsContext, GetServerSidePropsResult } from 'next';
import { loadedComponent } from './load';
import { remoteOf, type RemoteModuleId, type RemoteStatusMap } from './modules';
import { releaseWatchReady, servingRelease, startReleaseWatch } from './releases';

/** Server renders never wait longer than this for a remote (the page must answer in < 2 s). */
export const SERVER_LOAD_DEADLINE_MS = 1200;

/** Modules in the layout (header) of every shell page. */
export const LAYOUT_MODULES = [
  'user/UserMenu',
  'notice/NoticeBell',
] as const satisfies readonly RemoteModuleId[];

export interface RemoteSlotPageProps {
  remoteStatus: RemoteStatusMap;
  /** The signed-in member, for the header and the slots that are per member. */
  viewer: Viewer | null;
  /** The session could not be checked (Redis or the api away): say so rather than show "log in". */
  sessionUnavailable: boolean;
  /**
   * The member's newest notices, read on the server so the bell's count and the list are in the
   * first HTML; null when signed out or when the api did not answer in time (the notice remote then
   * fetches them in the browser).
   */
  notices: Notice[] | null;
  /**
   * The member's lasting verification status (GET /verifications/me), read on the server so the
   * user menu and /verification show it in the first HTML; null when signed out or when the api did
   * not answer in time (then nothing is shown: never "unverified" for a status nobody read).
   */
  verification: VerificationStatus | null;
}

/** How many notices the header bell shows (the home page's list shows the first few of them). */
export const SSR_NOTICES_LIMIT = 10;
/** A page never waits longer than this for the notices: past it, the browser fetches them. */
export const SSR_NOTICES_TIMEOUT_MS = 800;

async function ssrNotices(auth: AuthContext): Promise<Notice[] | null> {
  try {
    const { items } = await auth.api(`/notices?limit=${SSR_NOTICES_LIMIT}`, {
      schema: noticesResponseSchema,
      timeoutMs: SSR_NOTICES_TIMEOUT_MS,
    });
    return items;
  } catch (error) {
    logEvent('warn', 'notices not rendered on the server', {
      requestId: auth.requestId,
      reason: error instanceof Error ? error.message : String(error),
    });
    return null;
  }
}

/**
 * Which release of its remote each module renders from on this request (a map lookup: the
 * releases are kept current in the background, ./releases.ts). Only the first requests of a
 * process wait, bounded, for the first check of every remote.
 */
export async function probeRemotes(
  ids: readonly RemoteModuleId[],
  deadlineMs = SERVER_LOAD_DEADLINE_MS,
): Promise<RemoteStatusMap> {
  if (!releaseWatchReady) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([startReleaseWatch(), new Promise<void>((r) => (timer = setTimeout(r, deadlineMs)))]);
    clearTimeout(timer);
  }
  const status: RemoteStatusMap = {};
  for (const id of ids) {
    const serving = servingRelease(id, remoteOf(id));
    if (typeof serving === 'string') status[id] = { state: serving };
    else
      status[id] = loadedComponent(id, serving.release)
        ? { state: 'ok', release: serving.release }
        : { state: 'down' };
  }
  return status;
}

/**
 * Wraps a page's getServerSideProps: which release of each federated module of the layout and
 * the page renders (the page passes it to its slots, so the browser hydrates exactly what the
 * server rendered, from the same release), and who is signed in (refreshing the session if its
 * access token expired). Pages that render remotes must render on request, never at build time.
 */
export function withRemoteSlots<P extends Record<string, unknown> = Record<string, never>>(
  pageModules: readonly RemoteModuleId[],
  gssp?: (ctx: GetServerSidePropsContext) => Promise<GetServerSidePropsResult<P>>,
): GetServerSideProps<P & RemoteSlotPageProps> {
  const modules = [...new Set([...LAYOUT_MODULES, ...pageModules])];
  return async (ctx) => {
    const [remoteStatus, viewer, result] = await Promise.all([
      probeRemotes(modules),
      getViewer(ctx.req, ctx.res),
      gssp ? gssp(ctx) : Promise.resolve({ props: {} as P }),
    ]);
    if (!('props' in result)) return result;
    const signedIn = viewer.status === 'signed-in' ? viewer.auth : null;
    const [props, notices, verification] = await Promise.all([
      result.props,
      signedIn ? ssrNotices(signedIn) : Promise.resolve(null),
      signedIn ? readVerificationStatus(signedIn) : Promise.resolve(null),
    ]);
    return {
      props: {
        ...props,
        remoteStatus,
        viewer: viewer.status === 'signed-in' ? viewer.viewer : null,
        sessionUnavailable: viewer.status === 'unavailable',
        notices,
        verification,
      },
    };
  };
}
