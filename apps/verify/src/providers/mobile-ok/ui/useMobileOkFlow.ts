/**
 * The mobile-ok flow's state: a reducer over its phases (form → otp | pass | ars → done | failed)
 * and the calls to this remote's own API (`/verify/api/mok/…`, then the result behind the
 * one-time ticket), the polling of PASS approval and the ARS call, and the transaction's countdown
 * (10 minutes, mobile-ok 본인확인-API 가이드 §4). The step components only render it.
 */
import { ApiCallError, createAppClient } from '@mfv/auth/client';
import { useCallback, useEffect, useReducer, type FormEvent } from 'react';
import type { VerificationResultView, VerifyErrorBody } from '../../../core/responses';
import {
  MOK_DEFAULT_USAGE,
  normalizeMokForm,
  usagesFor,
  validateAuthNumber,
  validateMokForm,
  type MokConfirmResponse,
  type MokForm,
  type MokFormErrors,
  type MokRequestResponse,
  type MokServiceId,
  type MokStartResponse,
} from '../rules';

export type Phase =
  | { kind: 'form' }
  | { kind: 'otp'; resendRemaining?: number; retryRemaining?: number }
  | { kind: 'pass' }
  | { kind: 'ars'; arsOtpNumber: string; calling: boolean }
  | { kind: 'done'; result: VerificationResultView }
  | { kind: 'failed'; message: string; code: string };

export interface FlowState {
  service: MokServiceId;
  form: MokForm;
  touched: Partial<Record<keyof MokForm, boolean>>;
  serverErrors: Partial<Record<string, string>>;
  submitted: boolean;
  phase: Phase;
  busy: boolean;
  /** The polite live region's text. */
  status: string;
  /** The alert's text (a refusal the step survives). */
  alert: string | null;
  code: string;
  codeError: string | null;
  expiresAt: number | null;
  now: number;
  canCall: boolean;
}

type Action =
  | { type: 'chooseService'; service: MokServiceId }
  | { type: 'update'; field: keyof MokForm; value: string }
  | { type: 'touch'; field: keyof MokForm }
  | { type: 'set'; patch: Partial<FlowState> }
  | { type: 'fail'; message: string; code: string }
  | { type: 'error'; error: unknown }
  | { type: 'requested'; expiresAt: number; now: number; requested: MokRequestResponse }
  | { type: 'done'; result: VerificationResultView }
  | { type: 'resent'; resendRemaining: number | null }
  | { type: 'calling' }
  | { type: 'restart' };

const client = createAppClient('/verify');
/**
 * How often the ARS call's outcome is asked after, by itself. Every ask counts against the
 * transaction's few confirm requests (mobile-ok 본인확인-API 개발 가이드 §8 4301: 3), so it is slow;
 * PASS is asked only when the person says they approved (the guide's samples confirm on a click).
 */
const ARS_CHECK_MS = 5_000;
const EXPIRED_MESSAGE = '유효시간이 만료되었습니다. 처음부터 다시 시도해 주세요.';
const NETWORK_MESSAGE = '네트워크 연결을 확인한 뒤 다시 시도해 주세요.';

const EMPTY_FORM: MokForm = { carrier: '', name: '', phone: '', birthday: '', gender: '', nation: '0' };

/** Failures after which this transaction cannot go on: the failure screen, with "처음부터 다시". */
function isTerminal(error: ApiCallError): boolean {
  const body = error.body as Partial<VerifyErrorBody>;
  if (body.restart === true) return true;
  if (error.status === 401 || error.status === 410) return true;
  return error.status === 409 && error.code !== 'MOK_TX_BUSY' && error.code !== 'MOK_STEP_INVALID';
}

export function formatLeft(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
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
  if (isTerminal(error)) return failed(state, error.message, error.code);
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
  }
  if (body.canCall) {
    next = {
      ...next,
      canCall: true,
      phase: next.phase.kind === 'ars' ? { ...next.phase, calling: false } : next.phase,
    };
  }
  return next;
}

