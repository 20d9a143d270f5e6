/**
 * The step functions over real HTTP, against a small server created in the test (port 0): method,
 * path, headers and JSON body of every call, the other side's decryption of what we send, and
 * the time limits (a server that never answers must fail within the configured bound).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createMokClient,
  MOK_BASE_URLS,
  type MokClient,
  type MokClientOptions,
} from '../src/mobile-ok/client.js';
import {
  processMokArsCallResponse,
  processMokAuthResponse,
  processMokConfirmResponse,
  processMokResendResponse,
  processMokTokenResponse,
  requestMokArsCall,
  requestMokAuth,
  requestMokConfirm,
  requestMokResend,
  requestMokToken,
} from '../src/mobile-ok/endpoints.js';
import { MokConfigError, MokTransportError, MokValidationError } from '../src/mobile-ok/errors.js';
import { MOK_TLS_MIN_VERSION } from '../src/mobile-ok/http.js';
import { loadMokKeyFile, type MokKeyInfo } from '../src/mobile-ok/keyfile.js';
import { writeMokKeyFile } from '../src/mobile-ok/keyfile-writer.js';
import { openMokResult } from '../src/mobile-ok/mok-result.js';
import {
  independentOpen,
  independentSeal,
  kstIssueDate,
  oaepDecrypt,
  rsaPair,
  spkiBase64,
  type RsaPair,
} from './helpers.js';

interface Recorded {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

type Handler = (req: Recorded, res: ServerResponse) => void;

let server: Server;
let port: number;
let handler: Handler;
const requests: Recorded[] = [];
const hanging: ServerResponse[] = [];

let keyDir: string;
let keyInfo: MokKeyInfo;
let serverPair: RsaPair; // mobile-ok's long-term pair (ServerPublicKey in the key file)
let clientPair: RsaPair; // the integrator's pair (ClientPrivateKey in the key file)
let txPair: RsaPair; // the per-transaction pair behind token/get's publicKey
const clients: MokClient[] = [];

const CLIENT_TX_ID = 'MOKabcdef0123456789abcdef';

function json(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
  res.end(JSON.stringify(body));
}

function client(options: Partial<MokClientOptions> = {}): MokClient {
  const created = createMokClient({
    environment: 'sandbox',
    sandboxBaseUrl: `http://127.0.0.1:${port}/mok`,
    siteUrl: 'www.example.com',
    keyInfo,
    connectTimeoutMs: 1_000,
    timeoutMs: 2_000,
    ...options,
  });
  clients.push(created);
  return created;
}

beforeAll(async () => {
  serverPair = rsaPair();
  clientPair = rsaPair();
  txPair = rsaPair();
  keyDir = await mkdtemp(join(tmpdir(), 'mfv-mok-http-'));
  const keyPath = join(keyDir, 'mok_keyInfo.dat');
  await writeMokKeyFile(
    keyPath,
    {
      serviceId: 'test-service-id',
      clientPrivateKey: clientPair.privateKey,
      serverPublicKey: serverPair.publicKey,
    },
    'pw',
  );
  keyInfo = await loadMokKeyFile(keyPath, 'pw');

  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: Recorded = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
      };
      requests.push(recorded);
      handler(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterEach(() => {
  requests.length = 0;
  for (const res of hanging.splice(0)) res.destroy();
  for (const c of clients.splice(0)) c.close();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(keyDir, { recursive: true, force: true });
});

function only(): Recorded {
  expect(requests).toHaveLength(1);
  return requests[0] as Recorded;
}

function expectJsonPost(req: Recorded, path: string): void {
  expect(req.method).toBe('POST');
  expect(req.url).toBe(path);
  expect(req.headers['content-type']).toBe('application/json;charset=UTF-8');
  expect(req.headers.accept).toBe('application/json');
}

describe('token/get', () => {
  it('v1: POST /agent/v1/token/get with serviceId, siteUrl and encryptReqClientInfo', async () => {
    handler = (_req, res) =>
      json(res, {
        resultCode: '2000',
        resultMsg: '성공',
        encryptMOKToken: 'tok-1',
        publicKey: spkiBase64(txPair.publicKey),
      });
    const at = new Date('2022-12-11T16:01:01Z');
    const token = await processMokTokenResponse(
      await requestMokToken(client(), { clientTxId: CLIENT_TX_ID, requestTime: at }),
    );
    const req = only();
    expectJsonPost(req, '/mok/agent/v1/token/get');
    expect(Object.keys(req.body).sort()).toEqual(['encryptReqClientInfo', 'serviceId', 'siteUrl']);
    expect(req.body.serviceId).toBe('test-service-id');
    expect(req.body.siteUrl).toBe('www.example.com');
    expect(oaepDecrypt(serverPair.privateKey, req.body.encryptReqClientInfo as string)).toBe(
      `${CLIENT_TX_ID}|20221212010101`,
    );
    expect(token.encryptMOKToken).toBe('tok-1');
    expect(token.publicKey).toBe(spkiBase64(txPair.publicKey));
  });

  it('v2: POST /agent/v2/token/get with the V2 JSON', async () => {
    handler = (_req, res) =>
      json(res, { resultCode: '2000', encryptMOKToken: 'tok-1', publicKey: spkiBase64(txPair.publicKey) });
    await requestMokToken(client({ tokenRequestVersion: 'v2' }), {
      clientTxId: CLIENT_TX_ID,
      requestTime: new Date('2022-12-11T16:01:01Z'),
    });
    const req = only();
    expectJsonPost(req, '/mok/agent/v2/token/get');
    expect(JSON.parse(oaepDecrypt(serverPair.privateKey, req.body.encryptReqClientInfo as string))).toEqual({
      version: 'V2',
      clientTxId: CLIENT_TX_ID,
      requestTime: '20221212010101',
    });
  });

  it('refuses a bad clientTxId before sending', async () => {
    handler = (_req, res) => json(res, {});
    await expect(requestMokToken(client(), { clientTxId: 'short' })).rejects.toBeInstanceOf(
      MokValidationError,
    );
    expect(requests).toHaveLength(0);
  });
});

describe('auth/request, auth/resend, auth/call, confirm/request', () => {
  it('auth/request sends siteUrl, the token and MOKAuthInfo encrypted to the transaction key', async () => {
    handler = (_req, res) => json(res, { resultCode: '2000', encryptMOKToken: 'tok-2', resendCount: '2' });
    const response = await requestMokAuth(client(), {
      encryptMOKToken: 'tok-1',
      publicKey: spkiBase64(txPair.publicKey),
      authInfo: {
        serviceType: 'telcoAuth',
        providerId: 'SKT',
        reqAuthType: 'SMS',
        usageCode: '01001',
        userName: '홍길동',
        userPhone: '01012345678',
        userBirthday: '20000101',
        userGender: '1',
        userNation: '0',
      },
    });
    expect(await processMokAuthResponse(response)).toEqual({ encryptMOKToken: 'tok-2', resendCount: 2 });
    const req = only();
    expectJsonPost(req, '/mok/agent/v1/auth/request');
    expect(Object.keys(req.body).sort()).toEqual(['encryptMOKAuthInfo', 'encryptMOKToken', 'siteUrl']);
    expect(req.body.encryptMOKToken).toBe('tok-1');
    expect(
      JSON.parse(independentOpen(req.body.encryptMOKAuthInfo as string, txPair.privateKey).plain),
    ).toEqual({
      serviceType: 'telcoAuth',
      providerId: 'SKT',
      reqAuthType: 'SMS',
      usageCode: '01001',
      userName: '홍길동',
      userPhone: '01012345678',
      userBirthday: '20000101',
      userGender: '1',
      userNation: '0',
      retTransferType: 'MOKResult',
    });
  });

  it('auth/request refuses invalid MOKAuthInfo before sending', async () => {
    handler = (_req, res) => json(res, {});
    await expect(
      requestMokAuth(client(), {
        encryptMOKToken: 'tok-1',
        publicKey: txPair.publicKey,
        authInfo: {
          serviceType: 'telcoAuth',
          providerId: 'SKT',
          reqAuthType: 'PASS',
          usageCode: '01001',
          userName: 'x',
          userPhone: '123',
        },
      }),
    ).rejects.toBeInstanceOf(MokValidationError);
    await expect(requestMokResend(client(), { encryptMOKToken: '' })).rejects.toBeInstanceOf(
      MokValidationError,
    );
    expect(requests).toHaveLength(0);
  });

  it('auth/resend and auth/call send only the token', async () => {
    handler = (req, res) =>
      json(res, { resultCode: '2000', encryptMOKToken: `${req.url}-next`, resendCount: 1 });
    const resent = await processMokResendResponse(
      await requestMokResend(client(), { encryptMOKToken: 'tok-2' }),
    );
    const called = await processMokArsCallResponse(
      await requestMokArsCall(client(), { encryptMOKToken: 'tok-3' }),
    );
    expect(requests).toHaveLength(2);
    expectJsonPost(requests[0] as Recorded, '/mok/agent/v1/auth/resend');
    expect((requests[0] as Recorded).body).toEqual({ encryptMOKToken: 'tok-2' });
    expectJsonPost(requests[1] as Recorded, '/mok/agent/v1/auth/call');
    expect((requests[1] as Recorded).body).toEqual({ encryptMOKToken: 'tok-3' });
    expect(resent).toEqual({ encryptMOKToken: '/mok/agent/v1/auth/resend-next', resendCount: 1 });
    expect(called).toEqual({ encryptMOKToken: '/mok/agent/v1/auth/call-next' });
  });

  it('confirm/request with an SMS code sends encryptMOKVerifyInfo; PASS sends the token only', async () => {
    handler = (_req, res) => json(res, { resultCode: '2000', encryptMOKResult: 'a|b' });
    await requestMokConfirm(client(), {
      encryptMOKToken: 'tok-4',
      publicKey: txPair.publicKey,
      serviceType: 'telcoAuth',
      reqAuthType: 'SMS',
      authNumber: '123456',
    });
    await requestMokConfirm(client(), {
      encryptMOKToken: 'tok-5',
      serviceType: 'telcoAuth',
      reqAuthType: 'PASS',
    });
    const [sms, pass] = requests as [Recorded, Recorded];
    expectJsonPost(sms, '/mok/agent/v1/confirm/request');
    expect(
      JSON.parse(independentOpen(sms.body.encryptMOKVerifyInfo as string, txPair.privateKey).plain),
    ).toEqual({
      authNumber: '123456',
    });
    expect(pass.body).toEqual({ encryptMOKToken: 'tok-5' });
  });

  it('confirm/request with a code but no publicKey is a caller error', async () => {
    handler = (_req, res) => json(res, {});
    await expect(
      requestMokConfirm(client(), {
        encryptMOKToken: 't',
        serviceType: 'telcoAuth',
        reqAuthType: 'SMS',
        authNumber: '123456',
      }),
    ).rejects.toMatchObject({ code: 'MOK_INVALID_ARGUMENT' });
    expect(requests).toHaveLength(0);
  });

  it('a whole SMS flow against an independent implementation of the other side', async () => {
    let otp = '';
    handler = (req, res) => {
      switch (req.url) {
        case '/mok/agent/v1/token/get': {
          const [txId] = oaepDecrypt(serverPair.privateKey, req.body.encryptReqClientInfo as string).split(
            '|',
          );
          return json(res, {
            resultCode: '2000',
            encryptMOKToken: `T1:${txId}`,
            publicKey: spkiBase64(txPair.publicKey),
          });
        }
        case '/mok/agent/v1/auth/request': {
          const info = JSON.parse(
            independentOpen(req.body.encryptMOKAuthInfo as string, txPair.privateKey).plain,
          );
          otp = '246810';
          return json(res, {
            resultCode: '2000',
            encryptMOKToken: `T2:${String(req.body.encryptMOKToken).slice(3)}:${info.userName}`,
          });
        }
        case '/mok/agent/v1/confirm/request': {
          const { authNumber } = JSON.parse(
            independentOpen(req.body.encryptMOKVerifyInfo as string, txPair.privateKey).plain,
          );
          if (authNumber !== otp)
            return json(res, { resultCode: '2910', encryptMOKToken: 'T3-retry', retryCount: '2' });
          const [, txId, name] = String(req.body.encryptMOKToken).split(':');
          const result = {
            siteId: 'CPID0001',
            clientTxId: txId,
            txId: 'server-tx-1',
            serviceType: 'telcoAuth',
            providerId: 'SKT',
            ci: 'CI==',
            di: 'DI==',
            userName: name,
            userPhone: '01012345678',
            userBirthday: '20000101',
            userGender: '1',
            userNation: '0',
            reqdate: '221209170943',
            issuer: 'test',
            issueDate: kstIssueDate(new Date()),
          };
          return json(res, {
            resultCode: '2000',
            encryptMOKResult: independentSeal(JSON.stringify(result), clientPair.publicKey),
          });
        }
        default:
          return json(res, { resultCode: '9999' }, 404);
      }
    };
    const c = client();
    const token = await processMokTokenResponse(await requestMokToken(c, { clientTxId: CLIENT_TX_ID }));
    const auth = await processMokAuthResponse(
      await requestMokAuth(c, {
        encryptMOKToken: token.encryptMOKToken,
        publicKey: token.publicKeyObject,
        authInfo: {
          serviceType: 'telcoAuth',
          providerId: 'KT',
          reqAuthType: 'SMS',
          usageCode: '01001',
          userName: '홍길동',
          userPhone: '01012345678',
          userBirthday: '20000101',
          userRegistSingleNumber: '3',
        },
      }),
    );
    const confirmArgs = { publicKey: token.publicKey, serviceType: 'telcoAuth', reqAuthType: 'SMS' } as const;
    const wrong = await processMokConfirmResponse(
      await requestMokConfirm(c, {
        ...confirmArgs,
        encryptMOKToken: auth.encryptMOKToken,
        authNumber: '000000',
      }),
    ).catch((e: unknown) => e);
    expect(wrong).toMatchObject({
      code: 'MOK_RESULT_CODE',
      resultCode: '2910',
      encryptMOKToken: 'T3-retry',
      retryCount: 2,
    });
    const confirmed = await processMokConfirmResponse(
      await requestMokConfirm(c, {
        ...confirmArgs,
        encryptMOKToken: auth.encryptMOKToken,
        authNumber: '246810',
      }),
    );
    const { verification } = openMokResult(confirmed.encryptMOKResult, {
      clientPrivateKey: keyInfo.clientPrivateKey,
      expectedClientTxId: CLIENT_TX_ID,
      now: new Date(),
    });
    expect(verification).toMatchObject({
      provider: 'mobile-ok',
      name: '홍길동',
      providerTxId: 'server-tx-1',
    });
  });
});

describe('time limits, abort and transport failures', () => {
  async function elapsed<T>(promise: Promise<T>): Promise<{ error: unknown; ms: number }> {
    const start = performance.now();
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error, ms: performance.now() - start };
  }

  it('a server that never answers fails with MOK_TIMEOUT within the configured bound', async () => {
    handler = (_req, res) => {
      hanging.push(res);
    };
    const { error, ms } = await elapsed(
      requestMokResend(client({ timeoutMs: 300 }), { encryptMOKToken: 't' }),
    );
    expect(error).toBeInstanceOf(MokTransportError);
    expect((error as MokTransportError).code).toBe('MOK_TIMEOUT');
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(1_500);
  });

  it('a server that sends headers but stalls the body also hits the total bound', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"resultCode":');
      hanging.push(res);
    };
    const { error, ms } = await elapsed(
      requestMokResend(client({ timeoutMs: 300 }), { encryptMOKToken: 't' }),
    );
    expect((error as MokTransportError).code).toBe('MOK_TIMEOUT');
    expect(ms).toBeLessThan(1_500);
  });

  describe('connect timeout', () => {
    let silent: NetServer;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      // Accepts TCP and never speaks TLS: the handshake cannot complete.
      silent = createNetServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it('a TLS handshake that never completes fails with MOK_CONNECT_TIMEOUT', async () => {
      const silentPort = (silent.address() as { port: number }).port;
      const c = client({
        sandboxBaseUrl: `https://127.0.0.1:${silentPort}/mok`,
        connectTimeoutMs: 200,
        timeoutMs: 5_000,
      });
      const { error, ms } = await elapsed(requestMokResend(c, { encryptMOKToken: 't' }));
      expect((error as MokTransportError).code).toBe('MOK_CONNECT_TIMEOUT');
      expect(ms).toBeLessThan(1_500);
    });
  });

  it('the caller AbortSignal stops a pending call', async () => {
    handler = (_req, res) => {
      hanging.push(res);
    };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { error, ms } = await elapsed(
      requestMokArsCall(
        client({ timeoutMs: 5_000 }),
        { encryptMOKToken: 't' },
        { signal: controller.signal },
      ),
    );
    expect((error as MokTransportError).code).toBe('MOK_ABORTED');
    expect(ms).toBeLessThan(1_000);
  });

  it('an already aborted signal sends nothing', async () => {
    handler = (_req, res) => json(res, {});
    const { error } = await elapsed(
      requestMokArsCall(client(), { encryptMOKToken: 't' }, { signal: AbortSignal.abort() }),
    );
    expect((error as MokTransportError).code).toBe('MOK_ABORTED');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests).toHaveLength(0);
  });

  it('a refused connection is MOK_NETWORK', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { error } = await elapsed(
      requestMokResend(client({ sandboxBaseUrl: `http://127.0.0.1:${closedPort}/mok` }), {
        encryptMOKToken: 't',
      }),
    );
    expect((error as MokTransportError).code).toBe('MOK_NETWORK');
    expect((error as MokTransportError).cause.errno).toBe('ECONNREFUSED');
  });

  it('an oversized answer is cut off with MOK_RESPONSE_TOO_LARGE', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.alloc(2 * 1024 * 1024, 0x20));
    };
    const { error } = await elapsed(requestMokResend(client(), { encryptMOKToken: 't' }));
    expect((error as MokTransportError).code).toBe('MOK_RESPONSE_TOO_LARGE');
  });
});

describe('createMokClient', () => {
  it('defaults to the sandbox on this host, v1 tokens and bounded timeouts', () => {
    const c = createMokClient({ siteUrl: 'www.example.com', keyInfo });
    clients.push(c);
    expect(c.environment).toBe('sandbox');
    expect(c.baseUrl).toBe('http://127.0.0.1:4100/mok');
    expect(c.tokenRequestVersion).toBe('v1');
    expect(c.transport.connectTimeoutMs).toBeGreaterThan(0);
    expect(c.transport.timeoutMs).toBeLessThanOrEqual(60_000);
  });
  it('uses the provider hosts for development and production, with TLS 1.2 or newer', () => {
    const dev = createMokClient({ environment: 'development', siteUrl: 'www.example.com', keyInfo });
    const prod = createMokClient({ environment: 'production', siteUrl: 'www.example.com', keyInfo });
    clients.push(dev, prod);
    expect(dev.baseUrl).toBe(MOK_BASE_URLS.development);
    expect(dev.baseUrl).toBe('https://scert-dir.mobile-ok.com');
    expect(prod.baseUrl).toBe('https://cert-dir.mobile-ok.com');
    expect(MOK_TLS_MIN_VERSION).toBe('TLSv1.2');
    expect(prod.transport.httpsAgent.options.minVersion).toBe('TLSv1.2');
  });
  it('refuses a base URL override outside the sandbox, and bad options', () => {
    const bad: Partial<MokClientOptions>[] = [
      { environment: 'production', sandboxBaseUrl: 'http://evil.example/mok' },
      { environment: 'staging' as never },
      { sandboxBaseUrl: 'ftp://127.0.0.1/mok' },
      { sandboxBaseUrl: 'not a url' },
      { sandboxBaseUrl: 'http://user:pw@127.0.0.1/mok' },
      { timeoutMs: 0 },
      { timeoutMs: 600_000 },
      { connectTimeoutMs: 1.5 },
      { siteUrl: '' },
      { siteUrl: 'www.example.com?x=<script>' },
      { tokenRequestVersion: 'v3' as never },
    ];
    for (const options of bad) {
      expect(() => createMokClient({ siteUrl: 'www.example.com', keyInfo, ...options })).toThrow(
        MokConfigError,
      );
    }
  });
});
