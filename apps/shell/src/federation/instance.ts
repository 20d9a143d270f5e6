/**
 * The Module Federation runtime instance webpack created for the shell (server or browser). The
 * shell loads remote modules through it directly, by release: webpack's own `import('notice/X')`
 * caches a module for the life of the process, which is what kept a redeployed remote stale.
 */
interface FederationInstance {
  loadRemote<T>(id: string): Promise<T | null>;
  registerRemotes(
    remotes: Array<{ name: string; entry: string; alias?: string }>,
    options?: { force?: boolean },
  ): void;
  options: { remotes: Array<{ name: string; entry?: string }> };
}

declare const __webpack_require__: { federation?: { instance?: FederationInstance } };

export function federationInstance(): FederationInstance {
  const instance = __webpack_require__.federation?.instance;
  if (!instance) throw new Error('the Module Federation runtime is not initialised');
  return instance;
}