function reducer(state: FlowState, action: Action): FlowState {
  switch (action.type) {
    case 'chooseService':
      return {
        ...state,
        service: action.service,
        serverErrors: {},
        form: usagesFor(action.service).some((u) => u.code === state.form.usageCode)
          ? state.form
          : { ...state.form, usageCode: MOK_DEFAULT_USAGE },
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
          status: '인증번호를 보냈습니다. 문자로 받은 인증번호를 입력해 주세요.',
        };
      }
      if (requested.next === 'pass') {
        return {
          ...common,
          phase: { kind: 'pass' },
          status: 'PASS 앱으로 본인확인 요청을 보냈습니다. 앱에서 승인해 주세요.',
        };
      }
      return {
        ...common,
        phase: { kind: 'ars', arsOtpNumber: requested.arsOtpNumber ?? '', calling: false },
        status: '전화 요청 버튼을 누르면 전화가 걸려 옵니다.',
      };
    }
    case 'done':
      return {
        ...state,
        phase: { kind: 'done', result: action.result },
        expiresAt: null,
        alert: null,
        status: '본인확인이 완료되었습니다.',
      };
    case 'resent':
      return {
        ...state,
        phase:
          state.phase.kind === 'otp' && action.resendRemaining !== null
            ? { ...state.phase, resendRemaining: action.resendRemaining }
            : state.phase,
        status: '인증번호를 다시 보냈습니다.',
      };
    case 'calling':
      return {
        ...state,
        canCall: false,
        phase: state.phase.kind === 'ars' ? { ...state.phase, calling: true } : state.phase,
        status: '전화를 걸고 있습니다. 전화를 받아 화면의 인증번호를 눌러 주세요.',
      };
    case 'restart':
      return {
        ...state,
        phase: { kind: 'form' },
        expiresAt: null,
        alert: null,
        status: '',
        serverErrors: {},
        code: '',
      };
  }
}

function initialState(service: MokServiceId): FlowState {
  return {
    service,
    form: { ...EMPTY_FORM, usageCode: MOK_DEFAULT_USAGE },
    touched: {},
    serverErrors: {},
    submitted: false,
    phase: { kind: 'form' },
    busy: false,
    status: '',
    alert: null,
    code: '',
    codeError: null,
    expiresAt: null,
    now: Date.now(),
    canCall: true,
  };
}

