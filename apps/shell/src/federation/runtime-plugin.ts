import type { ModuleFederationRuntimePlugin } from '@module-federation/runtime/types';
import { REMOTES, readTopologyEnv, serverRemoteEntry, type RemoteName } from '@mfv/topology';

/** Raised when a federated module cannot be loaded; the slot shows its fallback. */
export class RemoteUnavailableError extends Error {
  override name = 'RemoteUnavailableError';
  constructor(
    readonly moduleId: string,
    options?: { cause?: unknown },
  ) {
    super(`remote module ${moduleId} is unavailable`, options);
  }
}

function isRemoteName(name: string): name is RemoteName {
  return (REMOTES as readonly string[]).includes(name);
}

/**
 * The shell's Module Federation runtime plugin.
 *
 * - Server: remote SSR entries are resolved from the *runtime* environment (MFV_<APP>_HOST /
 *   MFV_<APP>_PORT), so one build of the shell runs on a laptop and in docker-compose.
 * - Both sides: a remote that fails to load raises RemoteUnavailableError instead of the
 *   nextjs-mf default (a component rendering null), so the shell can show a visible fallback
 *   and retry. Which release of a remote loads is decided by ./releases.ts and ./load.ts.
 */
export default function shellFederationPlugin(): ModuleFederationRuntimePlugin {
  return {
    name: 'mfv-shell-federation',
    init(args) {
      if (typeof window === 'undefined') {
        const topology = readTopologyEnv();
        for (const remote of args.options.remotes) {
          if ('entry' in remote && isRemoteName(remote.name)) {
            remote.entry = serverRemoteEntry(remote.name, topology);
          }
        }
      }
      return args;
    },
    errorLoadRemote(args) {
      throw new RemoteUnavailableError(args.id, { cause: args.error });
    },
  };
}
