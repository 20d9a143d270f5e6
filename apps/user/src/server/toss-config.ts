import { readFileSync } from 'node:fs';
import {
  ConfigError,
  providersMode,
  DEV_TOSS_UNLINK_BASIC_AUTH,
  SANDBOX_TOSS_DEV_AAD,
  SANDBOX_TOSS_DEV_DECRYPT_KEY,
  type UserEnv,
} from '@mfv/config';
import type { MtlsLoadOptions } from '@mfv/mtls';
import { parseTossKey, type TossDecryptionKey } from '@mfv/verification/toss';

/**
 * Toss login settings of the user remote, from the validated environment (packages/config
 * user.ts). Secrets given as `*_FILE` (Docker secrets) are read here, once, and checked like their
 * inline variants; errors name the variable, never a value.
 */
export type TossSettings = { enabled: false } | EnabledTossSettings;

export interface EnabledTossSettings {
  enabled: true;
  /** Partner API origin (mTLS). */
  apiBaseUrl: string;
  connectTimeoutMs: number;
  timeoutMs: number;
  /** login-me field decryption: key (32 bytes) and AAD from the console. */
  decryption: TossDecryptionKey;
  /** The unlink callback's HTTP Basic credentials (registered in the console). */
  unlink: { user: string; password: string };
  /** Where @mfv/mtls finds the client certificate, key and CA. */
  mtls: Omit<MtlsLoadOptions, 'logger' | 'now'>;
}

const BASIC_AUTH = /^([^:\s]{1,128}):([\x21-\x7e]{1,128})$/;

function problem(variable: string, message: string): ConfigError {
  return new ConfigError('user', [{ variable, message }]);
}

/** One secret value: inline, or the file's content without its trailing newline (as `echo` writes). */
function secret(inline: string | undefined, fileName: string, file: string | undefined): string | undefined {
  if (inline !== undefined) return inline;
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw problem(fileName, `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const value = text.replace(/\r?\n$/, '');
  if (value === '') throw problem(fileName, `${file} is empty`);
  return value;
}

function required(name: string, value: string | undefined): string {
  // The schema's transform supplies the sandbox values outside production, and refuses a missing
  // one in production: reaching this is a bug, said plainly.
  if (value === undefined) throw problem(name, `is required (or ${name}_FILE)`);
  return value;
}

export function tossSettingsFromEnv(env: UserEnv): TossSettings {
  // Disabled (TOSS_LOGIN_ENABLED=false): no secret is read or required.
  if (!env.TOSS_LOGIN_ENABLED) return { enabled: false };
  const key = required(
    'TOSS_DECRYPT_KEY',
    secret(env.TOSS_DECRYPT_KEY, 'TOSS_DECRYPT_KEY_FILE', env.TOSS_DECRYPT_KEY_FILE),
  );
  try {
    parseTossKey(key);
  } catch {
    throw problem(
      env.TOSS_DECRYPT_KEY_FILE !== undefined ? 'TOSS_DECRYPT_KEY_FILE' : 'TOSS_DECRYPT_KEY',
      'must hold base64 of 32 bytes or 64 hex digits',
    );
  }
  const aad = required(
    'TOSS_DECRYPT_AAD',
    secret(env.TOSS_DECRYPT_AAD, 'TOSS_DECRYPT_AAD_FILE', env.TOSS_DECRYPT_AAD_FILE),
  );
  const basic = required(
    'TOSS_UNLINK_BASIC_AUTH',
    secret(env.TOSS_UNLINK_BASIC_AUTH, 'TOSS_UNLINK_BASIC_AUTH_FILE', env.TOSS_UNLINK_BASIC_AUTH_FILE),
  );
  if (env.NODE_ENV === 'production' && providersMode(env) === 'live') {
    // The schema refuses the sandbox's published values inline; the same goes for a file holding one.
    for (const [name, value, published] of [
      ['TOSS_DECRYPT_KEY_FILE', key, SANDBOX_TOSS_DEV_DECRYPT_KEY],
      ['TOSS_DECRYPT_AAD_FILE', aad, SANDBOX_TOSS_DEV_AAD],
      ['TOSS_UNLINK_BASIC_AUTH_FILE', basic, DEV_TOSS_UNLINK_BASIC_AUTH],
    ] as const) {
      if (value.trim() === published) throw problem(name, 'must not hold the published sandbox value');
    }
  }
  const match = BASIC_AUTH.exec(basic.trim());
  if (match === null) {
    throw problem(
      env.TOSS_UNLINK_BASIC_AUTH_FILE !== undefined
        ? 'TOSS_UNLINK_BASIC_AUTH_FILE'
        : 'TOSS_UNLINK_BASIC_AUTH',
      'must hold user:password (no spaces)',
    );
  }
  return {
    enabled: true,
    apiBaseUrl: env.TOSS_API_BASE_URL,
    connectTimeoutMs: env.TOSS_CONNECT_TIMEOUT_MS,
    timeoutMs: env.TOSS_TIMEOUT_MS,
    decryption: { key, aad },
    unlink: { user: match[1]!, password: match[2]! },
    mtls: {
      certFile: env.MTLS_CERT_FILE,
      cert: env.MTLS_CERT,
      keyFile: env.MTLS_KEY_FILE,
      key: env.MTLS_KEY,
      caFile: env.MTLS_CA_FILE,
      ca: env.MTLS_CA,
      secretsDir: env.MTLS_SECRETS_DIR,
      secretNames: { cert: env.MTLS_CERT_SECRET, key: env.MTLS_KEY_SECRET, ca: env.MTLS_CA_SECRET },
      expiryWarningDays: env.MTLS_EXPIRY_WARNING_DAYS,
    },
  };
}
