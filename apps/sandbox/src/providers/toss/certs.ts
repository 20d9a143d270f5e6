import { execFile } from 'node:child_process';
import { X509Certificate, randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type TossTlsMaterial } from './context.js';

const run = promisify(execFile);

/**
 * Dev certificates for the Toss mTLS listener, made with the openssl CLI (node:crypto cannot issue
 * X.509 certificates). Everything goes into a git-ignored folder, by default
 * `<repo>/.sandbox-dev/toss-mtls/`; private keys are written with mode 0600 (Toss mTLS 인증서 가이드:
 * `chmod 600 client-key.pem`, never shared; and never committed).
 *
 *   ca.crt / ca.key           the dev CA (10 years); the listener accepts client certificates it signed
 *   server.crt / server.key   the listener's certificate (825 days) for every name the sandbox is
 *                             reached by: localhost and 127.0.0.1 (`pnpm start`), `sandbox` and
 *                             `sandbox.localhost` (the compose network, docker-compose.yml)
 *   client.crt / client.key   the platform's client certificate (390 days, like Toss's console)
 *
 * Keys are ECDSA P-256. `issueClientCert` makes more client certificates (e.g. one that expires
 * within N days, or with days 0 one that is already expired), `createCa` another CA (whose client
 * certificates the listener refuses).
 */

/** `<repo>/.sandbox-dev/toss-mtls`, from this file's place in apps/sandbox/{src,dist}/providers/toss/. */
export const DEFAULT_TOSS_MTLS_DIR = fileURLToPath(
  new URL('../../../../../.sandbox-dev/toss-mtls', import.meta.url),
);

export const TOSS_CERT_DAYS = { ca: 3650, server: 825, client: 390 } as const;

export interface CertPair {
  readonly cert: string;
  readonly key: string;
}

export interface DevCertPaths {
  readonly dir: string;
  readonly ca: CertPair;
  readonly server: CertPair;
  readonly client: CertPair;
}

export function devCertPaths(dir: string): DevCertPaths {
  const pair = (name: string): CertPair => ({
    cert: path.join(dir, `${name}.crt`),
    key: path.join(dir, `${name}.key`),
  });
  return { dir, ca: pair('ca'), server: pair('server'), client: pair('client') };
}

async function openssl(args: readonly string[]): Promise<void> {
  try {
    await run('openssl', args, { timeout: 30_000 });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || (err as Error).message}`, { cause: err });
  }
}

async function newKey(file: string): Promise<void> {
  await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file]);
  await chmod(file, 0o600);
}

function checkName(value: string, what: string): void {
  if (!/^[A-Za-z0-9 ._-]{1,64}$/.test(value))
    throw new Error(`${what} must be 1–64 letters, digits, space, . _ -`);
}

/** A self-signed CA certificate and key at `pair`. */
export async function createCa(
  pair: CertPair,
  commonName: string,
  days: number = TOSS_CERT_DAYS.ca,
): Promise<CertPair> {
  checkName(commonName, 'commonName');
  await mkdir(path.dirname(pair.cert), { recursive: true, mode: 0o700 });
  await newKey(pair.key);
  await openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    pair.key,
    '-sha256',
    '-days',
    String(days),
    '-subj',
    `/CN=${commonName}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-out',
    pair.cert,
  ]);
  await chmod(pair.cert, 0o644);
  return pair;
}

export interface IssueOptions {
  /** The signing CA. */
  readonly ca: CertPair;
  /** Where the new certificate and key go. */
  readonly out: CertPair;
  readonly commonName: string;
  /** Validity in days from now; 0 gives a certificate that has already expired a second later. */
  readonly days: number;
  readonly kind: 'server' | 'client';
  /** subjectAltName entries for a server certificate (default DNS:localhost, IP:127.0.0.1). */
  readonly altNames?: readonly string[];
}

