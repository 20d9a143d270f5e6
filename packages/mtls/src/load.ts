/**
 * Loads the mTLS client certificate, its private key and an optional CA bundle, and refuses to
 * go on with anything unsafe or unusable (Toss mTLS 인증서 가이드: `chmod 600 client-key.pem`,
 * never shared, certificates valid 390 days; keys from env, files or Docker secrets, never
 * committed — docs/providers/toss.md).
 *
 * Resolution order, the same for each of the three items (certificate, key, CA bundle):
 *
 *   1. a file path            (`certFile` / `keyFile` / `caFile`; env `MTLS_*_FILE`)
 *   2. PEM text               (`cert` / `key` / `ca`; env `MTLS_CERT`, `MTLS_KEY`, `MTLS_CA`)
 *   3. a Docker secret file   (`<secretsDir>/<secretName>`, default `/run/secrets/mtls_client_cert`,
 *                              `/run/secrets/mtls_client_key`, `/run/secrets/mtls_ca`)
 *
 * Setting both 1 and 2 for the same item is a configuration error (one value, one place). The
 * first source present wins; later ones are not consulted. Certificate and key are required, the
 * CA bundle is optional: it is the trust anchor for the SERVER's certificate (e.g. the sandbox's
 * own CA) and replaces the system store when given; leave it unset for a host with a public CA.
 *
 * Checks, each a named {@link MtlsError}:
 * - a key that lives in a file (1 or 3) must not be accessible to group or others
 *   ({@link MTLS_KEY_FILE_FORBIDDEN_MODE_BITS}); the message names the file;
 * - the certificate parses (node:crypto X509Certificate), is inside its validity window, and
 *   the key is the certificate's key (`X509Certificate.checkPrivateKey`);
 * - a certificate that expires within {@link MTLS_EXPIRY_WARNING_DAYS} days is logged as a
 *   warning through the injected logger.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { MtlsError } from './errors.js';
import './marker.js';

/** Where Docker (compose and swarm) mounts secrets. */
export const MTLS_DEFAULT_SECRETS_DIR = '/run/secrets';
export const MTLS_DEFAULT_SECRET_NAMES = {
  cert: 'mtls_client_cert',
  key: 'mtls_client_key',
  ca: 'mtls_ca',
} as const;
/**
 * Permission bits a key file must not have: any group or other access. 0600 and 0400 pass,
 * 0640, 0644 and 0604 do not (Toss mTLS 인증서 가이드: "chmod 600 client-key.pem").
 */
export const MTLS_KEY_FILE_FORBIDDEN_MODE_BITS = 0o077;
/** PEM files are a few KiB; anything larger is not one. */
export const MTLS_MAX_PEM_BYTES = 1024 * 1024;
/** Warn this many days before the certificate ends (Toss certificates last 390 days). */
export const MTLS_EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type MtlsItem = 'cert' | 'key' | 'ca';

/** A pino-compatible subset: `logger.warn({ ...context }, 'message')`. */
export interface MtlsLogger {
  warn(context: Record<string, unknown>, message: string): void;
}

export interface MtlsSourceOptions {
  certFile?: string | undefined;
  /** PEM text of the client certificate (and any intermediates after it). */
  cert?: string | undefined;
  keyFile?: string | undefined;
  /** PEM text of the unencrypted private key. */
  key?: string | undefined;
  caFile?: string | undefined;
  ca?: string | undefined;
  /** Default {@link MTLS_DEFAULT_SECRETS_DIR}; injectable for tests. */
  secretsDir?: string | undefined;
  secretNames?: Partial<Record<MtlsItem, string>> | undefined;
}

export interface MtlsLoadOptions extends MtlsSourceOptions {
  /** Clock for the validity checks; default now. */
  now?: Date;
  logger?: MtlsLogger;
  expiryWarningDays?: number;
}

/** What the health endpoint shows: nothing secret. */
export interface MtlsCertificateInfo {
  /** ISO 8601. */
  notBefore: string;
  /** ISO 8601. */
  notAfter: string;
  /** Whole days until `notAfter` (negative once expired). */
  daysLeft: number;
  subject: string;
  issuer: string;
  /** SHA-256 fingerprint, colon-separated upper-case hex (as `openssl x509 -fingerprint -sha256`). */
  fingerprint: string;
}

export interface MtlsCredentials {
  readonly cert: string;
  /** Non-enumerable: never serialised or printed by accident. */
  readonly key: string;
  readonly ca?: string;
  readonly certificate: MtlsCertificateInfo;
  /** Where each item came from, e.g. `file:/etc/mfv/client.crt`, `env`, `secret:/run/secrets/…`. */
  readonly sources: Readonly<{ cert: string; key: string; ca?: string }>;
}

