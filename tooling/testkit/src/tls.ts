/**
 * The test CA: a throw-away PKI made with the `openssl` CLI in a folder the caller owns (node:crypto
 * cannot issue certificates). Nothing is committed; every run issues fresh P-256 ECDSA keys, which
 * are fast to generate.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const OPENSSL_BIN = '/usr/bin/openssl';
/** How long one openssl call may take before it is killed. */
const OPENSSL_TIMEOUT_MS = 10_000;

export interface Issued {
  certPath: string;
  keyPath: string;
  /** PEM */
  cert: string;
  /** PEM, mode 0600 on disk. */
  key: string;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync(OPENSSL_BIN, args, {
      cwd,
      stdio: 'pipe',
      timeout: OPENSSL_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`openssl ${args[0]} failed: ${stderr || (err as Error).message}`, { cause: err });
  }
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

function read(dir: string, name: string): Issued {
  const certPath = join(dir, `${name}.crt`);
  const keyPath = join(dir, `${name}.key`);
  chmodSync(keyPath, 0o600);
  return { certPath, keyPath, cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
}

/** A self-signed CA (`<dir>/<name>.crt|.key`), valid `days` (default ten years). */
export function makeCa(dir: string, name: string, options: { days?: number } = {}): Issued {
  openssl(
    [
      'req',
      '-x509',
      ...EC,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-days',
      String(options.days ?? 3650),
      '-subj',
      `/CN=${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  return read(dir, name);
}

/** A leaf certificate signed by `ca`: `client` (clientAuth) or `server` (serverAuth, 127.0.0.1 and localhost). */
export function issue(
  dir: string,
  ca: Issued,
  name: string,
  options: { kind: 'client' | 'server'; days: number },
): Issued {
  openssl(
    ['req', '-new', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`],
    dir,
  );
  const ext = join(dir, `${name}.ext`);
  writeFileSync(
    ext,
    options.kind === 'server'
      ? 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n'
      : 'extendedKeyUsage=clientAuth\n',
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      ca.certPath,
      '-CAkey',
      ca.keyPath,
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      String(options.days),
      '-extfile',
      ext,
    ],
    dir,
  );
  return read(dir, name);
}
