/**
 * The site's topology, written once. Everything that needs to know which apps exist,
 * where they listen and which public paths they own derives it from here: the shell's
 * Module Federation remotes, the dev proxy, the nginx config, the site runner and the tests.
 */

/** Apps that expose federated modules to the shell. `pnpm new:remote` adds to this list. */
export const REMOTES = [
  'verify',
  'user',
  'notice',
  // @generator:remotes
] as const;
export type RemoteName = (typeof REMOTES)[number];

/** Next.js apps composed into the one public origin. */
export const NEXT_APPS = ['shell', ...REMOTES] as const;
export type NextAppName = (typeof NEXT_APPS)[number];

export interface AppDefinition {
  readonly name: NextAppName;
  /** Default port on the internal network (overridable per environment). */
  readonly port: number;
  /** Next.js `basePath`; '' for the shell, which owns everything no remote claims. */
  readonly basePath: '' | `/${string}`;
  /** Modules a remote exposes to the shell, as `./Name` → source file inside the app. */
  readonly exposes: Readonly<Record<string, string>>;
  /** One line for humans (README, site runner banner). */
  readonly description: string;
}

export const APPS: Readonly<Record<NextAppName, AppDefinition>> = {
  shell: {
    name: 'shell',
    port: 3000,
    basePath: '',
    exposes: {},
    description: 'host: layout, navigation, pages composing remote slots',
  },
  verify: {
    name: 'verify',
    port: 3001,
    basePath: '/verify',
    exposes: { './VerifyLauncher': './src/exposes/VerifyLauncher.tsx' },
    description: 'remote: identity verification UI and API routes',
  },
  user: {
    name: 'user',
    port: 3002,
    basePath: '/user',
    exposes: { './UserMenu': './src/exposes/UserMenu.tsx' },
    description: 'remote: login, signup, profile, user menu',
  },
  notice: {
    name: 'notice',
    port: 3003,
    basePath: '/notice',
    exposes: {
      './NoticeBell': './src/exposes/NoticeBell.tsx',
      './NoticeList': './src/exposes/NoticeList.tsx',
    },
    description: 'remote: notices and the notification bell',
  },
  // @generator:apps
};

/**
 * Internal services the Next apps call (never routed by the public proxy). Their ports are
 * defaults for local runs; docker-compose gives each its own host.
 */
export const BACKENDS = {
  api: { port: 4000, readyPath: '/readyz', description: 'domain backend: tokens, users, notices' },
  sandbox: {
    port: 4100,
    readyPath: '/healthz',
    description: 'provider emulators (Kakao, mobile-ok, KCB, SSAFY, Toss)',
  },
} as const;
export type BackendName = keyof typeof BACKENDS;

/** The sandbox's second listener: HTTPS that demands client certificates (Toss mTLS). */
export const DEFAULT_SANDBOX_MTLS_PORT = 4443;

/** The Redis a local run starts for itself when REDIS_URL is not given. */
export const DEFAULT_LOCAL_REDIS_PORT = 6380;

/** The public origin's port in local runs (the dev proxy); nginx takes it in production. */
export const DEFAULT_PROXY_PORT = 8080;

/** Federated module ids the shell may load, e.g. `user/UserMenu`. */
export function federatedModuleIds(): string[] {
  return REMOTES.flatMap((remote) =>
    Object.keys(APPS[remote].exposes).map((key) => `${remote}/${key.replace(/^\.\//, '')}`),
  );
}
