/**
 * The guide's customer messages (본인확인-API 가이드 §8) in the site's words: the catalogue keeps
 * mobile-ok's text verbatim (checked against the guide), and what a person reads is that text in
 * the site's one tone (~요), without the words only the site's operators can act on.
 * - A message that sends the person to "관리자" (the site's own configuration or mobile-ok's
 *   systems: 5xxx/6xxx/8xxx request-format codes, ARS 사업자 errors …) is replaced by the site's
 *   own sentence: the person cannot reach mobile-ok's 관리자, and "(return_url)", "ARS-CODE" or
 *   "(요청정보 복호화)" mean nothing to them.
 * - A parenthesis naming what the person typed — (이름), (생년월일), (성별), (휴대폰번호),
 *   (통신사정보), (인증번호) — stays; other parentheses (검증실패, 키보드보안 복호화실패 …) go.
 * - The formal endings (~습니다/~입니다) become ~요, by the table below, which covers every
 *   ending the catalogue uses (a test runs every row through it).
 */

/** What a person reads when mobile-ok or the site's registration with it is at fault. */
export const MOK_SERVICE_TROUBLE_MESSAGE =
  '지금은 휴대폰 본인확인을 할 수 없어요. 잠시 후 다시 시도하고, 계속되면 고객센터로 문의해 주세요.';

const KEPT_PARENTHESES = new Set([
  '이름',
  '생년월일',
  '성별',
  '휴대폰번호',
  '잘못된 휴대폰번호',
  '통신사정보',
  '인증번호',
]);

/** Formal ending → the site's tone; longer forms first. */
const ENDINGS: readonly (readonly [string, string])[] = [
  ['발생하였습니니다', '발생했어요'],
  ['하였습니다', '했어요'],
  ['했습니다', '했어요'],
  ['하셨습니다', '하셨어요'],
  ['되었습니다', '됐어요'],
  ['않았습니다', '않았어요'],
  ['않습니다', '않아요'],
  ['없습니다', '없어요'],
  ['있습니다', '있어요'],
  ['이용가능합니다', '이용할 수 있어요'],
  ['점검중입니다', '점검 중이에요'],
];

/** Whether the syllable ends in a consonant (받침): 이에요 after one, 예요 after a vowel. */
function hasFinalConsonant(syllable: string): boolean {
  const index = syllable.charCodeAt(0) - 0xac00;
  return index >= 0 && index < 11172 && index % 28 !== 0;
}

/** The site's words for a catalogue customer message (detail codes already filled in or stripped). */
export function inSiteWords(message: string): string {
  if (message.includes('관리자')) return MOK_SERVICE_TROUBLE_MESSAGE;
  let text = message.replace(/\s*\(([^()]*)\)/g, (whole, inner: string) =>
    KEPT_PARENTHESES.has(inner) || /^\d{4}$/.test(inner) || inner.startsWith('설정') ? ` (${inner})` : '',
  );
  for (const [formal, plain] of ENDINGS) text = text.split(formal).join(plain);
  text = text.replace(/(\S)\s?입니다/g, (_whole, before: string) =>
    hasFinalConsonant(before) ? `${before}이에요` : `${before}예요`,
  );
  // "…않아요(이름) 확인 후 …": the guide runs two sentences together; the site ends the first.
  return text.replace(/요( \([^()]*\))?\s+(?=[가-힣])/g, (_whole, kept?: string) => `요${kept ?? ''}. `);
}
