import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APPS, type NextAppName } from '@mfv/topology';
import { benchStubRules } from './bench-only.js';
import { nextBuildEnv } from './env.js';
import {
  federationOptions,
  roleOf,
  withSharedBrowserRuntime,
  type NextFederationPluginClass,
} from './federation.js';
import {
  STANDALONE_RUNTIME_PATH,
  STANDALONE_RUNTIME_PATH_ENV,
  installStandaloneRuntime,
} from './standalone-runtime.js';

/** The workspace root (this file is packages/next-config/{src,dist}/next-config.*). */
const WORKSPACE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

interface WebpackConfigLike {
  plugins: unknown[];
  output?: { publicPath?: unknown };
  module?: { rules?: unknown[] };
}

interface WebpackContextLike {
  isServer: boolean;
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
  /** The build environment (default: process.env); see nextBuildEnvSchema. */
  env?: Readonly<Record<string, string | undefined>>;
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
  return (phase: string) => {
    const standalone =
      phase !== 'phase-development-server' && nextBuildEnv(options.env).MFV_NEXT_OUTPUT === 'standalone';
    return {
      distDir: phase === 'phase-development-server' ? '.next-dev' : '.next',
      ...buildOutput(phase, options.env),
      basePath: APPS[app].basePath,
      reactStrictMode: true,
      poweredByHeader: false,
      // A constant of the build, not of the server's file system (see standalone-runtime.ts).
      env: { [STANDALONE_RUNTIME_PATH_ENV]: STANDALONE_RUNTIME_PATH },
      transpilePackages: options.transpilePackages ?? [],
      eslint: { ignoreDuringBuilds: true },
      typescript: { ignoreBuildErrors: true },
      webpack(config: WebpackConfigLike, context: WebpackContextLike) {
        const remotes = options.remotes?.(context.isServer ? 'server' : 'client') ?? {};
        // A remote's browser chunks load relative to the entry that loaded them, so a release's
        // entry under its versioned URL (`<basePath>/_mfv/client/<release>/…`, @mfv/remote-versions)
        // loads that release's chunks. Next sets its own pages' public path at run time.
        if (role === 'remote' && !context.isServer && config.output) config.output.publicPath = 'auto';
        config.plugins.push(new Plugin(federationOptions(app, remotes, options.runtimePlugins ?? [])));
        // Images ship no bench-only page (bench-only.ts): a 404 stub is compiled in its place.
        if (standalone) {
          config.module ??= {};
          config.module.rules = [...(config.module.rules ?? []), ...benchStubRules()];
        }
        return config;
      },
    };
  };
}

/**
 * MFV_NEXT_OUTPUT=standalone (the image build, Dockerfile): `.next/standalone/apps/<app>/server.js`
 * plus the production dependencies Next traced from the workspace root — no pnpm install in the
 * image. Unset, the build is the ordinary one `next start` serves (the local runner, the tests).
 * MFV_SOURCE_MAPS=true: browser source maps for a Sentry upload (deploy/sentry-sourcemaps.sh),
 * which deletes them from the served folder afterwards.
 */
function buildOutput(phase: string, env: NextConfigOptions['env']) {
  if (phase === 'phase-development-server') return {};
  const { MFV_NEXT_OUTPUT, MFV_SOURCE_MAPS } = nextBuildEnv(env);
  return {
    ...(MFV_NEXT_OUTPUT === 'standalone'
      ? { output: 'standalone' as const, outputFileTracingRoot: WORKSPACE_ROOT }
      : {}),
    ...(MFV_SOURCE_MAPS ? { productionBrowserSourceMaps: true } : {}),
  };
}
