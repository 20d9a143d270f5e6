/**
 * The mobile-ok flow's state: a reducer over its phases (form → otp | pass | ars → done | failed)
 * and the calls to this remote's own API (`/verify/api/mok/…`, then the result behind the
 * one-time ticket), the transaction's 10 minutes (mobile-ok 본인확인-API 가이드 §4) and the code's
 * 3 minutes (§8 6024), restarted by every re-send. PASS and ARS are confirmed when the person says
 * they are done (the guide's samples confirm on a click), never by polling. A request the person
 * can fix (wrong carrier, name, …) goes back to the form with the field marked; the step a reload
 * interrupts is resumed from sessionStorage (no personal data there: the step, its clocks and
 * counters). The step components only render it.
 */
import { ApiCallError, createAppClient } from '@mfv/auth/client';
import { useCallback, useEffect, useReducer, type FormEvent } from 'react';
import type { VerificationResultView, VerifyErrorBody } from '../../../core/responses';
import {
  normalizeMokForm,
  validateAuthNumber,
  validateMokForm,
  MOK_SERVICES,
  type MokConfirmResponse,
  type MokForm,
  type MokRequestResponse,
  type MokServiceId,
  type MokStartResponse,
} from '../rules';
import {
  ADULT_FAILED_MESSAGE,
  ADULT_FAILED_TITLE,
  ARS_NO_ANSWER_CODES,
  ARS_NO_ANSWER_FINAL,
  ARS_NO_ANSWER_MESSAGE,
  CODE_ATTEMPTS_EXHAUSTED,
  CODE_EXPIRED_MESSAGE,
  CONSENT_ERROR,
  fixInPlace,
  genderDigitError,
  isAdultCheck,
  MOK_CODE_TTL_MS,
  MOK_CONSENTS,
  tileOf,
  usageFor,
  withGenderDigit,
  type CarrierTile,
  type MokPurpose,
  type MokConsentId,
} from './standard-window';

export type Phase =
  | { kind: 'form' }
  | { kind: 'otp'; resendRemaining?: number; retryRemaining?: number }
  | { kind: 'pass' }
  | { kind: 'ars'; arsOtpNumber: string; calling: boolean }
  | { kind: 'done'; result: VerificationResultView }
  | { kind: 'failed'; message: string; code: string; title?: string };

/** The fields of the form step, the form's own plus the digit and the consents. */
export type FormField = keyof MokForm | 'genderDigit' | 'consent';

export interface FlowState {
  service: MokServiceId;
  /** What the service asked for (sets form.usageCode; never the person's choice). */
  purpose: MokPurpose;
  form: MokForm;
  /** The tile chosen (알뜰폰 before its network is). */
  tile: CarrierTile | '';
  /** 주민등록번호 뒷자리 첫 숫자 (form.gender and form.nation follow it). */
  genderDigit: string;
  consents: Record<MokConsentId, boolean>;
  touched: Partial<Record<FormField, boolean>>;
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
  /** The transaction's end (10 minutes after token/get). */
  expiresAt: number | null;
  /** The code's end (3 minutes after it was sent or re-sent). */
  codeExpiresAt: number | null;
  now: number;
  canCall: boolean;
}

type Action =
  | { type: 'chooseService'; service: MokServiceId }
  | { type: 'update'; field: keyof MokForm; value: string }
  | { type: 'tile'; tile: CarrierTile }
  | { type: 'genderDigit'; value: string }
  | { type: 'consent'; id: MokConsentId | 'all'; value: boolean }
  | { type: 'touch'; field: FormField }
  | { type: 'resume'; saved: SavedStep }
  | { type: 'set'; patch: Partial<FlowState> }
  | { type: 'fail'; message: string; code: string }
  | { type: 'error'; error: unknown }
  | { type: 'requested'; expiresAt: number; now: number; requested: MokRequestResponse }
  | { type: 'done'; result: VerificationResultView }
  | { type: 'resent'; resendRemaining: number | null }
  | { type: 'calling' }
  | { type: 'restart' };

