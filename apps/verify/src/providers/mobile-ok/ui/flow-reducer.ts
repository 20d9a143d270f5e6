/**
 * The mobile-ok flow's reducer: every change of ./flow-state.ts, including how an API error is
 * shown — at the field, back on the form (fix in place), as a notice the step survives, or as the
 * failure screen.
 */
import { ApiCallError } from '@mfv/auth/client';
import type { VerifyErrorBody } from '../../../core/responses';
import type { Action, FlowState } from './flow-state';
import { NETWORK_MESSAGE } from './flow-state';
import {
  ADULT_FAILED_MESSAGE,
  ADULT_FAILED_TITLE,
  ARS_NO_ANSWER_CODES,
  ARS_NO_ANSWER_FINAL,
  ARS_NO_ANSWER_MESSAGE,
  CODE_ATTEMPTS_EXHAUSTED,
  fixInPlace,
  isAdultCheck,
  MOK_CODE_TTL_MS,
  MOK_CONSENTS,
  usageFor,
  withGenderDigit,
  type MokConsentId,
} from './standard-window';

/** Failures after which this transaction cannot go on: the failure screen, with "처음부터 다시". */
function isTerminal(error: ApiCallError): boolean {
  const body = error.body as Partial<VerifyErrorBody>;
  if (body.restart === true) return true;
  if (error.status === 401 || error.status === 410) return true;
  return error.status === 409 && error.code !== 'MOK_TX_BUSY' && error.code !== 'MOK_STEP_INVALID';
}
const failed = (state: FlowState, message: string, code: string): FlowState => ({
  ...state,
  phase: { kind: 'failed', message, code },
  expiresAt: null,
  status: '',
  alert: null,
});

/** Any error of the API: field errors stay on the step; restart → the failure screen; else a notice. */
function apiFailed(state: FlowState, error: unknown): FlowState {
  if (!(error instanceof ApiCallError)) return { ...state, alert: NETWORK_MESSAGE };
  const body = error.body as Partial<VerifyErrorBody>;
  if (error.code === 'INVALID_INPUT' && body.fields) {
    return {
      ...state,
      serverErrors: body.fields,
      ...(body.fields.authNumber ? { codeError: body.fields.authNumber } : {}),
      alert: error.message,
    };
  }
  // 인증 요청 refused for what the person typed or chose: back to the form, the field marked.
  const fix = state.phase.kind === 'form' ? fixInPlace(body.resultCode) : null;
  if (fix !== null) {
    return { ...state, serverErrors: fix, alert: null, status: '', expiresAt: null, codeExpiresAt: null };
  }
  // The server's adult check found a minor (성인인증 실패): the failure screen with its title.
  if (error.code === 'MOK_NOT_ADULT') {
    return {
      ...failed(state, error.message, error.code),
      phase: { kind: 'failed', message: error.message, code: error.code, title: ADULT_FAILED_TITLE },
      codeExpiresAt: null,
    };
  }
  if (isTerminal(error)) {
    if (state.phase.kind === 'otp' && body.retryRemaining === 0)
      return failed(state, CODE_ATTEMPTS_EXHAUSTED, error.code);
    if (
      state.phase.kind === 'ars' &&
      body.resultCode !== undefined &&
      ARS_NO_ANSWER_CODES.has(body.resultCode)
    )
      return failed(state, ARS_NO_ANSWER_FINAL, error.code);
    return failed(state, error.message, error.code);
  }
  let next: FlowState = { ...state, alert: error.message };
  const { phase } = next;
  if (
    phase.kind === 'otp' &&
    (typeof body.retryRemaining === 'number' || typeof body.resendRemaining === 'number')
  ) {
    next = {
      ...next,
      phase: {
        ...phase,
        ...(typeof body.retryRemaining === 'number' ? { retryRemaining: body.retryRemaining } : {}),
        ...(typeof body.resendRemaining === 'number' ? { resendRemaining: body.resendRemaining } : {}),
      },
    };
    // A wrong code: said at the field, with the tries left.
    if (typeof body.retryRemaining === 'number') {
      next = {
        ...next,
        alert: null,
        codeError: `${error.message} (남은 입력 ${body.retryRemaining}회)`,
      };
    }
  }
  if (body.canCall) {
    const noAnswer = body.resultCode !== undefined && ARS_NO_ANSWER_CODES.has(body.resultCode);
    next = {
      ...next,
      canCall: true,
      alert: noAnswer ? ARS_NO_ANSWER_MESSAGE : next.alert,
      phase: next.phase.kind === 'ars' ? { ...next.phase, calling: false } : next.phase,
    };
  }
  return next;
}

