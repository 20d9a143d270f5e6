/**
 * `@mfv/verification/env`: turns the validated environment (`verificationEnvSchema` of
 * @mfv/config) into the options of each client, reading `*_FILE` secrets (e.g. Docker secrets).
 * The only place this package reads `process.env` (one env.ts per package).
 *
 *   const options = await verificationOptionsFromEnv(loadVerificationEnv());
 *   const kcb = createKcbClient(options.kcb);
 *   const ssafy = createSsafyClient(options.ssafy);
 *   const toss = createTossClient({ ...options.toss, mtls: await loadMtlsCredentials({ ...options.mtls, logger }) });
 */
import { readFile } from 'node:fs/promises';
import { ConfigError, loadConfig, verificationEnvSchema, type VerificationEnv } from '@mfv/config';
import { type MtlsLoadOptions } from '@mfv/mtls';
import { type KcbClientOptions } from './kcb/client.js';
import { type SsafyClientOptions } from './ssafy/client.js';
import { type TossDecryptionKey } from './toss/crypto.js';

export function loadVerificationEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): VerificationEnv {
  return loadConfig('verification', verificationEnvSchema, env);
}

export interface VerificationOptions {
  kcb: KcbClientOptions & { returnUrl: string };
  ssafy: SsafyClientOptions;
  toss: {
    baseUrl: string;
    connectTimeoutMs: number;
    timeoutMs: number;
    decryption: TossDecryptionKey | undefined;
  };
  mtls: MtlsLoadOptions;
}

/** Secret files hold one value; a trailing newline (as `echo` writes) is not part of it. */
async function secret(
  variable: string,
  inline: string | undefined,
  file: string | undefined,
): Promise<string | undefined> {
  if (inline !== undefined) return inline;
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError('verification', [
      { variable, message: `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})` },
    ]);
  }
  const value = text.replace(/\r?\n$/, '');
  if (value === '') throw new ConfigError('verification', [{ variable, message: `${file} is empty` }]);
  return value;
}

export async function verificationOptionsFromEnv(env: VerificationEnv): Promise<VerificationOptions> {
  const kcbSecret = await secret('KCB_CLIENT_SECRET_FILE', env.KCB_CLIENT_SECRET, env.KCB_CLIENT_SECRET_FILE);
  if (kcbSecret === undefined) {
    throw new ConfigError('verification', [
      { variable: 'KCB_CLIENT_SECRET', message: 'is required (or KCB_CLIENT_SECRET_FILE)' },
    ]);
  }
  const ssafySecret = await secret(
    'SSAFY_CLIENT_SECRET_FILE',
    env.SSAFY_CLIENT_SECRET,
    env.SSAFY_CLIENT_SECRET_FILE,
  );
  const tossKey = await secret('TOSS_DECRYPT_KEY_FILE', env.TOSS_DECRYPT_KEY, env.TOSS_DECRYPT_KEY_FILE);
  const tossAad = await secret('TOSS_DECRYPT_AAD_FILE', env.TOSS_DECRYPT_AAD, env.TOSS_DECRYPT_AAD_FILE);
  return {
    kcb: {
      apiBaseUrl: env.KCB_API_BASE_URL,
      popupUrl: env.KCB_POPUP_URL,
      memberCode: env.KCB_MEMBER_CODE,
      clientId: env.KCB_CLIENT_ID,
      clientSecret: kcbSecret,
      siteName: env.KCB_SITE_NAME,
      siteUrl: env.KCB_SITE_URL,
      tc: env.KCB_TC,
      requestCause: env.KCB_RQST_CAUSE_CD,
      tokenScope: env.KCB_TOKEN_SCOPE,
      tokenAuthMethod: env.KCB_TOKEN_AUTH_METHOD,
      connectTimeoutMs: env.KCB_CONNECT_TIMEOUT_MS,
      timeoutMs: env.KCB_TIMEOUT_MS,
      allowInsecureHttp: env.KCB_ALLOW_INSECURE_HTTP,
      returnUrl: env.KCB_RETURN_URL,
    },
    ssafy: {
      issuer: env.SSAFY_ISSUER,
      clientId: env.SSAFY_CLIENT_ID,
      clientSecret: ssafySecret,
      redirectUri: env.SSAFY_REDIRECT_URI,
      scopes: env.SSAFY_SCOPES,
      algorithm: env.SSAFY_JWT_ALG,
      jwksUri: env.SSAFY_JWKS_URI,
      connectTimeoutMs: env.SSAFY_CONNECT_TIMEOUT_MS,
      timeoutMs: env.SSAFY_TIMEOUT_MS,
      maxAuthAgeSeconds: env.SSAFY_MAX_AUTH_AGE_SECONDS,
      allowInsecureHttp: env.SSAFY_ALLOW_INSECURE_HTTP,
    },
    toss: {
      baseUrl: env.TOSS_API_BASE_URL,
      connectTimeoutMs: env.TOSS_CONNECT_TIMEOUT_MS,
      timeoutMs: env.TOSS_TIMEOUT_MS,
      decryption: tossKey !== undefined && tossAad !== undefined ? { key: tossKey, aad: tossAad } : undefined,
    },
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
