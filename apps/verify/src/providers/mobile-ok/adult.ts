/**
 * The adult check of a mobile-ok result, decided on the server (never only in the browser): a
 * transaction asked with an adult usageCode (본인확인-API 가이드 §5.1 usageCode 01016 성인인증 민법
 * 기준, 01026 청소년보호법 기준) yields a verified identity only for an adult. The guide's §7 result
 * carries `isAdult` ("SMS 성인인증 요청 경우 isAdult 로 응답 값 존재", Y/N); the birthday is checked
 * as well, by the rule of the code asked for:
 * - 01016, 민법 제4조: adult from the 19th birthday (만 19세);
 * - 01026, 청소년 보호법 제2조 제1호: 청소년 is under 19, "다만, 만 19세가 되는 해의 1월 1일을
 *   맞이한 사람은 제외" — adult from 1 January of the year of the 19th birthday.
 * Either saying "minor", or neither saying anything, is a failed adult check. The laws' rule itself
 * lives in @mfv/verification/korean-age (the api's status asks the same place).
 */
import { isAdultByBirthday as isAdultUnder } from '@mfv/verification/korean-age';
import type { VerificationRecord } from '../../core/handoff';
import type { MokAdultUsage } from './rules';

/** Whether someone born on `birthday` (YYYYMMDD) is an adult on `now` under `usage`'s law. */
export function isAdultByBirthday(birthday: string, usage: MokAdultUsage, now: Date): boolean {
  return isAdultUnder(birthday, usage === '01026' ? 'youth-protection' : 'civil', now);
}

/** The adult check of a record: true only when it shows an adult and nothing in it a minor. */
export function passesAdultCheck(record: VerificationRecord, usage: MokAdultUsage, now: Date): boolean {
  const isAdult = 'isAdult' in record ? record.isAdult : undefined;
  const birthday = 'birthday' in record ? record.birthday : undefined;
  if (isAdult === false) return false;
  if (birthday !== undefined) return isAdultByBirthday(birthday, usage, now);
  return isAdult === true;
}
