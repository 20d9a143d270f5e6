import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ConfigError,
  loadConfig,
  MOK_DEV_KEY_PASSWORD,
  MOK_SANDBOX_DEFAULT_BASE_URL,
  verifyEnvSchema,
  type VerificationEnv,
  type VerifyEnv,
} from '@mfv/config';
import {
  loadVerificationEnv,
  verificationOptionsFromEnv,
  type VerificationOptions,
} from '@mfv/verification/env';

let cached: VerifyEnv | undefined;

/** Read on first use (never at import: `next build` imports every route). */
export function verifyEnv(env: Readonly<Record<string, string | undefined>> = process.env): VerifyEnv {
  if (env !== process.env) return loadConfig('verify', verifyEnvSchema, env);
  return (cached ??= loadConfig('verify', verifyEnvSchema, env));
}

/** The workspace root (the folder holding pnpm-workspace.yaml) above `from`. */
export function findRepoRoot(from: string = process.cwd()): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Everything the mobile-ok client needs, with the secrets read (key file password from a file too). */
export interface MokSettings {
  environment: VerifyEnv['MOK_ENVIRONMENT'];
  /** Only with the sandbox environment. */
  sandboxBaseUrl?: string;
  keyFile: string;
  keyPassword: string;
  siteUrl: string;
  arsCode: string;
  clientTxPrefix: string;
  tokenRequestVersion: VerifyEnv['MOK_TOKEN_REQUEST_VERSION'];
  connectTimeoutMs: number;
  timeoutMs: number;
  /** confirm/request calls per transaction (MOK_CONFIRM_MAX_ATTEMPTS; the guide's §8 4301 limit is 3). */
  confirmMaxAttempts: number;
}

/**
 * Resolves the sandbox defaults: the key file the sandbox generates on its first start,
 * `<repo>/.sandbox-dev/mok/mok_keyInfo.dat` (the same place the sandbox's SANDBOX_MOK_KEY_DIR
 * defaults to), and its development password. Other environments have neither default (the
 * schema requires them).
 */
export async function mokSettings(env: VerifyEnv = verifyEnv()): Promise<MokSettings> {
  let keyPassword = env.MOK_KEY_PASSWORD;
  if (keyPassword === undefined && env.MOK_KEY_PASSWORD_FILE !== undefined) {
    let text: string;
    try {
      text = await readFile(env.MOK_KEY_PASSWORD_FILE, 'utf8');
    } catch (error) {
      throw new ConfigError('verify', [
        {
          variable: 'MOK_KEY_PASSWORD_FILE',
          message: `cannot read ${env.MOK_KEY_PASSWORD_FILE} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        },
      ]);
    }
    keyPassword = text.replace(/\r?\n$/, '');
    if (keyPassword === '') {
      throw new ConfigError('verify', [{ variable: 'MOK_KEY_PASSWORD_FILE', message: 'the file is empty' }]);
    }
  }
  let keyFile = env.MOK_KEY_FILE;
  if (keyFile === undefined) {
    const root = findRepoRoot();
    if (root === undefined) {
      throw new ConfigError('verify', [
        {
          variable: 'MOK_KEY_FILE',
          message: 'not set, and no workspace root to find the sandbox key file in',
        },
      ]);
    }
    keyFile = path.join(root, '.sandbox-dev', 'mok', 'mok_keyInfo.dat');
  }
  const settings: MokSettings = {
    environment: env.MOK_ENVIRONMENT,
    keyFile,
    keyPassword: keyPassword ?? MOK_DEV_KEY_PASSWORD,
    siteUrl: env.MOK_SITE_URL,
    arsCode: env.MOK_ARS_CODE,
    clientTxPrefix: env.MOK_CLIENT_TX_PREFIX,
    tokenRequestVersion: env.MOK_TOKEN_REQUEST_VERSION,
    connectTimeoutMs: env.MOK_CONNECT_TIMEOUT_MS,
    timeoutMs: env.MOK_TIMEOUT_MS,
    confirmMaxAttempts: env.MOK_CONFIRM_MAX_ATTEMPTS,
  };
  if (env.MOK_ENVIRONMENT === 'sandbox') {
    settings.sandboxBaseUrl = env.MOK_SANDBOX_BASE_URL ?? MOK_SANDBOX_DEFAULT_BASE_URL;
  }
  return settings;
}

let cachedVerification: VerificationEnv | undefined;

/** KCB, SSAFY (and Toss) client settings of `@mfv/verification`, read on first use. */
export function verificationEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): VerificationEnv {
  if (env !== process.env) return loadVerificationEnv(env);
  return (cachedVerification ??= loadVerificationEnv(env));
}

/** The client options, with `*_FILE` secrets read (the KCB and SSAFY client secrets stay here). */
export function verificationOptions(env: VerificationEnv = verificationEnv()): Promise<VerificationOptions> {
  return verificationOptionsFromEnv(env);
}
