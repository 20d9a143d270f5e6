/**
 * The two ways outbound HTTP presents the client certificate:
 * - {@link createMtlsDispatcher}: an undici `Agent`, the `dispatcher` of `fetch` / `undici.request`.
 *   The `undici` dependency is pinned to the 6.x line, the one Node 20's global fetch is built on
 *   (`process.versions.undici`), so the same Agent works with either.
 * - {@link createMtlsHttpsAgent}: a `node:https` Agent for axios and `https.request` users.
 * Both refuse anything older than TLS 1.2 and verify the server's certificate (against the CA
 * bundle when one was loaded, else the system store). There is no option to turn that off.
 */
import https from 'node:https';
import { Agent } from 'undici';
import { type MtlsCredentials } from './load.js';
import './marker.js';

export const MTLS_TLS_MIN_VERSION = 'TLSv1.2';
export const MTLS_DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const MTLS_DEFAULT_HEADERS_TIMEOUT_MS = 15_000;
export const MTLS_DEFAULT_BODY_TIMEOUT_MS = 15_000;
export const MTLS_DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 10_000;

export interface MtlsDispatcherOptions {
  /** TCP + TLS handshake bound. */
  connectTimeoutMs?: number;
  /** Time to the response headers. */
  headersTimeoutMs?: number;
  /** Longest pause between two body chunks. */
  bodyTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
}

function tlsOptions(credentials: MtlsCredentials) {
  const options: { cert: string; key: string; ca?: string; minVersion: 'TLSv1.2' } = {
    cert: credentials.cert,
    key: credentials.key,
    minVersion: MTLS_TLS_MIN_VERSION,
  };
  if (credentials.ca !== undefined) options.ca = credentials.ca;
  return options;
}

export function createMtlsDispatcher(
  credentials: MtlsCredentials,
  options: MtlsDispatcherOptions = {},
): Agent {
  return new Agent({
    connect: {
      ...tlsOptions(credentials),
      rejectUnauthorized: true,
      timeout: options.connectTimeoutMs ?? MTLS_DEFAULT_CONNECT_TIMEOUT_MS,
    },
    headersTimeout: options.headersTimeoutMs ?? MTLS_DEFAULT_HEADERS_TIMEOUT_MS,
    bodyTimeout: options.bodyTimeoutMs ?? MTLS_DEFAULT_BODY_TIMEOUT_MS,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? MTLS_DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  });
}

export function createMtlsHttpsAgent(
  credentials: MtlsCredentials,
  options: { keepAlive?: boolean; timeoutMs?: number } = {},
): https.Agent {
  const agentOptions: https.AgentOptions = {
    ...tlsOptions(credentials),
    rejectUnauthorized: true,
    keepAlive: options.keepAlive ?? true,
  };
  if (options.timeoutMs !== undefined) agentOptions.timeout = options.timeoutMs;
  return new https.Agent(agentOptions);
}
