import { APPS, type NextAppName } from '@mfv/topology';
import {
  federationOptions,
  roleOf,
  withSharedBrowserRuntime,
  type NextFederationPluginClass,
} from './federation.js';
import { installStandaloneRuntime } from './standalone-runtime.js';

interface WebpackConfigLike {
  plugins: unknown[];
}

export interface NextConfigOptions {
  /** The app's directory (`new URL('.', import.meta.url)` in next.config.mjs). */
  appDir: string;
  /** `NextFederationPlugin`, from `require('@module-federation/nextjs-mf')` (its CommonJS build). */
  NextFederationPlugin: unknown;
  /** The shell's remotes for the server or the client compilation. */
  remotes?: (side: 'server' | 'client') => Record<string, string>;
  /** Absolute paths of Module Federation runtime plugins. */
  runtimePlugins?: string[];
  /** Workspace packages shipped as TypeScript source that Next must compile. */
  transpilePackages?: string[];
}

/**
 * The Next.js config of every app in the site: its base path from the topology and the
 * federation plugin. Lint and typecheck are turbo tasks of their own, so `next build` skips them.
 */
export function nextConfigFor(app: NextAppName, options: NextConfigOptions) {
  const role = roleOf(app);
  if (role === 'remote') installStandaloneRuntime(options.appDir);
  const Plugin = withSharedBrowserRuntime(options.NextFederationPlugin as NextFederationPluginClass, role);
  // `next dev` writes its own output folder, so running `pnpm dev` never clobbers the build `pnpm start` serves.
  return (phase: string) => ({
    distDir: phase === 'phase-development-server' ? '.next-dev' : '.next',
    basePath: APPS[app].basePath,
    reactStrictMode: true,
    poweredByHeader: false,
    transpilePackages: options.transpilePackages ?? [],
    eslint: { ignoreDuringBuilds: true },
    typescript: { ignoreBuildErrors: true },
    webpack(config: WebpackConfigLike, context: { isServer: boolean }) {
      const remotes = options.remotes?.(context.isServer ? 'server' : 'client') ?? {};
      config.plugins.push(new Plugin(federationOptions(app, remotes, options.runtimePlugins ?? [])));
      return config;
    },
  });
}
