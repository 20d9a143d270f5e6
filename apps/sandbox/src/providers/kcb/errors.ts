import { type ProviderErrorShape } from '../../error-shape.js';
import { brandedErrorPage, type PageBrand } from '../../provider-page.js';

/**
 * Result codes (`rsp_cd`) of the ok-name REST API as the sandbox answers them. One table, so the
 * client side and this side can be checked against it (a shared constant list is allowed:
 * docs/sandbox.md).
 *
 * Sources: "B000" = success is what every public integration checks for. KCB's full code table
 * is in its contract guide, which is not public, so every failure code below is the sandbox's
 * own choice (grouped B1xx request, B2xx member/registration, B3xx transaction, B4xx access token,
 * B9xx KCB-side). A client should treat any code other than B000 as a failure and show
 * `rsp_msg`, never branch on the exact failure code except the ones documented here.
 */
export const KCB_RSP = {
  OK: 'B000',
  /** A required field is missing or malformed (x-api-tran-id included). */
  INVALID_REQUEST: 'B100',
  /** enc_algo_cd other than 1331 (AES). */
  UNSUPPORTED_ENC_ALGO: 'B101',
  /** rqst_svc_tx_seqno already used by this member within 24 hours. */
  DUPLICATE_SEQNO: 'B102',
  /** idcf_mbr_com_cd is not the member code of the authenticated client. */
  MEMBER_MISMATCH: 'B200',
  /** return_url is not one of the member's registered return URLs (exact match). */
  RETURN_URL_NOT_REGISTERED: 'B201',
  /** svc_tkn unknown, expired, issued to another client, or its result was already fetched. */
  TOKEN_NOT_FOUND: 'B300',
  /** The user has not finished on KCB's page yet. */
  NOT_COMPLETED: 'B301',
  /** The user pressed 취소 on KCB's page. */
  USER_CANCELLED: 'B302',
  /** Missing, unknown or expired Bearer access token (HTTP 401). */
  INVALID_ACCESS_TOKEN: 'B401',
  /** KCB-side failure. */
  SYSTEM_ERROR: 'B900',
} as const;
export type KcbRspCode = (typeof KCB_RSP)[keyof typeof KCB_RSP];

export const KCB_RSP_MESSAGES: Readonly<Record<KcbRspCode, string>> = {
  B000: '정상 처리되었습니다.',
  B100: '요청 값이 올바르지 않습니다.',
  B101: '지원하지 않는 암호화 알고리즘입니다.',
  B102: '이미 사용한 요청 거래번호입니다.',
  B200: '회원사 코드가 올바르지 않습니다.',
  B201: '등록되지 않은 리턴 URL입니다.',
  B300: '서비스 토큰이 없거나 만료되었거나 이미 조회되었습니다.',
  B301: '본인확인이 완료되지 않았습니다.',
  B302: '사용자가 본인확인을 취소했습니다.',
  B401: '유효하지 않은 액세스 토큰입니다.',
  B900: '일시적인 시스템 오류입니다. 잠시 후 다시 시도하세요.',
};

const FAILURE_CODES = new Set<string>(Object.values(KCB_RSP).filter((c) => c !== KCB_RSP.OK));

export function isKcbFailureCode(code: string): code is KcbRspCode {
  return FAILURE_CODES.has(code);
}

/** `{rsp_cd, rsp_msg}`: every answer of the API host except the OAuth token endpoint. */
export function rspBody(code: KcbRspCode, detail?: string): string {
  const message = KCB_RSP_MESSAGES[code];
  return JSON.stringify({ rsp_cd: code, rsp_msg: detail === undefined ? message : `${message} (${detail})` });
}

const JSON_TYPE = 'application/json;charset=UTF-8';

/**
 * popup-start and popup-result. A status fault answers that HTTP status with B900 (5xx) or B100;
 * `code:<rsp_cd>` answers HTTP 200 with that failure code; `malformed` a cut-off JSON body.
 */
export const kcbApiShape: ProviderErrorShape = {
  contentType: JSON_TYPE,
  error: (status, message) =>
    rspBody(
      status === 401
        ? KCB_RSP.INVALID_ACCESS_TOKEN
        : status >= 500
          ? KCB_RSP.SYSTEM_ERROR
          : KCB_RSP.INVALID_REQUEST,
      message,
    ),
  malformed: () => '{"rsp_cd":"B000","rsp_msg":"정상',
  resultCode: (code) => (isKcbFailureCode(code) ? rspBody(code) : undefined),
};

/** popup-result: `tamper` encrypts the fields with another key than the transaction's. */
export const kcbResultShape: ProviderErrorShape = { ...kcbApiShape, tamper: true };

/** The OAuth token endpoint: RFC 6749 §5.2 `{error, error_description}`. */
export const kcbOAuthShape: ProviderErrorShape = {
  contentType: JSON_TYPE,
  error: (status, message) =>
    JSON.stringify({
      error: status >= 500 ? 'server_error' : status === 401 ? 'invalid_client' : 'invalid_request',
      error_description: message,
    }),
  malformed: () => '{"access_token":"',
};

export const KCB_BRAND: PageBrand = {
  name: 'KCB 휴대폰 본인확인',
  color: '#0b3b8c',
  ink: '#ffffff',
  accent: '#0b58d8',
  accentInk: '#ffffff',
};

export function kcbErrorPage(title: string, detail: string, code?: string): string {
  return brandedErrorPage(KCB_BRAND, { title, detail, ...(code !== undefined ? { code } : {}) });
}

/** KCB's browser page (safe.ok-name.co.kr): errors render as pages. */
export const kcbPageShape: ProviderErrorShape = {
  contentType: 'text/html; charset=utf-8',
  error: (status, message) =>
    kcbErrorPage(
      status >= 500 ? '일시적인 오류가 발생했습니다' : '잘못된 요청입니다',
      message,
      status >= 500 ? KCB_RSP.SYSTEM_ERROR : undefined,
    ),
  malformed: () => '<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>KCB',
};
