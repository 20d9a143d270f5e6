/**
 * The SSAFY code exchange: the processor on recorded answers, and the request over HTTP against a
 * small server on port 0 (form fields, confidential vs public client, argument checks).
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  completeSsafyVerification,
  createSsafyClient,
  exchangeVerificationCode,
  processVerificationTokenResponse,
  SsafyError,
  type SsafyClient,
  type SsafyClientOptions,
} from '../src/ssafy/index.js';

const fixtures = JSON.parse(
  readFileSync(new URL('./fixtures/ssafy-responses.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, unknown>>;
const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const REDIRECT = 'http://localhost:8080/verify/ssafy/callback';

function recorded(name: string, status = 200): Response {
  const body = JSON.stringify(fixtures[name]).replace('{{JWT}}', JWT);
  return new Response(body, { status, headers: { 'content-type': 'application/json' } });
}

async function failure(promise: Promise<unknown>): Promise<SsafyError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SsafyError);
    return error as SsafyError;
  }
  throw new Error('expected a rejection');
}

describe('processVerificationTokenResponse', () => {
  it('returns the token and request_id', async () => {
    expect(await processVerificationTokenResponse(recorded('success'))).toEqual({
      verificationToken: JWT,
      requestId: 'req-0001',
    });
  });
  it('an OAuth error keeps the request_id, never the code', async () => {
    const error = await failure(processVerificationTokenResponse(recorded('invalidGrant', 400)));
    expect(error.code).toBe('SSAFY_EXCHANGE_REJECTED');
    expect(error.requestId).toBe('req-0002');
    expect(error.uiCode).toBe('VERIFY_RESPONSE_INVALID');
    expect(error.cause.oauthError).toBe('invalid_grant');
    const client = await failure(processVerificationTokenResponse(recorded('invalidClient', 401)));
    expect(client.cause.errorCode).toBe('CLIENT_AUTH_FAILED');
  });
  it('missing, wrong-typed and non-JWS tokens', async () => {
    for (const name of ['missingToken', 'tokenNotString', 'tokenNotJws']) {
      const error = await failure(processVerificationTokenResponse(recorded(name)));
      expect(error.code).toBe('SSAFY_INVALID_RESPONSE');
      expect(error.cause.fields).toContain('verification_token');
    }
  });
  it('non-JSON and unexpected status', async () => {
    expect((await failure(processVerificationTokenResponse(new Response('<html>')))).code).toBe(
      'SSAFY_INVALID_JSON',
    );
    expect((await failure(processVerificationTokenResponse(new Response('', { status: 503 })))).code).toBe(
      'SSAFY_UNEXPECTED_STATUS',
    );
  });
});

describe('over HTTP', () => {
  let server: Server;
  let issuer: string;
  let handler: (req: IncomingMessage, body: string, res: ServerResponse) => void;
  const seen: {
    url: string | undefined;
    headers: IncomingMessage['headers'];
    form: Record<string, string>;
  }[] = [];
  const clients: SsafyClient[] = [];
  let signingKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    signingKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (req.url === '/ssafy/.well-known/jwks.json') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
          return;
        }
        seen.push({
          url: req.url,
          headers: req.headers,
          form: Object.fromEntries(new URLSearchParams(body)),
        });
        handler(req, body, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}/ssafy`;
  });
  afterEach(() => {
    seen.length = 0;
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function client(options: Partial<SsafyClientOptions> = {}): SsafyClient {
    const c = createSsafyClient({
      issuer,
      clientId: 'mfv-web',
      redirectUri: REDIRECT,
      timeoutMs: 2_000,
      ...options,
    });
    clients.push(c);
    return c;
  }

  it('POSTs grant_type=verification_code with code, code_verifier, redirect_uri, client_id (public client)', async () => {
    handler = (_req, _body, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ verification_token: JWT }));
    await exchangeVerificationCode(client(), {
      code: 'the-code',
      codeVerifier: VERIFIER,
      redirectUri: REDIRECT,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe('/ssafy/verify/token');
    expect(seen[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen[0]?.form).toEqual({
      grant_type: 'verification_code',
      code: 'the-code',
      code_verifier: VERIFIER,
      redirect_uri: REDIRECT,
      client_id: 'mfv-web',
    });
  });

  it('adds client_secret only for a confidential client', async () => {
    handler = (_req, _body, res) => res.writeHead(200).end(JSON.stringify({ verification_token: JWT }));
    await exchangeVerificationCode(client({ clientSecret: 'server-only' }), {
      code: 'c',
      codeVerifier: VERIFIER,
      redirectUri: REDIRECT,
    });
    expect(seen[0]?.form.client_secret).toBe('server-only');
  });

  it('refuses a redirectUri other than the registered one, a bad verifier or code, before sending', async () => {
    const c = client();
    for (const request of [
      { code: 'c', codeVerifier: VERIFIER, redirectUri: `${REDIRECT}/other` },
      { code: 'c', codeVerifier: 'short', redirectUri: REDIRECT },
      { code: '', codeVerifier: VERIFIER, redirectUri: REDIRECT },
    ]) {
      expect((await failure(exchangeVerificationCode(c, request))).code).toBe('SSAFY_INVALID_ARGUMENT');
    }
    expect(seen).toHaveLength(0);
  });

  it('exchange + validation end to end, request_id carried onto a validation failure', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({
      client_id: 'mfv-web',
      verified: true,
      auth_time: now - 5,
      amr: ['mm'],
      acr: 'member',
      cohort: '14',
      campus: '대전',
    })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience('mfv-web')
      .setSubject('pairwise-1')
      .setExpirationTime('5m')
      .sign(signingKey);
    handler = (_req, _body, res) =>
      res.writeHead(200).end(JSON.stringify({ verification_token: token, request_id: 'r-9' }));
    const result = await completeSsafyVerification(client(), {
      code: 'c',
      codeVerifier: VERIFIER,
      redirectUri: REDIRECT,
    });
    expect(result).toEqual({
      verified: true,
      sub: 'pairwise-1',
      cohort: '14',
      campus: '대전',
      authTime: now - 5,
      // The token has no iat.
      issuedAt: null,
      requestId: 'r-9',
    });

    const wrongClient = client({ clientId: 'someone-else' });
    const error = await failure(
      completeSsafyVerification(wrongClient, { code: 'c', codeVerifier: VERIFIER, redirectUri: REDIRECT }),
    );
    expect(error.code).toBe('SSAFY_TOKEN_AUDIENCE_MISMATCH');
    expect(error.requestId).toBe('r-9');
  });

  it('a server that never answers is SSAFY_TIMEOUT (VERIFY_NETWORK_FAILED)', async () => {
    handler = () => undefined;
    const error = await failure(
      exchangeVerificationCode(client({ timeoutMs: 200 }), {
        code: 'c',
        codeVerifier: VERIFIER,
        redirectUri: REDIRECT,
      }),
    );
    expect(error.code).toBe('SSAFY_TIMEOUT');
    expect(error.uiCode).toBe('VERIFY_NETWORK_FAILED');
    server.closeAllConnections();
  });
});
