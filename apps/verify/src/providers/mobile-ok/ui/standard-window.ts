/**
 * What the mobile-ok page shows as the standard window Korean users know (browser-safe, pure):
 * the carrier tiles (SKT, KT, LG U+, 알뜰폰 — 알뜰폰 then asks for its network, the providerId
 * SKTMVNO / KTMVNO / LGUMVNO of mobile-ok 본인확인-API 가이드 §5.1), the [필수] consents, the
 * 주민등록번호 뒷자리 첫 숫자 (userGender and userNation in one digit), the 3-minute life of a code
 * (§8 6024 "OTP 입력시간" 3분), the purpose the service sets (§5.1 usageCode), and the provider
 * failures a person fixes in the form, with the field each one marks (§8, in our words).
 */
import { MOK_DEFAULT_USAGE, type MokForm, type MokServiceId, type MokUsageCode } from '../rules';

/** The first row of tiles; 알뜰폰 opens the second (the network). */
export const CARRIER_TILES = [
  { id: 'SKT', label: 'SKT' },
  { id: 'KT', label: 'KT' },
  { id: 'LGU', label: 'LG U+' },
  { id: 'MVNO', label: '알뜰폰' },
] as const;
export type CarrierTile = (typeof CARRIER_TILES)[number]['id'];

/** 알뜰폰: the network it runs on, as the guide's providerId. */
export const MVNO_NETWORKS = [
  { id: 'SKTMVNO', label: 'SKT 알뜰폰' },
  { id: 'KTMVNO', label: 'KT 알뜰폰' },
  { id: 'LGUMVNO', label: 'LG U+ 알뜰폰' },
] as const;

/** The tile a providerId belongs to. */
export function tileOf(carrier: string | undefined): CarrierTile | '' {
  if (carrier === undefined || carrier === '') return '';
  return carrier.endsWith('MVNO') ? 'MVNO' : (carrier as CarrierTile);
}

/** The consents of the standard window, every one [필수]; `body` is what 보기 opens. */
export const MOK_CONSENTS = [
  {
    id: 'privacy',
    label: '개인정보 수집·이용 동의',
    body: '본인확인을 위해 이름, 생년월일, 성별, 휴대폰 번호, 통신사를 수집해요. 본인확인이 끝나면 가려진 이름과 번호, 확인 시각만 계정에 남기고, 나머지는 보관하지 않아요.',
  },
  {
    id: 'unique-id',
    label: '고유식별정보 처리 동의',
    body: '본인확인기관이 주민등록번호 대신 쓰는 연계정보(CI)와 중복가입확인정보(DI)를 만들어 전달해요. 이 정보는 화면이나 주소에 나오지 않고 서버에서만 다뤄요.',
  },
  {
    id: 'carrier',
    label: '통신사 이용약관 동의',
    body: '가입한 통신사가 이름, 생년월일, 휴대폰 번호가 명의와 맞는지 확인하고, 인증번호를 문자로 보내요.',
  },
  {
    id: 'service',
    label: '본인확인 서비스 이용약관 동의',
    body: '본인확인기관(드림시큐리티 mobile-ok)이 통신사 확인 결과를 받아 본인확인 결과를 이 서비스에 전달해요.',
  },
] as const;
export type MokConsentId = (typeof MOK_CONSENTS)[number]['id'];

export const CONSENT_ERROR = '[필수] 약관에 모두 동의해 주세요.';

/** How long a code may be typed in after it was sent (or sent again): 3 minutes (§8 6024). */
export const MOK_CODE_TTL_MS = 3 * 60_000;
export const CODE_EXPIRED_MESSAGE = '입력 시간이 지났어요. 인증번호를 다시 받아 주세요.';

/**
 * 주민등록번호 뒷자리 첫 숫자 → userGender ("1" 남, "2" 여) and userNation ("0" 내국인, "1"
 * 외국인), with the century it means: 1/2 (내국인, 1900년대), 3/4 (내국인, 2000년대), 5/6 and 7/8
 * (외국인, 1900/2000년대), 9/0 (내국인, 1800년대).
 */
export function parseGenderDigit(
  digit: string,
): { gender: '1' | '2'; nation: '0' | '1'; century: number } | null {
  if (!/^\d$/.test(digit)) return null;
  const n = Number(digit);
  const gender = n % 2 === 1 ? '1' : '2';
  const nation = n >= 5 && n <= 8 ? '1' : '0';
  const century = n === 9 || n === 0 ? 1800 : n === 3 || n === 4 || n === 7 || n === 8 ? 2000 : 1900;
  return { gender, nation, century };
}

