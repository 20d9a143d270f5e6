/**
 * MOKResult, the JSON sealed into `encryptMOKResult` (guide §7 "본인확인 MOKResult JSON 설명"):
 * siteId clientTxId txId serviceType providerId ci di userName userPhone userBirthday userGender
 * userNation reqdate issuer issueDate extension isAdult.
 */
import { createHash } from 'node:crypto';
import { type MokAuthInfo } from './auth-info.js';
import { type MokPersona } from './personas.js';
import { type MokTransaction } from './state.js';

/** Korean local time (UTC+9, no daylight saving): the guide's samples compare in Asia/Seoul. */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
/** §7 example: "issuer" : "MobileOK Agent1". */
export const MOK_SANDBOX_ISSUER = 'MobileOK Sandbox';

function kstParts(ms: number) {
  const d = new Date(ms + KST_OFFSET_MS);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return {
    year: pad(d.getUTCFullYear(), 4),
    month: pad(d.getUTCMonth() + 1),
    day: pad(d.getUTCDate()),
    hour: pad(d.getUTCHours()),
    minute: pad(d.getUTCMinutes()),
    second: pad(d.getUTCSeconds()),
    millis: pad(d.getUTCMilliseconds(), 3),
  };
}

/** §7 issueDate "yyyy-mm-dd hh:mm:ss.mis", e.g. "2022-12-12 13:34:12.234" (KST). */
export function formatIssueDate(ms: number): string {
  const p = kstParts(ms);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}.${p.millis}`;
}

/** §7 example reqdate "221209170943": yyMMddHHmmss (KST) of the transaction request. */
export function formatReqDate(ms: number): string {
  const p = kstParts(ms);
  return `${p.year.slice(2)}${p.month}${p.day}${p.hour}${p.minute}${p.second}`;
}

/** Parses token/get's `yyyyMMddHHmmss` (KST); undefined unless it is a real instant. */
export function parseRequestTime(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    check.getUTCHours() !== h ||
    check.getUTCMinutes() !== mi
  ) {
    return undefined;
  }
  return utc - KST_OFFSET_MS;
}

/** Completed years of age on the KST date of `atMs` (만 나이). */
export function ageOn(birthday: string, atMs: number): number {
  const p = kstParts(atMs);
  const today = Number(`${p.month}${p.day}`);
  const born = Number(birthday.slice(4, 8));
  return Number(p.year) - Number(birthday.slice(0, 4)) - (today < born ? 1 : 0);
}

/**
 * `isAdult` for the adult-check usage codes (§7 "SMS 성인인증 요청 경우 isAdult 로 응답 값 존재"):
 * - 01016, 민법 (Civil Act art. 4): an adult has completed 19 years of age.
 * - 01026, 청소년보호법 (Juvenile Protection Act art. 2(1)): a juvenile is under 19, "다만, 만 19세가
 *   되는 해의 1월 1일을 맞이한 사람은 제외한다" — so an adult is anyone born 19 or more calendar years ago.
 */
export function isAdultUnder(usageCode: '01016' | '01026', birthday: string, atMs: number): boolean {
  if (usageCode === '01016') return ageOn(birthday, atMs) >= 19;
  return Number(kstParts(atMs).year) - Number(birthday.slice(0, 4)) >= 19;
}

/**
 * CI and DI are the carriers' 88- and 64-character base64 values (§7 example "lJG65/ma…==",
 * "MC0GCCq…="). The sandbox's are deterministic, valid base64 of the same lengths, and start with a
 * prefix no real value has: CI per persona (one person, every site), DI per persona and site.
 */
export function sandboxCi(persona: MokPersona): string {
  const digest = createHash('sha512').update(`mfv-sandbox-ci:${persona.id}`).digest();
  return `SANDBOX+FAKE+CI+${digest.subarray(0, 54).toString('base64')}`;
}

export function sandboxDi(persona: MokPersona, siteId: string): string {
  const digest = createHash('sha512').update(`mfv-sandbox-di:${siteId}:${persona.id}`).digest();
  return `SANDBOX+FAKE+DI+${digest.subarray(0, 36).toString('base64')}`;
}

/** The MOKResult object of a confirmed transaction, fields in the guide's order. */
export function buildMokResult(input: {
  readonly tx: MokTransaction;
  readonly info: MokAuthInfo;
  readonly persona: MokPersona;
  readonly siteId: string;
  readonly now: number;
}): Record<string, unknown> {
  const { tx, info, persona, siteId, now } = input;
  const identity = info.serviceType !== 'SMSAuth';
  const result: Record<string, unknown> = {
    siteId,
    clientTxId: tx.clientTxId,
    txId: tx.txId,
    // §7 "ARS 결과 복호화 예시": an ARS (telcoAuth-ARSAuth) transaction's result says
    // "serviceType" : "telcoAuth"; the sandbox answers in the guide's form.
    serviceType: info.serviceType === 'telcoAuth-ARSAuth' ? 'telcoAuth' : info.serviceType,
    // §7 providerId: the carrier, or "SMS" for SMS 소유인증. ("ARS 인증: ARS" is the ARS 소유인증
    // product; telcoAuth-ARSAuth identifies the person through the carrier, so the carrier it is.)
    providerId: info.providerId,
  };
  if (identity) {
    result.ci = sandboxCi(persona);
    result.di = sandboxDi(persona, siteId);
    result.userName = persona.name;
  }
  result.userPhone = persona.phone;
  if (identity) {
    result.userBirthday = persona.birthday;
    result.userGender = persona.gender;
    result.userNation = persona.nation;
  }
  // The §7 JSON example spells `reqdate`; the §7 sample code of every language reads `reqDate` (and
  // `reqAuthType`). Both are sent, so integrations written either way work against the sandbox.
  const reqdate = formatReqDate(tx.createdAt);
  result.reqdate = reqdate;
  result.reqDate = reqdate;
  result.reqAuthType = info.reqAuthType;
  result.issuer = MOK_SANDBOX_ISSUER;
  result.issueDate = formatIssueDate(now);
  const extension = resultExtension(info);
  if (extension !== undefined) result.extension = extension;
  if (info.usageCode === '01016' || info.usageCode === '01026') {
    result.isAdult = isAdultUnder(info.usageCode, persona.birthday, now) ? 'Y' : 'N';
  }
  return result;
}

/**
 * §7 extension: "이용기관별 추가정보 전달처리시 이용 데이터". The ARS example answers the request's
 * `arsRequestMsg` as `arsResultMsg`; other extension fields are handed back as they came.
 */
function resultExtension(info: MokAuthInfo): Record<string, unknown> | undefined {
  if (info.extension === undefined) return undefined;
  const { arsRequestMsg, ...rest } = info.extension;
  if (info.serviceType === 'telcoAuth-ARSAuth' && arsRequestMsg !== undefined) {
    return { ...rest, arsResultMsg: arsRequestMsg };
  }
  return { ...info.extension };
}
