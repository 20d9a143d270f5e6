import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brokenLinks, headingAnchors, markdownLinks } from '../src/markdown-links.js';
import { REPO_ROOT, repoFiles } from '../src/repo.js';

describe('relative links in the documentation', () => {
  const markdownFiles = repoFiles().filter((file) => file.endsWith('.md'));

  it('covers README.md and every page under docs/', () => {
    expect(markdownFiles).toContain('README.md');
    expect(markdownFiles.filter((f) => f.startsWith('docs/')).length).toBeGreaterThanOrEqual(10);
  });

  it('every relative link of every Markdown file resolves (file, and heading when it names one)', () => {
    const broken = markdownFiles.flatMap((file) => brokenLinks(REPO_ROOT, file));
    expect(broken.map((b) => `${b.file}:${b.line} ${b.href} — ${b.reason}`)).toEqual([]);
  });
});

describe('the link checker', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mfv-links-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds links in prose, lists and tables, and none in code', () => {
    const links = markdownLinks(
      [
        'See [a](a.md) and ![img](img.png).',
        '',
        '- [b](docs/b.md#part)',
        '',
        '| x | y |',
        '| - | - |',
        '| [c](c.md) | `[no](code.md)` |',
        '',
        '```',
        '[no](fenced.md)',
        '```',
      ].join('\n'),
    );
    expect(links.map((l) => l.href)).toEqual(['a.md', 'img.png', 'docs/b.md#part', 'c.md']);
    expect(links.map((l) => l.line)).toEqual([1, 1, 3, 5]);
  });

  it("makes GitHub's anchors, Korean and code spans included", () => {
    const anchors = headingAnchors(
      '# Title\n\n## mobile-ok 본인확인-API (`/mok`)\n\n## Sandbox personas (`@mfv/sandbox/personas`)\n\n## Title\n',
    );
    expect([...anchors]).toEqual([
      'title',
      'mobile-ok-본인확인-api-mok',
      'sandbox-personas-mfvsandboxpersonas',
      'title-1',
    ]);
  });

  it('reports a missing file, a missing heading and a path outside the repository', () => {
    mkdirSync(path.join(dir, 'docs'));
    writeFileSync(path.join(dir, 'docs', 'a.md'), '# A\n\n## Part one\n');
    writeFileSync(
      path.join(dir, 'README.md'),
      [
        '[ok](docs/a.md#part-one) [self](#top) [dir](docs/) [web](https://example.com/x.md)',
        '',
        '# Top',
        '',
        '[gone](docs/gone.md) [anchor](docs/a.md#part-two) [out](../elsewhere.md)',
      ].join('\n'),
    );
    expect(brokenLinks(dir, 'README.md').map((b) => [b.href, b.line, b.reason])).toEqual([
      ['docs/gone.md', 5, 'no such file: docs/gone.md'],
      ['docs/a.md#part-two', 5, 'no heading #part-two in docs/a.md'],
      ['../elsewhere.md', 5, 'points outside the repository'],
    ]);
  });
});
