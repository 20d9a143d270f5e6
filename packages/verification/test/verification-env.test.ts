/**
 * verificationEnvSchema (packages/config/src/verification.ts) and verificationOptionsFromEnv:
 * sandbox defaults, every validation rule with a negative case, `_FILE` secrets, and options
 * that the client factories accept.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEV_KCB_CLIENT_SECRET, LIVE_PROVIDER_EXAMPLES } from '@mfv/config';
import { afterAll, describe, expect, it } from 'vitest';
import { loadVerificationEnv, verificationOptionsFromEnv } from '../src/env.js';
import { createKcbClient } from '../src/kcb/index.js';
import { createSsafyClient } from '../src/ssafy/index.js';
import { parseTossKey } from '../src/toss/index.js';

const dir = mkdtempSync(join(tmpdir(), 'mfv-verification-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problems(env: Record<string, string>): string[] {
  try {
    loadVerificationEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => p.variable);
  }
  return [];
}

/** Live providers: every KCB / SSAFY setting real-looking (the guard refuses the sandbox's). */
const PRODUCTION = {
  NODE_ENV: 'production',
  ...Object.fromEntries(
    Object.entries(LIVE_PROVIDER_EXAMPLES).filter(
      ([name]) => /^(KCB|SSAFY)_/.test(name) && name !== 'SSAFY_SDK_URL',
    ),
  ),
  KCB_CLIENT_SECRET: 'real-secret',
  TOSS_API_BASE_URL: 'https://apps-in-toss-api.toss.im',
  TOSS_DECRYPT_KEY: Buffer.alloc(32, 1).toString('base64'),
  TOSS_DECRYPT_AAD: 'aad',
};

describe('defaults', () => {
  it('point every provider at the sandbox', async () => {
    const env = loadVerificationEnv({});
    expect(env).toMatchObject({
      KCB_API_BASE_URL: 'http://127.0.0.1:4100/kcb/api',
      KCB_POPUP_URL: 'http://127.0.0.1:4100/kcb/safe/CommonSvl',
      KCB_CLIENT_SECRET: DEV_KCB_CLIENT_SECRET,
      SSAFY_ISSUER: 'http://127.0.0.1:4100/ssafy',
      SSAFY_SCOPES: ['ssafy.verify', 'ssafy.affiliation'],
      SSAFY_JWT_ALG: 'ES256',
      TOSS_API_BASE_URL: 'https://127.0.0.1:4443',
      MTLS_SECRETS_DIR: '/run/secrets',
      MTLS_EXPIRY_WARNING_DAYS: 30,
    });
    expect(parseTossKey(env.TOSS_DECRYPT_KEY as string)).toHaveLength(32);
    const options = await verificationOptionsFromEnv(env);
    const kcb = createKcbClient(options.kcb);
    const ssafy = createSsafyClient(options.ssafy);
    expect(kcb.memberCode).toBe(env.KCB_MEMBER_CODE);
    expect(ssafy.algorithm).toBe('ES256');
    await kcb.close();
    await ssafy.close();
  });

  it('a production environment with its required values passes', () => {
    expect(problems(PRODUCTION)).toEqual([]);
  });
});

