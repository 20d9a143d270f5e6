import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '@mfv/config';
import { afterEach, describe, expect, it } from 'vitest';
import { findRepoRoot, mokSettings, verifyEnv } from '../../src/core/env';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function secretFile(content: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verify-env-'));
  dirs.push(dir);
  const file = path.join(dir, 'mok_key_password');
  await writeFile(file, content);
  return file;
}

describe('mobile-ok settings of the verify remote', () => {
  it('sandbox defaults: the key file the sandbox writes under the workspace root, and its dev password', async () => {
    const settings = await mokSettings(verifyEnv({}));
    const root = findRepoRoot();
    expect(root).toBeDefined();
    expect(settings).toMatchObject({
      environment: 'sandbox',
      sandboxBaseUrl: 'http://127.0.0.1:4100/mok',
      keyFile: path.join(root!, '.sandbox-dev', 'mok', 'mok_keyInfo.dat'),
      keyPassword: 'sandbox-mok-dev-password',
      siteUrl: 'localhost',
      arsCode: 'ARS-SANDBOX-0001',
    });
  });

  it('a real host: no sandbox URL; the password from a file (one trailing newline dropped)', async () => {
    const file = await secretFile('s3cret-password\n');
    const settings = await mokSettings(
      verifyEnv({
        MOK_ENVIRONMENT: 'development',
        MOK_KEY_FILE: '/keys/mok_keyInfo.dat',
        MOK_KEY_PASSWORD_FILE: file,
      }),
    );
    expect(settings.keyPassword).toBe('s3cret-password');
    expect(settings.keyFile).toBe('/keys/mok_keyInfo.dat');
    expect(settings.sandboxBaseUrl).toBeUndefined();
  });

  it('a password file that is missing or empty is a ConfigError naming MOK_KEY_PASSWORD_FILE', async () => {
    const empty = await secretFile('\n');
    for (const file of [empty, '/nonexistent/mok_key_password']) {
      const env = verifyEnv({ MOK_KEY_PASSWORD_FILE: file });
      await expect(mokSettings(env)).rejects.toBeInstanceOf(ConfigError);
      await expect(mokSettings(env)).rejects.toMatchObject({
        problems: [{ variable: 'MOK_KEY_PASSWORD_FILE', message: expect.any(String) }],
      });
    }
  });
});
