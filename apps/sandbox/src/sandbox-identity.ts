import { createHash } from 'node:crypto';

/**
 * CI (연계정보) and DI (중복가입확인정보) of invented people. A CI identifies one person at every
 * site and every identity provider, so KCB, Toss and mobile-ok must give the same person the same
 * CI: all derive it with this formula from the persona id (mobile-ok's result.ts uses the same
 * one). DI is per person and per site.
 *
 * Real values are 88 (CI) and 64 (DI) characters of base64; these have the same lengths, are
 * valid base64, and start with a prefix no real value has.
 */
export function sandboxCi(personaId: string): string {
  const digest = createHash('sha512').update(`mfv-sandbox-ci:${personaId}`).digest();
  return `SANDBOX+FAKE+CI+${digest.subarray(0, 54).toString('base64')}`;
}

export function sandboxDi(personaId: string, siteId: string): string {
  const digest = createHash('sha512').update(`mfv-sandbox-di:${siteId}:${personaId}`).digest();
  return `SANDBOX+FAKE+DI+${digest.subarray(0, 36).toString('base64')}`;
}

/** `yyyyMMddHHmmss` in Korean time (UTC+9, no daylight saving), as Korean providers write times. */
export function kstTimestamp(epochMs: number): string {
  const d = new Date(epochMs + 9 * 60 * 60 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`
  );
}
