/**
 * The KCB client over real HTTP against a small server created in the test (port 0): method,
 * path, headers and body of every call, the token cache (one request for concurrent callers,
 * renewal before expiry, no caching of failures), the whole flow into a VerificationResult, and
 * the time bound.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assertKcbCallbackToken,
  createKcbClient,
  createKcbPopupTransaction,
  createKcbTokenSource,
  kcbPopupForm,
  KcbConfigError,
  KcbResultCheckError,
  KcbTransportError,
  processKcbPopupResultResponse,
  processKcbPopupStartResponse,
  requestKcbAccessToken,
  requestKcbPopupResult,
  requestKcbPopupStart,
  toKcbVerificationResult,
  type KcbClient,
  type KcbClientOptions,
} from '../src/kcb/index.js';
import { encryptedPerson, MEMBER_CODE, wrapFieldKey } from './kcb-helpers.js';

interface Recorded {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage['headers'];
  text: string;
}
type Handler = (req: Recorded, res: ServerResponse) => void;

let server: Server;
let port: number;
let handler: Handler;
const requests: Recorded[] = [];
const clients: KcbClient[] = [];
const TRANSACTION_KEY = '1f'.repeat(16);

function json(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
  res.end(JSON.stringify(body));
}

function client(options: Partial<KcbClientOptions> = {}): KcbClient {
  const created = createKcbClient({
    apiBaseUrl: `http://127.0.0.1:${port}/kcb/api`,
    popupUrl: `http://127.0.0.1:${port}/kcb/safe/CommonSvl`,
    memberCode: MEMBER_CODE,
    clientId: 'mfv-client',
    clientSecret: 's3cret value',
    siteName: 'MFV',
    siteUrl: 'https://mfv.example',
    connectTimeoutMs: 1_000,
    timeoutMs: 2_000,
    ...options,
  });
  clients.push(created);
  return created;
}

/** Answers like KCB: token, popup-start (enc_key under the request's enc_iv), popup-result. */
const kcbLike: Handler = (req, res) => {
  if (req.url === '/kcb/api/v1/oauth2/access_token') {
    json(res, { access_token: `at-${requests.length}`, token_type: 'bearer', expires_in: 3600 });
  } else if (req.url === '/kcb/api/v1/id/phone/popup-start') {
    const body = JSON.parse(req.text) as Record<string, string>;
    json(res, {
      rsp_cd: 'B000',
      rsp_msg: '정상처리',
      svc_tkn: 'svc-tkn-123',
      rqst_svc_tx_seqno: body.rqst_svc_tx_seqno,
      enc_key: wrapFieldKey(TRANSACTION_KEY, MEMBER_CODE, body.enc_iv as string),
    });
  } else if (req.url === '/kcb/api/v1/id/phone/popup-result') {
    const start = requests.find((r) => r.url === '/kcb/api/v1/id/phone/popup-start');
    const iv = (JSON.parse(start?.text ?? '{}') as Record<string, string>).enc_iv as string;
    json(res, { rsp_cd: 'B000', ...encryptedPerson({ nm: '남궁민수' }, TRANSACTION_KEY, iv) });
  } else {
    json(res, { rsp_cd: 'X404' }, 404);
  }
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        text: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      handler(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterEach(async () => {
  requests.length = 0;
  handler = kcbLike;
  for (const c of clients.splice(0)) await c.close();
  server.closeAllConnections();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('token', () => {
  it('POSTs the client-credentials form with x-api-tran-id (client_secret_post)', async () => {
    handler = kcbLike;
    await requestKcbAccessToken(client());
    const req = requests[0] as Recorded;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/kcb/api/v1/oauth2/access_token');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.headers['x-api-tran-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(req.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(req.text))).toEqual({
      grant_type: 'client_credentials',
      scope: 'ids',
      site_cd: MEMBER_CODE,
      client_id: 'mfv-client',
      client_secret: 's3cret value',
    });
  });

  it('client_secret_basic sends HTTP Basic and no credentials in the form', async () => {
    handler = kcbLike;
    await requestKcbAccessToken(client({ tokenAuthMethod: 'client_secret_basic' }));
    const req = requests[0] as Recorded;
    expect(req.headers.authorization).toBe(
      `Basic ${Buffer.from('mfv-client:s3cret+value').toString('base64')}`,
    );
    const form = Object.fromEntries(new URLSearchParams(req.text));
    expect(form.client_id).toBeUndefined();
    expect(form.client_secret).toBeUndefined();
  });

  it('concurrent callers share one request; the token is reused until expiry minus the margin', async () => {
    let clock = 1_000_000;
    handler = (req, res) => setTimeout(() => kcbLike(req, res), 50);
    const tokens = createKcbTokenSource(client(), { now: () => clock });
    const all = await Promise.all(Array.from({ length: 5 }, () => tokens.get()));
    expect(new Set(all).size).toBe(1);
    expect(requests).toHaveLength(1);
    clock += 3_600_000 - 60_000 - 1; // just before expires_in − margin
    expect(await tokens.get()).toBe(all[0]);
    expect(requests).toHaveLength(1);
    clock += 2;
    const renewed = await tokens.get();
    expect(requests).toHaveLength(2);
    expect(renewed).not.toBe(all[0]);
  });

  it('invalidate() forces a new request', async () => {
    handler = kcbLike;
    const tokens = createKcbTokenSource(client());
    await tokens.get();
    tokens.invalidate();
    await tokens.get();
    expect(requests).toHaveLength(2);
  });

  it('a failed request is not cached', async () => {
    let calls = 0;
    handler = (req, res) =>
      calls++ === 0 ? json(res, { error: 'temporarily_unavailable' }, 503) : kcbLike(req, res);
    const tokens = createKcbTokenSource(client());
    await expect(tokens.get()).rejects.toMatchObject({ code: 'KCB_TOKEN_REJECTED' });
    await expect(tokens.get()).resolves.toMatch(/^at-/);
    expect(requests).toHaveLength(2);
  });

  it("one caller's abort ends only its own wait", async () => {
    handler = (req, res) => setTimeout(() => kcbLike(req, res), 100);
    const tokens = createKcbTokenSource(client());
    const controller = new AbortController();
    const first = tokens.get({ signal: controller.signal });
    const second = tokens.get();
    controller.abort();
    await expect(first).rejects.toThrow(/aborted/);
    await expect(second).resolves.toMatch(/^at-/);
    expect(requests).toHaveLength(1);
  });
});

describe('popup flow', () => {
  it('popup-start sends the configured rqst_cause_cd (KCB_RQST_CAUSE_CD)', async () => {
    handler = kcbLike;
    const kcb = client({ requestCause: '01' });
    const tx = createKcbPopupTransaction();
    const accessToken = await createKcbTokenSource(kcb).get();
    await requestKcbPopupStart(kcb, { accessToken, returnUrl: 'http://localhost:8080/cb', transaction: tx });
    expect(JSON.parse((requests[1] as Recorded).text)).toMatchObject({ rqst_cause_cd: '01' });
    expect(() => client({ requestCause: '1' })).toThrow(/requestCause/);
  });
  it('popup-start → form → callback check → popup-result → VerificationResult', async () => {
    handler = kcbLike;
    const kcb = client();
    const tokens = createKcbTokenSource(kcb);
    const tx = createKcbPopupTransaction();
    expect(tx.rqstSvcTxSeqno).toMatch(/^[0-9a-f]{20}$/);
    expect(tx.encIv).toMatch(/^[0-9a-f]{32}$/);

    const accessToken = await tokens.get();
    const started = await processKcbPopupStartResponse(
      kcb,
      await requestKcbPopupStart(kcb, {
        accessToken,
        returnUrl: 'http://localhost:8080/verify/api/kcb/callback',
        transaction: tx,
      }),
      tx,
    );
    const start = requests[1] as Recorded;
    expect(start.method).toBe('POST');
    expect(start.url).toBe('/kcb/api/v1/id/phone/popup-start');
    expect(start.headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(start.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(start.headers['x-api-tran-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(start.text)).toEqual({
      idcf_mbr_com_cd: MEMBER_CODE,
      rqst_svc_tx_seqno: tx.rqstSvcTxSeqno,
      return_url: 'http://localhost:8080/verify/api/kcb/callback',
      site_name: 'MFV',
      site_url: 'https://mfv.example',
      enc_algo_cd: '1331',
      enc_iv: tx.encIv,
      rqst_cause_cd: '00',
    });
    expect(started.fieldKey?.exportForServerStorage()).toBe(TRANSACTION_KEY);

    const form = kcbPopupForm(kcb, started.svcTkn);
    expect(form).toEqual({
      action: `http://127.0.0.1:${port}/kcb/safe/CommonSvl`,
      method: 'POST',
      fields: {
        tc: 'kcb.oknm.online.main.popup.cmd.P941_CertChoiceCmd',
        idcf_mbr_com_cd: MEMBER_CODE,
        svc_tkn: 'svc-tkn-123',
      },
    });
    expect(JSON.stringify(form)).not.toContain(TRANSACTION_KEY);

    assertKcbCallbackToken(started.svcTkn, 'svc-tkn-123');
    expect(() => assertKcbCallbackToken(started.svcTkn, 'svc-tkn-124')).toThrow(KcbResultCheckError);
    expect(() => assertKcbCallbackToken(started.svcTkn, undefined)).toThrow(KcbResultCheckError);

    const identity = await processKcbPopupResultResponse(
      await requestKcbPopupResult(kcb, { accessToken, svcTkn: started.svcTkn }),
      { fieldKey: started.fieldKey, encIv: tx.encIv },
    );
    const result = requests[2] as Recorded;
    expect(result.url).toBe('/kcb/api/v1/id/phone/popup-result');
    expect(result.headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(JSON.parse(result.text)).toEqual({ idcf_mbr_com_cd: MEMBER_CODE, svc_tkn: 'svc-tkn-123' });

    const now = new Date('2026-01-02T03:04:05Z');
    expect(toKcbVerificationResult(identity, { rqstSvcTxSeqno: tx.rqstSvcTxSeqno, now })).toEqual({
      provider: 'kcb',
      serviceType: 'phone-popup',
      ci: 'CI'.padEnd(88, 'x'),
      di: 'DI'.padEnd(64, 'y'),
      name: '남궁민수',
      birthday: '19900101',
      gender: 'male',
      nation: 'domestic',
      phone: '01012345678',
      verifiedAt: '2026-01-02T03:04:05.000Z',
      providerTxId: tx.rqstSvcTxSeqno,
    });
  });

  it('refuses bad arguments before sending', async () => {
    const kcb = client();
    const tx = createKcbPopupTransaction();
    await expect(
      requestKcbPopupStart(kcb, { accessToken: '', returnUrl: 'http://x/', transaction: tx }),
    ).rejects.toMatchObject({
      code: 'KCB_INVALID_ARGUMENT',
    });
    await expect(
      requestKcbPopupStart(kcb, { accessToken: 'at', returnUrl: 'not a url', transaction: tx }),
    ).rejects.toMatchObject({ code: 'KCB_INVALID_ARGUMENT' });
    await expect(
      requestKcbPopupStart(kcb, { accessToken: 'at', returnUrl: 'http://x/#frag', transaction: tx }),
    ).rejects.toMatchObject({ code: 'KCB_INVALID_ARGUMENT' });
    await expect(
      requestKcbPopupStart(kcb, {
        accessToken: 'at',
        returnUrl: 'http://x/',
        transaction: { rqstSvcTxSeqno: 'x', encIv: 'short' },
      }),
    ).rejects.toMatchObject({ code: 'KCB_INVALID_ARGUMENT' });
    await expect(
      requestKcbPopupStart(kcb, {
        accessToken: 'at',
        returnUrl: 'http://x/',
        transaction: tx,
        requestCause: '1',
      }),
    ).rejects.toMatchObject({ code: 'KCB_INVALID_ARGUMENT' });
    await expect(requestKcbPopupResult(kcb, { accessToken: 'at', svcTkn: '' })).rejects.toMatchObject({
      code: 'KCB_INVALID_ARGUMENT',
    });
    expect(requests).toHaveLength(0);
  });
});

describe('limits and configuration', () => {
  it('a server that never answers fails with KCB_TIMEOUT within the bound', async () => {
    handler = () => undefined; // never answers
    const started = Date.now();
    const error = await requestKcbAccessToken(client({ timeoutMs: 300 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KcbTransportError);
    expect((error as KcbTransportError).code).toBe('KCB_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('an oversized answer is KCB_RESPONSE_TOO_LARGE', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.alloc(1024 * 1024 + 10, 0x20));
    };
    await expect(requestKcbAccessToken(client())).rejects.toMatchObject({ code: 'KCB_RESPONSE_TOO_LARGE' });
  });

  it('a closed port is KCB_NETWORK', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(
      requestKcbAccessToken(client({ apiBaseUrl: `http://127.0.0.1:${closedPort}/kcb/api` })),
    ).rejects.toMatchObject({ code: 'KCB_NETWORK' });
  });

  it('plain http is refused for a non-loopback host unless allowInsecureHttp', () => {
    expect(() => client({ apiBaseUrl: 'http://kcb.example/api' })).toThrow(KcbConfigError);
    expect(() =>
      client({
        apiBaseUrl: 'http://sandbox:4100/kcb/api',
        popupUrl: 'http://sandbox:4100/kcb/safe/CommonSvl',
        allowInsecureHttp: true,
      }),
    ).not.toThrow();
  });

  it('refuses missing credentials, a bad member code and bad timeouts', () => {
    expect(() => client({ clientSecret: '' })).toThrow(KcbConfigError);
    expect(() => client({ memberCode: 'SHORT' })).toThrow(KcbConfigError);
    expect(() => client({ timeoutMs: 0 })).toThrow(KcbConfigError);
    expect(() => client({ timeoutMs: 120_000 })).toThrow(KcbConfigError);
    expect(() => client({ apiBaseUrl: 'https://user:pw@kcb.example' })).toThrow(KcbConfigError);
  });

  it('the client secret is not enumerable', () => {
    expect(JSON.stringify(client())).not.toContain('s3cret');
  });
});
