import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What a file of the repository must not mention: documents that are not in the repository, a
 * machine's paths, and the working notes the project was started from. Cite project documents as
 * `docs/…` and provider documents by name and section (e.g. "mobile-ok 본인확인-API 개발 가이드 §8").
 */
export const OUTSIDE_REFERENCES: { name: string; pattern: RegExp }[] = [
  {
    name: 'a notes file outside the repository',
    pattern: /\b(?:PROVIDERS|ARCHITECTURE|CONVENTIONS|TOOLCHAIN-NOTES)\.md\b/,
  },
  { name: 'a path on the build machine', pattern: /\/work\// },
  { name: 'a seed document by number', pattern: /\bseeds? ?0\d\d\b/i },
  { name: 'a tracker issue by number', pattern: /\bissues? #?\d+\b|\bissue "[^"]+"/i },
];

export interface OutsideReference {
  file: string;
  line: number;
  name: string;
  text: string;
}

/** Text files only: a NUL byte in the first 8 KB marks a binary file, which is skipped. */
export function outsideReferences(root: string, file: string): OutsideReference[] {
  const bytes = readFileSync(path.join(root, file));
  if (bytes.subarray(0, 8192).includes(0)) return [];
  const found: OutsideReference[] = [];
  bytes
    .toString('utf8')
    .split('\n')
    .forEach((text, index) => {
      for (const { name, pattern } of OUTSIDE_REFERENCES) {
        if (pattern.test(text)) found.push({ file, line: index + 1, name, text: text.trim().slice(0, 160) });
      }
    });
  return found;
}
