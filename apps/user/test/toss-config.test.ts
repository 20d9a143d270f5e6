import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEV_TOSS_UNLINK_BASIC_AUTH,
  LIVE_PROVIDER_EXAMPLES,
  SANDBOX_TOSS_DEV_DECRYPT_KEY,
} from '@mfv/config';
import { settingsFrom } from './toss-kit';

let dir: string;
const KEY = Buffer.alloc(32, 3).toString('base64');
/** Production with live providers: real-looking Kakao and Toss settings (the guard refuses the sandbox's). */
const LIVE = {
  NODE_ENV: 'production',
  AUTH_PUBLIC_ORIGIN: 'https://www.example.com',
  ...Object.fromEntries(
    Object.entries(LIVE_PROVIDER_EXAMPLES).filter(([name]) => /^(KAKAO|TOSS)_/.test(name)),
  ),
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mfv-user-toss-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, content, { mode: 0o600 });
  return p;
}

function refusal(env: Record<string, string | undefined>): ConfigError {
  try {
    settingsFrom(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('Toss settings of the user app (secrets from *_FILE, as Docker secrets deliver them)', () => {
  it('reads the files, without the trailing newline `echo` adds', async () => {
    const settings = settingsFrom({
      ...LIVE,
      TOSS_DECRYPT_KEY_FILE: await file('key', `${KEY}\n`),
      TOSS_DECRYPT_AAD_FILE: await file('aad', 'console-aad\n'),
      TOSS_UNLINK_BASIC_AUTH_FILE: await file('basic', 'toss:s3cret-pass\n'),
    });
    expect(settings).toMatchObject({
      enabled: true,
      decryption: { key: KEY, aad: 'console-aad' },
      unlink: { user: 'toss', password: 's3cret-pass' },
      mtls: {
        secretsDir: '/run/secrets',
        secretNames: { cert: 'mtls_client_cert', key: 'mtls_client_key', ca: 'mtls_ca' },
      },
    });
  });

  it('names the variable when a file is missing, empty or holds something unusable — never the content', async () => {
    expect(refusal({ TOSS_DECRYPT_KEY_FILE: path.join(dir, 'nope') }).message).toMatch(
      /TOSS_DECRYPT_KEY_FILE: cannot read .*nope \(ENOENT\)/,
    );
    expect(refusal({ TOSS_DECRYPT_AAD_FILE: await file('empty', '\n') }).message).toMatch(
      /TOSS_DECRYPT_AAD_FILE: .* is empty/,
    );
    const badKey = refusal({ TOSS_DECRYPT_KEY_FILE: await file('short', 'c2hvcnQ=') });
    expect(badKey.message).toMatch(/TOSS_DECRYPT_KEY_FILE: must hold base64 of 32 bytes/);
    expect(badKey.message).not.toContain('c2hvcnQ=');
    const badBasic = refusal({ TOSS_UNLINK_BASIC_AUTH_FILE: await file('basic-bad', 'only-a-user\n') });
    expect(badBasic.message).toMatch(/TOSS_UNLINK_BASIC_AUTH_FILE: must hold user:password/);
    expect(badBasic.message).not.toContain('only-a-user');
  });

  it('production: a file holding the sandbox’s published value is refused too', async () => {
    const base = {
      ...LIVE,
      TOSS_DECRYPT_KEY_FILE: await file('k2', KEY),
      TOSS_DECRYPT_AAD_FILE: await file('a2', 'console-aad'),
      TOSS_UNLINK_BASIC_AUTH_FILE: await file('b2', 'toss:pw'),
    };
    expect(
      refusal({ ...base, TOSS_DECRYPT_KEY_FILE: await file('k3', SANDBOX_TOSS_DEV_DECRYPT_KEY) }).message,
    ).toMatch(/TOSS_DECRYPT_KEY_FILE: must not hold the published sandbox value/);
    expect(
      refusal({ ...base, TOSS_UNLINK_BASIC_AUTH_FILE: await file('b3', `${DEV_TOSS_UNLINK_BASIC_AUTH}\n`) })
        .message,
    ).toMatch(/TOSS_UNLINK_BASIC_AUTH_FILE: must not hold the published sandbox value/);
    // Outside production the sandbox's values are what the sandbox speaks.
    expect(
      settingsFrom({ TOSS_DECRYPT_KEY_FILE: await file('k4', SANDBOX_TOSS_DEV_DECRYPT_KEY) }).enabled,
    ).toBe(true);
  });

  it('disabled: no secret is read or required', () => {
    expect(
      settingsFrom({
        ...LIVE,
        TOSS_LOGIN_ENABLED: 'false',
        TOSS_DECRYPT_KEY_FILE: path.join(dir, 'nope'),
      }),
    ).toEqual({ enabled: false });
  });
});
