import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@mfv/site';

/**
 * deploy/sentry-sourcemaps.sh (run by the Dockerfile after the build): uploads only when
 * configured, refuses half a configuration, and never leaves browser maps in the served folder.
 * `upload` is played by a stand-in that records its arguments (no Sentry here); `inject` is the
 * real sentry-cli from the workspace.
 */
const SCRIPT = path.join(REPO_ROOT, 'deploy/sentry-sourcemaps.sh');

let dir: string;
let out: string;
let calls: string;

function run(env: Record<string, string>) {
  return spawnSync('sh', [SCRIPT, 'notice', out], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      SENTRY_AUTH_TOKEN_FILE: path.join(dir, 'token'),
      ...env,
    } as unknown as NodeJS.ProcessEnv,
  });
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mfv-sourcemaps-'));
  out = path.join(dir, 'out');
  const chunks = path.join(out, 'apps/notice/.next/static/chunks');
  mkdirSync(chunks, { recursive: true });
  mkdirSync(path.join(out, 'apps/notice/.next/server'), { recursive: true });
  writeFileSync(path.join(chunks, 'main.js'), 'console.log("notice");\n//# sourceMappingURL=main.js.map\n');
  writeFileSync(
    path.join(chunks, 'main.js.map'),
    JSON.stringify({ version: 3, file: 'main.js', sources: ['main.ts'], names: [], mappings: 'AAAA' }),
  );
  calls = path.join(dir, 'calls');
  const realCli = spawnSync(
    'sh',
    ['-c', 'ls node_modules/.pnpm/@sentry+cli@*/node_modules/@sentry/cli/bin/sentry-cli'],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    },
  ).stdout.trim();
  const fake = path.join(dir, 'sentry-cli');
  writeFileSync(
    fake,
    [
      '#!/bin/sh',
      `echo "$* token=\${SENTRY_AUTH_TOKEN:+set} org=$SENTRY_ORG project=$SENTRY_PROJECT" >> ${calls}`,
      `if [ "$2" = inject ]; then exec node ${path.join(REPO_ROOT, realCli)} "$@"; fi`,
    ].join('\n'),
  );
  chmodSync(fake, 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('deploy/sentry-sourcemaps.sh', () => {
  it('without configuration: uploads nothing, changes nothing', () => {
    const result = run({ SENTRY_CLI: path.join(dir, 'sentry-cli') });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('not configured');
    expect(existsSync(calls)).toBe(false);
    expect(existsSync(path.join(out, 'apps/notice/.next/static/chunks/main.js.map'))).toBe(true);
  });

  it('refuses half a configuration instead of skipping silently', () => {
    expect(run({ SENTRY_ORG: 'mfv' }).status).toBe(1);
    const noToken = run({ SENTRY_ORG: 'mfv', SENTRY_PROJECT: 'web' });
    expect(noToken.status).toBe(1);
    expect(noToken.stderr).toContain('sentry_auth_token');
  });

  it('configured: injects debug ids, uploads with the token from the secret, deletes the served maps', () => {
    writeFileSync(path.join(dir, 'token'), 'sntrys_test_token\n');
    const result = run({
      SENTRY_ORG: 'mfv',
      SENTRY_PROJECT: 'web',
      SENTRY_RELEASE: 'abc123',
      SENTRY_CLI: path.join(dir, 'sentry-cli'),
    });
    expect(result.status, result.stderr).toBe(0);
    const lines = readFileSync(calls, 'utf8').trim().split('\n');
    const dirs = `${out}/apps/notice/.next/static ${out}/apps/notice/.next/server`;
    expect(lines).toEqual([
      `sourcemaps inject ${dirs} token=set org=mfv project=web`,
      `sourcemaps upload --release abc123 ${dirs} token=set org=mfv project=web`,
    ]);
    const js = readFileSync(path.join(out, 'apps/notice/.next/static/chunks/main.js'), 'utf8');
    expect(js).toMatch(/\/\/# debugId=[0-9a-f-]{36}/);
    expect(existsSync(path.join(out, 'apps/notice/.next/static/chunks/main.js.map'))).toBe(false);
  });
});
