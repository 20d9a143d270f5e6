import { readFileSync } from 'node:fs';
import {
  authEnvSchema,
  ConfigError,
  DEV_API_INTERNAL_TOKEN,
  DEV_AUTH_COOKIE_SECRET,
  loadConfig,
} from '@mfv/config';
import { redisFileOptions, type RedisFileOptions } from '@mfv/redis';
import { cookiePolicyFor, type CookiePolicy } from './cookies.js';
import { deriveCookieKeys, type CookieKeys } from './crypto.js';

/** Everything @mfv/auth needs, resolved once per process (or given directly by tests). */
export interface AuthConfig {
  apiUrl: string;
  publicOrigin: string;
  mode: 'local' | 'remote';
  issuer: string;
  audience: string;
  cookie: CookiePolicy;
  keys: CookieKeys;
  internalToken: string;
  redisUrl: string;
  /** REDIS_PASSWORD_FILE, REDIS_SENTINEL_PASSWORD_FILE, REDIS_TLS_CA_FILE (read by createRedis). */
  redisFiles?: RedisFileOptions;
  refreshTimeoutMs: number;
  lockTtlMs: number;
  backendTimeoutMs: number;
  loginPath: string;
}

function readSecretFile(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new ConfigError('auth', [
      { variable, message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})` },
    ]);
  }
}

export function authConfigFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): AuthConfig {
  const parsed = loadConfig('auth', authEnvSchema, env);
  const cookieSecret =
    parsed.AUTH_COOKIE_SECRET ??
    (parsed.AUTH_COOKIE_SECRET_FILE
      ? readSecretFile('AUTH_COOKIE_SECRET_FILE', parsed.AUTH_COOKIE_SECRET_FILE)
      : DEV_AUTH_COOKIE_SECRET);
  const internalToken =
    parsed.API_INTERNAL_TOKEN ??
    (parsed.API_INTERNAL_TOKEN_FILE
      ? readSecretFile('API_INTERNAL_TOKEN_FILE', parsed.API_INTERNAL_TOKEN_FILE)
      : DEV_API_INTERNAL_TOKEN);
  if (cookieSecret.length < 32) {
    throw new ConfigError('auth', [
      { variable: 'AUTH_COOKIE_SECRET_FILE', message: 'the file must hold at least 32 characters' },
    ]);
  }
  return {
    apiUrl: parsed.AUTH_API_URL.replace(/\/$/, ''),
    publicOrigin: parsed.AUTH_PUBLIC_ORIGIN,
    mode: parsed.AUTH_MODE,
    issuer: parsed.AUTH_ISSUER,
    audience: parsed.AUTH_AUDIENCE,
    cookie: cookiePolicyFor(parsed.AUTH_PUBLIC_ORIGIN),
    keys: deriveCookieKeys(cookieSecret),
    internalToken,
    redisUrl: parsed.REDIS_URL,
    redisFiles: redisFileOptions(parsed),
    refreshTimeoutMs: parsed.AUTH_REFRESH_TIMEOUT_MS,
    lockTtlMs: parsed.AUTH_LOCK_TTL_MS,
    backendTimeoutMs: parsed.AUTH_BACKEND_TIMEOUT_MS,
    loginPath: parsed.AUTH_LOGIN_PATH,
  };
}
