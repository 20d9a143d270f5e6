/**
 * The emulator's `resultMsg` comes from §8's rows (the checked data) through the sandbox's own
 * lookup (codes.ts). These check the lookup's rules against the guide's §8 text, a verbatim excerpt
 * kept as the client package's test fixture.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MOK_OTHER_CODES_MESSAGE, mokResultMsg } from '../src/providers/mobile-ok/codes.js';

const SECTION_8 = readFileSync(
  fileURLToPath(
    new URL('../../../packages/verification/test/fixtures/mok-guide-section8.txt', import.meta.url),
  ),
  'utf8',
);

/** The guide's customer message (third column) of the rows for `code`, in the guide's order. */
function guideMessages(code: string): string[] {
  const cells = SECTION_8.split('\n')
    .filter((line) => !line.startsWith('8. ') && !line.startsWith('에러코드 |') && !line.startsWith('---|'))
    .join(' ')
    .split('|')
    .map((cell) => cell.trim());
  const messages: string[] = [];
  for (let i = 0; i + 3 < cells.length; i += 4) if (cells[i] === code) messages.push(cells[i + 2] as string);
  return messages;
}

describe('the sandbox’s §8 lookup', () => {
  it('2910 has an auth row and a confirm row; each step answers with its own', () => {
    const [auth, confirm] = guideMessages('2910');
    expect(auth).toBeDefined();
    expect(confirm).toBeDefined();
    expect(auth).not.toBe(confirm);
    expect(mokResultMsg('2910', 'auth')).toBe(auth);
    expect(mokResultMsg('2910', 'confirm')).toBe(confirm);
  });

  it('a code with one row answers that row’s customer message at every step', () => {
    for (const code of ['4301', '5033', '6702', '4612']) {
      const [message] = guideMessages(code);
      expect(mokResultMsg(code, 'confirm')).toBe(message);
      expect(mokResultMsg(code, 'token')).toBe(message);
    }
  });

  it('"(상세코드)" takes the detail code when one is given', () => {
    const [message] = guideMessages('6702');
    expect(message).toContain('(상세코드)');
    expect(mokResultMsg('6702', 'confirm', '6032')).toBe(message?.replace('(상세코드)', '(6032)'));
  });

  it('a code §8 does not list answers the "기타코드" row’s message, verbatim', () => {
    expect(guideMessages('기타코드')).toEqual([MOK_OTHER_CODES_MESSAGE]);
    expect(mokResultMsg('1234', 'auth')).toBe(MOK_OTHER_CODES_MESSAGE);
  });
});
