import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { applyPersonaFault } from '../../faults.js';
import { type FormBody, firstRepeated, param } from '../../form-body.js';
import { isFormPost, isHttpUrl } from '../../provider-page.js';
import { kstTimestamp, sandboxCi, sandboxDi } from '../../sandbox-identity.js';
import { safeEqual } from '../../secure.js';
import { type KcbClient, type KcbContext, findKcbClient } from './context.js';
import { KCB_ENC_ALGO_AES, KCB_ENC_IV, encryptField, newFieldKey, sealFieldKey } from './crypto.js';
import {
  KCB_RSP,
  KCB_RSP_MESSAGES,
  type KcbRspCode,
  kcbApiShape,
  kcbOAuthShape,
  kcbResultShape,
  rspBody,
} from './errors.js';
import { KCB_LIFETIMES, kcbRandomToken } from './state.js';

/** Request header every API call carries (거래 추적 id); echoed in the answer. */
export const KCB_TRAN_ID_HEADER = 'x-api-tran-id';
const TRAN_ID = /^[\x21-\x7e]{1,64}$/;
const SEQNO = /^[A-Za-z0-9_-]{1,40}$/;
/** 인증요청사유코드: 00 회원가입, 01 성인인증, 02 회원정보수정, 03 비밀번호찾기, 04 상품구매, 99 기타. */
const CAUSE_CODES = new Set(['00', '01', '02', '03', '04', '99']);

/** POST /v1/oauth2/access_token success body (RFC 6749 §4.4.3, §5.1). */
export interface KcbAccessTokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

function oauthError(reply: FastifyReply, status: number, error: string, description: string): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Basic realm="ok-name"');
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type(JSON_TYPE)
    .send(JSON.stringify({ error, error_description: description }));
}

/** RFC 6749 §2.3.1: HTTP Basic with form-urlencoded id and secret, or both in the body; never both. */
function readClientCredentials(
  request: FastifyRequest,
  form: FormBody,
): { id?: string; secret?: string; both: boolean } {
  const header = request.headers.authorization;
  const bodyId = param(form, 'client_id');
  const bodySecret = param(form, 'client_secret');
  if (header !== undefined && /^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const id = colon === -1 ? decoded : decoded.slice(0, colon);
    const secret = colon === -1 ? undefined : decoded.slice(colon + 1);
    const both = bodyId !== undefined || bodySecret !== undefined;
    const result: { id?: string; secret?: string; both: boolean } = { id: safeDecode(id), both };
    if (secret !== undefined) result.secret = safeDecode(secret);
    return result;
  }
  const result: { id?: string; secret?: string; both: boolean } = { both: false };
  if (bodyId !== undefined) result.id = bodyId;
  if (bodySecret !== undefined) result.secret = bodySecret;
  return result;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** `{rsp_cd, rsp_msg}` with HTTP 200 (KCB reports failures in the body) and the tran id echoed. */
function rsp(reply: FastifyReply, code: KcbRspCode, detail?: string): FastifyReply {
  return reply.code(200).header('cache-control', 'no-store').type(JSON_TYPE).send(rspBody(code, detail));
}

/** Bearer check for the API (RFC 6750 §3: 401 with WWW-Authenticate). */
function authenticate(ctx: KcbContext, request: FastifyRequest, reply: FastifyReply): KcbClient | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer ([\x21-\x7e]+)$/.exec(header);
  const token = match?.[1] === undefined ? undefined : ctx.state.accessTokens.get(match[1]);
  const client = token === undefined ? undefined : findKcbClient(ctx.clients, token.clientId);
  if (client === undefined) {
    reply
      .code(401)
      .header(
        'www-authenticate',
        match === null ? 'Bearer realm="ok-name"' : 'Bearer realm="ok-name", error="invalid_token"',
      )
      .type(JSON_TYPE)
      .send(rspBody(KCB_RSP.INVALID_ACCESS_TOKEN));
    return undefined;
  }
  return client;
}

