import type { AddressInfo } from 'node:net';
import { buildApp, type ApiApp } from '@mfv/api/app';
import type { SignedInResponse } from '@mfv/api-contract';
import { migrate, openPglite, type Queryable } from '@mfv/api/db';
import { createCiKeyring } from '@mfv/api/identity';
import { generateSigningKeyPem, loadKeySet, type KeySet } from '@mfv/api/keys';
import { consentsFor } from '@mfv/api-contract';

/**
 * The real api, in-process on a free port with an in-memory PGlite: for other packages'
 * integration tests (@mfv/auth, the Next apps) that need real tokens, refresh rotation and reuse
 * detection rather than a mock. Not used by the production server.
 */
export interface TestApi {
  url: string;
  internalToken: string;
  keys: KeySet;
  app: ApiApp;
  /** The api's database, for assertions on what was stored (e.g. a verification record). */
  db: Queryable;
  /** Signs up a fresh user through the real endpoints; returns its first token set. */
  signUp(nickname?: string): Promise<SignedInResponse>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  accessTokenTtlSeconds?: number;
  refreshGraceSeconds?: number;
  /** Called for every request the api receives (method and path), e.g. to count refreshes. */
  onRequest?: (method: string, path: string) => void;
}

export const TEST_API_INTERNAL_TOKEN = 'test-api-internal-token-0123456789abcdef';

let kakaoIds = 9_000_000_000;

export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const db = await openPglite();
  await migrate(db);
  const keys = await loadKeySet({ pem: generateSigningKeyPem(), source: 'test' });
  const app = await buildApp({
    db,
    keys,
    sealSecret: 'test-api-seal-secret-0123456789abcdef0123456789',
    internalToken: TEST_API_INTERNAL_TOKEN,
    ciKeys: createCiKeyring('test-api-identity-ci-key-0123456789abcdef'),
    settings: {
      issuer: 'urn:mfv:api',
      audience: 'urn:mfv:web',
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 900,
      refreshTokenTtlSeconds: 14 * 86_400,
      refreshGraceSeconds: options.refreshGraceSeconds ?? 10,
      signupTicketTtlSeconds: 600,
    },
    sealSweepIntervalMs: 0,
  });
  if (options.onRequest) {
    const onRequest = options.onRequest;
    app.addHook('onRequest', async (request) => onRequest(request.method, request.url.split('?')[0] ?? ''));
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_API_INTERNAL_TOKEN}` },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  return {
    url,
    internalToken: TEST_API_INTERNAL_TOKEN,
    keys,
    app,
    db,
    async signUp(nickname = '테스트') {
      const login = await post('/auth/login/kakao', { kakaoId: String(kakaoIds++) });
      return (await post('/users', {
        signupTicket: login.signupTicket,
        nickname,
        consents: consentsFor(),
      })) as unknown as SignedInResponse;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
