import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outsideReferences } from '../src/outside-references.js';
import { REPO_ROOT, repoFiles } from '../src/repo.js';

/** This guard's own tests spell the forbidden references out to show they are caught. */
const SELF = 'tools/repo-checks/test/no-outside-references.test.ts';

describe('no file points outside the repository', () => {
  it('no tracked or new file cites notes files, machine paths, seed or issue numbers', () => {
    const files = repoFiles().filter((file) => file !== SELF);
    expect(files.length).toBeGreaterThan(500);
    const found = files.flatMap((file) => outsideReferences(REPO_ROOT, file));
    expect(found.map((f) => `${f.file}:${f.line} (${f.name}) ${f.text}`)).toEqual([]);
  });
});

describe('the guard', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mfv-refs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('catches each kind of reference, and not the words alone', () => {
    const lines = [
      ' * the crypto (PROVIDERS.md "Toss")', // 1
      '// see ARCHITECTURE.md, CONVENTIONS.md', // 2
      '# TOOLCHAIN-NOTES.md: the pin', // 3
      // Assembled so this file itself holds no machine path.
      `const notes = '${['', 'work', 'shared', 'seeds'].join('/')}';`, // 4
      ' * (seed 004: chmod 600)', // 5
      '-- SSAFY Verify results (issue 5)', // 6
      ' * (Issue #13, F3)', // 7
      ' * (issue "Auth" 2.3)', // 8
      ' * docs/architecture.md, the workspace; seed EXISTING_MEMBER as a member', // 9: fine
      ' * this issue is known; providers.md.bak; /workspace/ and 5 issues', // 10: fine
      ' * mobile-ok 본인확인-API 개발 가이드 v1.0.7.1 §8', // 11: fine
    ];
    writeFileSync(path.join(dir, 'file.ts'), lines.join('\n'));
    expect(outsideReferences(dir, 'file.ts').map((f) => f.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('skips binary files', () => {
    writeFileSync(path.join(dir, 'blob.bin'), Buffer.from([0, 1, 2, ...Buffer.from('PROVIDERS.md')]));
    expect(outsideReferences(dir, 'blob.bin')).toEqual([]);
  });
});
