/**
 * Toss (apps-in-toss) login client. Every call goes through the mTLS dispatcher built by
 * `@mfv/mtls` from the loaded client credentials (apps-in-toss API reference: mTLS is required for the
 * server-side login APIs); there is no way to hand it a plain dispatcher.
 */
import { createMtlsDispatcher, type MtlsCredentials } from '@mfv/mtls';
import { createDispatcherTransport, HTTP_MAX_TIMEOUT_MS, type HttpTransport } from '../internal/http.js';
import { TossConfigError } from './errors.js';

/** Production base (apps-in-toss API reference) and the local sandbox's mTLS listener. */
export const TOSS_BASE_URLS = {
  sandbox: 'https://127.0.0.1:4443',
  production: 'https://apps-in-toss-api.toss.im',
} as const;

/** Paths under the base URL (apps-in-toss API reference). */
export const TOSS_PATHS = {
  generateToken: '/api-partner/v1/apps-in-toss/user/oauth2/generate-token',
  refreshToken: '/api-partner/v1/apps-in-toss/user/oauth2/refresh-token',
  loginMe: '/api-partner/v1/apps-in-toss/user/oauth2/login-me',
} as const;

export const TOSS_DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const TOSS_DEFAULT_TIMEOUT_MS = 10_000;

export interface TossClientOptions {
  /** https only (mTLS). */
  baseUrl: string;
  /** From `loadMtlsCredentials()` of `@mfv/mtls`. */
  mtls: MtlsCredentials;
  connectTimeoutMs?: number;
  timeoutMs?: number;
}

export interface TossClient {
  readonly baseUrl: string;
  readonly transport: HttpTransport;
  close(): Promise<void>;
}

function configError(field: string, message: string): TossConfigError {
  return new TossConfigError('TOSS_CONFIG_INVALID', `Toss client option ${field} ${message}`, { field });
}

function timeout(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > HTTP_MAX_TIMEOUT_MS) {
    throw configError(
      field,
      `must be an integer number of milliseconds between 1 and ${HTTP_MAX_TIMEOUT_MS}`,
    );
  }
  return value;
}

export function createTossClient(options: TossClientOptions): TossClient {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw configError('baseUrl', 'must be an absolute URL');
  }
  if (url.protocol !== 'https:') throw configError('baseUrl', 'must be https (the API requires mTLS)');
  if (
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== '' ||
    url.password !== ''
  ) {
    throw configError('baseUrl', 'must be an origin without path, query, fragment or credentials');
  }
  if (typeof options.mtls?.cert !== 'string' || typeof options.mtls?.key !== 'string') {
    throw configError('mtls', 'must come from loadMtlsCredentials() of @mfv/mtls');
  }
  const connectTimeoutMs = timeout(
    'connectTimeoutMs',
    options.connectTimeoutMs ?? TOSS_DEFAULT_CONNECT_TIMEOUT_MS,
  );
  const timeoutMs = timeout('timeoutMs', options.timeoutMs ?? TOSS_DEFAULT_TIMEOUT_MS);
  const dispatcher = createMtlsDispatcher(options.mtls, {
    connectTimeoutMs,
    headersTimeoutMs: timeoutMs,
    bodyTimeoutMs: timeoutMs,
  });
  const transport = createDispatcherTransport(dispatcher, { connectTimeoutMs, timeoutMs });
  return Object.freeze({ baseUrl: url.origin, transport, close: () => transport.close() });
}
