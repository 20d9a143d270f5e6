/**
 * The mobile-ok flow as the browser and the verify API routes both see it: the five services,
 * the carriers, the usage codes, and the form rules with their Korean messages. Plain data and
 * pure functions (no node:, no zod), so the page can check inline exactly what the server checks.
 *
 * Codes and rules are the guide's (본인확인-API 개발 가이드 v1.0.7.1 §5.1, §7); the server's
 * mobile-ok client validates every request once more before anything is sent.
 */
import { kstYmd } from '@mfv/ui/format';

/** What happens after the 인증 요청, per service. */
export type MokNextStep = 'otp' | 'pass' | 'ars';

export interface MokServiceInfo {
  /** The guide's product code (§5.1). */
  serviceType: 'telcoAuth' | 'telcoAuth-LMS' | 'telcoAuth-ARSAuth' | 'SMSAuth';
  reqAuthType: 'PASS' | 'SMS' | 'LMS' | 'ARS';
  next: MokNextStep;
  label: string;
  description: string;
  /** A carrier is chosen (every service but SMS 소유인증, whose providerId is "SMS"). */
  carrier: boolean;
  /** userBirthday: required, optional (PASS, §5.1.1 without ●) or not sent (SMSAuth). */
  birthday: 'required' | 'optional' | 'none';
  /** userGender and userNation are sent (SMS, LMS, ARS). */
  genderNation: boolean;
  /** A code arrives by message and is typed in, with re-sends. */
  code: 'six-digits' | 'four-to-ten-digits' | 'none';
  resend: boolean;
}

export const MOK_SERVICES = {
  pass: {
    serviceType: 'telcoAuth',
    reqAuthType: 'PASS',
    next: 'pass',
    label: 'PASS 앱 인증',
    description: '통신사 PASS 앱으로 받은 본인확인 요청을 승인해요.',
    carrier: true,
    birthday: 'optional',
    genderNation: false,
    code: 'none',
    resend: false,
  },
  sms: {
    serviceType: 'telcoAuth',
    reqAuthType: 'SMS',
    next: 'otp',
    label: '문자(SMS) 인증',
    description: '휴대폰으로 받은 6자리 인증번호를 입력해요.',
    carrier: true,
    birthday: 'required',
    genderNation: true,
    code: 'six-digits',
    resend: true,
  },
  lms: {
    serviceType: 'telcoAuth-LMS',
    reqAuthType: 'LMS',
    next: 'otp',
    label: '장문 문자(LMS) 인증',
    description: '장문 문자로 받은 6자리 인증번호를 입력해요.',
    carrier: true,
    birthday: 'required',
    genderNation: true,
    code: 'six-digits',
    resend: true,
  },
  ars: {
    serviceType: 'telcoAuth-ARSAuth',
    reqAuthType: 'ARS',
    next: 'ars',
    label: 'ARS 전화 인증',
    description: '걸려 오는 전화에서 화면에 보이는 인증번호를 눌러요.',
    carrier: true,
    birthday: 'required',
    genderNation: true,
    code: 'none',
    resend: false,
  },
  'sms-own': {
    serviceType: 'SMSAuth',
    reqAuthType: 'SMS',
    next: 'otp',
    label: 'SMS 소유 인증',
    description: '휴대폰 번호의 소유만 확인해요 (명의 확인 없음).',
    carrier: false,
    birthday: 'none',
    genderNation: false,
    code: 'four-to-ten-digits',
    resend: true,
  },
} as const satisfies Record<string, MokServiceInfo>;

export type MokServiceId = keyof typeof MOK_SERVICES;
export const MOK_SERVICE_IDS = Object.keys(MOK_SERVICES) as [MokServiceId, ...MokServiceId[]];

export function isMokServiceId(value: unknown): value is MokServiceId {
  return typeof value === 'string' && Object.hasOwn(MOK_SERVICES, value);
}