/** The digit's message, or undefined when it fits the birthday (8 digits) typed beside it. */
export function genderDigitError(digit: string, birthday: string): string | undefined {
  if (digit === '') return '주민등록번호 뒷자리 첫 숫자를 입력해 주세요.';
  const parsed = parseGenderDigit(digit);
  if (parsed === null) return '주민등록번호 뒷자리 첫 숫자 하나를 입력해 주세요.';
  const year = /^\d{8}$/.test(birthday) ? Number(birthday.slice(0, 4)) : null;
  if (year !== null && Math.floor(year / 100) * 100 !== parsed.century)
    return '생년월일과 맞지 않아요. 주민등록번호 뒷자리 첫 숫자를 확인해 주세요.';
  return undefined;
}

/** The form with userGender and userNation taken from the digit. */
export function withGenderDigit(form: MokForm, digit: string): MokForm {
  const parsed = parseGenderDigit(digit);
  return parsed === null
    ? { ...form, gender: '', nation: '0' }
    : { ...form, gender: parsed.gender, nation: parsed.nation };
}

/**
 * What the verification is for, set by the service that sends the person here (`?purpose=`), never
 * chosen by the person: signup → 회원가입 (01001), an adult check → 성인인증 민법 (01016, SMS only),
 * anything else → 본인확인 (01005).
 */
export type MokPurpose = 'verify' | 'signup' | 'adult';
export function usageFor(purpose: MokPurpose, service: MokServiceId): MokUsageCode {
  if (purpose === 'adult' && service === 'sms') return '01016';
  if (purpose === 'signup') return '01001';
  return MOK_DEFAULT_USAGE;
}
export {
  isAdultUsage as isAdultCheck,
  MOK_ADULT_FAILED_MESSAGE as ADULT_FAILED_MESSAGE,
  MOK_ADULT_FAILED_TITLE as ADULT_FAILED_TITLE,
} from '../rules';

/** Form fields a provider failure marks, and the message the first one shows (§8 codes). */
export type FixField = 'carrier' | 'name' | 'birthday' | 'genderDigit' | 'phone';
const IDENTITY_MESSAGE =
  '이름, 생년월일, 주민등록번호 뒷자리 첫 숫자, 휴대폰 번호가 통신사에 등록된 정보와 달라요. 확인해 주세요.';
const CARRIER_MESSAGE =
  '가입한 통신사와 달라요. 통신사를 다시 골라 주세요. 알뜰폰이라면 알뜰폰을 골라 주세요.';
const FIXES: Record<string, { fields: FixField[]; message: string }> = {
  '2910': { fields: ['name', 'birthday', 'genderDigit', 'phone'], message: IDENTITY_MESSAGE },
  '4010': { fields: ['carrier'], message: CARRIER_MESSAGE },
  '4017': { fields: ['carrier'], message: CARRIER_MESSAGE },
  '5010': { fields: ['carrier'], message: CARRIER_MESSAGE },
  '6754': {
    fields: ['carrier'],
    message: 'LG U+ 알뜰폰에 가입되어 있어요. 통신사에서 알뜰폰을 고른 뒤 LG U+ 알뜰폰을 골라 주세요.',
  },
  '5003': { fields: ['name'], message: '통신사에 등록된 이름과 달라요. 이름을 확인해 주세요.' },
  '5004': { fields: ['birthday'], message: '생년월일을 확인해 주세요.' },
  '5018': { fields: ['birthday'], message: '생년월일을 확인해 주세요.' },
  '5005': { fields: ['genderDigit'], message: '주민등록번호 뒷자리 첫 숫자를 확인해 주세요.' },
  '5012': { fields: ['phone'], message: '휴대폰 번호를 확인해 주세요.' },
  '4610': { fields: ['phone'], message: '없는 휴대폰 번호예요. 번호를 확인해 주세요.' },
};

/**
 * A failure of 인증 요청 the person fixes in the form: the fields to mark, each with its message
 * (the first the full one, the others a pointer to it). Null for any other failure.
 */
export function fixInPlace(resultCode: string | undefined): Partial<Record<FixField, string>> | null {
  const fix = resultCode === undefined ? undefined : FIXES[resultCode];
  if (fix === undefined) return null;
  const [first, ...rest] = fix.fields;
  const out: Partial<Record<FixField, string>> = { [first as FixField]: fix.message };
  for (const field of rest) out[field] = '이 항목도 확인해 주세요.';
  return out;
}

/** ARS codes of a call that did not happen (§8 4612 안 받음, 4641 통화 중, 4642 전원 꺼짐, 4613 착신 전환). */
export const ARS_NO_ANSWER_CODES = new Set(['4612', '4613', '4641', '4642']);
export const ARS_NO_ANSWER_MESSAGE = '전화를 받지 않았어요. 휴대폰을 가까이 두고 전화를 다시 요청해 주세요.';
export const ARS_NO_ANSWER_FINAL = '전화를 받지 않아 인증하지 못했어요. 처음부터 다시 시도해 주세요.';

/** The code step ran out of tries (§7 retryCount, §8 4301). */
export const CODE_ATTEMPTS_EXHAUSTED =
  '인증번호를 3번 틀려서 더 입력할 수 없어요. 처음부터 다시 시도해 주세요.';
