/** "공지사항을", "계정 메뉴를": a word with the object particle that fits its last syllable. */
export function withObjectParticle(word: string): string {
  const code = word.charCodeAt(word.length - 1) - 0xac00;
  // Not a Hangul syllable (a number, a Latin word): both forms, as Korean text does.
  if (Number.isNaN(code) || code < 0 || code > 11171) return `${word}을(를)`;
  return `${word}${code % 28 === 0 ? '를' : '을'}`;
}
