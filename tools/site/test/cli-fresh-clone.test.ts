import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SITE = path.resolve(HERE, '..');
let bin: string;
beforeEach(() => {
  bin = mkdtempSync(path.join(tmpdir(), 'mfv-fake-pnpm-'));
});
afterEach(() => rmSync(bin, { recursive: true, force: true }));

/**
 * A fresh clone has no dist/ folders until the first build. `site start` must run the build
 * before it imports anything built; here dist/ is made to look absent and `pnpm` is a stand-in
 * that records the build call and fails it, so the run shows which came first.
 */
describe('site CLI on a fresh clone', () => {
  it.each(['start', 'dev'])('`site %s` runs the build before importing any built package', (mode) => {
    const calls = path.join(bin, 'calls');
    writeFileSync(path.join(bin, 'pnpm'), `#!/bin/sh\necho "$*" >> "${calls}"\nexit 3\n`);
    chmodSync(path.join(bin, 'pnpm'), 0o755);
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--import', path.join(HERE, 'fixtures/refuse-dist.mjs'), 'src/cli.ts', mode],
      {
        cwd: SITE,
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(run.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find module/);
    expect(readFileSync(calls, 'utf8')).toMatch(/^exec turbo run build/);
    expect(run.stderr).toMatch(/The build failed .*run the command again/);
    expect(run.status).toBe(1);
  });
});
