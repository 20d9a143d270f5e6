import {
  createCipheriv,
  createDecipheriv,
  createHash,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MokKeyFileError } from '../src/mobile-ok/errors.js';
import { loadMokKeyFile, openMokKeyFile } from '../src/mobile-ok/keyfile.js';
import { encodeMokKeyFile, writeMokKeyFile } from '../src/mobile-ok/keyfile-writer.js';
import { rsaPair, withTempDir, type RsaPair } from './helpers.js';

const PASSWORD = 'test-password-한글';
let client: RsaPair;
let server: RsaPair;

beforeAll(() => {
  client = rsaPair();
  server = rsaPair();
});

/** The file's AES key and IV, derived here independently from the public ports' description. */
function lock(password: string) {
  const h1 = createHash('sha256').update(Buffer.from(password, 'utf8')).digest();
  const h2 = createHash('sha256').update(h1).digest();
  return { key: Buffer.concat([h1.subarray(0, 16), h2.subarray(16, 32)]), iv: h2.subarray(0, 16) };
}

function encryptRaw(plain: string, password = PASSWORD): Buffer {
  const { key, iv } = lock(password);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
}

function der(key: KeyObject): string {
  return key.type === 'private'
    ? key.export({ format: 'der', type: 'pkcs8' }).toString('base64')
    : key.export({ format: 'der', type: 'spki' }).toString('base64');
}

function expectKeyFileError(fn: () => unknown, code: string): MokKeyFileError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MokKeyFileError);
    expect((error as MokKeyFileError).code).toBe(code);
    return error as MokKeyFileError;
  }
  throw new Error(`expected ${code}`);
}

/** No message or cause may carry any part of a key, the password or decrypted text. */
function expectNoSecrets(error: Error): void {
  const text = `${error.message} ${JSON.stringify(error.cause)}`;
  expect(text).not.toContain(PASSWORD);
  for (const key of [client.privateKey, server.publicKey]) {
    expect(text).not.toContain(der(key).slice(20, 60));
  }
  expect(text).not.toContain('MII');
}

describe('key file writer', () => {
  it('writes the provider format: AES-256-CBC under the password-derived key, JSON inside', async () => {
    const bytes = encodeMokKeyFile(
      { serviceId: 'svc-1', clientPrivateKey: client.privateKey, serverPublicKey: server.publicKey },
      PASSWORD,
    );
    const { key, iv } = lock(PASSWORD);
    const decipher = createDecipheriv('aes-256-cbc', key, iv);
    const json = JSON.parse(Buffer.concat([decipher.update(bytes), decipher.final()]).toString('utf8'));
    expect(Object.keys(json)).toEqual(['ServiceId', 'ClientPrivateKey', 'ServerPublicKey']);
    expect(json.ServiceId).toBe('svc-1');
    expect(json.ClientPrivateKey).toBe(der(client.privateKey));
    expect(json.ServerPublicKey).toBe(der(server.publicKey));
  });

  it('accepts DER bytes as well as KeyObjects', () => {
    const bytes = encodeMokKeyFile(
      {
        serviceId: 'svc-1',
        clientPrivateKey: Buffer.from(der(client.privateKey), 'base64'),
        serverPublicKey: Buffer.from(der(server.publicKey), 'base64'),
      },
      PASSWORD,
    );
    const info = openMokKeyFile(bytes, PASSWORD);
    expect(der(info.clientPrivateKey)).toBe(der(client.privateKey));
  });

  it('writes mode 0600 and refuses to overwrite unless asked', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'mok_keyInfo.dat');
      const contents = {
        serviceId: 's',
        clientPrivateKey: client.privateKey,
        serverPublicKey: server.publicKey,
      };
      await writeMokKeyFile(path, contents, PASSWORD);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      await expect(writeMokKeyFile(path, contents, PASSWORD)).rejects.toMatchObject({ code: 'EEXIST' });
      await chmod(path, 0o644);
      await writeMokKeyFile(path, { ...contents, serviceId: 's2' }, PASSWORD, { overwrite: true });
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect((await loadMokKeyFile(path, PASSWORD)).serviceId).toBe('s2');
    });
  });
});

