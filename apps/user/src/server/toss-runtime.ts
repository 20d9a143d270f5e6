import { ConfigError } from '@mfv/config';
import { loadMtlsCredentials, mtlsHealth, MtlsError, type MtlsCredentials, type MtlsLogger } from '@mfv/mtls';
import { logEvent } from '@mfv/auth';
import { createTossClient, TossConfigError, type TossClient } from '@mfv/verification/toss';
import { tossSettings } from './env';
import type { EnabledTossSettings, TossSettings } from './toss-config';

type LogFields = NonNullable<Parameters<typeof logEvent>[2]>;

/**
 * The user remote's Toss client, built at first use (never at import: `next build` imports every
 * page): the mTLS client certificate and key loaded and checked by @mfv/mtls (key file mode 0600 or
 * stricter, certificate valid and matching the key, expiry warning 30 days ahead), then the Toss
 * client over the undici dispatcher that presents them (Toss mTLS 인증서 가이드: mTLS is required for
 * the server-side login APIs).
 *
 * A success is kept for the life of the process, or until the certificate's notAfter passes
 * (rotating the certificate = restarting the app; see docs/providers/toss.md, "Rotating"). A failure is
 * not kept: it is logged with the reason (the message names the file or variable, never key
 * material) and the next use tries again, so fixing a file's mode heals the app without a
 * restart. Meanwhile the health endpoint answers 503 with the code.
 */
export interface TossRuntime {
  readonly settings: EnabledTossSettings;
  readonly client: TossClient;
  readonly credentials: MtlsCredentials;
}

/** Why the runtime cannot be built: an operator's problem, shown on the health endpoint. */
export class TossUnavailableError extends Error {
  override name = 'TossUnavailableError';
  constructor(
    /** `MTLS_KEY_FILE_PERMISSIONS`, `MTLS_MATERIAL_MISSING`, …, `CONFIG_INVALID` or `TOSS_CONFIG_INVALID`. */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type TossHealth =
  | { status: 'disabled' }
  | { status: 'ok'; mtls: { notAfter: string; daysLeft: number } }
  | { status: 'error'; mtls: { error: string; message: string } };

export interface TossRuntimeLoader {
  /** The runtime; rejects with {@link TossUnavailableError} (also when Toss login is disabled). */
  get(): Promise<TossRuntime>;
  /** For /user/api/healthz: builds the runtime if needed; never throws. */
  health(): Promise<TossHealth>;
  close(): Promise<void>;
}

/** @mfv/mtls's expiry warning (and any other) as one of the app's JSON log lines. */
export const mtlsLogger: MtlsLogger = {
  warn(context, message) {
    const fields: LogFields = {};
    for (const [key, value] of Object.entries(context)) {
      if (['string', 'number', 'boolean'].includes(typeof value))
        fields[key] = value as string | number | boolean;
    }
    logEvent('warn', message, { component: 'toss-mtls', ...fields });
  },
};

function unavailable(error: unknown): TossUnavailableError {
  if (error instanceof TossUnavailableError) return error;
  if (error instanceof MtlsError)
    return new TossUnavailableError(error.code, error.message, { cause: error });
  if (error instanceof ConfigError)
    return new TossUnavailableError('CONFIG_INVALID', error.message, { cause: error });
  if (error instanceof TossConfigError)
    return new TossUnavailableError(error.code, error.message, { cause: error });
  return new TossUnavailableError(
    'TOSS_RUNTIME_FAILED',
    error instanceof Error ? error.message : String(error),
    {
      cause: error,
    },
  );
}

export function createTossRuntimeLoader(
  settings: () => TossSettings,
  options: { logger?: MtlsLogger; now?: () => Date } = {},
): TossRuntimeLoader {
  const logger = options.logger ?? mtlsLogger;
  let pending: Promise<TossRuntime> | undefined;

  async function build(): Promise<TossRuntime> {
    const current = settings();
    if (!current.enabled)
      throw new TossUnavailableError('TOSS_DISABLED', 'Toss login is disabled (TOSS_LOGIN_ENABLED=false)');
    const credentials = await loadMtlsCredentials({
      ...current.mtls,
      logger,
      ...(options.now ? { now: options.now() } : {}),
    });
    const client = createTossClient({
      baseUrl: current.apiBaseUrl,
      mtls: credentials,
      connectTimeoutMs: current.connectTimeoutMs,
      timeoutMs: current.timeoutMs,
    });
    logEvent('info', 'toss client ready', {
      component: 'toss-mtls',
      certificateSource: credentials.sources.cert,
      notAfter: credentials.certificate.notAfter,
      daysLeft: credentials.certificate.daysLeft,
      fingerprint: credentials.certificate.fingerprint,
    });
    return { settings: current, client, credentials };
  }

  let loaded: TossRuntime | undefined;

  function get(): Promise<TossRuntime> {
    // A certificate that ran out while the process kept it is no use any more: load again, which
    // picks up rotated files, or fails with MTLS_CERT_EXPIRED (and the health check says so).
    const now = options.now?.() ?? new Date();
    if (loaded !== undefined && Date.parse(loaded.credentials.certificate.notAfter) <= now.getTime()) {
      void loaded.client.close().catch(() => undefined);
      loaded = undefined;
      pending = undefined;
    }
    pending ??= build()
      .then((runtime) => (loaded = runtime))
      .catch((error: unknown) => {
        pending = undefined;
        const reason = unavailable(error);
        logEvent('error', 'toss login unavailable: mTLS client cannot be built', {
          component: 'toss-mtls',
          code: reason.code,
          reason: reason.message,
        });
        throw reason;
      });
    return pending;
  }

  return {
    get,
    async health() {
      try {
        if (!settings().enabled) return { status: 'disabled' };
      } catch (error) {
        const reason = unavailable(error);
        return { status: 'error', mtls: { error: reason.code, message: reason.message } };
      }
      try {
        const runtime = await get();
        const { notAfter, daysLeft } = mtlsHealth(runtime.credentials, options.now?.());
        return { status: 'ok', mtls: { notAfter, daysLeft } };
      } catch (error) {
        const reason = unavailable(error);
        return { status: 'error', mtls: { error: reason.code, message: reason.message } };
      }
    },
    async close() {
      const current = pending;
      pending = undefined;
      loaded = undefined;
      if (current) await (await current.catch(() => undefined))?.client.close();
    },
  };
}

/**
 * Next bundles instrumentation, pages and API routes separately (each with its own webpack
 * runtime and module instances), so a module-level singleton would load the credentials three
 * times. One loader per process, kept on globalThis under a registered symbol.
 */
const PROCESS_LOADER = Symbol.for('mfv.user.tossRuntimeLoader');
type WithLoader = typeof globalThis & { [PROCESS_LOADER]?: TossRuntimeLoader };

/** The process's loader, from the environment (env.ts). */
export function tossRuntime(): TossRuntimeLoader {
  const holder = globalThis as WithLoader;
  return (holder[PROCESS_LOADER] ??= createTossRuntimeLoader(tossSettings));
}

/**
 * Called once at server start (instrumentation.ts): builds the client right away, so a missing or
 * world-readable key or an expiring certificate is in the log at boot, not at the first login.
 * Never throws; a failure is logged and retried at the next use.
 */
export async function preloadTossRuntime(): Promise<void> {
  const loader = tossRuntime();
  try {
    if (!tossSettings().enabled) return;
  } catch {
    // Reported by get() below with the variable it names.
  }
  await loader.get().catch(() => undefined);
}
