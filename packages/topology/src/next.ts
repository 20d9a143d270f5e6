import { APPS, type NextAppName } from './apps.js';

/** The constructor an app passes in, resolved from the app's own dependencies. */
type FederationPluginClass = new (options: Record<string, unknown>) => unknown;

interface WebpackConfigLike {
  plugins: unknown[];
}

export interface NextConfigOptions {
  /** `NextFederationPlugin`, from `require('@module-federation/nextjs-mf')` (CommonJS build). */
  NextFederationPlugin: FederationPluginClass;
  /** The shell's remotes for the server or the client compilation. */
  remotes?: (side: 'server' | 'client') => Record<string, string>;
  /** Absolute paths of Module Federation runtime plugins. */
  runtimePlugins?: string[];
}

/** Options every app passes to NextFederationPlugin, from the topology. */
export function federationOptions(app: NextAppName, remotes: Record<string, string> = {}, runtimePlugins: string[] = []) {
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

/**
 * The Next.js config of every app in the site: its base path from the topology and the
 * federation plugin. Lint and typecheck are turbo tasks of their own, so `next build` skips them.
 */
export function nextConfigFor(app: NextAppName, options: NextConfigOptions) {
  return {
    basePath: APPS[app].basePath,
    reactStrictMode: true,
    poweredByHeader: false,
    eslint: { ignoreDuringBuilds: true },
    typescript: { ignoreBuildErrors: true },
    webpack(config: WebpackConfigLike, context: { isServer: boolean }) {
      const remotes = options.remotes?.(context.isServer ? 'server' : 'client') ?? {};
      config.plugins.push(
        new options.NextFederationPlugin(federationOptions(app, remotes, options.runtimePlugins ?? [])),
      );
      return config;
    },
  };
}
