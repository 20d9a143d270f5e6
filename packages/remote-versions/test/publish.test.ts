import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { publishRelease, readIndexFile } from '../src/publish.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A remote app directory after `next build`: BUILD_ID, client chunks with mf-manifest, ssr files. */
function fakeBuild(app: string, id: string, text: string) {
  const next = path.join(app, '.next');
  for (const dir of ['static/chunks/pages', 'static/ssr', 'static/css'])
    mkdirSync(path.join(next, dir), { recursive: true });
  writeFileSync(path.join(next, 'BUILD_ID'), id);
  writeFileSync(
    path.join(next, 'static/chunks/mf-manifest.json'),
    JSON.stringify({
      name: 'notice',
      shared: [{ name: 'react', version: '19.2.0', singleton: true }],
      exposes: [{ path: './NoticeList' }],
    }),
  );
  writeFileSync(path.join(next, 'static/chunks/remoteEntry.js'), `client ${text}`);
  writeFileSync(path.join(next, 'static/chunks/mf-stats.json'), '{}');
  writeFileSync(path.join(next, 'static/chunks/pages/index.js'), 'own page');
  writeFileSync(path.join(next, 'static/css/a.css'), 'css');
  writeFileSync(path.join(next, 'static/ssr/remoteEntry.js'), `ssr ${text}`);
}

describe('publishRelease', () => {
  it('copies a build into immutable release dirs, updates the index and keeps the newest N', () => {
    const app = mkdtempSync(path.join(tmpdir(), 'mfv-release-'));
    dirs.push(app);
    const root = path.join(app, 'public/_mfv');
    for (const [i, id] of ['b1', 'b2', 'b3'].entries()) {
      fakeBuild(app, id, `v${i + 1}`);
      const { manifest, dropped } = publishRelease(app, { keep: 2 });
      expect(manifest.release).toBe(id);
      expect(dropped).toEqual(i === 2 ? ['b1'] : []);
    }
    expect(readIndexFile(app)).toMatchObject({ remote: 'notice', current: 'b3' });
    expect(readIndexFile(app)!.releases.map((r) => r.release)).toEqual(['b2', 'b3']);
    expect(readFileSync(path.join(root, 'client/b2/static/chunks/remoteEntry.js'), 'utf8')).toBe('client v2');
    expect(readFileSync(path.join(root, 'ssr/b3/remoteEntry.js'), 'utf8')).toBe('ssr v3');
    expect(existsSync(path.join(root, 'client/b3/static/css/a.css'))).toBe(true);
    expect(existsSync(path.join(root, 'client/b3/release.json'))).toBe(true);
    // Build reports and the remote's own pages are not part of a release.
    expect(existsSync(path.join(root, 'client/b3/static/chunks/mf-stats.json'))).toBe(false);
    expect(existsSync(path.join(root, 'client/b3/static/chunks/pages'))).toBe(false);
    expect(existsSync(path.join(root, 'client/b1'))).toBe(false);
    expect(existsSync(path.join(root, 'ssr/b1'))).toBe(false);

    // A release is never rewritten: publishing the same build id again leaves its files alone.
    fakeBuild(app, 'b3', 'changed');
    publishRelease(app, { keep: 2 });
    expect(readFileSync(path.join(root, 'ssr/b3/remoteEntry.js'), 'utf8')).toBe('ssr v3');
  });

  it('says what is missing when the app was not built as a remote', () => {
    const app = mkdtempSync(path.join(tmpdir(), 'mfv-release-'));
    dirs.push(app);
    expect(() => publishRelease(app)).toThrow(/BUILD_ID is missing/);
    mkdirSync(path.join(app, '.next'), { recursive: true });
    writeFileSync(path.join(app, '.next/BUILD_ID'), 'x1');
    expect(() => publishRelease(app)).toThrow(/no Module Federation remote build/);
  });
});