export function useMobileOkFlow(initialService: MokServiceId) {
  const [state, dispatch] = useReducer(reducer, initialService, initialState);
  const { service, form, touched, serverErrors, submitted, phase, expiresAt, now, code } = state;

  const clientErrors: MokFormErrors = validateMokForm(service, form);
  const fieldError = (field: keyof MokForm): string | undefined =>
    serverErrors[field] ?? (touched[field] || submitted ? clientErrors[field] : undefined);

  const showResult = useCallback(async (ticket: string) => {
    const result = await client.json<VerificationResultView>('/api/verification/result', {
      method: 'POST',
      body: { ticket },
    });
    dispatch({ type: 'done', result });
  }, []);

  /** confirm/request; true when the flow is over (verified or failed), false while pending. */
  const confirm = useCallback(
    async (authNumber?: string): Promise<boolean> => {
      try {
        const answer = await client.json<MokConfirmResponse>('/api/mok/confirm', {
          method: 'POST',
          body: authNumber === undefined ? {} : { authNumber },
        });
        if (answer.status === 'pending') {
          const left = answer.attemptsLeft > 0 ? ` 앞으로 ${answer.attemptsLeft}번 더 확인할 수 있어요.` : '';
          dispatch({ type: 'set', patch: { alert: `${answer.message}${left}` } });
          return false;
        }
        await showResult(answer.ticket);
        return true;
      } catch (error) {
        dispatch({ type: 'error', error });
        // Waiting goes on through a dropped connection or a busy moment; any other answer ends it.
        return !(error instanceof ApiCallError) || error.code === 'MOK_TX_BUSY' ? false : true;
      }
    },
    [showResult],
  );

  // The ARS call: asked again every ARS_CHECK_MS while the step waits (bounded by the server).
  const waiting = phase.kind === 'ars' && phase.calling;
  useEffect(() => {
    if (!waiting) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      if (stopped) return;
      const done = await confirm();
      if (!stopped && !done) timer = setTimeout(() => void poll(), ARS_CHECK_MS);
    };
    timer = setTimeout(() => void poll(), ARS_CHECK_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [waiting, confirm]);

  // The 10 minutes of the transaction, shown while a step waits for the person.
  useEffect(() => {
    if (expiresAt === null) return;
    const timer = setInterval(() => dispatch({ type: 'set', patch: { now: Date.now() } }), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  useEffect(() => {
    if (expiresAt !== null && now >= expiresAt)
      dispatch({ type: 'fail', message: EXPIRED_MESSAGE, code: 'EXPIRED' });
  }, [now, expiresAt]);

  async function submitForm(event: FormEvent) {
    event.preventDefault();
    dispatch({ type: 'set', patch: { submitted: true, alert: null } });
    const errors = validateMokForm(service, form);
    const first = Object.keys(errors)[0];
    if (first !== undefined) {
      document.getElementById(`mok-${first}`)?.focus();
      return;
    }
    dispatch({ type: 'set', patch: { busy: true, status: '인증을 요청하고 있습니다…' } });
    try {
      const started = await client.json<MokStartResponse>('/api/mok/start', {
        method: 'POST',
        body: { service },
      });
      const requested = await client.json<MokRequestResponse>('/api/mok/request', {
        method: 'POST',
        body: normalizeMokForm(service, form),
      });
      dispatch({ type: 'requested', expiresAt: Date.parse(started.expiresAt), now: Date.now(), requested });
    } catch (error) {
      dispatch({ type: 'set', patch: { status: '' } });
      dispatch({ type: 'error', error });
    } finally {
      dispatch({ type: 'set', patch: { busy: false } });
    }
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    const problem = validateAuthNumber(service, code);
    dispatch({ type: 'set', patch: { alert: null, codeError: problem ?? null } });
    if (problem !== undefined) {
      document.getElementById('mok-authNumber')?.focus();
      return;
    }
    dispatch({ type: 'set', patch: { busy: true, status: '인증번호를 확인하고 있습니다…' } });
    await confirm(code.trim());
    dispatch({ type: 'set', patch: { busy: false } });
  }

  async function resend() {
    dispatch({ type: 'set', patch: { alert: null, busy: true } });
    try {
      const answer = await client.json<{ resendRemaining: number | null }>('/api/mok/resend', {
        method: 'POST',
      });
      dispatch({ type: 'resent', resendRemaining: answer.resendRemaining });
    } catch (error) {
      dispatch({ type: 'error', error });
    } finally {
      dispatch({ type: 'set', patch: { busy: false } });
    }
  }

  /** PASS: the person says they approved in the app; one confirm request. */
  async function checkApproval() {
    dispatch({ type: 'set', patch: { alert: null, busy: true, status: '승인 여부를 확인하고 있어요…' } });
    await confirm();
    dispatch({ type: 'set', patch: { busy: false } });
  }

  async function call() {
    dispatch({ type: 'set', patch: { alert: null, busy: true } });
    try {
      await client.json('/api/mok/call', { method: 'POST' });
      dispatch({ type: 'calling' });
    } catch (error) {
      dispatch({ type: 'error', error });
    } finally {
      dispatch({ type: 'set', patch: { busy: false } });
    }
  }

  return {
    state,
    fieldError,
    /** The countdown ("m:ss") while the transaction runs. */
    left: expiresAt === null ? null : formatLeft(expiresAt - now),
    chooseService: (next: MokServiceId) => dispatch({ type: 'chooseService', service: next }),
    update: (field: keyof MokForm, value: string) => dispatch({ type: 'update', field, value }),
    touch: (field: keyof MokForm) => dispatch({ type: 'touch', field }),
    setCode: (value: string) => dispatch({ type: 'set', patch: { code: value, codeError: null } }),
    submitForm,
    submitCode,
    resend,
    call,
    checkApproval,
    restart: () => dispatch({ type: 'restart' }),
  };
}

export type MobileOkFlow = ReturnType<typeof useMobileOkFlow>;
