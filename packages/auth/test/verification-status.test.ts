import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthContext } from '../src/auth.js';
import { callApi } from '../src/backend.js';
import type { AuthConfig } from '../src/env.js';
import { readVerificationStatus, VERIFICATION_STATUS_TIMEOUT_MS } from '../src/verification-status.js';

/**
 * The shell (every page) and the user remote (내 정보) read the member's verification status for
 * their server render over real HTTP (a local server playing the api): the status when the api
 * answers, nothing — never an error, never a wait past the bound — when it is slow, failing or
 * off-contract.
 */

let answer: (req: IncomingMessage, res: ServerResponse) => void = () => {};
const seen: { url?: string; authorization?: string }[] = [];
const server: Server = createServer((req, res) => {
  seen.push({ url: req.url, authorization: req.headers.authorization });
  answer(req, res);
});
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
afterEach(() => {
  vi.restoreAllMocks();
  seen.length = 0;
});

const json = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('the verification status of a server render', () => {
  it('asks GET /verifications/me as the member and passes the status on', async () => {
    const status = {
      verified: true,
      kind: 'phone-identity',
      maskedName: '이*연',
      verifiedAt: '2026-12-03T01:00:00Z',
    };
    answer = json(200, status);
    expect(await readVerificationStatus(auth)).toEqual(status);
    expect(seen).toEqual([{ url: '/verifications/me', authorization: 'Bearer access-token' }]);
  });

  it('an api that does not answer: left out after the bound, not an error', async () => {
    answer = () => {}; // never answers
    const started = performance.now();
    expect(await readVerificationStatus(auth)).toBeNull();
    const ms = performance.now() - started;
    expect(ms).toBeGreaterThanOrEqual(VERIFICATION_STATUS_TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(VERIFICATION_STATUS_TIMEOUT_MS + 1000);
  });

  it('an api failing, or answering off the contract (a field the page must never get): left out', async () => {
    answer = json(503, { code: 'DB_UNAVAILABLE', message: 'database unavailable' });
    expect(await readVerificationStatus(auth)).toBeNull();
    answer = json(200, {
      verified: true,
      kind: 'phone-identity',
      verifiedAt: '2026-12-03T01:00:00Z',
      di: 'DI',
    });
    expect(await readVerificationStatus(auth)).toBeNull();
  });
});