interface Resolved {
  pem: string;
  source: string;
}

const LABELS: Record<MtlsItem, string> = {
  cert: 'client certificate',
  key: 'client private key',
  ca: 'CA bundle',
};

/** PEM from an env variable may arrive with literal `\n` escapes (one-line secrets stores). */
function normaliseInlinePem(value: string): string {
  return value.includes('\n') ? value : value.replace(/\\n/g, '\n');
}

function modeString(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

async function readPemFile(item: MtlsItem, path: string, origin: 'file' | 'secret'): Promise<Resolved> {
  const source = `${origin}:${path}`;
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new MtlsError(
      'MTLS_FILE_UNREADABLE',
      `mTLS ${LABELS[item]} file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      { item, source },
    );
  }
  if (!info.isFile()) {
    throw new MtlsError('MTLS_FILE_UNREADABLE', `mTLS ${LABELS[item]} ${path} is not a regular file`, {
      item,
      source,
    });
  }
  if (item === 'key' && (info.mode & MTLS_KEY_FILE_FORBIDDEN_MODE_BITS) !== 0) {
    throw new MtlsError(
      'MTLS_KEY_FILE_PERMISSIONS',
      `refusing to start: mTLS private key file ${path} has mode ${modeString(info.mode)} and is accessible ` +
        `to group or others; it must be 0600 or stricter (chmod 600 ${path})`,
      { item, source, mode: modeString(info.mode) },
    );
  }
  if (info.size > MTLS_MAX_PEM_BYTES) {
    throw new MtlsError(
      'MTLS_FILE_UNREADABLE',
      `mTLS ${LABELS[item]} file ${path} is larger than ${MTLS_MAX_PEM_BYTES} bytes`,
      { item, source },
    );
  }
  try {
    return { pem: await readFile(path, 'utf8'), source };
  } catch (error) {
    throw new MtlsError(
      'MTLS_FILE_UNREADABLE',
      `mTLS ${LABELS[item]} file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      { item, source },
    );
  }
}

async function secretExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    return true; // exists but cannot be stat'ed: let readPemFile report it
  }
}

const FIELD_NAMES: Record<MtlsItem, { file: keyof MtlsSourceOptions; inline: keyof MtlsSourceOptions }> = {
  cert: { file: 'certFile', inline: 'cert' },
  key: { file: 'keyFile', inline: 'key' },
  ca: { file: 'caFile', inline: 'ca' },
};

/** Applies the resolution order to one item; `undefined` when no source has it. */
export async function resolveMtlsItem(
  item: MtlsItem,
  options: MtlsSourceOptions,
): Promise<Resolved | undefined> {
  const names = FIELD_NAMES[item];
  const file = options[names.file] as string | undefined;
  const inline = options[names.inline] as string | undefined;
  if (file !== undefined && file !== '' && inline !== undefined && inline !== '') {
    throw new MtlsError(
      'MTLS_CONFIG_INVALID',
      `mTLS ${LABELS[item]}: set either ${names.file} or ${names.inline}, not both`,
      { item },
    );
  }
  if (file !== undefined && file !== '') return readPemFile(item, file, 'file');
  if (inline !== undefined && inline !== '') return { pem: normaliseInlinePem(inline), source: 'env' };
  const dir = options.secretsDir ?? MTLS_DEFAULT_SECRETS_DIR;
  const name = options.secretNames?.[item] ?? MTLS_DEFAULT_SECRET_NAMES[item];
  const path = join(dir, name);
  if (await secretExists(path)) return readPemFile(item, path, 'secret');
  return undefined;
}

function formatName(value: string): string {
  return value.split('\n').filter(Boolean).join(', ');
}

/** Reads the facts the health endpoint shows, as of `now`. */
export function describeCertificate(
  certificate: X509Certificate,
  now: Date = new Date(),
): MtlsCertificateInfo {
  const notBefore = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  return {
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS),
    subject: formatName(certificate.subject),
    issuer: formatName(certificate.issuer),
    fingerprint: certificate.fingerprint256,
  };
}

function parseCertificate(item: 'cert' | 'ca', resolved: Resolved): X509Certificate {
  try {
    return new X509Certificate(resolved.pem);
  } catch {
    throw new MtlsError(
      item === 'cert' ? 'MTLS_CERT_INVALID' : 'MTLS_CA_INVALID',
      `mTLS ${LABELS[item]} from ${resolved.source} is not a PEM X.509 certificate`,
      { item, source: resolved.source },
    );
  }
}

