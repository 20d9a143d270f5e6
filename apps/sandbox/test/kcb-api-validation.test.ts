import { describe, expect, it } from 'vitest';
import {
  KCB_CLIENT_ID,
  KCB_CLIENT_SECRET,
  basic,
  kcbPost,
  kcbToken,
  popupStart,
  startBody,
  startKcb,
} from './kcb-helpers.js';

function tokenRequest(base: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/kcb/api/v1/oauth2/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

describe('KCB POST /v1/oauth2/access_token (client credentials)', () => {
  it('accepts HTTP Basic and answers a bearer token with expires_in, not cacheable', async () => {
    const { url } = await startKcb();
    const res = await tokenRequest(url, 'grant_type=client_credentials', {
      authorization: basic(KCB_CLIENT_ID, KCB_CLIENT_SECRET),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('accepts client_id and client_secret in the form', async () => {
    const { url } = await startKcb();
    const res = await tokenRequest(
      url,
      `grant_type=client_credentials&client_id=${KCB_CLIENT_ID}&client_secret=${KCB_CLIENT_SECRET}`,
    );
    expect(res.status).toBe(200);
  });

  it.each([
    [
      'a wrong secret',
      `grant_type=client_credentials&client_id=${KCB_CLIENT_ID}&client_secret=nope`,
      {},
      401,
      'invalid_client',
    ],
    [
      'an unknown client',
      'grant_type=client_credentials&client_id=who&client_secret=x',
      {},
      401,
      'invalid_client',
    ],
    ['no credentials', 'grant_type=client_credentials', {}, 401, 'invalid_client'],
    [
      'Basic and form credentials together',
      `grant_type=client_credentials&client_id=${KCB_CLIENT_ID}`,
      { authorization: basic(KCB_CLIENT_ID, KCB_CLIENT_SECRET) },
      400,
      'invalid_request',
    ],
    [
      'another grant type',
      'grant_type=password',
      { authorization: basic(KCB_CLIENT_ID, KCB_CLIENT_SECRET) },
      400,
      'unsupported_grant_type',
    ],
    ['no grant type', '', { authorization: basic(KCB_CLIENT_ID, KCB_CLIENT_SECRET) }, 400, 'invalid_request'],
  ])('refuses %s', async (_what, body, headers, status, error) => {
    const { url } = await startKcb();
    const res = await tokenRequest(url, body, headers);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toBe(error);
  });

  it('refuses a JSON body', async () => {
    const { url } = await startKcb();
    const res = await fetch(`${url}/kcb/api/v1/oauth2/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic(KCB_CLIENT_ID, KCB_CLIENT_SECRET) },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(res.status).toBe(400);
  });
});

describe('KCB POST /v1/id/phone/popup-start validation', () => {
  it('enc_key unwraps only with member code + "0000" (AES-128) and the request IV', async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const started = await popupStart(url, token);
    const { createDecipheriv } = await import('node:crypto');
    const wrongKey = createDecipheriv(
      'aes-128-cbc',
      Buffer.from('TEST000000020000', 'ascii'),
      Buffer.from(started.iv, 'hex'),
    );
    expect(() => {
      const out = Buffer.concat([
        wrongKey.update(Buffer.from(started.enc_key, 'base64')),
        wrongKey.final(),
      ]).toString('ascii');
      if (!/^[0-9A-F]{32}$/.test(out)) throw new Error('garbage');
    }).toThrow();
  });

  it('needs a bearer token: none → 401 B401 with WWW-Authenticate', async () => {
    const { url } = await startKcb();
    const res = await kcbPost(url, 'popup-start', undefined, startBody());
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await res.json()) as { rsp_cd: string }).rsp_cd).toBe('B401');
    const bad = await kcbPost(url, 'popup-start', 'not-a-token', startBody());
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('needs x-api-tran-id', async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const res = await fetch(`${url}/kcb/api/v1/id/phone/popup-start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(startBody()),
    });
    expect(((await res.json()) as { rsp_cd: string }).rsp_cd).toBe('B100');
  });

  it.each([
    ['another member code', { idcf_mbr_com_cd: 'TEST00000002' }, 'B200'],
    ['an unregistered return URL', { return_url: 'http://127.0.0.1:8080/elsewhere' }, 'B201'],
    ['a relative return URL', { return_url: '/verify/kcb/callback' }, 'B100'],
    ['SEED (1131) instead of AES', { enc_algo_cd: '1131' }, 'B101'],
    ['a 16-digit IV', { enc_iv: '0000000000000000' }, 'B100'],
    ['a non-hex IV', { enc_iv: 'zz'.repeat(16) }, 'B100'],
    ['an unknown cause code', { rqst_cause_cd: '55' }, 'B100'],
    ['no site name', { site_name: '' }, 'B100'],
    ['a bad site URL', { site_url: 'not a url' }, 'B100'],
    ['a sequence number with spaces', { rqst_svc_tx_seqno: 'has space' }, 'B100'],
  ])('answers an error rsp_cd for %s', async (_what, extra, code) => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const res = await kcbPost(url, 'popup-start', token, startBody(extra));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.rsp_cd).toBe(code);
    expect(body).not.toHaveProperty('svc_tkn');
    expect(body).not.toHaveProperty('enc_key');
  });

  it('refuses a request sequence number the member already used (B102)', async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    await popupStart(url, token, { rqst_svc_tx_seqno: 'seq-001' });
    const res = await kcbPost(url, 'popup-start', token, startBody({ rqst_svc_tx_seqno: 'seq-001' }));
    expect(((await res.json()) as { rsp_cd: string }).rsp_cd).toBe('B102');
  });

  it('refuses a form-encoded body', async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const res = await fetch(`${url}/kcb/api/v1/id/phone/popup-start`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${token}`,
        'x-api-tran-id': 'x1',
      },
      body: new URLSearchParams(startBody()),
    });
    expect(((await res.json()) as { rsp_cd: string }).rsp_cd).toBe('B100');
  });

  it('popup-result checks the member code too (B200)', async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const started = await popupStart(url, token);
    const res = await kcbPost(url, 'popup-result', token, {
      idcf_mbr_com_cd: 'TEST00000002',
      svc_tkn: started.svc_tkn,
    });
    expect(((await res.json()) as { rsp_cd: string }).rsp_cd).toBe('B200');
  });
});
