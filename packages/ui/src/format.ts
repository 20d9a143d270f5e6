/**
 * Dates and times as Korean readers see them, computed by arithmetic rather than
 * `toLocaleString`: the server (Node, whatever ICU data it was built with) and the browser must
 * print the same characters, or React's hydration fails (error #418). `toLocaleString('ko-KR',
 * { hour12: false })` does not: between 00:00 and 00:59 KST Node prints "24시" and Chromium
 * "0시"; a Node built with small ICU prints English. Korea has kept UTC+9 without daylight
 * saving since 1988, so a fixed offset is exact for every date this service shows.
 */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

function kstParts(input: string | number | Date) {
  const time =
    input instanceof Date ? input.getTime() : typeof input === 'number' ? input : Date.parse(input);
  if (!Number.isFinite(time)) return null;
  const kst = new Date(time + KST_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${kst.getUTCFullYear()}.${pad(kst.getUTCMonth() + 1)}.${pad(kst.getUTCDate())}`,
    time: `${pad(kst.getUTCHours())}:${pad(kst.getUTCMinutes())}`,
  };
}

/** "20261204" — the date in Korea as digits, to compare with a typed birth date. */
export function kstYmd(input: string | number | Date): string {
  return formatKstDate(input).replaceAll('.', '');
}

/** "2026.12.04" — the date in Korea. An unreadable input gives "" (shown as nothing). */
export function formatKstDate(input: string | number | Date): string {
  return kstParts(input)?.date ?? '';
}

/** "2026.12.04 00:30" — date and 24-hour time in Korea (00–23, never 24). */
export function formatKstDateTime(input: string | number | Date): string {
  const parts = kstParts(input);
  return parts ? `${parts.date} ${parts.time}` : '';
}