const client = createAppClient('/verify');
const EXPIRED_MESSAGE = '유효시간 10분이 지났어요. 처음부터 다시 시도해 주세요.';
const NETWORK_MESSAGE = '네트워크 연결을 확인한 뒤 다시 시도해 주세요.';

const EMPTY_FORM: MokForm = { carrier: '', name: '', phone: '', birthday: '', gender: '', nation: '0' };
const NO_CONSENTS = Object.fromEntries(MOK_CONSENTS.map((c) => [c.id, false])) as Record<
  MokConsentId,
  boolean
>;

/** The step a reload must not lose (sessionStorage, this tab only): no personal data. */
export const SAVED_STEP_KEY = 'mfv-mok-step';
export interface SavedStep {
  service: MokServiceId;
  phase: Extract<Phase, { kind: 'otp' | 'pass' | 'ars' }>;
  expiresAt: number;
  codeExpiresAt: number | null;
}
function saveStep(state: FlowState): void {
  try {
    const { phase } = state;
    if ((phase.kind === 'otp' || phase.kind === 'pass' || phase.kind === 'ars') && state.expiresAt !== null) {
      const saved: SavedStep = {
        service: state.service,
        phase,
        expiresAt: state.expiresAt,
        codeExpiresAt: state.codeExpiresAt,
      };
      window.sessionStorage.setItem(SAVED_STEP_KEY, JSON.stringify(saved));
    } else {
      window.sessionStorage.removeItem(SAVED_STEP_KEY);
    }
  } catch {
    // storage refused (private mode): a reload starts over, as before
  }
}
function savedStep(service: MokServiceId, now: number): SavedStep | null {
  try {
    const raw = window.sessionStorage.getItem(SAVED_STEP_KEY);
    if (raw === null) return null;
    const saved = JSON.parse(raw) as SavedStep;
    if (saved.service !== service || !(saved.expiresAt > now)) return null;
    return saved;
  } catch {
    return null;
  }
}

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
  // 인증 요청 refused for what the person typed or chose: back to the form, the field marked.
  const fix = state.phase.kind === 'form' ? fixInPlace(body.resultCode) : null;
  if (fix !== null) {
    return { ...state, serverErrors: fix, alert: null, status: '', expiresAt: null, codeExpiresAt: null };
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

function reducer(state: FlowState, action: Action): FlowState {
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

function initialState({ service, purpose }: { service: MokServiceId; purpose: MokPurpose }): FlowState {
  return {
    service,
    purpose,
    form: { ...EMPTY_FORM, usageCode: usageFor(purpose, service) },
    tile: '',
    genderDigit: '',
    consents: NO_CONSENTS,
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
    codeExpiresAt: null,
    now: Date.now(),
    canCall: true,
  };
}

/** Everything the form step checks before 인증 요청, field → message. */
function formErrors(state: FlowState): Partial<Record<FormField, string>> {
  const errors: Partial<Record<FormField, string>> = validateMokForm(state.service, state.form);
  const info = MOK_SERVICES[state.service];
  if (info.carrier && state.tile === 'MVNO' && !state.form.carrier)
    errors.carrier = '알뜰폰의 통신망을 골라 주세요.';
  if (info.genderNation) {
    delete errors.gender;
    delete errors.nation;
    const digit = genderDigitError(state.genderDigit, state.form.birthday ?? '');
    if (digit !== undefined) errors.genderDigit = digit;
  }
  if (!MOK_CONSENTS.every((c) => state.consents[c.id])) errors.consent = CONSENT_ERROR;
  return errors;
}
/** The order the fields appear in (the first invalid one gets the focus). */
const FIELD_ORDER: FormField[] = ['carrier', 'consent', 'name', 'birthday', 'genderDigit', 'phone'];

export function useMobileOkFlow(initialService: MokServiceId, purpose: MokPurpose) {
  const [state, dispatch] = useReducer(reducer, { service: initialService, purpose }, initialState);
  const { service, touched, serverErrors, submitted, phase, expiresAt, codeExpiresAt, now, code } = state;

  const clientErrors = formErrors(state);
  const fieldError = (field: FormField): string | undefined =>
    serverErrors[field] ?? (touched[field] || submitted ? clientErrors[field] : undefined);

  // A reload in the middle of a step: take it up again (the transaction cookie is still there).
  useEffect(() => {
    const saved = savedStep(initialService, Date.now());
    if (saved !== null) dispatch({ type: 'resume', saved });
  }, [initialService]);
  useEffect(() => {
    if (phase.kind !== 'form') saveStep(state);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- saved when the step or its counters change
  }, [phase, state.expiresAt, state.codeExpiresAt]);

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
  // The code's 3 minutes are over: said at the field; a re-send starts them again.
  const codeExpired = codeExpiresAt !== null && now >= codeExpiresAt;
  useEffect(() => {
    if (codeExpired) dispatch({ type: 'set', patch: { codeError: CODE_EXPIRED_MESSAGE, status: '' } });
  }, [codeExpired]);

  async function submitForm(event: FormEvent) {
    event.preventDefault();
    dispatch({ type: 'set', patch: { submitted: true, alert: null, serverErrors: {} } });
    const errors = formErrors(state);
    const first = FIELD_ORDER.find((field) => errors[field] !== undefined);
    if (first !== undefined) {
      document.getElementById(`mok-${first}`)?.focus();
      return;
    }
    dispatch({ type: 'set', patch: { busy: true, status: '인증을 요청하고 있어요…' } });
    try {
      const started = await client.json<MokStartResponse>('/api/mok/start', {
        method: 'POST',
        body: { service },
      });
      const requested = await client.json<MokRequestResponse>('/api/mok/request', {
        method: 'POST',
        body: normalizeMokForm(service, state.form),
      });
      dispatch({ type: 'requested', expiresAt: Date.parse(started.expiresAt), now: Date.now(), requested });
    } catch (error) {
      dispatch({ type: 'set', patch: { status: '' } });
      dispatch({ type: 'error', error });
      const fix =
        error instanceof ApiCallError
          ? fixInPlace((error.body as Partial<VerifyErrorBody>).resultCode)
          : null;
      const marked = fix === null ? undefined : FIELD_ORDER.find((field) => field in fix);
      if (marked !== undefined) window.setTimeout(() => document.getElementById(`mok-${marked}`)?.focus(), 0);
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
    dispatch({ type: 'set', patch: { busy: true, status: '인증번호를 확인하고 있어요…' } });
    await confirm(code.trim());
    // Whatever the answer, "확인하고 있어요" is over (an error is at the field, a result replaces the step).
    dispatch({ type: 'set', patch: { busy: false, status: '' } });
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
    dispatch({ type: 'set', patch: { busy: false, status: '' } });
  }

  /** ARS: the person says they keyed the number in during the call; one confirm request. */
  async function checkCall() {
    dispatch({
      type: 'set',
      patch: { alert: null, busy: true, status: '전화 인증 결과를 확인하고 있어요…' },
    });
    await confirm();
    dispatch({ type: 'set', patch: { busy: false, status: '' } });
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
    /** The code's countdown ("m:ss", from 3:00), while a code can be typed in. */
    codeLeft: codeExpiresAt === null ? null : formatLeft(codeExpiresAt - now),
    codeExpired,
    tileOf,
    chooseService: (next: MokServiceId) => dispatch({ type: 'chooseService', service: next }),
    update: (field: keyof MokForm, value: string) => dispatch({ type: 'update', field, value }),
    chooseTile: (tile: CarrierTile) => dispatch({ type: 'tile', tile }),
    setGenderDigit: (value: string) =>
      dispatch({ type: 'genderDigit', value: value.replace(/\D/g, '').slice(0, 1) }),
    setConsent: (id: MokConsentId | 'all', value: boolean) => dispatch({ type: 'consent', id, value }),
    touch: (field: FormField) => dispatch({ type: 'touch', field }),
    setCode: (value: string) => dispatch({ type: 'set', patch: { code: value, codeError: null } }),
    submitForm,
    submitCode,
    resend,
    call,
    checkApproval,
    checkCall,
    restart: () => dispatch({ type: 'restart' }),
  };
}

export type MobileOkFlow = ReturnType<typeof useMobileOkFlow>;
