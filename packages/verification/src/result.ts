/**
 * The one result type every identity-verification provider client produces
 * (every identity verification: complete → normalise into `VerificationResult`),
 * and the masking helpers used wherever a person's name or number is shown back to them.
 *
 * Raw PII, CI and DI never go into a URL, a log line or a client bundle: show masked values.
 */

export const VERIFICATION_PROVIDERS = ['mobile-ok', 'kcb', 'ssafy', 'toss', 'kakao'] as const;
export type VerificationProvider = (typeof VERIFICATION_PROVIDERS)[number];

export type VerificationGender = 'male' | 'female';
/** Korean national or foreign resident, as the carriers report it. */
export type VerificationNation = 'domestic' | 'foreign';

export interface VerificationResult {
  provider: VerificationProvider;
  /** The provider's own product code, e.g. mobile-ok `telcoAuth` or `telcoAuth-ARSAuth`. */
  serviceType: string;
  /** Connecting Information (연계정보): stable across sites. Secret-grade PII. */
  ci: string;
  /** Duplication Information (중복가입확인정보): stable per site. Secret-grade PII. */
  di: string;
  name: string;
  /** `YYYYMMDD`. Optional: KCB may leave it out (public integrations accept that). */
  birthday?: string;
  /** Optional, as `birthday`. */
  gender?: VerificationGender;
  /** Optional, as `birthday`. */
  nation?: VerificationNation;
  /** Digits only, e.g. `01012345678`. */
  phone: string;
  /** Present only when the provider was asked for an adult check. */
  isAdult?: boolean;
  /** When the provider issued the result, ISO 8601 in UTC. */
  verifiedAt: string;
  /** The provider's transaction id, for support requests and replay detection. */
  providerTxId: string;
}

const MASK = '*';

/**
 * Keeps the first and the last character of a name and masks everything in between
 * (spaces too, so a foreign name does not reveal its word lengths):
 * `홍길동` → `홍*동`, `남궁길동` → `남**동`, `홍길` → `홍*`, `John Smith` → `J********h`.
 * Counts Unicode code points, not UTF-16 units.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return MASK;
  if (chars.length === 2) return `${chars[0]}${MASK}`;
  return `${chars[0]}${MASK.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Number of trailing digits left visible by {@link maskPhone}. */
const PHONE_VISIBLE_TAIL = 4;

/**
 * `01012345678` → `010-****-5678`, `0111234567` → `011-***-4567`. Separators in the input are
 * ignored. Any other length keeps only its last four digits visible, and none when it has four
 * or fewer.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 10 || digits.length === 11) {
    const head = digits.slice(0, 3);
    const middle = digits.length - 3 - PHONE_VISIBLE_TAIL;
    return `${head}-${MASK.repeat(middle)}-${digits.slice(-PHONE_VISIBLE_TAIL)}`;
  }
  if (digits.length <= PHONE_VISIBLE_TAIL) return MASK.repeat(digits.length);
  return MASK.repeat(digits.length - PHONE_VISIBLE_TAIL) + digits.slice(-PHONE_VISIBLE_TAIL);
}
