import { getViewer, type Viewer } from '@mfv/auth';
import type { GetServerSideProps, GetServerSidePropsContext, GetServerSidePropsResult } from 'next';
import { probeRemotes } from './load';
import type { RemoteModuleId, RemoteStatusMap } from './modules';
import { scheduleRevalidate } from './revalidate';

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
}

/**
 * Wraps a page's getServerSideProps: loads the layout's and the page's federated modules
 * (bounded), and hands their status to the page so slots render and hydrate consistently; also
 * who is signed in (refreshing the session if its access token expired).
 * Pages that render remotes must render on request, never at build time.
 */
export function withRemoteSlots<P extends Record<string, unknown> = Record<string, never>>(
  pageModules: readonly RemoteModuleId[],
  gssp?: (ctx: GetServerSidePropsContext) => Promise<GetServerSidePropsResult<P>>,
): GetServerSideProps<P & RemoteSlotPageProps> {
  const modules = [...new Set([...LAYOUT_MODULES, ...pageModules])];
  return async (ctx) => {
    scheduleRevalidate();
    const [remoteStatus, viewer, result] = await Promise.all([
      probeRemotes(modules),
      getViewer(ctx.req, ctx.res),
      gssp ? gssp(ctx) : Promise.resolve({ props: {} as P }),
    ]);
    if (!('props' in result)) return result;
    const props = await result.props;
    return {
      props: {
        ...props,
        remoteStatus,
        viewer: viewer.status === 'signed-in' ? viewer.viewer : null,
        sessionUnavailable: viewer.status === 'unavailable',
      },
    };
  };
}
