/**
 * What every flow's API answers in common, as the pages read it (browser-safe: types only): the
 * masked result a one-time ticket redeems for, and the one error shape.
 */

/** Masked fields of a stored verification (POST /verify/api/verification/result). */
export interface VerificationResultView {
  provider: string;
  serviceType: string;
  maskedName?: string;
  /** Phone verifications (mobile-ok, KCB); absent for SSAFY Verify. */
  maskedPhone?: string;
  isAdult?: boolean;
  identity: boolean;
  verifiedAt: string;
  attachedTo: 'member' | 'signup';
  /** SSAFY Verify: cohort and campus when the issuer sent them (never the sub). */
  cohort?: string;
  campus?: string;
}

/** Every error the verify API answers: `{code, message}`, plus what the page needs to go on. */
export interface VerifyErrorBody {
  code: string;
  /** For people: the guide's customer message for provider failures. */
  message: string;
  /** mobile-ok's resultCode, when the provider answered one. */
  resultCode?: string;
  /** The transaction is over: the only way on is to start again. */
  restart?: boolean;
  /** mobile-ok: what the person can do next (providers/mobile-ok/retry-classes.ts). */
  retryClass?: 'wait' | 'retry-same-step' | 'fix-input-and-resend' | 'restart' | 'final';
  retryRemaining?: number;
  resendRemaining?: number;
  /**
   * mobile-ok: the form was refused with "확인 후 다시" and may be corrected and sent again this many
   * more times on the same transaction (`restart: false`, `retryClass: 'fix-input-and-resend'`).
   */
  requestsRemaining?: number;
  /** ARS: the person did not pick up; another call may be requested (mobile-ok 본인확인-API 가이드 §6). */
  canCall?: boolean;
  /** Field errors of a rejected form or code (field → message). */
  fields?: Partial<Record<string, string>>;
  /** SSAFY Verify: the guide's failure shape, `{ok: false, errorCode, requestId}`. */
  ok?: false;
  /** SSAFY Verify: the guide's UI error code (SDK_NOT_READY … VERIFY_RESPONSE_INVALID). */
  errorCode?: string;
  /** SSAFY Verify: the issuer's request_id, the one thing a failure may show. */
  requestId?: string | null;
}
