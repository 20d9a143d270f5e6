/**
 * loadMtlsCredentials against certificates issued with the openssl CLI in a temp folder: the
 * resolution order (file, env PEM, Docker secret), the key-file permission rule, certificate
 * parsing, validity window, key/certificate match, and the expiry warning.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadMtlsCredentials,
  mtlsHealth,
  MtlsError,
  MTLS_DEFAULT_SECRET_NAMES,
  type MtlsLoadOptions,
  type MtlsLogger,
} from '../src/index.js';
import { issue, makeCa, type Issued } from '@mfv/testkit/tls';

let dir: string;
let emptySecrets: string;
let ca: Issued;
let client: Issued; // 365 days
let other: Issued; // another key pair from the same CA
let shortLived: Issued; // 10 days
let oneDay: Issued; // 1 day

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mfv-mtls-load-'));
  emptySecrets = join(dir, 'no-secrets');
  mkdirSync(emptySecrets);
  ca = makeCa(dir, 'test-ca');
  client = issue(dir, ca, 'client', { kind: 'client', days: 365 });
  other = issue(dir, ca, 'other', { kind: 'client', days: 365 });
  shortLived = issue(dir, ca, 'short', { kind: 'client', days: 10 });
  oneDay = issue(dir, ca, 'one-day', { kind: 'client', days: 1 });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failure(options: MtlsLoadOptions): Promise<MtlsError> {
  try {
    await loadMtlsCredentials({ secretsDir: emptySecrets, ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(MtlsError);
    return error as MtlsError;
  }
  throw new Error('expected loadMtlsCredentials to throw');
}

function recordingLogger(): MtlsLogger & { calls: { context: Record<string, unknown>; message: string }[] } {
  const calls: { context: Record<string, unknown>; message: string }[] = [];
  return { calls, warn: (context, message) => calls.push({ context, message }) };
}

describe('key file permissions', () => {
  it('accepts a 0600 key file', async () => {
    chmodSync(client.keyPath, 0o600);
    const credentials = await loadMtlsCredentials({
      certFile: client.certPath,
      keyFile: client.keyPath,
      secretsDir: emptySecrets,
    });
    expect(credentials.sources).toEqual({ cert: `file:${client.certPath}`, key: `file:${client.keyPath}` });
    expect(credentials.certificate.subject).toBe('CN=client');
    expect(credentials.certificate.issuer).toBe('CN=test-ca');
  });

  it('accepts a 0400 key file', async () => {
    chmodSync(client.keyPath, 0o400);
    try {
      await expect(
        loadMtlsCredentials({ certFile: client.certPath, keyFile: client.keyPath, secretsDir: emptySecrets }),
      ).resolves.toBeDefined();
    } finally {
      chmodSync(client.keyPath, 0o600);
    }
  });

  it.each([0o644, 0o640, 0o604, 0o660])('refuses a key file with mode %o, naming the file', async (mode) => {
    chmodSync(client.keyPath, mode);
    try {
      const error = await failure({ certFile: client.certPath, keyFile: client.keyPath });
      expect(error.code).toBe('MTLS_KEY_FILE_PERMISSIONS');
      expect(error.message).toContain(client.keyPath);
      expect(error.message).toContain(`0${mode.toString(8)}`);
      expect(error.cause.source).toBe(`file:${client.keyPath}`);
    } finally {
      chmodSync(client.keyPath, 0o600);
    }
  });

  it('does not apply the rule to the certificate file (public data)', async () => {
    chmodSync(client.certPath, 0o644);
    await expect(
      loadMtlsCredentials({ certFile: client.certPath, keyFile: client.keyPath, secretsDir: emptySecrets }),
    ).resolves.toBeDefined();
  });
});

describe('resolution order', () => {
  it('reads PEM text (env) and accepts one-line PEM with \\n escapes', async () => {
    const credentials = await loadMtlsCredentials({
      cert: client.cert.replace(/\n/g, '\\n'),
      key: client.key,
      secretsDir: emptySecrets,
    });
    expect(credentials.sources).toEqual({ cert: 'env', key: 'env' });
    expect(credentials.certificate.subject).toBe('CN=client');
  });

  it('resolves Docker secrets from the (injected) secrets folder', async () => {
    const secrets = mkdtempSync(join(dir, 'secrets-'));
    writeFileSync(join(secrets, MTLS_DEFAULT_SECRET_NAMES.cert), client.cert);
    writeFileSync(join(secrets, MTLS_DEFAULT_SECRET_NAMES.key), client.key, { mode: 0o600 });
    writeFileSync(join(secrets, MTLS_DEFAULT_SECRET_NAMES.ca), ca.cert);
    const credentials = await loadMtlsCredentials({ secretsDir: secrets });
    expect(credentials.sources).toEqual({
      cert: `secret:${join(secrets, 'mtls_client_cert')}`,
      key: `secret:${join(secrets, 'mtls_client_key')}`,
      ca: `secret:${join(secrets, 'mtls_ca')}`,
    });
    expect(credentials.ca).toBe(ca.cert);
  });

  it('uses configured secret names', async () => {
    const secrets = mkdtempSync(join(dir, 'secrets-'));
    writeFileSync(join(secrets, 'toss_cert'), client.cert);
    writeFileSync(join(secrets, 'toss_key'), client.key, { mode: 0o600 });
    const credentials = await loadMtlsCredentials({
      secretsDir: secrets,
      secretNames: { cert: 'toss_cert', key: 'toss_key' },
    });
    expect(credentials.sources.key).toBe(`secret:${join(secrets, 'toss_key')}`);
  });

  it('applies the permission rule to a Docker-secret key file too', async () => {
    const secrets = mkdtempSync(join(dir, 'secrets-'));
    writeFileSync(join(secrets, MTLS_DEFAULT_SECRET_NAMES.cert), client.cert);
    const keyPath = join(secrets, MTLS_DEFAULT_SECRET_NAMES.key);
    writeFileSync(keyPath, client.key);
    chmodSync(keyPath, 0o644);
    const error = await failure({ secretsDir: secrets });
    expect(error.code).toBe('MTLS_KEY_FILE_PERMISSIONS');
    expect(error.message).toContain(keyPath);
  });

  it('a file path wins over a Docker secret', async () => {
    const secrets = mkdtempSync(join(dir, 'secrets-'));
    writeFileSync(join(secrets, MTLS_DEFAULT_SECRET_NAMES.cert), other.cert);
    writeFileSync(join(secrets, MTLS_DEFAULT_SECRET_NAMES.key), other.key, { mode: 0o600 });
    const credentials = await loadMtlsCredentials({
      certFile: client.certPath,
      keyFile: client.keyPath,
      secretsDir: secrets,
    });
    expect(credentials.certificate.subject).toBe('CN=client');
    expect(credentials.sources.cert).toBe(`file:${client.certPath}`);
  });

  it('refuses a file path and PEM text for the same item', async () => {
    const error = await failure({ certFile: client.certPath, cert: client.cert, keyFile: client.keyPath });
    expect(error.code).toBe('MTLS_CONFIG_INVALID');
    expect(error.message).toContain('certFile');
  });

  it('names what is missing when there is no key anywhere', async () => {
    const error = await failure({ certFile: client.certPath });
    expect(error.code).toBe('MTLS_MATERIAL_MISSING');
    expect(error.message).toContain('MTLS_KEY_FILE');
    expect(error.message).toContain(join(emptySecrets, 'mtls_client_key'));
  });

  it('names what is missing when there is no certificate anywhere', async () => {
    const error = await failure({ keyFile: client.keyPath });
    expect(error.code).toBe('MTLS_MATERIAL_MISSING');
    expect(error.cause.item).toBe('cert');
  });

  it('reports a configured file that does not exist, naming it', async () => {
    const missing = join(dir, 'nope.key');
    const error = await failure({ certFile: client.certPath, keyFile: missing });
    expect(error.code).toBe('MTLS_FILE_UNREADABLE');
    expect(error.message).toContain(missing);
  });

  it('reports a folder given as a key file', async () => {
    const folder = mkdtempSync(join(dir, 'folder-'));
    chmodSync(folder, 0o700);
    const error = await failure({ certFile: client.certPath, keyFile: folder });
    expect(error.code).toBe('MTLS_FILE_UNREADABLE');
  });
});

describe('certificate and key checks', () => {
  it('refuses something that is not a certificate', async () => {
    const error = await failure({ cert: 'not a certificate', keyFile: client.keyPath });
    expect(error.code).toBe('MTLS_CERT_INVALID');
  });

  it('refuses something that is not a private key, without echoing it', async () => {
    const error = await failure({ certFile: client.certPath, key: 'SECRET-LOOKING-GARBAGE' });
    expect(error.code).toBe('MTLS_KEY_INVALID');
    expect(error.message).not.toContain('SECRET-LOOKING-GARBAGE');
  });

  it('refuses a CA bundle that is not a certificate', async () => {
    const error = await failure({ certFile: client.certPath, keyFile: client.keyPath, ca: 'garbage' });
    expect(error.code).toBe('MTLS_CA_INVALID');
  });

  it('refuses a key that does not belong to the certificate', async () => {
    const error = await failure({ certFile: client.certPath, keyFile: other.keyPath });
    expect(error.code).toBe('MTLS_KEY_MISMATCH');
    expect(error.message).toContain(other.keyPath);
  });

  it('refuses an expired certificate', async () => {
    const later = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    const error = await failure({ certFile: oneDay.certPath, keyFile: oneDay.keyPath, now: later });
    expect(error.code).toBe('MTLS_CERT_EXPIRED');
    expect(error.message).toContain('expired');
  });

  it('refuses a certificate that is not valid yet', async () => {
    const earlier = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    const error = await failure({ certFile: client.certPath, keyFile: client.keyPath, now: earlier });
    expect(error.code).toBe('MTLS_CERT_NOT_YET_VALID');
  });
});

describe('expiry warning', () => {
  it('warns through the injected logger when the certificate ends within 30 days', async () => {
    const logger = recordingLogger();
    const credentials = await loadMtlsCredentials({
      certFile: shortLived.certPath,
      keyFile: shortLived.keyPath,
      secretsDir: emptySecrets,
      logger,
    });
    expect(credentials.certificate.daysLeft).toBeGreaterThanOrEqual(9);
    expect(credentials.certificate.daysLeft).toBeLessThanOrEqual(10);
    expect(logger.calls).toHaveLength(1);
    expect(logger.calls[0]?.message).toMatch(/expires in (9|10) days/);
    expect(logger.calls[0]?.context).toMatchObject({
      subject: 'CN=short',
      fingerprint: credentials.certificate.fingerprint,
    });
  });

  it('stays quiet for a certificate with a year left', async () => {
    const logger = recordingLogger();
    await loadMtlsCredentials({
      certFile: client.certPath,
      keyFile: client.keyPath,
      secretsDir: emptySecrets,
      logger,
    });
    expect(logger.calls).toHaveLength(0);
  });
});

describe('health and secrecy', () => {
  it('exposes notAfter, daysLeft, subject, issuer and the openssl SHA-256 fingerprint', async () => {
    const credentials = await loadMtlsCredentials({
      certFile: client.certPath,
      keyFile: client.keyPath,
      secretsDir: emptySecrets,
    });
    const health = mtlsHealth(credentials);
    const opensslFingerprint = execFileSync('openssl', [
      'x509',
      '-in',
      client.certPath,
      '-noout',
      '-fingerprint',
      '-sha256',
    ])
      .toString()
      .trim()
      .split('=')[1];
    expect(health).toEqual({
      notAfter: credentials.certificate.notAfter,
      daysLeft: expect.any(Number),
      subject: 'CN=client',
      issuer: 'CN=test-ca',
      fingerprint: opensslFingerprint,
    });
    expect(health.daysLeft).toBeGreaterThanOrEqual(363);
    const later = mtlsHealth(
      credentials,
      new Date(Date.parse(credentials.certificate.notAfter) - 5 * 86_400_000),
    );
    expect(later.daysLeft).toBe(5);
  });

  it('never serialises or prints the private key', async () => {
    const credentials = await loadMtlsCredentials({
      certFile: client.certPath,
      keyFile: client.keyPath,
      secretsDir: emptySecrets,
    });
    expect(credentials.key).toBe(client.key);
    expect(JSON.stringify(credentials)).not.toContain('PRIVATE KEY');
    expect(inspect(credentials)).not.toContain('PRIVATE KEY');
    expect(Object.keys(credentials)).not.toContain('key');
  });
});