/** §5.1.1–§5.1.3 providerId, with the names people know. */
export const MOK_CARRIERS = [
  { id: 'SKT', label: 'SKT' },
  { id: 'KT', label: 'KT' },
  { id: 'LGU', label: 'LG U+' },
  { id: 'SKTMVNO', label: 'SKT 알뜰폰' },
  { id: 'KTMVNO', label: 'KT 알뜰폰' },
  { id: 'LGUMVNO', label: 'LG U+ 알뜰폰' },
] as const;
export type MokCarrier = (typeof MOK_CARRIERS)[number]['id'];

/** §4/§5.1 usageCode. The adult checks (01016, 01026) exist for telcoAuth + SMS only. */
export const MOK_USAGES = [
  { code: '01001', label: '회원가입', adult: false },
  { code: '01002', label: '정보변경', adult: false },
  { code: '01003', label: 'ID 찾기', adult: false },
  { code: '01004', label: '비밀번호 찾기', adult: false },
  { code: '01005', label: '본인확인', adult: false },
  { code: '01007', label: '상품구매/결제', adult: false },
  { code: '01999', label: '기타', adult: false },
  { code: '01016', label: '성인 인증 (민법 기준)', adult: true },
  { code: '01026', label: '성인 인증 (청소년보호법 기준)', adult: true },
] as const;
export type MokUsageCode = (typeof MOK_USAGES)[number]['code'];
export const MOK_DEFAULT_USAGE: MokUsageCode = '01005';

/** The adult checks of §5.1 usageCode: 01016 (민법 기준), 01026 (청소년보호법 기준). */
export type MokAdultUsage = Extract<(typeof MOK_USAGES)[number], { adult: true }>['code'];
export function isAdultUsage(usageCode: string | undefined): usageCode is MokAdultUsage {
  return MOK_USAGES.some((u) => u.adult && u.code === usageCode);
}
/** An adult check that found a minor: the page's title and the one message, server and page alike. */
export const MOK_ADULT_FAILED_TITLE = '성인인증 실패';
export const MOK_ADULT_FAILED_MESSAGE =
  '만 19세 이상만 이용할 수 있어요. 본인확인은 되었지만 성인이 아니어서 이 서비스를 이용할 수 없어요.';

export function usagesFor(service: MokServiceId): readonly (typeof MOK_USAGES)[number][] {
  return service === 'sms' ? MOK_USAGES : MOK_USAGES.filter((u) => !u.adult);
}

export interface MokForm {
  carrier?: string;
  name: string;
  phone: string;
  birthday?: string;
  gender?: string;
  nation?: string;
  usageCode?: string;
}

export type MokFormField = keyof MokForm;
export type MokFormErrors = Partial<Record<MokFormField, string>>;

/** The guide gives no bound on userName; ours, shared with the client package (MOK_MAX_USER_NAME_LENGTH). */
export const MOK_NAME_MAX_LENGTH = 50;
const MIN_BIRTH_YEAR = 1900;

/** Digits only: what people type with spaces or dashes (010-1234-5678) becomes 01012345678. */
export const digitsOf = (value: string): string => value.replace(/[\s-]/g, '');

