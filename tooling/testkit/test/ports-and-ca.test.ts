import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, freePorts, portIsFree } from '../src/ports.js';
import { issue, makeCa } from '../src/tls.js';

describe('freePort / portIsFree', () => {
  it('hands out a port that can be bound, and sees it taken while bound', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(await portIsFree(port)).toBe(true);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      expect(await portIsFree(port)).toBe(false);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('freePorts', () => {
  it('hands out distinct ports, each free once drawn', async () => {
    const ports = await freePorts(24);
    expect(new Set(ports).size).toBe(24);
    for (const port of ports) expect(await portIsFree(port)).toBe(true);
  });
});

describe('test CA', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mfv-testkit-ca-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('issues server and client certificates its CA signed, keys private to the user', () => {
    const ca = makeCa(dir, 'test-ca', { days: 1 });
    const server = issue(dir, ca, 'server', { kind: 'server', days: 1 });
    const client = issue(dir, ca, 'client', { kind: 'client', days: 1 });
    const caCert = new X509Certificate(ca.cert);
    expect(caCert.ca).toBe(true);
    for (const leaf of [server, client]) {
      const cert = new X509Certificate(leaf.cert);
      expect(cert.checkIssued(caCert)).toBe(true);
      expect(cert.verify(caCert.publicKey)).toBe(true);
      expect(statSync(leaf.keyPath).mode & 0o777).toBe(0o600);
    }
    expect(new X509Certificate(server.cert).checkIP('127.0.0.1')).toBe('127.0.0.1');
    const other = makeCa(dir, 'other-ca', { days: 1 });
    expect(new X509Certificate(server.cert).verify(new X509Certificate(other.cert).publicKey)).toBe(false);
  });

  it('explains a failing openssl call', () => {
    expect(() =>
      issue(join(dir, 'missing'), { certPath: '', keyPath: '', cert: '', key: '' }, 'x', {
        kind: 'client',
        days: 1,
      }),
    ).toThrow(/openssl req failed/);
  });
});
