/**
 * scripts/check-no-client-bundle.mjs, run as CI will run it (a child process), on fake
 * `.next/static` folders.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MFV_MTLS_SERVER_ONLY_MARKER } from '../src/index.js';
// @ts-expect-error -- plain .mjs script without type declarations
import { MARKER } from '../scripts/check-no-client-bundle.mjs';

const script = fileURLToPath(new URL('../scripts/check-no-client-bundle.mjs', import.meta.url));
let dir: string;

function fakeStatic(name: string, files: Record<string, string>): string {
  const root = join(dir, name, '.next', 'static');
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { status: result.status, out: result.stdout + result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mfv-bundle-check-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('check-no-client-bundle', () => {
  it('uses the same marker as the module', () => {
    expect(MARKER).toBe(MFV_MTLS_SERVER_ONLY_MARKER);
  });

  it('fails and names the file when a client chunk contains the marker', () => {
    const root = fakeStatic('dirty', {
      'chunks/main-abc.js': 'console.log(1)',
      'chunks/pages/verify-123.js': `var a="${MFV_MTLS_SERVER_ONLY_MARKER}";`,
    });
    const { status, out } = run(root);
    expect(status).toBe(1);
    expect(out).toContain('verify-123.js');
    expect(out).not.toContain('main-abc.js');
  });

  it('passes on a clean build', () => {
    const root = fakeStatic('clean', {
      'chunks/main-abc.js': 'console.log("MFV_MTLS_SERVER_ONLY")',
      'css/app.css': MFV_MTLS_SERVER_ONLY_MARKER,
    });
    const { status, out } = run(root);
    expect(status).toBe(0);
    expect(out).toContain('1 files');
  });

  it('skips the nextjs-mf server bundles under static/ssr unless --include-ssr', () => {
    const root = fakeStatic('with-ssr', {
      'chunks/main.js': 'x',
      'ssr/remoteEntry.js': `"${MFV_MTLS_SERVER_ONLY_MARKER}"`,
    });
    expect(run(root).status).toBe(0);
    expect(run('--include-ssr', root).status).toBe(1);
  });

  it('scans every folder given', () => {
    const a = fakeStatic('multi-a', { 'chunks/a.js': 'a' });
    const b = fakeStatic('multi-b', { 'chunks/b.js': MFV_MTLS_SERVER_ONLY_MARKER });
    expect(run(a, b).status).toBe(1);
  });

  it('fails when there is nothing to scan, unless --allow-missing', () => {
    const missing = join(dir, 'nope', '.next', 'static');
    expect(run(missing).status).toBe(2);
    expect(run('--allow-missing', missing).status).toBe(0);
    const empty = fakeStatic('empty', { 'css/x.css': '' });
    expect(run(empty).status).toBe(2);
  });

  it('rejects unknown options', () => {
    expect(run('--nope').status).toBe(2);
  });
});