export function reducer(state: FlowState, action: Action): FlowState {
  switch (action.type) {
    case 'chooseService':
      return {
        ...state,
        service: action.service,
        serverErrors: {},
        form: { ...state.form, usageCode: usageFor(state.purpose, action.service) },
      };
    case 'tile':
      return {
        ...state,
        tile: action.tile,
        form: { ...state.form, carrier: action.tile === 'MVNO' ? '' : action.tile },
        serverErrors: { ...state.serverErrors, carrier: undefined },
      };
    case 'genderDigit':
      return {
        ...state,
        genderDigit: action.value,
        form: withGenderDigit(state.form, action.value),
        serverErrors: { ...state.serverErrors, genderDigit: undefined },
      };
    case 'consent':
      return {
        ...state,
        consents:
          action.id === 'all'
            ? (Object.fromEntries(MOK_CONSENTS.map((c) => [c.id, action.value])) as Record<
                MokConsentId,
                boolean
              >)
            : { ...state.consents, [action.id]: action.value },
      };
    case 'resume':
      return {
        ...state,
        service: action.saved.service,
        phase: action.saved.phase,
        expiresAt: action.saved.expiresAt,
        codeExpiresAt: action.saved.codeExpiresAt,
        now: Date.now(),
        status: '진행 중이던 본인확인을 이어서 할 수 있어요.',
      };
    case 'update':
      return {
        ...state,
        form: { ...state.form, [action.field]: action.value },
        serverErrors: { ...state.serverErrors, [action.field]: undefined },
      };
    case 'touch':
      return { ...state, touched: { ...state.touched, [action.field]: true } };
    case 'set':
      return { ...state, ...action.patch };
    case 'fail':
      return failed(state, action.message, action.code);
    case 'error':
      return apiFailed(state, action.error);
    case 'requested': {
      const { requested } = action;
      const common = {
        ...state,
        expiresAt: action.expiresAt,
        codeExpiresAt: requested.next === 'otp' ? action.now + MOK_CODE_TTL_MS : null,
        now: action.now,
        code: '',
        codeError: null,
        canCall: true,
      };
      if (requested.next === 'otp') {
        return {
          ...common,
          phase: {
            kind: 'otp',
            ...(requested.resendRemaining !== undefined
              ? { resendRemaining: requested.resendRemaining }
              : {}),
          },
          status: '인증번호를 보냈어요. 문자로 받은 인증번호를 3분 안에 입력해 주세요.',
        };
      }
      if (requested.next === 'pass') {
        return {
          ...common,
          phase: { kind: 'pass' },
          status: 'PASS 앱으로 본인확인 요청을 보냈어요. 앱에서 승인해 주세요.',
        };
      }
      return {
        ...common,
        phase: { kind: 'ars', arsOtpNumber: requested.arsOtpNumber ?? '', calling: false },
        status: '전화 요청 버튼을 누르면 전화가 걸려 와요.',
      };
    }
    case 'done':
      // An adult check that found a minor is a failure, never a success screen.
      if (isAdultCheck(state.form.usageCode) && action.result.isAdult !== true) {
        return {
          ...failed(state, ADULT_FAILED_MESSAGE, 'MOK_NOT_ADULT'),
          phase: {
            kind: 'failed',
            message: ADULT_FAILED_MESSAGE,
            code: 'MOK_NOT_ADULT',
            title: ADULT_FAILED_TITLE,
          },
          codeExpiresAt: null,
        };
      }
      return {
        ...state,
        phase: { kind: 'done', result: action.result },
        expiresAt: null,
        codeExpiresAt: null,
        alert: null,
        status: '본인확인을 마쳤어요.',
      };
    case 'resent':
      return {
        ...state,
        phase:
          state.phase.kind === 'otp' && action.resendRemaining !== null
            ? { ...state.phase, resendRemaining: action.resendRemaining }
            : state.phase,
        code: '',
        codeError: null,
        codeExpiresAt: Date.now() + MOK_CODE_TTL_MS,
        now: Date.now(),
        status: '인증번호를 다시 보냈어요. 3분 안에 입력해 주세요.',
      };
    case 'calling':
      return {
        ...state,
        canCall: false,
        phase: state.phase.kind === 'ars' ? { ...state.phase, calling: true } : state.phase,
        status: '전화를 걸고 있어요. 전화를 받아 화면의 인증번호를 누른 뒤, 아래 버튼을 눌러 주세요.',
      };
    case 'restart':
      return {
        ...state,
        phase: { kind: 'form' },
        expiresAt: null,
        codeExpiresAt: null,
        alert: null,
        status: '',
        serverErrors: {},
        code: '',
        codeError: null,
      };
  }
}
