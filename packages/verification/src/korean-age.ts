/**
 * Who is an adult in Korea, by the two laws Korean identity checks use (one place for the rule:
 * the verify app's mobile-ok adult check and the api's verification status both ask here):
 * - `civil` — 민법 제4조: adult from the 19th birthday (만 19세); mobile-ok usageCode 01016.
 * - `youth-protection` — 청소년 보호법 제2조 제1호: 청소년 is under 19, "다만, 만 19세가 되는 해의
 *   1월 1일을 맞이한 사람은 제외" — adult from 1 January of the year of the 19th birthday;
 *   mobile-ok usageCode 01026.
 * Dates are Korea's calendar date (KST, UTC+9, no daylight saving), whatever the server's zone.
 */
export type KoreanAdultLaw = 'civil' | 'youth-protection';

/** Korea's calendar date at `now`, as [year, month, day]. */
export function koreanDate(now: Date): [number, number, number] {
  const kst = new Date(now.getTime() + 9 * 60 * 60 * 1000);
  return [kst.getUTCFullYear(), kst.getUTCMonth() + 1, kst.getUTCDate()];
}

/** Whether someone born on `birthday` (YYYYMMDD) is an adult on `now` under `law`; false for a malformed birthday. */
export function isAdultByBirthday(birthday: string, law: KoreanAdultLaw, now: Date): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(birthday);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [y, m, d] = koreanDate(now);
  if (law === 'youth-protection') return y - year >= 19;
  const age = y - year - (m < month || (m === month && d < day) ? 1 : 0);
  return age >= 19;
}