function realDate(ymd: string, today: Date): boolean {
  if (!/^\d{8}$/.test(ymd)) return false;
  const y = Number(ymd.slice(0, 4));
  const m = Number(ymd.slice(4, 6));
  const d = Number(ymd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return (
    y >= MIN_BIRTH_YEAR &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d &&
    // Born no later than today in Korea (a UTC comparison refused today's date until 09:00 KST).
    ymd <= kstYmd(today)
  );
}

/**
 * Checks the 인증 요청 form for `service`; returns one Korean message per bad field (empty when
 * the form is fine). Phone and birthday may contain spaces or dashes (see {@link normalizeMokForm}).
 */
export function validateMokForm(service: MokServiceId, form: MokForm, today = new Date()): MokFormErrors {
  const info: MokServiceInfo = MOK_SERVICES[service];
  const errors: MokFormErrors = {};
  if (info.carrier && !MOK_CARRIERS.some((c) => c.id === form.carrier)) {
    errors.carrier = '통신사를 선택해 주세요.';
  }
  const name = form.name.trim();
  if (name === '') errors.name = '이름을 입력해 주세요.';
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u001f\u007f]/.test(name)) errors.name = '이름에 쓸 수 없는 문자가 있어요.';
  else if (Array.from(name).length > MOK_NAME_MAX_LENGTH)
    errors.name = `이름은 ${MOK_NAME_MAX_LENGTH}자 이하로 입력해 주세요.`;
  const phone = digitsOf(form.phone);
  if (phone === '') errors.phone = '휴대폰 번호를 입력해 주세요.';
  else if (!/^01[016789]\d{7,8}$/.test(phone))
    errors.phone = '휴대폰 번호를 숫자로 정확히 입력해 주세요. (예: 01012345678)';
  const birthday = digitsOf(form.birthday ?? '');
  if (info.birthday === 'required' || (info.birthday === 'optional' && birthday !== '')) {
    if (birthday === '') errors.birthday = '생년월일 8자리를 입력해 주세요.';
    else if (!realDate(birthday, today))
      errors.birthday = '생년월일을 8자리 숫자로 정확히 입력해 주세요. (예: 19900315)';
  }
  if (info.genderNation) {
    if (form.gender !== '1' && form.gender !== '2') errors.gender = '성별을 선택해 주세요.';
    if (form.nation !== '0' && form.nation !== '1') errors.nation = '내국인/외국인을 선택해 주세요.';
  }
  if (form.usageCode !== undefined && !usagesFor(service).some((u) => u.code === form.usageCode)) {
    errors.usageCode = '이용 목적을 다시 선택해 주세요.';
  }
  return errors;
}

/** The form as the server sends it on: trimmed name, digits-only phone and birthday, only the fields of the service. */
export function normalizeMokForm(service: MokServiceId, form: MokForm): MokForm {
  const info: MokServiceInfo = MOK_SERVICES[service];
  const out: MokForm = { name: form.name.trim(), phone: digitsOf(form.phone) };
  if (info.carrier && form.carrier !== undefined) out.carrier = form.carrier;
  const birthday = digitsOf(form.birthday ?? '');
  if (info.birthday !== 'none' && birthday !== '') out.birthday = birthday;
  if (info.genderNation) {
    if (form.gender !== undefined) out.gender = form.gender;
    if (form.nation !== undefined) out.nation = form.nation;
  }
  out.usageCode = form.usageCode ?? MOK_DEFAULT_USAGE;
  return out;
}

/** The code typed in (§7 MOKVerifyInfo.authNumber): its rule per service, or a Korean message. */
export function validateAuthNumber(service: MokServiceId, value: string): string | undefined {
  const rule = MOK_SERVICES[service].code;
  const digits = value.trim();
  if (rule === 'none') return digits === '' ? undefined : '이 인증 방법은 인증번호를 입력하지 않아요.';
  if (digits === '') return '인증번호를 입력해 주세요.';
  if (rule === 'six-digits' && !/^\d{6}$/.test(digits)) return '문자로 받은 6자리 숫자를 입력해 주세요.';
  if (rule === 'four-to-ten-digits' && !/^\d{4,10}$/.test(digits))
    return '문자로 받은 인증번호(숫자 4~10자리)를 입력해 주세요.';
  return undefined;
}

/** What the verify API answers, as the page reads it. */
export interface MokStartResponse {
  service: MokServiceId;
  /** ISO 8601: the transaction ends 10 minutes after token/get (본인확인-API 가이드 §4). */
  expiresAt: string;
}

export interface MokRequestResponse {
  next: MokNextStep;
  /** Re-sends left (SMS, LMS, SMS 소유인증). */
  resendRemaining?: number;
  /** ARS: the number to key in during the call. */
  arsOtpNumber?: string;
}

export type MokConfirmResponse =
  | {
      status: 'pending';
      message: string;
      /** confirm/request calls left on this transaction (MOK_CONFIRM_MAX_ATTEMPTS, §8 4301). */
      attemptsLeft: number;
    }
  | { status: 'verified'; ticket: string };
