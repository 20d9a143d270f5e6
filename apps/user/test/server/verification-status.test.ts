import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { callApi, type AuthConfig, type AuthContext } from '@mfv/auth';
import { readVerificationStatus, VERIFICATION_STATUS_TIMEOUT_MS } from '../../src/server/verification-status';

/** 내 정보 reads the status over real HTTP (a local server playing the api), bounded. */

let answer: (req: IncomingMessage, res: ServerResponse) => void = () => {};
const server = createServer((req, res) => answer(req, res));
let auth: AuthContext;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const config = { apiUrl: `http://127.0.0.1:${port}`, backendTimeoutMs: 5000 } as AuthConfig;
  auth = {
    sub: '00000000-0000-4000-8000-000000000001',
    sid: 'sid',
    scopes: [],
    accessToken: 'access-token',
    requestId: 'req-1',
    api: (path, call = {}) =>
      callApi(config, path, { ...call, accessToken: 'access-token', requestId: 'req-1' }),
  };
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
// The warning each omitted status logs (a JSON line on stderr).
beforeEach(() => void vi.spyOn(process.stderr, 'write').mockImplementation(() => true));
afterEach(() => vi.restoreAllMocks());

describe('내 정보: reading the verification status', () => {
  it('the api answering: the status', async () => {
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ verified: false }));
    };
    expect(await readVerificationStatus(auth)).toEqual({ verified: false });
  });

  it('the api silent or failing: no status (the page renders without it), within the bound', async () => {
    answer = () => {}; // never answers
    const started = performance.now();
    expect(await readVerificationStatus(auth)).toBeNull();
    expect(performance.now() - started).toBeLessThan(VERIFICATION_STATUS_TIMEOUT_MS + 1000);

    answer = (_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'DB_UNAVAILABLE', message: 'database unavailable' }));
    };
    expect(await readVerificationStatus(auth)).toBeNull();
  });
});
