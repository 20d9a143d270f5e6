/**
 * Dev keys of the mobile-ok emulator.
 *
 * The real provider issues the integrator a key file, `mok_keyInfo.dat` (guide §2.1, §2.3), and
 * keeps the matching keys itself. The sandbox plays both parts once: it generates its own server
 * key pair and a client key pair for the one registered site, writes the key file the integrator
 * loads (in the provider's format, written by `sealDevKeyFile` below, not by the client's code),
 * and keeps its own half next to it:
 *
 *   <dir>/mok_keyInfo.dat     the integrator's key file: ServiceId, ClientPrivateKey, ServerPublicKey,
 *                             locked with SANDBOX_MOK_KEYFILE_PASSWORD
 *   <dir>/sandbox-keys.json   the provider's half: the server private key (opens
 *                             encryptReqClientInfo) and the client public key (seals results)
 *
 * Both files are mode 0600 in a 0700 directory, by default `<repo>/.sandbox-dev/mok` (git-ignored,
 * outside any web root: guide §2.3 "키파일은 반드시 … 웹에서 접근되지 않는 서버의 안전한 로컬경로에").
 * Generation happens once; later starts load the files and check that they belong together, and
 * never overwrite them. Dev keys only: production key files come from the provider.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  type KeyObject,
} from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const MOK_KEY_FILE_NAME = 'mok_keyInfo.dat';
export const MOK_SANDBOX_KEYS_FILE_NAME = 'sandbox-keys.json';
/** RSA modulus of the generated keys (the client refuses keys under 2048 bits). */
export const MOK_DEV_RSA_BITS = 2048;
export const MOK_KEY_FILE_MODE = 0o600;
export const MOK_KEY_DIR_MODE = 0o700;

/**
 * `<repo>/.sandbox-dev/mok`. This module sits at apps/sandbox/{src,dist}/providers/mobile-ok/, five
 * levels below the repository root in both the source and the build.
 */
export function defaultMokKeyDir(): string {
  return fileURLToPath(new URL('../../../../../.sandbox-dev/mok', import.meta.url));
}

/** The provider's half of the keys: what the emulator needs to speak the protocol. */
export interface MokSandboxKeyMaterial {
  /** Opens `encryptReqClientInfo` (its public half is the key file's ServerPublicKey). */
  readonly serverPrivateKey: KeyObject;
  /** Seals `encryptMOKResult` (its private half is the key file's ClientPrivateKey). */
  readonly clientPublicKey: KeyObject;
}

export interface MokDevKeys extends MokSandboxKeyMaterial {
  readonly dir: string;
  /** The integrator's `mok_keyInfo.dat`. */
  readonly keyFile: string;
  readonly sandboxKeysFile: string;
  /** True when this call generated the files, false when it loaded existing ones. */
  readonly created: boolean;
}

export interface EnsureMokDevKeysOptions {
  readonly dir: string;
  /** SANDBOX_MOK_KEYFILE_PASSWORD. */
  readonly password: string;
  /** SANDBOX_MOK_SERVICE_ID: written as the key file's ServiceId, and checked on every load. */
  readonly serviceId: string;
}

/** The dev keys cannot be used as they are; the message says what to do, never a key byte. */
export class MokDevKeyError extends Error {
  override name = 'MokDevKeyError';
}

const generateRsa = promisify(generateKeyPair);

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** Tightens a key file that is readable by group or others back to 0600. */
async function restrictMode(path: string): Promise<void> {
  const { mode } = await stat(path);
  if ((mode & 0o077) !== 0) await chmod(path, MOK_KEY_FILE_MODE);
}

interface SandboxKeysJson {
  serviceId: string;
  serverPrivateKey: string;
  clientPublicKey: string;
}

