import { readFileSync } from 'node:fs';

/**
 * Credentials and TLS trust read from files (Docker secrets, a compose volume), so a password
 * never sits in an environment variable or a command line that `docker inspect` or `ps` shows.
 *
 *   REDIS_PASSWORD_FILE            the password of the data nodes (standalone, Sentinel's master
 *                                  and replicas, Cluster nodes); replaces one written in REDIS_URL
 *   REDIS_SENTINEL_PASSWORD_FILE   the Sentinels' own password (redis-sentinel:// only); replaces
 *                                  `?sentinelPassword=` of the URL
 *   REDIS_TLS_CA_FILE              PEM CA bundle that verifies a rediss:// server (a private CA);
 *                                  unset: the system's trust store
 */
export interface RedisFileOptions {
  passwordFile?: string;
  sentinelPasswordFile?: string;
  tlsCaFile?: string;
}

/** The variables above, by option (messages name the variable, never the value). */
export const REDIS_FILE_VARIABLES = {
  passwordFile: 'REDIS_PASSWORD_FILE',
  sentinelPasswordFile: 'REDIS_SENTINEL_PASSWORD_FILE',
  tlsCaFile: 'REDIS_TLS_CA_FILE',
} as const satisfies Record<keyof RedisFileOptions, string>;

export const REDIS_CONFIG_ERROR_CODE = 'REDIS_CONFIG_INVALID';

/** A deployment mistake about Redis credentials or TLS files; the message names the variable. */
export class RedisConfigError extends Error {
  readonly code = REDIS_CONFIG_ERROR_CODE;
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'RedisConfigError';
  }
}

/** The options from an environment (REDIS_PASSWORD_FILE …); empty values count as unset. */
export function redisFileOptions(
  env: Readonly<{ [V in (typeof REDIS_FILE_VARIABLES)[keyof RedisFileOptions]]?: string | undefined }>,
): RedisFileOptions {
  const out: RedisFileOptions = {};
  for (const [option, variable] of Object.entries(REDIS_FILE_VARIABLES) as [
    keyof RedisFileOptions,
    string,
  ][]) {
    const value = env[variable as keyof typeof env]?.trim();
    if (value) out[option] = value;
  }
  return out;
}

/** Reads one of the files: trimmed text, never empty. Throws RedisConfigError. */
export function readRedisFile(option: keyof RedisFileOptions, path: string): string {
  const variable = REDIS_FILE_VARIABLES[option];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new RedisConfigError(variable, `cannot read ${path} (${code})`);
  }
  const value = option === 'tlsCaFile' ? text : text.replace(/\r?\n$/, '');
  if (value.trim() === '') throw new RedisConfigError(variable, `${path} is empty`);
  if (option === 'tlsCaFile' && !value.includes('BEGIN CERTIFICATE')) {
    throw new RedisConfigError(variable, `${path} holds no PEM certificate`);
  }
  return value;
}

/**
 * A hint for an authentication refusal from the server (NOAUTH, WRONGPASS): which setting to
 * check. Undefined for any other message. ioredis reports a refusal by the Sentinels themselves
 * as "All sentinels are unreachable … Last error: WRONGPASS …" — their password is another
 * setting than the master's.
 */
export function authHint(message: string): string | undefined {
  if (!/\b(NOAUTH|WRONGPASS)\b|invalid password|Authentication required/i.test(message)) return undefined;
  if (/all sentinels are unreachable/i.test(message)) {
    return 'the Sentinels refused the credentials: check REDIS_SENTINEL_PASSWORD_FILE (or sentinelPassword in REDIS_URL)';
  }
  return 'the server refused the credentials: check REDIS_PASSWORD_FILE (or the password in REDIS_URL)';
}