/** A leaf certificate signed by `ca`, with the extensions a TLS server or client needs. */
export async function issueCert(options: IssueOptions): Promise<CertPair> {
  checkName(options.commonName, 'commonName');
  if (!Number.isInteger(options.days) || options.days < 0 || options.days > 3650) {
    throw new Error('days must be an integer in 0..3650');
  }
  const work = await mkdtemp(path.join(tmpdir(), 'mfv-toss-cert-'));
  try {
    await mkdir(path.dirname(options.out.cert), { recursive: true, mode: 0o700 });
    await newKey(options.out.key);
    const csr = path.join(work, 'leaf.csr');
    await openssl([
      'req',
      '-new',
      '-key',
      options.out.key,
      '-subj',
      `/CN=${options.commonName}`,
      '-out',
      csr,
    ]);
    const ext = path.join(work, 'leaf.ext');
    const lines = ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature'];
    if (options.kind === 'server') {
      const names = options.altNames ?? ['DNS:localhost', 'IP:127.0.0.1'];
      for (const name of names) {
        if (!/^(DNS:[A-Za-z0-9.-]+|IP:[0-9a-fA-F.:]+)$/.test(name))
          throw new Error(`bad subjectAltName ${name}`);
      }
      lines.push('extendedKeyUsage=serverAuth', `subjectAltName=${names.join(',')}`);
    } else {
      lines.push('extendedKeyUsage=clientAuth');
    }
    await writeFile(ext, `${lines.join('\n')}\n`);
    await openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      options.ca.cert,
      '-CAkey',
      options.ca.key,
      '-set_serial',
      `0x${randomBytes(16).toString('hex')}`,
      '-days',
      String(options.days),
      '-sha256',
      '-extfile',
      ext,
      '-out',
      options.out.cert,
    ]);
    await chmod(options.out.cert, 0o644);
    return options.out;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A client certificate signed by the CA of `dir` (the dev CA unless told otherwise). */
export async function issueClientCert(options: {
  readonly ca: CertPair;
  readonly out: CertPair;
  readonly days: number;
  readonly commonName?: string;
}): Promise<CertPair> {
  return issueCert({
    ca: options.ca,
    out: options.out,
    days: options.days,
    kind: 'client',
    commonName: options.commonName ?? 'mfv-platform-dev',
  });
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** The names the sandbox's TLS listener answers to, on a laptop and on the compose network. */
export const DEV_SERVER_ALT_NAMES = [
  'DNS:localhost',
  'IP:127.0.0.1',
  'DNS:sandbox',
  'DNS:sandbox.localhost',
] as const;

/** Whether the server certificate in `file` names every one of DEV_SERVER_ALT_NAMES. */
async function coversDevNames(file: string): Promise<boolean> {
  const san = new X509Certificate(await readFile(file)).subjectAltName ?? '';
  const names = new Set(san.split(', ').map((n) => n.replace(/^IP Address:/, 'IP:')));
  return DEV_SERVER_ALT_NAMES.every((name) => names.has(name));
}

/**
 * Makes the dev CA, server and client certificates in `dir` unless all six files are there
 * (`force` remakes them); a server certificate from an older sandbox that lacks one of the
 * names is re-issued under the same CA. Returns whether anything was created.
 */
export async function ensureDevCerts(
  dir: string,
  options: { force?: boolean } = {},
): Promise<{ created: boolean; paths: DevCertPaths }> {
  const paths = devCertPaths(dir);
  const files = [paths.ca, paths.server, paths.client].flatMap((p) => [p.cert, p.key]);
  const present = await Promise.all(files.map(exists));
  const issueServer = () =>
    issueCert({
      ca: paths.ca,
      out: paths.server,
      commonName: 'localhost',
      days: TOSS_CERT_DAYS.server,
      kind: 'server',
      altNames: DEV_SERVER_ALT_NAMES,
    });
  if (options.force !== true && present.every(Boolean)) {
    if (await coversDevNames(paths.server.cert)) return { created: false, paths };
    await issueServer();
    return { created: true, paths };
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await createCa(paths.ca, 'mfv sandbox dev CA - toss mtls');
  await issueServer();
  await issueClientCert({ ca: paths.ca, out: paths.client, days: TOSS_CERT_DAYS.client });
  return { created: true, paths };
}

/** The listener's TLS material from `dir` (server key and certificate, the CA to trust). */
export async function loadTossTls(paths: DevCertPaths): Promise<TossTlsMaterial> {
  const [key, cert, ca] = await Promise.all([
    readFile(paths.server.key, 'utf8'),
    readFile(paths.server.cert, 'utf8'),
    readFile(paths.ca.cert, 'utf8'),
  ]);
  return { key, cert, ca };
}