function parseKey(resolved: Resolved): KeyObject {
  try {
    return createPrivateKey(resolved.pem);
  } catch {
    throw new MtlsError(
      'MTLS_KEY_INVALID',
      `mTLS ${LABELS.key} from ${resolved.source} is not an unencrypted PEM private key`,
      { item: 'key', source: resolved.source },
    );
  }
}

/**
 * Resolves, reads and checks the client credentials. Throws {@link MtlsError}; call it at boot
 * so a bad key or certificate stops the process with a message naming the file.
 */
export async function loadMtlsCredentials(options: MtlsLoadOptions = {}): Promise<MtlsCredentials> {
  const now = options.now ?? new Date();
  const warningDays = options.expiryWarningDays ?? MTLS_EXPIRY_WARNING_DAYS;
  const cert = await resolveMtlsItem('cert', options);
  const key = await resolveMtlsItem('key', options);
  const ca = await resolveMtlsItem('ca', options);
  const secretsDir = options.secretsDir ?? MTLS_DEFAULT_SECRETS_DIR;
  if (cert === undefined) {
    throw new MtlsError(
      'MTLS_MATERIAL_MISSING',
      `no mTLS ${LABELS.cert}: set MTLS_CERT_FILE or MTLS_CERT, or provide the Docker secret ` +
        `${join(secretsDir, options.secretNames?.cert ?? MTLS_DEFAULT_SECRET_NAMES.cert)}`,
      { item: 'cert' },
    );
  }
  if (key === undefined) {
    throw new MtlsError(
      'MTLS_MATERIAL_MISSING',
      `no mTLS ${LABELS.key}: set MTLS_KEY_FILE or MTLS_KEY, or provide the Docker secret ` +
        `${join(secretsDir, options.secretNames?.key ?? MTLS_DEFAULT_SECRET_NAMES.key)}`,
      { item: 'key' },
    );
  }

  const x509 = parseCertificate('cert', cert);
  const privateKey = parseKey(key);
  if (ca !== undefined) parseCertificate('ca', ca);

  const info = describeCertificate(x509, now);
  if (now.getTime() > Date.parse(info.notAfter)) {
    throw new MtlsError(
      'MTLS_CERT_EXPIRED',
      `mTLS ${LABELS.cert} from ${cert.source} expired on ${info.notAfter} (subject ${info.subject}); ` +
        'issue a new one in the provider console',
      { item: 'cert', source: cert.source, notAfter: info.notAfter, fingerprint: info.fingerprint },
    );
  }
  if (now.getTime() < Date.parse(info.notBefore)) {
    throw new MtlsError(
      'MTLS_CERT_NOT_YET_VALID',
      `mTLS ${LABELS.cert} from ${cert.source} is not valid before ${info.notBefore}`,
      { item: 'cert', source: cert.source, notBefore: info.notBefore },
    );
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new MtlsError(
      'MTLS_KEY_MISMATCH',
      `mTLS ${LABELS.key} from ${key.source} does not belong to the certificate from ${cert.source}`,
      { item: 'key', source: key.source, certSource: cert.source },
    );
  }
  if (info.daysLeft < warningDays) {
    options.logger?.warn(
      {
        notAfter: info.notAfter,
        daysLeft: info.daysLeft,
        subject: info.subject,
        fingerprint: info.fingerprint,
        source: cert.source,
      },
      `mTLS client certificate expires in ${info.daysLeft} days (${info.notAfter}); renew it before then`,
    );
  }

  const sources: { cert: string; key: string; ca?: string } = { cert: cert.source, key: key.source };
  if (ca !== undefined) sources.ca = ca.source;
  const credentials = { cert: cert.pem, certificate: info, sources: Object.freeze(sources) } as {
    cert: string;
    ca?: string;
    certificate: MtlsCertificateInfo;
    sources: MtlsCredentials['sources'];
  };
  if (ca !== undefined) credentials.ca = ca.pem;
  Object.defineProperty(credentials, 'key', { value: key.pem, enumerable: false });
  Object.defineProperty(credentials, inspect.custom, {
    value: () => ({ certificate: info, sources, key: '[redacted]' }),
    enumerable: false,
  });
  return Object.freeze(credentials) as MtlsCredentials;
}

/** `{notAfter, daysLeft, subject, issuer, fingerprint}` for a health endpoint, as of `now`. */
export function mtlsHealth(
  credentials: Pick<MtlsCredentials, 'cert'>,
  now: Date = new Date(),
): Pick<MtlsCertificateInfo, 'notAfter' | 'daysLeft' | 'subject' | 'issuer' | 'fingerprint'> {
  const { notAfter, daysLeft, subject, issuer, fingerprint } = describeCertificate(
    new X509Certificate(credentials.cert),
    now,
  );
  return { notAfter, daysLeft, subject, issuer, fingerprint };
}
