/**
 * Server-only guard for @mfv/mtls (docs/architecture.md, "Conventions in the code": mTLS keys
 * never reach a client bundle).
 *
 * Three layers, from build time to run time:
 * 1. `package.json` maps the `browser` (and `react-native`) export conditions to `null`, so a
 *    client build that imports this package fails to resolve it.
 * 2. {@link MFV_MTLS_SERVER_ONLY_MARKER} is written onto `globalThis` at module load — a side
 *    effect no minifier may drop — so the string is in every bundle that contains this module.
 *    `scripts/check-no-client-bundle.mjs` scans Next's client output for it.
 * 3. {@link assertServerRuntime} throws when the module is evaluated where `window` exists.
 */

/**
 * Unique string that proves this module is in a bundle. Must equal `MARKER` in
 * `scripts/check-no-client-bundle.mjs` (a test keeps the two in step).
 */
export const MFV_MTLS_SERVER_ONLY_MARKER =
  'MFV_MTLS_SERVER_ONLY_MARKER:7d1c9e4a-mtls-keys-stay-on-the-server';

export class MtlsBrowserContextError extends Error {
  override name = 'MtlsBrowserContextError';
  readonly code = 'MTLS_BROWSER_CONTEXT' as const;
  constructor() {
    super(
      '@mfv/mtls is server-only: it was loaded where `window` exists (a browser bundle?). ' +
        'mTLS client keys must never reach a browser.',
      { cause: { marker: MFV_MTLS_SERVER_ONLY_MARKER } },
    );
  }
}

/** Throws {@link MtlsBrowserContextError} when `globalThis.window` is defined. */
export function assertServerRuntime(scope: object = globalThis): void {
  if (typeof (scope as { window?: unknown }).window !== 'undefined') throw new MtlsBrowserContextError();
}

assertServerRuntime();
(globalThis as Record<symbol, unknown>)[Symbol.for(MFV_MTLS_SERVER_ONLY_MARKER)] = true;