function spkiDer(key: KeyObject): Buffer {
  return (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' });
}

/**
 * The key file's lock. The guide names the file and what it holds (§2.1 "본인확인 개발용 서비스키 파일 :
 * mok_keyInfo.dat"; §2.3 "본인확인 암호화키 ID", "본인확인 이용기관 암복호화 비밀키") but not its bytes;
 * the provider's libraries that read it are not public, so this follows the public third-party
 * ports of them: AES-256-CBC with PKCS#7 padding over the UTF-8 JSON
 * `{"ServiceId", "ClientPrivateKey" (base64 PKCS#8 DER), "ServerPublicKey" (base64 SPKI DER)}`,
 * key = SHA-256(password)[0..16] ‖ SHA-256(SHA-256(password))[16..32],
 * IV = SHA-256(SHA-256(password))[0..16].
 * Written here with node:crypto and independent of the client's reader and writer, so a generated
 * file is checked against a second implementation whenever the client loads it.
 */
function keyFileLock(password: string): { key: Buffer; iv: Buffer } {
  const h1 = createHash('sha256').update(password, 'utf8').digest();
  const h2 = createHash('sha256').update(h1).digest();
  return { key: Buffer.concat([h1.subarray(0, 16), h2.subarray(16, 32)]), iv: h2.subarray(0, 16) };
}

/** The bytes of a `mok_keyInfo.dat` for the integrator: its service id, its private key, our public key. */
export function sealDevKeyFile(
  contents: { serviceId: string; clientPrivateKey: KeyObject; serverPublicKey: KeyObject },
  password: string,
): Buffer {
  if (contents.clientPrivateKey.type !== 'private') throw new TypeError('clientPrivateKey must be private');
  const json = JSON.stringify({
    ServiceId: contents.serviceId,
    ClientPrivateKey: contents.clientPrivateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    ServerPublicKey: spkiDer(contents.serverPublicKey).toString('base64'),
  });
  const { key, iv } = keyFileLock(password);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
}

/** Opens a key file (see {@link keyFileLock}); a wrong password or a foreign file is a MokDevKeyError. */
export function openDevKeyFile(
  bytes: Buffer,
  password: string,
): { serviceId: string; clientPrivateKey: KeyObject; serverPublicKey: KeyObject } {
  const { key, iv } = keyFileLock(password);
  let json: Record<string, unknown>;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, iv);
    const plain = Buffer.concat([decipher.update(bytes), decipher.final()]);
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain)) as Record<string, unknown>;
  } catch {
    throw new MokDevKeyError(
      'mobile-ok: the dev key file does not open with SANDBOX_MOK_KEYFILE_PASSWORD (was it generated with another password?)',
    );
  }
  const { ServiceId, ClientPrivateKey, ServerPublicKey } = json;
  if (
    typeof ServiceId !== 'string' ||
    typeof ClientPrivateKey !== 'string' ||
    typeof ServerPublicKey !== 'string'
  ) {
    throw new MokDevKeyError(
      'mobile-ok: the dev key file lacks ServiceId, ClientPrivateKey or ServerPublicKey',
    );
  }
  return {
    serviceId: ServiceId,
    clientPrivateKey: createPrivateKey({
      key: Buffer.from(ClientPrivateKey, 'base64'),
      format: 'der',
      type: 'pkcs8',
    }),
    serverPublicKey: createPublicKey({
      key: Buffer.from(ServerPublicKey, 'base64'),
      format: 'der',
      type: 'spki',
    }),
  };
}

