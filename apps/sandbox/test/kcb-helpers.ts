/**
 * The member's side of the KCB wire for the emulator's tests, written with node:crypto and
 * iconv-lite directly: it shares no code with the emulator (src/providers/kcb) or with the
 * platform's client, so a mistake made the same way on both sides cannot pass unnoticed
 * (docs/sandbox.md).
 */
import { createDecipheriv, randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import { type SandboxOptions } from '../src/app.js';
import { startSandbox, type TestClock } from './helpers.js';

export const KCB_CLIENT_ID = 'test-kcb-client';
export const KCB_CLIENT_SECRET = 'test-kcb-secret-0123456789';
export const KCB_MEMBER_CODE = 'TEST00000001';
export const KCB_OTHER_CLIENT_ID = 'test-kcb-other';
export const KCB_OTHER_SECRET = 'test-kcb-other-secret';
export const KCB_OTHER_MEMBER_CODE = 'TEST00000002';
export const KCB_RETURN_URL = 'http://127.0.0.1:8080/verify/kcb/callback';
export const KCB_RETURN_URL_WITH_QUERY = 'http://127.0.0.1:8080/cb?from=kcb';
export const KCB_TC_VALUE = 'kcb.oknm.online.main.popup.cmd.P941_CertChoiceCmd';

export const TEST_KCB: NonNullable<SandboxOptions['kcb']> = {
  clients: [
    {
      clientId: KCB_CLIENT_ID,
      clientSecret: KCB_CLIENT_SECRET,
      memberCode: KCB_MEMBER_CODE,
      returnUrls: [KCB_RETURN_URL, KCB_RETURN_URL_WITH_QUERY],
    },
    {
      clientId: KCB_OTHER_CLIENT_ID,
      clientSecret: KCB_OTHER_SECRET,
      memberCode: KCB_OTHER_MEMBER_CODE,
      returnUrls: [KCB_RETURN_URL],
    },
  ],
};

export async function startKcb(clock?: TestClock) {
  return startSandbox({ kcb: TEST_KCB, ...(clock ? { clock } : {}) });
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

export async function kcbToken(
  base: string,
  id = KCB_CLIENT_ID,
  secret = KCB_CLIENT_SECRET,
): Promise<string> {
  const res = await fetch(`${base}/kcb/api/v1/oauth2/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(id, secret) },
    body: 'grant_type=client_credentials',
  });
  if (res.status !== 200) throw new Error(`access_token answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export interface StartBody {
  idcf_mbr_com_cd?: string;
  rqst_svc_tx_seqno?: string;
  return_url?: string;
  site_name?: string;
  site_url?: string;
  enc_algo_cd?: string;
  enc_iv?: string;
  rqst_cause_cd?: string;
}

export function startBody(extra: StartBody = {}): Required<StartBody> {
  return {
    idcf_mbr_com_cd: KCB_MEMBER_CODE,
    rqst_svc_tx_seqno: randomBytes(10).toString('hex'),
    return_url: KCB_RETURN_URL,
    site_name: '테스트 사이트',
    site_url: 'http://127.0.0.1:8080',
    enc_algo_cd: '1331',
    enc_iv: randomBytes(16).toString('hex'),
    rqst_cause_cd: '00',
    ...extra,
  } as Required<StartBody>;
}

export function kcbPost(
  base: string,
  path: 'popup-start' | 'popup-result',
  token: string | undefined,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}/kcb/api/v1/id/phone/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-tran-id': randomBytes(16).toString('hex'),
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

export interface Started {
  svc_tkn: string;
  enc_key: string;
  iv: string;
  body: Record<string, unknown>;
}

export async function popupStart(base: string, token: string, extra: StartBody = {}): Promise<Started> {
  const body = startBody(extra);
  const res = await kcbPost(base, 'popup-start', token, body);
  const json = (await res.json()) as Record<string, unknown>;
  if (json.rsp_cd !== 'B000') throw new Error(`popup-start answered ${JSON.stringify(json)}`);
  return { svc_tkn: String(json.svc_tkn), enc_key: String(json.enc_key), iv: body.enc_iv, body: json };
}

export interface KcbPage {
  readonly response: Response;
  readonly html: string;
  readonly cookie: string;
  readonly requestId: string;
  readonly nonce: string;
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`page has no hidden ${name}`);
  return match[1];
}

/** The platform's browser form POST to KCB's page. */
export function postCommonSvl(base: string, fields: Record<string, string | undefined>): Promise<Response> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) body.append(k, v);
  return fetch(`${base}/kcb/safe/CommonSvl`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

export async function openKcbPage(
  base: string,
  svcTkn: string,
  memberCode = KCB_MEMBER_CODE,
): Promise<KcbPage> {
  const response = await postCommonSvl(base, {
    tc: KCB_TC_VALUE,
    idcf_mbr_com_cd: memberCode,
    svc_tkn: svcTkn,
  });
  const html = await response.text();
  if (response.status !== 200)
    throw new Error(`CommonSvl answered ${response.status}: ${html.slice(0, 400)}`);
  const setCookie = response.headers.getSetCookie()[0] ?? '';
  return {
    response,
    html,
    cookie: setCookie.split(';')[0] ?? '',
    requestId: hidden(html, 'request_id'),
    nonce: hidden(html, 'nonce'),
  };
}

export function submitKcbPage(
  base: string,
  fields: Record<string, string | undefined>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) body.append(k, v);
  return fetch(`${base}/kcb/safe/CommonSvl/confirm`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

/** Opens KCB's page and submits it as `persona` (or cancels); returns the 303 response. */
export async function completeAs(
  base: string,
  svcTkn: string,
  persona: string | 'cancel',
): Promise<Response> {
  const page = await openKcbPage(base, svcTkn);
  return submitKcbPage(
    base,
    persona === 'cancel'
      ? { request_id: page.requestId, nonce: page.nonce, action: 'cancel' }
      : { request_id: page.requestId, nonce: page.nonce, persona, action: 'confirm' },
    { cookie: page.cookie },
  );
}

export function popupResult(
  base: string,
  token: string,
  svcTkn: string,
  headers: Record<string, string> = {},
) {
  return kcbPost(base, 'popup-result', token, { idcf_mbr_com_cd: KCB_MEMBER_CODE, svc_tkn: svcTkn }, headers);
}

/** enc_key → the per-transaction field key: AES-128-CBC, key = member code + "0000", IV = enc_iv, hex inside. */
export function unwrapFieldKey(encKey: string, ivHex: string, memberCode = KCB_MEMBER_CODE): Buffer {
  const decipher = createDecipheriv(
    'aes-128-cbc',
    Buffer.from(`${memberCode}0000`, 'ascii'),
    Buffer.from(ivHex, 'hex'),
  );
  const hex = Buffer.concat([decipher.update(Buffer.from(encKey, 'base64')), decipher.final()]).toString(
    'ascii',
  );
  if (!/^[0-9A-Fa-f]{32}$/.test(hex)) throw new Error(`enc_key did not hold 32 hex digits: ${hex}`);
  return Buffer.from(hex, 'hex');
}

/** The raw CP949 bytes of one field. */
export function decryptFieldBytes(value: string, key: Buffer, ivHex: string): Buffer {
  const decipher = createDecipheriv('aes-128-cbc', key, Buffer.from(ivHex, 'hex'));
  return Buffer.concat([decipher.update(Buffer.from(value, 'base64')), decipher.final()]);
}

export function decryptField(value: string, key: Buffer, ivHex: string): string {
  return iconv.decode(decryptFieldBytes(value, key, ivHex), 'cp949');
}

export const ENCRYPTED_FIELDS = ['nm', 'brdt', 'sex', 'ntv_frnr_cd', 'mbphn_no', 'ci', 'di'] as const;
