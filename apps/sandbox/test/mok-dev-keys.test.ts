import { createPublicKey, type KeyObject } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSandboxEnv, sandboxOptionsFromEnv } from '../src/env.js';
import {
  defaultMokKeyDir,
  ensureMokDevKeys,
  MOK_KEY_FILE_NAME,
  MOK_SANDBOX_KEYS_FILE_NAME,
  MokDevKeyError,
  openDevKeyFile,
} from '../src/providers/mobile-ok/keys.js';
import { MOK_PASS_ADULT } from '../src/providers/mobile-ok/personas.js';
import { startSandbox } from './helpers.js';
import { authInfo, MokWire, openResult, SERVICE_ID, SITE_URL } from './mok-helpers.js';

const PASSWORD = 'test-keyfile-password';
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mok-keys-'));
  dirs.push(dir);
  return join(dir, 'nested', 'mok');
}

const spki = (key: KeyObject) =>
  (key.type === 'public' ? key : createPublicKey(key))
    .export({ format: 'der', type: 'spki' })
    .toString('base64');

describe('mobile-ok dev keys', () => {
  it('are generated once, 0600 in a 0700 directory, and loaded unchanged on every later call', async () => {
    const dir = await tempDir();
    const first = await ensureMokDevKeys({ dir, password: PASSWORD, serviceId: SERVICE_ID });
    expect(first.created).toBe(true);
    expect(first.keyFile).toBe(join(dir, MOK_KEY_FILE_NAME));
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    for (const file of [first.keyFile, first.sandboxKeysFile])
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    const bytes = await readFile(first.keyFile);
    const own = await readFile(first.sandboxKeysFile);

    const second = await ensureMokDevKeys({ dir, password: PASSWORD, serviceId: SERVICE_ID });
    expect(second.created).toBe(false);
    expect((await readFile(second.keyFile)).equals(bytes)).toBe(true);
    expect((await readFile(second.sandboxKeysFile)).equals(own)).toBe(true);
    expect(spki(second.serverPrivateKey)).toBe(spki(first.serverPrivateKey));
    expect(spki(second.clientPublicKey)).toBe(spki(first.clientPublicKey));
  });

  it('the key file holds the service id and the halves of the sandbox’s keys (opened independently)', async () => {
    const dir = await tempDir();
    const keys = await ensureMokDevKeys({ dir, password: PASSWORD, serviceId: SERVICE_ID });
    const file = openDevKeyFile(await readFile(keys.keyFile), PASSWORD);
    expect(file.serviceId).toBe(SERVICE_ID);
    expect(spki(file.serverPublicKey)).toBe(spki(keys.serverPrivateKey));
    expect(spki(file.clientPrivateKey)).toBe(spki(keys.clientPublicKey));
    expect(file.clientPrivateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    // Not plaintext on disk.
    expect((await readFile(keys.keyFile)).includes(Buffer.from(SERVICE_ID))).toBe(false);
  });

  it('a key file readable by others is tightened back to 0600', async () => {
    const dir = await tempDir();
    const keys = await ensureMokDevKeys({ dir, password: PASSWORD, serviceId: SERVICE_ID });
    await chmod(keys.keyFile, 0o644);
    await ensureMokDevKeys({ dir, password: PASSWORD, serviceId: SERVICE_ID });
    expect((await stat(keys.keyFile)).mode & 0o777).toBe(0o600);
  });

  it('refuses another password, another service id, half a pair of files, or mixed generations — and never overwrites', async () => {
    const dir = await tempDir();
    const keys = await ensureMokDevKeys({ dir, password: PASSWORD, serviceId: SERVICE_ID });
    const bytes = await readFile(keys.keyFile);
    await expect(
      ensureMokDevKeys({ dir, password: 'another-password', serviceId: SERVICE_ID }),
    ).rejects.toThrow(/SANDBOX_MOK_KEYFILE_PASSWORD/);
    await expect(ensureMokDevKeys({ dir, password: PASSWORD, serviceId: 'other-service' })).rejects.toThrow(
      /SANDBOX_MOK_SERVICE_ID/,
    );
    expect((await readFile(keys.keyFile)).equals(bytes)).toBe(true);

    const other = await tempDir();
    const otherKeys = await ensureMokDevKeys({ dir: other, password: PASSWORD, serviceId: SERVICE_ID });
    await writeFile(keys.sandboxKeysFile, await readFile(otherKeys.sandboxKeysFile));
    await expect(ensureMokDevKeys({ dir, password: PASSWORD, serviceId: SERVICE_ID })).rejects.toThrow(
      /not from the same generation/,
    );

    await unlink(keys.sandboxKeysFile);
    const half = ensureMokDevKeys({ dir, password: PASSWORD, serviceId: SERVICE_ID });
    await expect(half).rejects.toBeInstanceOf(MokDevKeyError);
    await expect(half).rejects.toThrow(
      new RegExp(`only one of ${MOK_KEY_FILE_NAME} and ${MOK_SANDBOX_KEYS_FILE_NAME}`),
    );
    expect((await readFile(keys.keyFile)).equals(bytes)).toBe(true);
  });

  it('default location: <repo>/.sandbox-dev/mok, which git ignores', async () => {
    const repo = fileURLToPath(new URL('../../../', import.meta.url));
    expect(defaultMokKeyDir()).toBe(resolve(repo, '.sandbox-dev/mok'));
    const gitignore = await readFile(join(repo, '.gitignore'), 'utf8');
    expect(gitignore.split('\n')).toContain('.sandbox-dev/');
  });

  it('the env maps to the emulator’s options (SANDBOX_MOK_*), the key directory defaulting as above', () => {
    const defaults = sandboxOptionsFromEnv(loadSandboxEnv({})).mobileOk;
    expect(defaults).toEqual({
      serviceId: 'sandbox-mok-service',
      siteUrls: ['localhost', 'localhost:8080'],
      arsCodes: ['ARS-SANDBOX-0001'],
      keys: { dir: defaultMokKeyDir(), password: 'sandbox-mok-dev-password' },
    });
    const custom = sandboxOptionsFromEnv(
      loadSandboxEnv({
        SANDBOX_MOK_SERVICE_ID: 'svc-1',
        SANDBOX_MOK_KEYFILE_PASSWORD: 'another long password',
        SANDBOX_MOK_KEY_DIR: '/tmp/mok-keys',
        SANDBOX_MOK_SITE_URLS: 'www.example.com, example.com:8443 ,',
        SANDBOX_MOK_ARS_CODES: 'ARS-A-1,ARS-B-2',
      }),
    ).mobileOk;
    expect(custom).toEqual({
      serviceId: 'svc-1',
      siteUrls: ['www.example.com', 'example.com:8443'],
      arsCodes: ['ARS-A-1', 'ARS-B-2'],
      keys: { dir: '/tmp/mok-keys', password: 'another long password' },
    });
  });

  it('the server generates the files while it boots, lists mobile-ok in /healthz and speaks with those keys', async () => {
    const dir = await tempDir();
    const sandbox = await startSandbox({
      mobileOk: {
        serviceId: SERVICE_ID,
        siteUrls: [SITE_URL],
        arsCodes: ['ARS-TEST-0001'],
        keys: { dir, password: PASSWORD },
      },
    });
    expect(await (await fetch(`${sandbox.url}/healthz`)).json()).toEqual({
      status: 'ok',
      providers: expect.arrayContaining(['kakao', 'mobile-ok']),
    });
    expect(sandbox.app.sandbox.mobileOk?.keys?.keyFile).toBe(join(dir, MOK_KEY_FILE_NAME));
    // The integrator's half comes from the key file only.
    const file = openDevKeyFile(await readFile(join(dir, MOK_KEY_FILE_NAME)), PASSWORD);
    const wire = new MokWire(
      `${sandbox.url}/mok`,
      {
        serverPublicKey: file.serverPublicKey,
        clientPrivateKey: file.clientPrivateKey,
        // Not used by the wire for this flow.
        serverPrivateKey: file.clientPrivateKey,
        clientPublicKey: file.serverPublicKey,
      },
      Date.now,
    );
    const { tx } = await wire.authenticated(authInfo(MOK_PASS_ADULT, 'SMS'));
    const done = await wire.confirm(tx, tx.token, MOK_PASS_ADULT.otp);
    expect(openResult(String(done.json.encryptMOKResult), file.clientPrivateKey).json.clientTxId).toBe(
      tx.clientTxId,
    );
  });

  it('a server whose key files do not match its configuration does not start', async () => {
    const dir = await tempDir();
    await ensureMokDevKeys({ dir, password: PASSWORD, serviceId: 'another-service' });
    await expect(
      startSandbox({
        mobileOk: {
          serviceId: SERVICE_ID,
          siteUrls: [SITE_URL],
          arsCodes: ['A-1'],
          keys: { dir, password: PASSWORD },
        },
      }),
    ).rejects.toThrow(/SANDBOX_MOK_SERVICE_ID/);
  });
});
