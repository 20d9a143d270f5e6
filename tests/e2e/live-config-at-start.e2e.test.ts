/**
 * A live deployment left with the sandbox's provider settings does not start: the built verify and
 * user apps (`next start`, NODE_ENV=production, no MFV_PROVIDERS — live) check every provider
 * variable at start (@mfv/config checkLiveConfig, run from each app's instrumentation) and exit 1
 * with ONE error naming every variable — verify's two schemas (mobile-ok; KCB and SSAFY) in the same
 * error. Before, both started and failed on the first provider call, verify one schema at a time.
 * With MFV_PROVIDERS=sandbox the same build starts (the check cannot pass by never starting).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '@mfv/site';
import { freePort } from '@mfv/testkit/ports';
import { afterEach, describe, expect, it } from 'vitest';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) {
    // Each server runs in its own process group (detached): end that group, nothing else.
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

interface Outcome {
  code: number | null;
  stderr: string;
  answered: boolean;
}

/** `next start` of a built app with only `env` (and PATH/HOME); waits for its exit or its first answer. */
async function nextStart(app: 'verify' | 'user', env: Record<string, string>, waitMs = 60_000) {
  const cwd = path.join(REPO_ROOT, 'apps', app);
  const port = await freePort();
  const child = spawn(
    path.join(cwd, 'node_modules', '.bin', 'next'),
    ['start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
        ...env,
      },
    },
  );
  started.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const code = await Promise.race([
      exited,
      new Promise<'running'>((r) => setTimeout(() => r('running'), 500)),
    ]);
    if (code !== 'running') return { code, stderr, answered: false } satisfies Outcome;
    const answered = await fetch(`http://127.0.0.1:${port}/${app}/api/healthz`)
      .then(() => true)
      .catch(() => false);
    if (answered) return { code: null, stderr, answered: true } satisfies Outcome;
  }
  return { code: null, stderr, answered: false } satisfies Outcome;
}

/** The one fatal log line the boot check writes. */
function fatal(stderr: string): { msg: string; variables: string[] } {
  const lines = stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level?: number; msg?: string; variables?: string[] })
    .filter((line) => line.level === 60 && line.msg?.includes('invalid configuration'));
  expect(lines).toHaveLength(1);
  return { msg: lines[0]!.msg!, variables: lines[0]!.variables ?? [] };
}

describe('live mode with the sandbox defaults: the apps refuse to start', () => {
  it('verify exits 1 with one error naming mobile-ok, KCB and SSAFY variables', async () => {
    const outcome = await nextStart('verify', {});
    expect(outcome.answered).toBe(false);
    expect(outcome.code).toBe(1);
    const { msg, variables } = fatal(outcome.stderr);
    expect(msg.startsWith('verify: invalid configuration')).toBe(true);
    for (const name of [
      'MOK_ENVIRONMENT',
      'MOK_SITE_URL',
      'MOK_ARS_CODE',
      'KCB_API_BASE_URL',
      'KCB_MEMBER_CODE',
      'KCB_RETURN_URL',
      'SSAFY_ISSUER',
      'SSAFY_CLIENT_ID',
    ]) {
      expect(variables).toContain(name);
      expect(msg).toContain(`- ${name}:`);
    }
  });

  it('user exits 1 with one error naming the Kakao and Toss variables', async () => {
    const outcome = await nextStart('user', {});
    expect(outcome.answered).toBe(false);
    expect(outcome.code).toBe(1);
    const { msg, variables } = fatal(outcome.stderr);
    expect(msg.startsWith('user: invalid configuration')).toBe(true);
    for (const name of ['KAKAO_CLIENT_ID', 'KAKAO_TOKEN_BASE_URL', 'TOSS_API_BASE_URL']) {
      expect(variables).toContain(name);
    }
  });

  it('the same build with MFV_PROVIDERS=sandbox starts and answers', async () => {
    const outcome = await nextStart('verify', { MFV_PROVIDERS: 'sandbox' });
    expect(outcome.stderr).not.toContain('invalid configuration');
    expect(outcome.answered).toBe(true);
  });
});