describe('rules', () => {
  it.each([
    ['KCB_MEMBER_CODE', { KCB_MEMBER_CODE: 'P2105' }],
    ['KCB_TIMEOUT_MS', { KCB_TIMEOUT_MS: '120000' }],
    ['KCB_TOKEN_AUTH_METHOD', { KCB_TOKEN_AUTH_METHOD: 'private_key_jwt' }],
    ['KCB_API_BASE_URL', { KCB_API_BASE_URL: 'ftp://x' }],
    ['KCB_RETURN_URL', { KCB_RETURN_URL: 'http://x/cb#frag' }],
    ['SSAFY_SCOPES', { SSAFY_SCOPES: 'ssafy.verify openid' }],
    ['SSAFY_ISSUER', { SSAFY_ISSUER: 'https://verify.myknow.xyz/' }],
    ['SSAFY_JWT_ALG', { SSAFY_JWT_ALG: 'HS256' }],
    ['SSAFY_JWT_ALG', { SSAFY_JWT_ALG: 'none' }],
    ['SSAFY_MAX_AUTH_AGE_SECONDS', { SSAFY_MAX_AUTH_AGE_SECONDS: '5' }],
    ['TOSS_API_BASE_URL', { TOSS_API_BASE_URL: 'http://127.0.0.1:4443' }],
    ['TOSS_API_BASE_URL', { TOSS_API_BASE_URL: 'https://127.0.0.1:4443/api' }],
    ['TOSS_DECRYPT_KEY', { TOSS_DECRYPT_KEY: 'c2hvcnQ=' }],
    ['MTLS_KEY', { MTLS_KEY: 'not a key' }],
    ['MTLS_CERT', { MTLS_CERT: 'not a cert' }],
    ['MTLS_KEY_FILE', { MTLS_KEY: '-----BEGIN PRIVATE KEY-----', MTLS_KEY_FILE: '/k' }],
    ['KCB_CLIENT_SECRET_FILE', { KCB_CLIENT_SECRET: 'a', KCB_CLIENT_SECRET_FILE: '/a' }],
    ['MTLS_EXPIRY_WARNING_DAYS', { MTLS_EXPIRY_WARNING_DAYS: '0' }],
  ])('%s is refused for %j', (variable, env) => {
    expect(problems(env)).toContain(variable);
  });

  it('SSAFY_SCOPES always gains ssafy.verify and keeps mattermost_id only when listed', () => {
    expect(loadVerificationEnv({ SSAFY_SCOPES: 'ssafy.name' }).SSAFY_SCOPES).toEqual([
      'ssafy.verify',
      'ssafy.name',
    ]);
    expect(loadVerificationEnv({ SSAFY_SCOPES: 'ssafy.verify,ssafy.mattermost_id' }).SSAFY_SCOPES).toEqual([
      'ssafy.verify',
      'ssafy.mattermost_id',
    ]);
  });

  it('production: secrets required, https required, no insecure-http flags, no dev secret', () => {
    const without = (name: string) =>
      Object.fromEntries(Object.entries(PRODUCTION).filter(([k]) => k !== name));
    expect(problems(without('KCB_CLIENT_SECRET'))).toContain('KCB_CLIENT_SECRET');
    // Toss decryption is the user app's (its own schema requires it); the verify remote runs without.
    expect(problems(without('TOSS_DECRYPT_KEY'))).toEqual([]);
    expect(problems(without('TOSS_DECRYPT_AAD'))).toEqual([]);
    expect(problems({ ...PRODUCTION, KCB_API_BASE_URL: 'http://kcb.example' })).toContain('KCB_API_BASE_URL');
    expect(problems({ ...PRODUCTION, SSAFY_ISSUER: 'http://verify.example' })).toContain('SSAFY_ISSUER');
    expect(problems({ ...PRODUCTION, SSAFY_ALLOW_INSECURE_HTTP: 'true' })).toContain(
      'SSAFY_ALLOW_INSECURE_HTTP',
    );
    expect(problems({ ...PRODUCTION, KCB_CLIENT_SECRET: DEV_KCB_CLIENT_SECRET })).toContain(
      'KCB_CLIENT_SECRET',
    );
    expect(loadVerificationEnv(without('SSAFY_CLIENT_SECRET')).SSAFY_CLIENT_SECRET).toBeUndefined();
  });
});

describe('_FILE secrets', () => {
  it('reads them, without the trailing newline', async () => {
    const kcbFile = join(dir, 'kcb_secret');
    const aadFile = join(dir, 'toss_aad');
    writeFileSync(kcbFile, 'from-a-file\n');
    writeFileSync(aadFile, 'aad-from-file\n');
    const options = await verificationOptionsFromEnv(
      loadVerificationEnv({ KCB_CLIENT_SECRET_FILE: kcbFile, TOSS_DECRYPT_AAD_FILE: aadFile }),
    );
    expect(options.kcb.clientSecret).toBe('from-a-file');
    expect(options.toss.decryption?.aad).toBe('aad-from-file');
  });

  it('an unreadable or empty file is a ConfigError naming the variable', async () => {
    const env = loadVerificationEnv({ KCB_CLIENT_SECRET_FILE: join(dir, 'missing') });
    await expect(verificationOptionsFromEnv(env)).rejects.toMatchObject({
      problems: [{ variable: 'KCB_CLIENT_SECRET_FILE' }],
    });
    const empty = join(dir, 'empty');
    writeFileSync(empty, '\n');
    await expect(
      verificationOptionsFromEnv(loadVerificationEnv({ SSAFY_CLIENT_SECRET_FILE: empty })),
    ).rejects.toBeInstanceOf(ConfigError);
  });

  it('passes the mTLS sources through to @mfv/mtls options', async () => {
    const options = await verificationOptionsFromEnv(
      loadVerificationEnv({
        MTLS_CERT_FILE: '/etc/mfv/client.crt',
        MTLS_KEY_FILE: '/etc/mfv/client.key',
        MTLS_SECRETS_DIR: '/s',
      }),
    );
    expect(options.mtls).toMatchObject({
      certFile: '/etc/mfv/client.crt',
      keyFile: '/etc/mfv/client.key',
      secretsDir: '/s',
      secretNames: { cert: 'mtls_client_cert', key: 'mtls_client_key', ca: 'mtls_ca' },
      expiryWarningDays: 30,
    });
  });
});