describe('key file reader', () => {
  it('round-trips a written file', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'mok_keyInfo.dat');
      await writeMokKeyFile(
        path,
        { serviceId: 'service-id-1', clientPrivateKey: client.privateKey, serverPublicKey: server.publicKey },
        PASSWORD,
      );
      const info = await loadMokKeyFile(path, PASSWORD);
      expect(info.serviceId).toBe('service-id-1');
      expect(info.clientPrivateKey.type).toBe('private');
      expect(der(info.clientPrivateKey)).toBe(der(client.privateKey));
      expect(der(info.serverPublicKey)).toBe(der(server.publicKey));
    });
  });

  it('reads a file encrypted independently of the writer', () => {
    const bytes = encryptRaw(
      JSON.stringify({
        ServiceId: 'x',
        ClientPrivateKey: der(client.privateKey),
        ServerPublicKey: der(server.publicKey),
      }),
    );
    expect(openMokKeyFile(bytes, PASSWORD).serviceId).toBe('x');
  });

  it('missing file → MOK_KEYFILE_NOT_FOUND', async () => {
    await withTempDir(async (dir) => {
      const error = await loadMokKeyFile(join(dir, 'nope.dat'), PASSWORD).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MokKeyFileError);
      expect((error as MokKeyFileError).code).toBe('MOK_KEYFILE_NOT_FOUND');
      expect((error as Error).message).toContain('nope.dat');
    });
  });

  it('unreadable path (a directory) → MOK_KEYFILE_UNREADABLE', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'is-a-dir');
      await mkdir(path);
      const error = await loadMokKeyFile(path, PASSWORD).catch((e: unknown) => e);
      expect((error as MokKeyFileError).code).toBe('MOK_KEYFILE_UNREADABLE');
    });
  });

  it('wrong password → MOK_KEYFILE_WRONG_PASSWORD, without secrets in the error', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'mok_keyInfo.dat');
      await writeMokKeyFile(
        path,
        { serviceId: 's', clientPrivateKey: client.privateKey, serverPublicKey: server.publicKey },
        PASSWORD,
      );
      for (const wrong of ['wrong', '', `${PASSWORD} `, 'test-password-한']) {
        const error = await loadMokKeyFile(path, wrong).catch((e: unknown) => e);
        expect((error as MokKeyFileError).code).toBe('MOK_KEYFILE_WRONG_PASSWORD');
        expectNoSecrets(error as Error);
      }
    });
  });

  it('right password but plaintext that is not JSON → MOK_KEYFILE_WRONG_PASSWORD (indistinguishable)', () => {
    const error = expectKeyFileError(
      () => openMokKeyFile(encryptRaw(`not json ${der(client.privateKey)}`), PASSWORD),
      'MOK_KEYFILE_WRONG_PASSWORD',
    );
    expectNoSecrets(error);
  });

  it('a length that cannot be AES-CBC output → MOK_KEYFILE_MALFORMED', () => {
    expectKeyFileError(() => openMokKeyFile(Buffer.alloc(0), PASSWORD), 'MOK_KEYFILE_MALFORMED');
    expectKeyFileError(() => openMokKeyFile(Buffer.alloc(33, 1), PASSWORD), 'MOK_KEYFILE_MALFORMED');
    expectKeyFileError(() => openMokKeyFile(Buffer.alloc(1024 * 1024), PASSWORD), 'MOK_KEYFILE_MALFORMED');
  });

  it('JSON of the wrong shape → MOK_KEYFILE_MALFORMED naming the fields, not their values', () => {
    const cases: [unknown, string][] = [
      [[1, 2, 3], '(root)'],
      [{ ServiceId: 'x', ClientPrivateKey: der(client.privateKey) }, 'ServerPublicKey'],
      [
        { ServiceId: '', ClientPrivateKey: der(client.privateKey), ServerPublicKey: der(server.publicKey) },
        'ServiceId',
      ],
      [{ ServiceId: 'x', ClientPrivateKey: 42, ServerPublicKey: der(server.publicKey) }, 'ClientPrivateKey'],
      [
        { ServiceId: 'x', ClientPrivateKey: 'not base64!', ServerPublicKey: der(server.publicKey) },
        'ClientPrivateKey',
      ],
    ];
    for (const [json, field] of cases) {
      const error = expectKeyFileError(
        () => openMokKeyFile(encryptRaw(JSON.stringify(json)), PASSWORD),
        'MOK_KEYFILE_MALFORMED',
      );
      expect(error.message).toContain(field);
      expectNoSecrets(error);
    }
  });

  it('keys that are not the right kind → MOK_KEYFILE_MALFORMED', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const cases: [Record<string, string>, string][] = [
      // Swapped: a public key where the private key belongs and vice versa.
      [{ ClientPrivateKey: der(server.publicKey), ServerPublicKey: der(server.publicKey) }, 'PKCS#8'],
      [
        { ClientPrivateKey: der(client.privateKey), ServerPublicKey: der(client.privateKey) },
        'SubjectPublicKeyInfo',
      ],
      // Valid base64 that is not DER at all.
      [
        {
          ClientPrivateKey: Buffer.from('hello world').toString('base64'),
          ServerPublicKey: der(server.publicKey),
        },
        'PKCS#8',
      ],
      [{ ClientPrivateKey: der(ec.privateKey), ServerPublicKey: der(server.publicKey) }, 'not an RSA key'],
      [
        { ClientPrivateKey: der(client.privateKey), ServerPublicKey: der(small.publicKey) },
        'shorter than 2048',
      ],
    ];
    for (const [keys, text] of cases) {
      const error = expectKeyFileError(
        () => openMokKeyFile(encryptRaw(JSON.stringify({ ServiceId: 'x', ...keys })), PASSWORD),
        'MOK_KEYFILE_MALFORMED',
      );
      expect(error.message).toContain(text);
      expectNoSecrets(error);
    }
  });

  it('a corrupted file body is reported, never accepted', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'mok_keyInfo.dat');
      await writeMokKeyFile(
        path,
        { serviceId: 's', clientPrivateKey: client.privateKey, serverPublicKey: server.publicKey },
        PASSWORD,
      );
      const bytes = await readFile(path);
      bytes[100] = (bytes[100] as number) ^ 0xff;
      await writeFile(path, bytes);
      const error = await loadMokKeyFile(path, PASSWORD).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MokKeyFileError);
      expect(['MOK_KEYFILE_WRONG_PASSWORD', 'MOK_KEYFILE_MALFORMED']).toContain(
        (error as MokKeyFileError).code,
      );
    });
  });
});
