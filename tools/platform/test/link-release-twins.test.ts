/**
 * deploy/link-release-twins.sh: in a gathered image tree, the remote releases' copies
 * (public/_mfv/client/<id>/static/…, public/_mfv/ssr/<id>/…) become hard links to their identical
 * twins in .next/static, so the image stores them once; anything that differs stays a file of its
 * own, byte for byte what the release published (an old tab still loads its own chunks).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SCRIPT = path.join(REPO, 'deploy/link-release-twins.sh');

let app: string;
beforeEach(() => {
  app = mkdtempSync(path.join(tmpdir(), 'mfv-twins-'));
});
afterEach(() => rmSync(app, { recursive: true, force: true }));

function put(rel: string, content: string) {
  const file = path.join(app, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}
const inode = (rel: string) => statSync(path.join(app, rel)).ino;
const read = (rel: string) => readFileSync(path.join(app, rel), 'utf8');
const diskKb = () => Number(execFileSync('du', ['-sk', app], { encoding: 'utf8' }).split('\t')[0]);

describe('deploy/link-release-twins.sh', () => {
  it('links the current release to .next/static, shares unchanged chunks of an older one, keeps the rest', () => {
    const big = 'x'.repeat(200_000);
    // The current build (id "new") and its release copy.
    put('.next/static/chunks/main-aaa.js', `main ${big}`);
    put('.next/static/chunks/remoteEntry.js', 'entry of new');
    put('.next/static/css/site-ccc.css', 'body{}');
    put('.next/static/ssr/remoteEntry.js', `ssr entry of new ${big}`);
    put('public/_mfv/client/new/static/chunks/main-aaa.js', `main ${big}`);
    put('public/_mfv/client/new/static/chunks/remoteEntry.js', 'entry of new');
    put('public/_mfv/client/new/static/css/site-ccc.css', 'body{}');
    put('public/_mfv/client/new/release.json', '{"id":"new"}');
    put('public/_mfv/ssr/new/remoteEntry.js', `ssr entry of new ${big}`);
    // An older release: one chunk unchanged, its entries different.
    put('public/_mfv/client/old/static/chunks/main-aaa.js', `main ${big}`);
    put('public/_mfv/client/old/static/chunks/remoteEntry.js', 'entry of old');
    put('public/_mfv/ssr/old/remoteEntry.js', `ssr entry of old ${big}`);
    put('public/_mfv/index.json', '{}');
    const before = diskKb();

    const out = execFileSync('sh', [SCRIPT, app], { encoding: 'utf8' });
    expect(out).toContain('5 release files linked to .next/static');

    for (const rel of [
      'public/_mfv/client/new/static/chunks/main-aaa.js',
      'public/_mfv/client/old/static/chunks/main-aaa.js',
    ])
      expect(inode(rel)).toBe(inode('.next/static/chunks/main-aaa.js'));
    expect(inode('public/_mfv/client/new/static/chunks/remoteEntry.js')).toBe(
      inode('.next/static/chunks/remoteEntry.js'),
    );
    expect(inode('public/_mfv/client/new/static/css/site-ccc.css')).toBe(
      inode('.next/static/css/site-ccc.css'),
    );
    expect(inode('public/_mfv/ssr/new/remoteEntry.js')).toBe(inode('.next/static/ssr/remoteEntry.js'));
    // The old release's own files stay its own.
    expect(inode('public/_mfv/client/old/static/chunks/remoteEntry.js')).not.toBe(
      inode('.next/static/chunks/remoteEntry.js'),
    );
    expect(read('public/_mfv/client/old/static/chunks/remoteEntry.js')).toBe('entry of old');
    expect(read('public/_mfv/ssr/old/remoteEntry.js')).toBe(`ssr entry of old ${big}`);
    expect(read('public/_mfv/client/new/release.json')).toBe('{"id":"new"}');
    // Three ~200 kB files are stored once now.
    expect(before - diskKb()).toBeGreaterThanOrEqual(3 * 190);

    // Idempotent.
    expect(execFileSync('sh', [SCRIPT, app], { encoding: 'utf8' })).toContain('5 release files linked');
  });

  it('a tree without releases (the shell, api) is left alone', () => {
    put('.next/static/chunks/main.js', 'x');
    expect(execFileSync('sh', [SCRIPT, app], { encoding: 'utf8' })).toBe('');
  });
});
