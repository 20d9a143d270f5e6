import { APPS, type NextAppName } from '@mfv/topology';

/** Options every app passes to NextFederationPlugin, from the topology. */
export function federationOptions(
  app: NextAppName,
  remotes: Record<string, string> = {},
  runtimePlugins: string[] = [],
) {
  return {
    name: app,
    filename: 'static/chunks/remoteEntry.js',
    exposes: { ...APPS[app].exposes },
    remotes,
    shared: {},
    ...(runtimePlugins.length > 0 ? { runtimePlugins } : {}),
    extraOptions: { exposePages: false, enableImageLoaderFix: false, enableUrlLoaderFix: false },
  };
}

/** The part of NextFederationPlugin this package relies on (nextjs-mf 8.8.x). */
export interface NextFederationPluginClass {
  new (options: Record<string, unknown>): {
    getNormalFederationPluginOptions(compiler: unknown, isServer: boolean): Record<string, unknown>;
  };
}

/**
 * One federation runtime in the browser. Without this every remote's client entry carries a
 * full copy of the Module Federation runtime (~190 kB, ~54 kB gzip), so each remote on a page
 * would add that again. Browser builds of remotes mark the runtime as external, and the shell
 * (a pure consumer) provides it (`externalRuntime` / `provideExternalRuntime` of
 * @module-federation/enhanced). nextjs-mf 8.8 overwrites `experiments`, so the options are
 * amended after it computes them. Server builds keep their own runtime.
 */
export function withSharedBrowserRuntime(
  Base: NextFederationPluginClass,
  role: 'host' | 'remote',
): NextFederationPluginClass {
  return class SharedRuntimeFederationPlugin extends Base {
    override getNormalFederationPluginOptions(compiler: unknown, isServer: boolean) {
      const options = super.getNormalFederationPluginOptions(compiler, isServer);
      if (!isServer) {
        options.experiments = {
          ...(options.experiments as Record<string, unknown> | undefined),
          ...(role === 'host' ? { provideExternalRuntime: true } : { externalRuntime: true }),
        };
      }
      return options;
    }
  };
}

export function roleOf(app: NextAppName): 'host' | 'remote' {
  return Object.keys(APPS[app].exposes).length === 0 ? 'host' : 'remote';
}
