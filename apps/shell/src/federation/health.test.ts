import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let healthy = true;
let hang = false;
const server = http.createServer((req, res) => {
  if (hang) return; // accepts, never answers
  res.statusCode = healthy && req.url === '/notice/_next/static/chunks/remoteEntry.js' ? 200 : 503;
  res.end();
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  process.env.MFV_NOTICE_PORT = String((server.address() as AddressInfo).port);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('remote health', () => {
  it('checks the client entry, caches the answer for the interval, re-checks when stale', async () => {
    const { isRemoteHealthy, CHECK_INTERVAL_MS } = await import('./health');
    const t0 = Date.now();
    expect(await isRemoteHealthy('notice', t0)).toBe(true);
    healthy = false;
    expect(await isRemoteHealthy('notice', t0 + 10)).toBe(true); // cached
    expect(await isRemoteHealthy('notice', Date.now() + CHECK_INTERVAL_MS + 1)).toBe(false);
    healthy = true;
  });

  it('a remote that never answers counts as down within the check timeout', async () => {
    const { isRemoteHealthy, CHECK_INTERVAL_MS, CHECK_TIMEOUT_MS } = await import('./health');
    hang = true;
    const started = Date.now();
    expect(await isRemoteHealthy('notice', Date.now() + 10 * CHECK_INTERVAL_MS)).toBe(false);
    expect(Date.now() - started).toBeLessThan(CHECK_TIMEOUT_MS + 500);
    hang = false;
  });
});
