import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mfv-bootstrap-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bootstrap(pathPrefix: string, toolsDir: string) {
  return spawnSync(process.execPath, ['scripts/bootstrap.mjs', 'setup'], {
    cwd: ROOT,
    env: { ...process.env, PATH: `${pathPrefix}:${process.env.PATH}`, MFV_BOOTSTRAP_TOOLS_DIR: toolsDir },
    encoding: 'utf8',
    timeout: 180_000,
  });
}

/**
 * The machine a new user has: corepack's shim at `pnpm` that cannot download pnpm (it prints
 * an error and exits 1), or no pnpm at all. The bootstrap must still get a pnpm 10 with npm,
 * without a global install (which fails with EEXIST next to the shim).
 */
describe('bootstrap: getting pnpm on a machine with only Node and npm', () => {
  it('works past a broken corepack shim, with a private pnpm', () => {
    const shims = path.join(dir, 'shims');
    rmSync(shims, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', shims]);
    writeFileSync(
      path.join(shims, 'pnpm'),
      '#!/bin/sh\necho "Internal Error: Corepack cannot download the latest stable version of pnpm; signature" >&2\nexit 1\n',
    );
    chmodSync(path.join(shims, 'pnpm'), 0o755);
    const tools = path.join(dir, 'tools-a');
    const run = bootstrap(shims, tools);
    expect(run.stdout).toMatch(/pnpm is not available; installing pnpm 10\.\d+\.\d+/);
    expect(existsSync(path.join(tools, 'node_modules/.bin/pnpm'))).toBe(true);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^10\.\d+\.\d+$/);
    expect(run.status).toBe(0);

    // The second run uses the private copy without installing again.
    const again = bootstrap(shims, tools);
    expect(again.stdout).not.toMatch(/installing pnpm/);
    expect(again.status).toBe(0);
  }, 200_000);

  it('replaces a pnpm of another major version', () => {
    const old = path.join(dir, 'old');
    spawnSync('mkdir', ['-p', old]);
    writeFileSync(path.join(old, 'pnpm'), '#!/bin/sh\necho 8.15.9\n');
    chmodSync(path.join(old, 'pnpm'), 0o755);
    const run = bootstrap(old, path.join(dir, 'tools-b'));
    expect(run.stdout).toMatch(/pnpm 8\.15\.9 is not pnpm 10; installing/);
    expect(run.status).toBe(0);
  }, 200_000);
});