async function generate(options: EnsureMokDevKeysOptions, keyFile: string, sandboxKeysFile: string) {
  const [server, client] = await Promise.all([
    generateRsa('rsa', { modulusLength: MOK_DEV_RSA_BITS }),
    generateRsa('rsa', { modulusLength: MOK_DEV_RSA_BITS }),
  ]);
  const own: SandboxKeysJson = {
    serviceId: options.serviceId,
    serverPrivateKey: server.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    clientPublicKey: spkiDer(client.publicKey).toString('base64'),
  };
  // `wx`: never replace a file another process wrote in the meantime.
  await writeFile(sandboxKeysFile, `${JSON.stringify(own, null, 2)}\n`, {
    mode: MOK_KEY_FILE_MODE,
    flag: 'wx',
  });
  await writeFile(
    keyFile,
    sealDevKeyFile(
      {
        serviceId: options.serviceId,
        clientPrivateKey: client.privateKey,
        serverPublicKey: server.publicKey,
      },
      options.password,
    ),
    { mode: MOK_KEY_FILE_MODE, flag: 'wx' },
  );
  return { serverPrivateKey: server.privateKey, clientPublicKey: client.publicKey };
}

async function load(options: EnsureMokDevKeysOptions, keyFile: string, sandboxKeysFile: string) {
  await restrictMode(keyFile);
  await restrictMode(sandboxKeysFile);
  let own: SandboxKeysJson;
  let serverPrivateKey: KeyObject;
  let clientPublicKey: KeyObject;
  try {
    own = JSON.parse(await readFile(sandboxKeysFile, 'utf8')) as SandboxKeysJson;
    serverPrivateKey = createPrivateKey({
      key: Buffer.from(own.serverPrivateKey, 'base64'),
      format: 'der',
      type: 'pkcs8',
    });
    clientPublicKey = createPublicKey({
      key: Buffer.from(own.clientPublicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
  } catch {
    throw new MokDevKeyError(
      `mobile-ok: ${sandboxKeysFile} is not a sandbox key file; delete ${options.dir} to generate new dev keys`,
    );
  }
  const file = openDevKeyFile(await readFile(keyFile), options.password);
  if (file.serviceId !== options.serviceId || own.serviceId !== options.serviceId) {
    throw new MokDevKeyError(
      `mobile-ok: the dev keys in ${options.dir} were generated for another service id than SANDBOX_MOK_SERVICE_ID; ` +
        `set it back, or delete the directory to generate new dev keys`,
    );
  }
  if (
    !spkiDer(file.serverPublicKey).equals(spkiDer(serverPrivateKey)) ||
    !spkiDer(file.clientPrivateKey).equals(spkiDer(clientPublicKey))
  ) {
    throw new MokDevKeyError(
      `mobile-ok: ${MOK_KEY_FILE_NAME} and ${MOK_SANDBOX_KEYS_FILE_NAME} in ${options.dir} are not from the same generation; ` +
        `delete the directory to generate new dev keys`,
    );
  }
  return { serverPrivateKey, clientPublicKey };
}

/**
 * Generates the dev keys if `dir` has none, otherwise loads and checks them. Idempotent: a second
 * call returns the same keys and leaves the files as they are.
 */
export async function ensureMokDevKeys(options: EnsureMokDevKeysOptions): Promise<MokDevKeys> {
  const dir = options.dir;
  const keyFile = join(dir, MOK_KEY_FILE_NAME);
  const sandboxKeysFile = join(dir, MOK_SANDBOX_KEYS_FILE_NAME);
  await mkdir(dir, { recursive: true, mode: MOK_KEY_DIR_MODE });
  const [hasKeyFile, hasOwn] = await Promise.all([exists(keyFile), exists(sandboxKeysFile)]);
  if (hasKeyFile !== hasOwn) {
    throw new MokDevKeyError(
      `mobile-ok: ${dir} holds only one of ${MOK_KEY_FILE_NAME} and ${MOK_SANDBOX_KEYS_FILE_NAME}; ` +
        `delete the directory to generate new dev keys`,
    );
  }
  const created = !hasKeyFile;
  let material: MokSandboxKeyMaterial;
  try {
    material = created
      ? await generate(options, keyFile, sandboxKeysFile)
      : await load(options, keyFile, sandboxKeysFile);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new MokDevKeyError(`mobile-ok: another process is generating dev keys in ${dir}; start again`);
    }
    throw err;
  }
  return { ...material, dir, keyFile, sandboxKeysFile, created };
}
