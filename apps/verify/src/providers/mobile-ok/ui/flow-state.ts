/**
 * The mobile-ok flow's state (./useMobileOkFlow.ts composes it): the phases (form → otp | pass |
 * ars → done | failed), what the reducer (./flow-reducer.ts) is told, the initial state and the
 * form step's own checks.
 */
import type { VerificationResultView } from '../../../core/responses';
import {
  MOK_SERVICES,
  validateMokForm,
  type MokForm,
  type MokRequestResponse,
  type MokServiceId,
} from '../rules';
import {
  CONSENT_ERROR,
  genderDigitError,
  MOK_CONSENTS,
  usageFor,
  type CarrierTile,
  type MokConsentId,
  type MokPurpose,
} from './standard-window';
import type { SavedStep } from './saved-step';

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

export type Action =
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

export const EXPIRED_MESSAGE = '유효시간 10분이 지났어요. 처음부터 다시 시도해 주세요.';
export const NETWORK_MESSAGE = '네트워크 연결을 확인한 뒤 다시 시도해 주세요.';

const EMPTY_FORM: MokForm = { carrier: '', name: '', phone: '', birthday: '', gender: '', nation: '0' };
const NO_CONSENTS = Object.fromEntries(MOK_CONSENTS.map((c) => [c.id, false])) as Record<
  MokConsentId,
  boolean
>;

export function initialState({
  service,
  purpose,
}: {
  service: MokServiceId;
  purpose: MokPurpose;
}): FlowState {
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
export function formErrors(state: FlowState): Partial<Record<FormField, string>> {
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
export const FIELD_ORDER: FormField[] = ['carrier', 'consent', 'name', 'birthday', 'genderDigit', 'phone'];
