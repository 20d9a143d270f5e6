/**
 * KCB (ok-name) codes and every Korean message the KCB client shows a person, in one module.
 * Plain data with no crypto or I/O: the sandbox may import it to answer with the same codes.
 *
 * Sources: `rsp_cd` "B000" is success for every REST step of KCB's ok-name API (the token
 * endpoint excepted, which answers OAuth-style). KCB's full code table is not public; the
 * table below holds the codes this project can vouch for, and {@link lookupKcbResponseCode}
 * returns a generic entry for any other code — the provider's own `rsp_msg` is kept on the error
 * for operators, never shown as-is.
 */

/** "B000": success (what every public REST integration checks for). */
export const KCB_SUCCESS_CODE = 'B000';

/**
 * The `rsp_cd` values a caller may act on, defined here only: success, and the three transaction
 * outcomes of `popup-result` the verify remote gives their own messages. B300–B302 are the codes
 * of this project's KCB sandbox (apps/sandbox); KCB's contract guide is not public.
 */
export const KCB_RSP_CODES = {
  SUCCESS: KCB_SUCCESS_CODE,
  /** svc_tkn unknown, expired, or its result already fetched. */
  TOKEN_NOT_FOUND: 'B300',
  /** The person has not finished on KCB's page. */
  NOT_COMPLETED: 'B301',
  /** The person pressed 취소 on KCB's page. */
  CANCELLED: 'B302',
} as const;

export interface KcbResponseCodeEntry {
  readonly code: string;
  /** For operators and logs. */
  readonly description: string;
  /** What the person sees (Korean). */
  readonly userMessage: string;
  /** False for the generic entry returned for a code not in the table. */
  readonly known: boolean;
}

const RESPONSE_CODES: readonly Omit<KcbResponseCodeEntry, 'known'>[] = [
  { code: KCB_SUCCESS_CODE, description: 'success', userMessage: '본인확인이 완료됐어요.' },
];

/** The message for a code KCB did not document publicly. */
export const KCB_UNKNOWN_CODE_MESSAGE =
  '본인확인 처리 중 문제가 발생했어요. 잠시 후 처음부터 다시 시도해 주세요.';

export function lookupKcbResponseCode(code: string): KcbResponseCodeEntry {
  const row = RESPONSE_CODES.find((r) => r.code === code);
  if (row !== undefined) return { ...row, known: true };
  return {
    code,
    description: 'code not in the KCB table of this client',
    userMessage: KCB_UNKNOWN_CODE_MESSAGE,
    known: false,
  };
}

/** Every error code the KCB client throws, with the message for the person. */
export const KCB_ERROR_MESSAGES = {
  KCB_CONFIG_INVALID: '본인확인 서비스 설정에 문제가 있어요. 고객센터로 문의해 주세요.',
  KCB_INVALID_ARGUMENT: '본인확인 요청 정보가 올바르지 않아요. 처음부터 다시 시도해 주세요.',
  KCB_CONNECT_TIMEOUT: '본인확인 서비스에 연결하지 못했어요. 잠시 후 다시 시도해 주세요.',
  KCB_TIMEOUT: '본인확인 서비스의 응답이 늦어지고 있어요. 잠시 후 다시 시도해 주세요.',
  KCB_ABORTED: '본인확인 요청이 취소됐어요.',
  KCB_NETWORK: '본인확인 서비스에 연결하지 못했어요. 잠시 후 다시 시도해 주세요.',
  KCB_RESPONSE_TOO_LARGE: '본인확인 서비스의 응답을 처리하지 못했어요. 잠시 후 다시 시도해 주세요.',
  KCB_UNEXPECTED_STATUS: '본인확인 서비스에 일시적인 문제가 있어요. 잠시 후 다시 시도해 주세요.',
  KCB_INVALID_JSON: '본인확인 서비스의 응답을 처리하지 못했어요. 잠시 후 다시 시도해 주세요.',
  KCB_INVALID_RESPONSE: '본인확인 서비스의 응답을 처리하지 못했어요. 잠시 후 다시 시도해 주세요.',
  KCB_UNAUTHORIZED: '본인확인 서비스 인증에 실패했어요. 잠시 후 다시 시도해 주세요.',
  KCB_TOKEN_REJECTED: '본인확인 서비스 인증에 실패했어요. 고객센터로 문의해 주세요.',
  KCB_RESPONSE_CODE: KCB_UNKNOWN_CODE_MESSAGE,
  KCB_MALFORMED_CIPHERTEXT: '본인확인 결과를 확인하지 못했어요. 처음부터 다시 시도해 주세요.',
  KCB_DECRYPT_FAILED: '본인확인 결과를 확인하지 못했어요. 처음부터 다시 시도해 주세요.',
  KCB_BAD_FIELD_KEY: '본인확인 결과를 확인하지 못했어요. 처음부터 다시 시도해 주세요.',
  KCB_BAD_TEXT_ENCODING: '본인확인 결과를 확인하지 못했어요. 처음부터 다시 시도해 주세요.',
  KCB_INVALID_RESULT: '본인확인 결과가 올바르지 않아요. 처음부터 다시 시도해 주세요.',
  KCB_SVC_TKN_MISMATCH: '본인확인 요청 정보가 일치하지 않아요. 처음부터 다시 시도해 주세요.',
  KCB_TX_MISMATCH: '본인확인 요청 정보가 일치하지 않아요. 처음부터 다시 시도해 주세요.',
} as const;
export type KcbErrorCode = keyof typeof KCB_ERROR_MESSAGES;

/**
 * Result codes of the person's details, as KCB's OkCert3 samples document them
 * ("성별 - M:남, F:여", "내외국인구분 - L:내국인, F:외국인"). The REST `popup-result` fields `sex`
 * and `ntv_frnr_cd` carry the same codes once decrypted.
 */
export const KCB_SEX_CODES = { M: 'male', F: 'female' } as const;
export const KCB_NATIVE_FOREIGN_CODES = { L: 'domestic', F: 'foreign' } as const;
