import { describe, expect, it } from 'vitest';
import { checkCompatibility } from '../src/compat.js';
import {
  parseReleaseIndex,
  previousRelease,
  releaseManifestFromMf,
  withRelease,
  ReleaseError,
  type ReleaseManifest,
} from '../src/manifest.js';

/** The shape nextjs-mf 8.8 writes (trimmed from apps/notice's build). */
const MF = {
  id: 'notice',
  name: 'notice',
  metaData: { name: 'notice', pluginVersion: '2.9.2', publicPath: 'auto' },
  shared: [
    { id: 'notice:react', name: 'react', version: '19.2.0', singleton: true },
    { id: 'notice:react-dom', name: 'react-dom', version: '19.2.0', singleton: true },
    { id: 'notice:react-dom/client', name: 'react-dom/client', version: '19.2.0', singleton: false },
  ],
  exposes: [
    { id: 'notice:NoticeList', name: 'NoticeList', path: './NoticeList' },
    { id: 'notice:NoticeBell', name: 'NoticeBell', path: './NoticeBell' },
  ],
};

const manifest = (release: string, react = '19.2.0'): ReleaseManifest => ({
  ...releaseManifestFromMf(MF, { id: release, builtAt: new Date('2026-12-04T00:00:00Z') }),
  shared: { react: { version: react, singleton: true }, 'react-dom': { version: react, singleton: true } },
});

describe('release manifest', () => {
  it('is derived from Module Federation’s manifest plus the build id and time', () => {
    expect(releaseManifestFromMf(MF, { id: 'AbC_1-2', builtAt: new Date('2026-12-04T01:02:03Z') })).toEqual({
      remote: 'notice',
      release: 'AbC_1-2',
      builtAt: '2026-12-04T01:02:03.000Z',
      exposes: ['NoticeBell', 'NoticeList'],
      shared: {
        react: { version: '19.2.0', singleton: true },
        'react-dom': { version: '19.2.0', singleton: true },
        'react-dom/client': { version: '19.2.0', singleton: false },
      },
      federation: '2.9.2',
    });
  });

  it('refuses a release id that is not a path segment, and a manifest without a name', () => {
    for (const id of ['', '../x', 'a/b', 'a b', 'x'.repeat(65)]) {
      expect(() => releaseManifestFromMf(MF, { id, builtAt: new Date() })).toThrow(ReleaseError);
    }
    expect(() => releaseManifestFromMf({}, { id: 'a', builtAt: new Date() })).toThrow(/no name/);
  });

  it('the index keeps the newest N, names the new one current, and knows the one before', () => {
    let index = null;
    const dropped: string[] = [];
    for (const id of ['r1', 'r2', 'r3', 'r4']) {
      const next = withRelease(index, manifest(id), 3);
      index = next.index;
      dropped.push(...next.dropped);
    }
    expect(index!.current).toBe('r4');
    expect(index!.releases.map((r) => r.release)).toEqual(['r2', 'r3', 'r4']);
    expect(dropped).toEqual(['r1']);
    expect(previousRelease(index!, 'r4')?.release).toBe('r3');
    expect(previousRelease(index!, 'r2')).toBeUndefined();
    // Publishing a release again moves it to the newest place without a duplicate.
    expect(withRelease(index, manifest('r2'), 3).index.releases.map((r) => r.release)).toEqual([
      'r3',
      'r4',
      'r2',
    ]);
    expect(parseReleaseIndex(JSON.parse(JSON.stringify(index)))).toEqual(index);
  });

  it('parsing refuses an index whose current release is not listed, or malformed', () => {
    const { index } = withRelease(null, manifest('r1'), 3);
    expect(() => parseReleaseIndex({ ...index, current: 'r9' })).toThrow(/not listed/);
    expect(() => parseReleaseIndex({ ...index, releases: [{ release: '../x' }] })).toThrow(ReleaseError);
    expect(() => parseReleaseIndex(null)).toThrow(ReleaseError);
  });
});

describe('compatibility', () => {
  const host = {
    singletons: { react: '19.2.0', 'react-dom': '19.2.0' },
    exposes: ['NoticeList', 'NoticeBell'],
  };

  it('accepts the same majors (minor and patch may differ)', () => {
    expect(checkCompatibility(manifest('r1', '19.0.1'), host)).toEqual({ ok: true });
  });

  it('refuses another React major, naming it', () => {
    expect(checkCompatibility(manifest('r1', '18.3.1'), host)).toEqual({
      ok: false,
      reason: 'release r1 of notice: react 18.3.1 (host 19.2.0); react-dom 18.3.1 (host 19.2.0)',
    });
  });

  it('refuses a release that no longer exposes a module the host renders', () => {
    const result = checkCompatibility(manifest('r1'), { ...host, exposes: ['NoticeList', 'NoticeFeed'] });
    expect(result).toEqual({ ok: false, reason: 'release r1 of notice: missing expose NoticeFeed' });
  });

  it('a singleton the remote does not use is no conflict', () => {
    expect(
      checkCompatibility(manifest('r1'), { ...host, singletons: { ...host.singletons, zod: '4.1.0' } }),
    ).toEqual({
      ok: true,
    });
  });
});