/** The tran id header: required on every API call, echoed in the answer. */
function readTranId(request: FastifyRequest, reply: FastifyReply): string | undefined {
  const value = request.headers[KCB_TRAN_ID_HEADER];
  if (typeof value !== 'string' || !TRAN_ID.test(value)) return undefined;
  reply.header(KCB_TRAN_ID_HEADER, value);
  return value;
}

function jsonBody(request: FastifyRequest): Record<string, unknown> | undefined {
  const type = request.headers['content-type'] ?? '';
  const body = request.body;
  if (!/^application\/json\s*(;|$)/i.test(type)) return undefined;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  return body as Record<string, unknown>;
}

function str(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * 성별 and 내외국인 구분 on the wire, as KCB's OkCert3 samples document the result codes
 * ("성별 - M:남, F:여", "내외국인구분 - L:내국인, F:외국인"): the personas keep the carriers'
 * "1"/"2" (as mobile-ok does), popup-result sends KCB's letters.
 */
export const KCB_SEX_WIRE = { '1': 'M', '2': 'F' } as const;
export const KCB_NATIONALITY_WIRE = { '1': 'L', '2': 'F' } as const;

/**
 * The popup-result body of a completed transaction (field names of public REST integrations).
 * A persona's `wire` (personas.ts) may leave out the optional fields, send the identity fields in
 * plain text, encrypt the name's UTF-8 bytes, or write 성별/내외국인 as 1/2.
 */
export interface KcbPopupResult {
  rsp_cd: 'B000';
  rsp_msg: string;
  idcf_mbr_com_cd?: string;
  rqst_svc_tx_seqno?: string;
  /** 인증일시, yyyyMMddHHmmss Korean time, plain. */
  cert_dt_tm?: string;
  /** 통신사 코드, plain (01–06, see KCB_CARRIERS). */
  tel_com_cd?: string;
  /** Encrypted by default (base64 of AES-128-CBC, CP949 plaintext): */
  nm: string;
  brdt?: string;
  sex?: string;
  ntv_frnr_cd?: string;
  mbphn_no: string;
  ci: string;
  di: string;
}

export function registerKcbApi(app: FastifyInstance, ctx: KcbContext): void {
  const { state } = ctx;

  /** POST https://tapi.ok-name.co.kr:40443/v1/oauth2/access_token — client credentials (RFC 6749 §4.4). */
  app.post('/v1/oauth2/access_token', { config: { errorShape: kcbOAuthShape } }, async (request, reply) => {
    const body = request.body;
    if (!isFormPost(request.headers['content-type']) || body === null || typeof body !== 'object') {
      return oauthError(
        reply,
        400,
        'invalid_request',
        'Content-Type must be application/x-www-form-urlencoded.',
      );
    }
    const form = body as FormBody;
    const repeated = firstRepeated(form, ['grant_type', 'client_id', 'client_secret', 'scope']);
    if (repeated !== undefined)
      return oauthError(reply, 400, 'invalid_request', `parameter repeated: ${repeated}`);
    const grantType = param(form, 'grant_type');
    if (grantType === undefined) return oauthError(reply, 400, 'invalid_request', 'grant_type is required.');
    if (grantType !== 'client_credentials') {
      return oauthError(
        reply,
        400,
        'unsupported_grant_type',
        'only grant_type=client_credentials is supported.',
      );
    }
    const credentials = readClientCredentials(request, form);
    if (credentials.both) {
      return oauthError(
        reply,
        400,
        'invalid_request',
        'use HTTP Basic or client_id/client_secret in the body, not both.',
      );
    }
    const client = findKcbClient(ctx.clients, credentials.id);
    if (client === undefined || !safeEqual(credentials.secret, client.clientSecret)) {
      return oauthError(reply, 401, 'invalid_client', 'Bad client credentials');
    }
    const accessToken = kcbRandomToken();
    state.accessTokens.set(
      accessToken,
      { clientId: client.clientId },
      KCB_LIFETIMES.accessTokenSeconds * 1000,
    );
    const response: KcbAccessTokenResponse = {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: KCB_LIFETIMES.accessTokenSeconds,
    };
    return reply
      .code(200)
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .type(JSON_TYPE)
      .send(JSON.stringify(response));
  });

  /** POST /v1/id/phone/popup-start: opens a transaction; answers svc_tkn and enc_key. */
  app.post('/v1/id/phone/popup-start', { config: { errorShape: kcbApiShape } }, async (request, reply) => {
    const client = authenticate(ctx, request, reply);
    if (client === undefined) return reply;
    if (readTranId(request, reply) === undefined) {
      return rsp(reply, KCB_RSP.INVALID_REQUEST, `${KCB_TRAN_ID_HEADER} 헤더가 없거나 올바르지 않습니다`);
    }
    const body = jsonBody(request);
    if (body === undefined)
      return rsp(reply, KCB_RSP.INVALID_REQUEST, 'Content-Type은 application/json이어야 합니다');
    const memberCode = str(body, 'idcf_mbr_com_cd');
    if (memberCode === undefined || memberCode !== client.memberCode)
      return rsp(reply, KCB_RSP.MEMBER_MISMATCH);
    const seqno = str(body, 'rqst_svc_tx_seqno');
    if (seqno === undefined || !SEQNO.test(seqno)) {
      return rsp(reply, KCB_RSP.INVALID_REQUEST, 'rqst_svc_tx_seqno: 영문·숫자 1~40자');
    }
    const returnUrl = str(body, 'return_url');
    if (returnUrl === undefined || !isHttpUrl(returnUrl)) {
      return rsp(reply, KCB_RSP.INVALID_REQUEST, 'return_url: 절대 URL이어야 합니다');
    }
    if (!client.returnUrls.includes(returnUrl)) return rsp(reply, KCB_RSP.RETURN_URL_NOT_REGISTERED);
    const siteName = str(body, 'site_name');
    if (siteName === undefined || siteName.length > 100) {
      return rsp(reply, KCB_RSP.INVALID_REQUEST, 'site_name: 1~100자');
    }
    const siteUrl = str(body, 'site_url');
    if (siteUrl === undefined || !isHttpUrl(siteUrl))
      return rsp(reply, KCB_RSP.INVALID_REQUEST, 'site_url: 절대 URL');
    const algo = str(body, 'enc_algo_cd');
    if (algo !== KCB_ENC_ALGO_AES) return rsp(reply, KCB_RSP.UNSUPPORTED_ENC_ALGO, 'enc_algo_cd는 1331(AES)');
    const ivHex = str(body, 'enc_iv');
    if (ivHex === undefined || !KCB_ENC_IV.test(ivHex)) {
      return rsp(reply, KCB_RSP.INVALID_REQUEST, 'enc_iv: 16진수 32자리');
    }
    const cause = str(body, 'rqst_cause_cd');
    if (cause === undefined || !CAUSE_CODES.has(cause)) {
      return rsp(reply, KCB_RSP.INVALID_REQUEST, 'rqst_cause_cd: 00, 01, 02, 03, 04, 99');
    }
    const seqnoKey = `${memberCode} ${seqno}`;
    if (state.seqnos.get(seqnoKey) !== undefined) return rsp(reply, KCB_RSP.DUPLICATE_SEQNO);
    state.seqnos.set(seqnoKey, true, KCB_LIFETIMES.seqnoReuseMs);

    const iv = Buffer.from(ivHex, 'hex');
    const fieldKey = newFieldKey();
    const svcTkn = kcbRandomToken();
    state.transactions.set(
      svcTkn,
      {
        clientId: client.clientId,
        memberCode,
        seqno,
        returnUrl,
        siteName,
        causeCode: cause,
        iv,
        fieldKey,
        status: 'pending',
      },
      KCB_LIFETIMES.transactionMs,
    );
    return reply
      .code(200)
      .header('cache-control', 'no-store')
      .type(JSON_TYPE)
      .send(
        JSON.stringify({
          rsp_cd: KCB_RSP.OK,
          rsp_msg: KCB_RSP_MESSAGES[KCB_RSP.OK],
          idcf_mbr_com_cd: memberCode,
          rqst_svc_tx_seqno: seqno,
          svc_tkn: svcTkn,
          enc_key: sealFieldKey(memberCode, iv, fieldKey),
        }),
      );
  });

  /** POST /v1/id/phone/popup-result: the result of a finished transaction, once. */
  app.post(
    '/v1/id/phone/popup-result',
    { config: { errorShape: kcbResultShape } },
    async (request, reply) => {
      const client = authenticate(ctx, request, reply);
      if (client === undefined) return reply;
      if (readTranId(request, reply) === undefined) {
        return rsp(reply, KCB_RSP.INVALID_REQUEST, `${KCB_TRAN_ID_HEADER} 헤더가 없거나 올바르지 않습니다`);
      }
      const body = jsonBody(request);
      if (body === undefined)
        return rsp(reply, KCB_RSP.INVALID_REQUEST, 'Content-Type은 application/json이어야 합니다');
      const memberCode = str(body, 'idcf_mbr_com_cd');
      if (memberCode === undefined || memberCode !== client.memberCode)
        return rsp(reply, KCB_RSP.MEMBER_MISMATCH);
      const svcTkn = str(body, 'svc_tkn');
      const tx = svcTkn === undefined ? undefined : state.transactions.get(svcTkn);
      // A token issued to another client does not exist for this one.
      if (svcTkn === undefined || tx === undefined || tx.clientId !== client.clientId) {
        return rsp(reply, KCB_RSP.TOKEN_NOT_FOUND);
      }
      if (tx.status === 'pending') return rsp(reply, KCB_RSP.NOT_COMPLETED);
      if (tx.status === 'cancelled') {
        state.transactions.delete(svcTkn);
        return rsp(reply, KCB_RSP.USER_CANCELLED);
      }
      const entry = tx.personaId === undefined ? undefined : ctx.personas.get(tx.personaId);
      if (entry === undefined) return rsp(reply, KCB_RSP.TOKEN_NOT_FOUND);
      if (
        (await applyPersonaFault(ctx.injector, entry.faults.result, request, reply, kcbResultShape)) ===
        'answered'
      ) {
        return reply;
      }
      // Once: the result is gone after this answer (a replayed svc_tkn finds nothing).
      if (!state.transactions.delete(svcTkn)) return rsp(reply, KCB_RSP.TOKEN_NOT_FOUND);
      // Fault `tamper`: the fields are sealed with a key the enc_key does not carry.
      const key = request.sandboxTamper ? newFieldKey() : tx.fieldKey;
      const { persona } = entry;
      const wire = persona.wire ?? {};
      const seal = (value: string, charset?: 'utf-8') =>
        wire.plain === true ? value : encryptField(key, tx.iv, value, charset);
      const result: KcbPopupResult = {
        rsp_cd: KCB_RSP.OK,
        rsp_msg: KCB_RSP_MESSAGES[KCB_RSP.OK],
        ...(wire.omitOptional === true
          ? {}
          : {
              idcf_mbr_com_cd: tx.memberCode,
              rqst_svc_tx_seqno: tx.seqno,
              cert_dt_tm: kstTimestamp(tx.completedAt ?? ctx.clock()),
              tel_com_cd: persona.carrier,
            }),
        nm: seal(persona.name, wire.nameCharset === 'utf-8' ? 'utf-8' : undefined),
        ...(wire.omitOptionalIdentity === true
          ? {}
          : {
              brdt: seal(persona.birthdate),
              sex: seal(wire.digitCodes === true ? persona.sex : KCB_SEX_WIRE[persona.sex]),
              ntv_frnr_cd: seal(
                wire.digitCodes === true ? persona.nationality : KCB_NATIONALITY_WIRE[persona.nationality],
              ),
            }),
        mbphn_no: seal(persona.phone),
        ci: seal(sandboxCi(persona.id)),
        di: seal(sandboxDi(persona.id, tx.memberCode)),
      };
      return reply.code(200).header('cache-control', 'no-store').type(JSON_TYPE).send(JSON.stringify(result));
    },
  );
}
