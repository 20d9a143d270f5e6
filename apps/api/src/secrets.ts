import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, DEV_API_INTERNAL_TOKEN, DEV_IDENTITY_CI_KEY, providersMode } from '@mfv/config';
import type { ApiEnv } from './env.js';
import { generateSigningKeyPem } from './tokens/keys.js';

/** apps/api/.data — git-ignored; one level above both src/ and dist/. */
export const DEFAULT_DEV_DATA_DIR = fileURLToPath(new URL('../.data/', import.meta.url));

export const DEV_SIGNING_KEY_FILE = 'jwt-signing-key.pem';
export const DEV_SEAL_SECRET_FILE = 'refresh-seal-secret';

export interface PemSource {
  pem: string;
  /** The variable (or generated file) it came from, for error messages. */
  source: string;
}

export interface ResolvedSecrets {
  signingKey: PemSource;
  previousKey?: PemSource;
  sealSecret: string;
  internalToken: string;
  /** IDENTITY_CI_KEY: keys the HMAC of a person's CI (src/identity/ci-hash.ts). */
  ciKey: string;
  /** IDENTITY_CI_PREVIOUS_KEY: the key rotated out, still matched. */
  previousCiKey?: string;
  /** Human-readable notes about secrets generated or reused for development. */
  notes: string[];
}

const fail = (variable: string, message: string) => new ConfigError('api', [{ variable, message }]);

/** Inline PEMs often arrive with literal "\n" (docker env files, CI variables). */
const normalisePem = (value: string) => value.replace(/\\n/g, '\n').trim() + '\n';

async function readSecretFile(variable: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw fail(variable, `cannot read ${path} (${reason})`);
  }
}

async function fromEnv(
  env: ApiEnv,
  inline: keyof ApiEnv,
  file: keyof ApiEnv,
): Promise<PemSource | undefined> {
  const value = env[inline];
  if (typeof value === 'string') return { pem: normalisePem(value), source: inline };
  const path = env[file];
  if (typeof path === 'string') return { pem: await readSecretFile(file, path), source: file };
  return undefined;
}

/**
 * Reads a development secret kept in `dir/name`, or creates it with `make()`. Created with mode 0600
 * and O_EXCL, so two processes booting at once agree on one value.
 */
async function devSecret(
  dir: string,
  name: string,
  make: () => string,
): Promise<{ value: string; created: boolean }> {
  const path = join(dir, name);
  try {
    return { value: await readFile(path, 'utf8'), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const value = make();
  try {
    await writeFile(path, value, { mode: 0o600, flag: 'wx' });
    return { value, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { value: await readFile(path, 'utf8'), created: false };
  }
}

/**
 * Secrets from the environment (inline value or file). Outside production, a missing signing key
 * or seal secret is generated once and kept under `devDataDir`, so restarts keep sessions valid;
 * in production the schema has already refused to load without them.
 */
export async function resolveSecrets(
  env: ApiEnv,
  devDataDir: string = DEFAULT_DEV_DATA_DIR,
): Promise<ResolvedSecrets> {
  const notes: string[] = [];
  const production = env.NODE_ENV === 'production';

  let signingKey = await fromEnv(env, 'API_JWT_PRIVATE_KEY', 'API_JWT_PRIVATE_KEY_FILE');
  if (!signingKey) {
    if (production)
      throw fail('API_JWT_PRIVATE_KEY_FILE', 'required in production (or set API_JWT_PRIVATE_KEY)');
    const dev = await devSecret(devDataDir, DEV_SIGNING_KEY_FILE, generateSigningKeyPem);
    const path = join(devDataDir, DEV_SIGNING_KEY_FILE);
    signingKey = { pem: dev.value, source: path };
    notes.push(`${dev.created ? 'generated' : 'using'} development signing key ${path}`);
  }

  const previousKey = await fromEnv(env, 'API_JWT_PREVIOUS_PUBLIC_KEY', 'API_JWT_PREVIOUS_PUBLIC_KEY_FILE');

  let sealSecret: string;
  if (env.API_REFRESH_SEAL_SECRET !== undefined) sealSecret = env.API_REFRESH_SEAL_SECRET;
  else if (env.API_REFRESH_SEAL_SECRET_FILE !== undefined) {
    sealSecret = (
      await readSecretFile('API_REFRESH_SEAL_SECRET_FILE', env.API_REFRESH_SEAL_SECRET_FILE)
    ).trim();
    if (sealSecret.length < 32)
      throw fail('API_REFRESH_SEAL_SECRET_FILE', 'the file must hold at least 32 characters');
  } else {
    if (production)
      throw fail('API_REFRESH_SEAL_SECRET_FILE', 'required in production (or set API_REFRESH_SEAL_SECRET)');
    const dev = await devSecret(devDataDir, DEV_SEAL_SECRET_FILE, () =>
      randomBytes(32).toString('base64url'),
    );
    sealSecret = dev.value.trim();
    notes.push(
      `${dev.created ? 'generated' : 'using'} development seal secret ${join(devDataDir, DEV_SEAL_SECRET_FILE)}`,
    );
  }

  let internalToken = env.API_INTERNAL_TOKEN;
  if (internalToken === undefined && env.API_INTERNAL_TOKEN_FILE !== undefined) {
    internalToken = (await readSecretFile('API_INTERNAL_TOKEN_FILE', env.API_INTERNAL_TOKEN_FILE)).trim();
    if (internalToken.length < 32)
      throw fail('API_INTERNAL_TOKEN_FILE', 'the file must hold at least 32 characters');
    if (production && internalToken === DEV_API_INTERNAL_TOKEN) {
      throw fail('API_INTERNAL_TOKEN_FILE', 'must not be the published development token in production');
    }
  }
  if (internalToken === undefined) {
    if (production)
      throw fail('API_INTERNAL_TOKEN', 'required in production (or set API_INTERNAL_TOKEN_FILE)');
    internalToken = DEV_API_INTERNAL_TOKEN;
    notes.push('using the development service credential (API_INTERNAL_TOKEN unset)');
  }

  const live = providersMode(env) === 'live';
  const ciSecret = async (
    inline: 'IDENTITY_CI_KEY' | 'IDENTITY_CI_PREVIOUS_KEY',
    file: 'IDENTITY_CI_KEY_FILE' | 'IDENTITY_CI_PREVIOUS_KEY_FILE',
  ): Promise<string | undefined> => {
    if (env[inline] !== undefined) return env[inline].trim();
    const path = env[file];
    if (path === undefined) return undefined;
    const value = (await readSecretFile(file, path)).trim();
    if (value.length < 32) throw fail(file, 'the file must hold at least 32 characters');
    if (live && value === DEV_IDENTITY_CI_KEY) {
      throw fail(file, 'must not be the published development key while MFV_PROVIDERS is live');
    }
    return value;
  };
  let ciKey = await ciSecret('IDENTITY_CI_KEY', 'IDENTITY_CI_KEY_FILE');
  if (ciKey === undefined) {
    if (production) throw fail('IDENTITY_CI_KEY_FILE', 'required in production (or set IDENTITY_CI_KEY)');
    ciKey = DEV_IDENTITY_CI_KEY;
    notes.push('using the published development CI-hash key (IDENTITY_CI_KEY unset)');
  }
  const previousCiKey = await ciSecret('IDENTITY_CI_PREVIOUS_KEY', 'IDENTITY_CI_PREVIOUS_KEY_FILE');

  return {
    signingKey,
    ...(previousKey ? { previousKey } : {}),
    sealSecret,
    internalToken,
    ciKey,
    ...(previousCiKey !== undefined ? { previousCiKey } : {}),
    notes,
  };
}
