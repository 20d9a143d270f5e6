/**
 * Client configuration, built once by {@link createMokClient} and passed to every step function
 * (no hidden globals: keys, base URLs and timeouts are passed in).
 */
import type http from 'node:http';
import type https from 'node:https';
import { type MokTokenRequestVersion, MOK_DEFAULT_TOKEN_REQUEST_VERSION } from './crypto.js';
import { MokConfigError } from './errors.js';
import { createMokHttpAgent, createMokHttpsAgent, type MokTransport } from './http.js';
import { type MokKeyInfo } from './keyfile.js';

/**
 * Where the API lives. `development` and `production` are mobile-ok's hosts (본인확인-API 가이드 §2.2, §4:
 * 개발 scert-dir, 운영 cert-dir); `sandbox` is this project's emulator, which mounts the same
 * paths under `/mok`.
 */
export const MOK_BASE_URLS = {
  sandbox: 'http://127.0.0.1:4100/mok',
  development: 'https://scert-dir.mobile-ok.com',
  production: 'https://cert-dir.mobile-ok.com',
} as const;
export type MokEnvironment = keyof typeof MOK_BASE_URLS;
export const MOK_DEFAULT_ENVIRONMENT: MokEnvironment = 'sandbox';

/** Paths under the base URL (본인확인-API 가이드 §4–§7; the v2 token path from a 2026 public integration). */
export const MOK_PATHS = {
  tokenV1: '/agent/v1/token/get',
  tokenV2: '/agent/v2/token/get',
  auth: '/agent/v1/auth/request',
  resend: '/agent/v1/auth/resend',
  call: '/agent/v1/auth/call',
  confirm: '/agent/v1/confirm/request',
} as const;

export const MOK_DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const MOK_DEFAULT_TIMEOUT_MS = 15_000;
/** Upper bound for either timeout: a call to mobile-ok is never left waiting longer. */
export const MOK_MAX_TIMEOUT_MS = 60_000;

export interface MokClientOptions {
  /** Default `sandbox`. */
  environment?: MokEnvironment;
  /**
   * Only with `environment: 'sandbox'`: where the sandbox listens when it is not on this host
   * (e.g. `http://sandbox:4100/mok` in docker-compose). The real hosts cannot be overridden,
   * so plain HTTP can only ever reach the sandbox.
   */
  sandboxBaseUrl?: string;
  /** The registered site domain sent as `siteUrl` (본인확인-API 가이드 §4, §5.2), e.g. `www.example.com`. */
  siteUrl: string;
  /** From {@link loadMokKeyFile}. */
  keyInfo: MokKeyInfo;
  tokenRequestVersion?: MokTokenRequestVersion;
  connectTimeoutMs?: number;
  /** Total time for one call, from sending to the last byte of the answer. */
  timeoutMs?: number;
}

export interface MokClient {
  readonly environment: MokEnvironment;
  /** No trailing slash. */
  readonly baseUrl: string;
  readonly siteUrl: string;
  readonly keyInfo: MokKeyInfo;
  readonly tokenRequestVersion: MokTokenRequestVersion;
  readonly transport: MokTransport;
  /** Closes kept-alive connections. */
  close(): void;
}

function configError(field: string, message: string): MokConfigError {
  return new MokConfigError(`mobile-ok client option ${field} ${message}`, { field });
}

function checkTimeout(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MOK_MAX_TIMEOUT_MS) {
    throw configError(field, `must be an integer number of milliseconds between 1 and ${MOK_MAX_TIMEOUT_MS}`);
  }
  return value;
}

function resolveBaseUrl(environment: MokEnvironment, sandboxBaseUrl: string | undefined): string {
  if (!Object.hasOwn(MOK_BASE_URLS, environment)) {
    throw configError('environment', `must be one of ${Object.keys(MOK_BASE_URLS).join(', ')}`);
  }
  if (environment !== 'sandbox') {
    if (sandboxBaseUrl !== undefined)
      throw configError('sandboxBaseUrl', 'is only allowed with environment "sandbox"');
    return MOK_BASE_URLS[environment];
  }
  const raw = sandboxBaseUrl ?? MOK_BASE_URLS.sandbox;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw configError('sandboxBaseUrl', 'must be an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw configError('sandboxBaseUrl', 'must be an http or https URL');
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw configError('sandboxBaseUrl', 'must not carry credentials, a query or a fragment');
  }
  return url.href.replace(/\/+$/, '');
}

export function createMokClient(options: MokClientOptions): MokClient {
  const environment = options.environment ?? MOK_DEFAULT_ENVIRONMENT;
  const baseUrl = resolveBaseUrl(environment, options.sandboxBaseUrl);
  const siteUrl = options.siteUrl;
  if (typeof siteUrl !== 'string' || !/^[A-Za-z0-9.:/_-]{1,255}$/.test(siteUrl)) {
    throw configError('siteUrl', 'must be the registered site domain (letters, digits, . : / _ -)');
  }
  const tokenRequestVersion = options.tokenRequestVersion ?? MOK_DEFAULT_TOKEN_REQUEST_VERSION;
  if (tokenRequestVersion !== 'v1' && tokenRequestVersion !== 'v2') {
    throw configError('tokenRequestVersion', 'must be "v1" or "v2"');
  }
  const connectTimeoutMs = checkTimeout(
    'connectTimeoutMs',
    options.connectTimeoutMs ?? MOK_DEFAULT_CONNECT_TIMEOUT_MS,
  );
  const timeoutMs = checkTimeout('timeoutMs', options.timeoutMs ?? MOK_DEFAULT_TIMEOUT_MS);
  if (typeof options.keyInfo?.serviceId !== 'string') {
    throw configError('keyInfo', 'must come from loadMokKeyFile()');
  }
  const httpsAgent: https.Agent = createMokHttpsAgent();
  const httpAgent: http.Agent = createMokHttpAgent();
  return Object.freeze({
    environment,
    baseUrl,
    siteUrl,
    keyInfo: options.keyInfo,
    tokenRequestVersion,
    transport: Object.freeze({ connectTimeoutMs, timeoutMs, httpsAgent, httpAgent }),
    close() {
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  });
}

/** The absolute URL of an API path for this client. */
export function mokUrl(client: MokClient, path: (typeof MOK_PATHS)[keyof typeof MOK_PATHS]): URL {
  return new URL(client.baseUrl + path);
}
