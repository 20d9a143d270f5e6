/**
 * The Toss client over mTLS against an in-test `https.createServer` (port 0, `requestCert: true,
 * rejectUnauthorized: true`) with certificates issued by the openssl CLI into a temp folder:
 * the client presents its certificate (the server reads it back on every call), a server whose
 * certificate comes from another CA is refused, and the calls have the documented shapes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { type RequestListener } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TLSSocket } from 'node:tls';
import { loadMtlsCredentials, type MtlsCredentials } from '@mfv/mtls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTossClient,
  generateToken,
  loginMe,
  refreshToken,
  TossApiError,
  TossConfigError,
  TossTransportError,
  toTossIdentity,
  type TossClient,
} from '../src/toss/index.js';
import { issue, makeCa, type Issued } from '@mfv/testkit/tls';
import { TOSS_AAD, TOSS_KEY, tossEncrypt } from './toss-helpers.js';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  peer: string | null;
}

let dir: string;
let credentials: MtlsCredentials;
let server: https.Server;
let rogue: https.Server;
let port: number;
let roguePort: number;
let hang = false;
const seen: Seen[] = [];
const clients: TossClient[] = [];

function listen(cert: Issued, clientCa: Issued, handler: RequestListener): Promise<[https.Server, number]> {
  const s = https.createServer(
    {
      cert: cert.cert,
      key: cert.key,
      ca: clientCa.cert,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    handler,
  );
  return new Promise((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve([s, (s.address() as { port: number }).port])),
  );
}

const tossLike: RequestListener = (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    seen.push({
      method: req.method,
      url: req.url,
      headers: req.headers,
      body,
      peer: typeof peer.subject?.CN === 'string' ? peer.subject.CN : null,
    });
    if (hang) return;
    const reply = (status: number, value: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    const path = req.url ?? '';
    if (path.endsWith('/generate-token')) {
      const { authorizationCode } = JSON.parse(body) as { authorizationCode: string };
      if (authorizationCode === 'used-code') {
        reply(400, { error: 'invalid_grant' });
        return;
      }
      reply(200, {
        resultType: 'SUCCESS',
        success: {
          tokenType: 'Bearer',
          accessToken: 'at-1',
          refreshToken: 'rt-1',
          expiresIn: '3599',
          scope: 'user_name',
        },
      });
    } else if (path.endsWith('/refresh-token')) {
      reply(200, {
        resultType: 'SUCCESS',
        success: { accessToken: 'at-2', refreshToken: 'rt-2', expiresIn: '3599' },
      });
    } else if (path.endsWith('/login-me')) {
      if (req.headers.authorization !== 'Bearer at-1') {
        reply(401, { resultType: 'FAIL', error: { errorCode: 'INVALID_TOKEN', reason: 'bad token' } });
        return;
      }
      reply(200, {
        resultType: 'SUCCESS',
        success: {
          userKey: 443731104,
          scope: 'user_name user_phone user_birthday user_ci user_gender user_nationality',
          agreedTerms: ['t1'],
          name: tossEncrypt('이토스'),
          phone: tossEncrypt('01087654321'),
          birthday: tossEncrypt('20000229'),
          ci: tossEncrypt('toss-ci'),
          gender: tossEncrypt('FEMALE'),
          nationality: tossEncrypt('LOCAL'),
          email: null,
        },
      });
    } else {
      reply(404, { resultType: 'FAIL', error: { errorCode: 'NOT_FOUND', reason: '' } });
    }
  });
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfv-toss-mtls-'));
  const clientCa = makeCa(dir, 'toss-client-ca');
  const serverCa = makeCa(dir, 'sandbox-server-ca');
  const otherCa = makeCa(dir, 'other-ca');
  const clientCert = issue(dir, clientCa, 'partner', { kind: 'client', days: 390 });
  const serverCert = issue(dir, serverCa, 'toss-server', { kind: 'server', days: 30 });
  const rogueCert = issue(dir, otherCa, 'rogue-server', { kind: 'server', days: 30 });
  credentials = await loadMtlsCredentials({
    certFile: clientCert.certPath,
    keyFile: clientCert.keyPath,
    caFile: serverCa.certPath,
    secretsDir: join(dir, 'no-secrets'),
  });
  [server, port] = await listen(serverCert, clientCa, tossLike);
  [rogue, roguePort] = await listen(rogueCert, clientCa, tossLike);
});

afterAll(async () => {
  for (const c of clients) await c.close();
  for (const s of [server, rogue]) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
  rmSync(dir, { recursive: true, force: true });
});

function client(target = port, timeoutMs = 3_000): TossClient {
  const c = createTossClient({
    baseUrl: `https://127.0.0.1:${target}`,
    mtls: credentials,
    timeoutMs,
    connectTimeoutMs: 2_000,
  });
  clients.push(c);
  return c;
}

describe('Toss over mTLS', () => {
  it('generate-token → login-me → identity, presenting the client certificate on every call', async () => {
    seen.length = 0;
    const toss = client();
    const tokens = await generateToken(toss, { authorizationCode: 'code-1', referrer: 'sandbox' });
    expect(tokens).toEqual({
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      expiresIn: 3599,
      scope: 'user_name',
    });
    const me = await loginMe(toss, tokens.accessToken);
    expect(toTossIdentity(me, { key: TOSS_KEY, aad: TOSS_AAD })).toEqual({
      provider: 'toss',
      subject: '443731104',
      name: '이토스',
      phone: '01087654321',
      birthday: '20000229',
      gender: 'female',
      nationality: 'domestic',
      ci: 'toss-ci',
    });

    expect(seen).toHaveLength(2);
    expect(seen.every((s) => s.peer === 'partner')).toBe(true);
    const [token, meCall] = seen as [Seen, Seen];
    expect(token.method).toBe('POST');
    expect(token.url).toBe('/api-partner/v1/apps-in-toss/user/oauth2/generate-token');
    expect(token.headers['content-type']).toBe('application/json');
    expect(JSON.parse(token.body)).toEqual({ authorizationCode: 'code-1', referrer: 'sandbox' });
    expect(meCall.method).toBe('GET');
    expect(meCall.url).toBe('/api-partner/v1/apps-in-toss/user/oauth2/login-me');
    expect(meCall.headers.authorization).toBe('Bearer at-1');
    expect(meCall.body).toBe('');
  });

  it('passes the referrer exactly as appLogin returned it: the SDK reference spells the sandbox app SANDBOX', async () => {
    seen.length = 0;
    const toss = client();
    await generateToken(toss, { authorizationCode: 'code-1', referrer: 'SANDBOX' });
    expect(JSON.parse((seen[0] as Seen).body)).toEqual({ authorizationCode: 'code-1', referrer: 'SANDBOX' });
  });

  it('refresh-token sends {refreshToken}', async () => {
    seen.length = 0;
    expect(await refreshToken(client(), { refreshToken: 'rt-1' })).toMatchObject({
      accessToken: 'at-2',
      refreshToken: 'rt-2',
    });
    expect(seen[0]?.url).toBe('/api-partner/v1/apps-in-toss/user/oauth2/refresh-token');
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ refreshToken: 'rt-1' });
    expect(seen[0]?.peer).toBe('partner');
  });

  it('a reused code is invalid_grant', async () => {
    const error = await generateToken(client(), {
      authorizationCode: 'used-code',
      referrer: 'DEFAULT',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TossApiError);
    expect((error as TossApiError).isInvalidGrant).toBe(true);
  });

  it('a stale access token on login-me is TossApiError from the FAIL envelope', async () => {
    await expect(loginMe(client(), 'expired')).rejects.toMatchObject({
      errorCode: 'INVALID_TOKEN',
      status: 401,
    });
  });

  it('refuses a server whose certificate comes from another CA', async () => {
    const before = seen.length;
    const error = await generateToken(client(roguePort), {
      authorizationCode: 'c',
      referrer: 'DEFAULT',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TossTransportError);
    expect((error as TossTransportError).code).toBe('TOSS_NETWORK');
    expect(String((error as TossTransportError).cause.errno)).toMatch(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/);
    expect(seen.length).toBe(before); // nothing reached the rogue handler
  });

  it('a server that never answers is TOSS_TIMEOUT within the bound', async () => {
    hang = true;
    try {
      const started = Date.now();
      await expect(
        generateToken(client(port, 300), { authorizationCode: 'c', referrer: 'DEFAULT' }),
      ).rejects.toMatchObject({
        code: 'TOSS_TIMEOUT',
      });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      hang = false;
      server.closeAllConnections();
    }
  });

  it('refuses bad arguments before sending', async () => {
    const toss = client();
    const before = seen.length;
    await expect(generateToken(toss, { authorizationCode: 'c', referrer: 'EVIL' })).rejects.toBeInstanceOf(
      TossConfigError,
    );
    await expect(generateToken(toss, { authorizationCode: '', referrer: 'DEFAULT' })).rejects.toBeInstanceOf(
      TossConfigError,
    );
    await expect(loginMe(toss, 'bad token with spaces')).rejects.toBeInstanceOf(TossConfigError);
    await expect(refreshToken(toss, { refreshToken: '' })).rejects.toBeInstanceOf(TossConfigError);
    expect(seen.length).toBe(before);
  });

  it('configuration: https origin only, credentials from @mfv/mtls required', () => {
    expect(() => createTossClient({ baseUrl: `http://127.0.0.1:${port}`, mtls: credentials })).toThrow(
      /https/,
    );
    expect(() => createTossClient({ baseUrl: `https://127.0.0.1:${port}/api`, mtls: credentials })).toThrow(
      /origin/,
    );
    expect(() =>
      createTossClient({ baseUrl: `https://127.0.0.1:${port}`, mtls: {} as MtlsCredentials }),
    ).toThrow(/mtls/);
  });
});
