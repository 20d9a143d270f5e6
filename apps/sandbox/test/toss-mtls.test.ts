import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TOSS_EXISTING_MEMBER } from '../src/providers/toss/personas.js';
import { ensureDevCerts, issueCert } from '../src/providers/toss/certs.js';
import { LOGIN_API, startToss, testCerts, tokensFor, tossRequest } from './toss-helpers.js';

/**
 * What a refused handshake looks like to node's TLS client. No certificate: OpenSSL itself ends the
 * handshake with alert 116 certificate_required (TLS 1.3). A certificate that does not verify:
 * node's server (rejectUnauthorized) destroys the socket before the handshake completes, which a
 * TLS 1.2 client reports as a disconnect "before secure TLS connection was established".
 */
const NO_CERTIFICATE = /ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED/;
const HANDSHAKE_REFUSED = /before secure TLS connection was established|alert/i;

function errorText(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return `${e.code ?? ''} ${e.message ?? ''}`;
}

beforeAll(async () => {
  await testCerts();
}, 60_000);

describe('Toss partner API over mTLS (requestCert + rejectUnauthorized)', () => {
  it('without a client certificate the TLS handshake is refused: no HTTP answer at all', async () => {
    const { mtls } = await startToss();
    const err = await tossRequest(mtls, `${LOGIN_API}/login-me`, { client: null }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeDefined();
    expect(errorText(err)).toMatch(NO_CERTIFICATE);
  });

  it('a client certificate from another CA is refused', async () => {
    const { mtls } = await startToss();
    const { foreign } = await testCerts();
    const err = await tossRequest(mtls, `${LOGIN_API}/login-me`, {
      client: foreign,
      maxVersion: 'TLSv1.2',
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(errorText(err)).toMatch(HANDSHAKE_REFUSED);
    // The same request with the dev certificate completes: the certificate made the difference.
    expect((await tossRequest(mtls, `${LOGIN_API}/login-me`, { maxVersion: 'TLSv1.2' })).status).toBe(401);
  });

  it('an expired client certificate of the right CA is refused', async () => {
    const { mtls } = await startToss();
    const { expired } = await testCerts();
    // Issued with 0 days: notAfter = notBefore. Make sure that second is over.
    const notAfter = Date.parse(new X509Certificate(await readFile(expired.cert)).validTo);
    await new Promise((r) => setTimeout(r, Math.max(0, notAfter + 1100 - Date.now())));
    const err = await tossRequest(mtls, `${LOGIN_API}/login-me`, {
      client: expired,
      maxVersion: 'TLSv1.2',
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(errorText(err)).toMatch(HANDSHAKE_REFUSED);
  });

  it('the dev client certificate gets through: 200 for a full login', async () => {
    const { url, mtls } = await startToss();
    const tokens = await tokensFor(url, mtls, TOSS_EXISTING_MEMBER.id);
    const me = await tossRequest(mtls, `${LOGIN_API}/login-me`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      resultType: 'SUCCESS',
      success: { userKey: TOSS_EXISTING_MEMBER.userKey },
    });
  });

  it('a certificate that expires within N days (here 2) is issued as asked and still accepted', async () => {
    const { mtls } = await startToss();
    const { expiring } = await testCerts();
    const cert = new X509Certificate(await readFile(expiring.cert));
    const left = Date.parse(cert.validTo) - Date.now();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(2 * 24 * 60 * 60 * 1000 + 5000);
    const res = await tossRequest(mtls, `${LOGIN_API}/login-me`, { client: expiring });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ resultType: 'FAIL', error: { errorCode: 'invalid_token' } });
  });

  it('plain HTTP on the mTLS port gets no HTTP answer', async () => {
    const { mtls } = await startToss();
    const port = Number(new URL(mtls).port);
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
      let data = '';
      socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
      socket.on('close', () => resolve(data));
      socket.on('error', () => resolve(data));
    });
    expect(reply).not.toMatch(/^HTTP\/1\.1 200/);
  });

  it('closing the sandbox closes the mTLS listener too', async () => {
    const sandbox = await startToss();
    await sandbox.close();
    const err = await tossRequest(sandbox.mtls, `${LOGIN_API}/login-me`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(errorText(err)).toMatch(/ECONNREFUSED/);
  });
});

describe('Toss dev certificates (mtls:dev-certs)', () => {
  it('makes CA, server and client certificates; keys 0600; server SAN localhost, 127.0.0.1 and the compose names; client for clientAuth', async () => {
    const { paths } = await testCerts();
    for (const pair of [paths.ca, paths.server, paths.client]) {
      expect((await stat(pair.key)).mode & 0o777).toBe(0o600);
    }
    const ca = new X509Certificate(await readFile(paths.ca.cert));
    const server = new X509Certificate(await readFile(paths.server.cert));
    const client = new X509Certificate(await readFile(paths.client.cert));
    expect(ca.ca).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(client.checkIssued(ca)).toBe(true);
    expect(server.subjectAltName).toContain('DNS:localhost');
    expect(server.subjectAltName).toContain('IP Address:127.0.0.1');
    // The compose stack reaches the sandbox as `sandbox` (server side) and `sandbox.localhost`.
    expect(server.subjectAltName).toContain('DNS:sandbox,');
    expect(server.subjectAltName).toContain('DNS:sandbox.localhost');
    expect(client.keyUsage ?? []).toContain('1.3.6.1.5.5.7.3.2');
    expect(client.ca).toBe(false);
  });

  it('keeps existing files and remakes them with force', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mfv-toss-ensure-'));
    const first = await ensureDevCerts(dir);
    expect(first.created).toBe(true);
    const before = await readFile(first.paths.client.cert, 'utf8');
    expect((await ensureDevCerts(dir)).created).toBe(false);
    expect(await readFile(first.paths.client.cert, 'utf8')).toBe(before);
    expect((await ensureDevCerts(dir, { force: true })).created).toBe(true);
    expect(await readFile(first.paths.client.cert, 'utf8')).not.toBe(before);
  }, 30_000);

  it('re-issues a server certificate that lacks a name (an older sandbox’s), keeping the CA and client', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mfv-toss-names-'));
    const { paths } = await ensureDevCerts(dir);
    await issueCert({
      ca: paths.ca,
      out: paths.server,
      commonName: 'localhost',
      days: 825,
      kind: 'server',
      altNames: ['DNS:localhost', 'IP:127.0.0.1'],
    });
    const [ca, client] = await Promise.all([
      readFile(paths.ca.cert, 'utf8'),
      readFile(paths.client.cert, 'utf8'),
    ]);
    expect((await ensureDevCerts(dir)).created).toBe(true);
    const server = new X509Certificate(await readFile(paths.server.cert));
    expect(server.subjectAltName).toContain('DNS:sandbox.localhost');
    expect(server.checkIssued(new X509Certificate(ca))).toBe(true);
    expect(await readFile(paths.ca.cert, 'utf8')).toBe(ca);
    expect(await readFile(paths.client.cert, 'utf8')).toBe(client);
    expect((await ensureDevCerts(dir)).created).toBe(false);
  }, 30_000);
});
