/**
 * `pnpm site:restart <app>`: the runner's control socket restarts one app and leaves the others
 * alone. Real child processes (Service, as the runner starts them), a real Unix socket, and the
 * real CLI (`node --import tsx tools/site/src/cli.ts restart …`, what the pnpm script runs).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestRestart, startControlServer, type ControlServer } from '../src/control.js';
import { Service } from '../src/process.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = path.join(REPO, 'tools/site/src/cli.ts');

let dir: string;
let socketPath: string;
let apps: Record<string, Service>;
let control: ControlServer | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A tiny app: answers its pid over HTTP once listening, like a Next app's healthz. */
async function app(name: string): Promise<Service> {
  const port = await freePort();
  return new Service(
    {
      name,
      command: process.execPath,
      args: [
        '-e',
        `require('node:http').createServer((q, s) => s.end(String(process.pid))).listen(${port}, '127.0.0.1')`,
      ],
      cwd: dir,
      env: { PATH: process.env.PATH },
      readyUrl: `http://127.0.0.1:${port}/`,
      readyTimeoutMs: 10_000,
    },
    { kind: 'silent' },
  );
}

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, 'restart', ...args],
      { cwd: REPO, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mfv-control-'));
  socketPath = path.join(dir, 'control.sock');
  apps = { shell: await app('shell'), notice: await app('notice'), user: await app('user') };
  await Promise.all(Object.values(apps).map((a) => a.start()));
});

afterEach(async () => {
  await control?.close();
  control = undefined;
  await Promise.all(Object.values(apps).map((a) => a.stop(2_000)));
  rmSync(dir, { recursive: true, force: true });
});

describe('site restart <app> (the running runner’s control socket)', () => {
  it('restarts only the named app: a new process, ready, the others untouched', async () => {
    const lines: string[] = [];
    control = await startControlServer(socketPath, apps, (l) => lines.push(l));
    expect(statSync(socketPath).mode & 0o777).toBe(0o600);
    const before = Object.fromEntries(Object.entries(apps).map(([n, a]) => [n, a.pid]));

    const run = await cli('notice', '--socket', socketPath);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✓ notice restarted in \d+ ms \(pid \d+\); the others kept running/);

    expect(apps.notice!.pid).not.toBe(before.notice);
    expect(apps.notice!.running).toBe(true);
    expect(run.stdout).toContain(`pid ${apps.notice!.pid}`);
    expect(apps.shell!.pid).toBe(before.shell);
    expect(apps.user!.pid).toBe(before.user);
    expect(lines).toEqual([
      expect.stringMatching(/^restarting notice/),
      expect.stringMatching(/^notice restarted in/),
    ]);
  });

  it('refuses an unknown app, naming the ones there are; nothing is restarted', async () => {
    control = await startControlServer(socketPath, apps);
    const before = Object.values(apps).map((a) => a.pid);
    const run = await cli('noticee', '--socket', socketPath);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('✗ no app named "noticee" in this site; one of: shell, notice, user');
    expect(Object.values(apps).map((a) => a.pid)).toEqual(before);
  });

  it('says when no site is running (no socket, or a socket file a killed runner left)', async () => {
    const none = await cli('notice', '--socket', socketPath);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /✗ no site is running \(nothing answers on .*control\.sock\); start one with `pnpm start`/,
    );

    writeFileSync(socketPath, ''); // a stale file, not a socket anyone listens on
    const stale = await requestRestart(socketPath, 'notice');
    expect(stale).toEqual({ ok: false, message: expect.stringMatching(/^no site is running/) });
    // The next runner replaces it.
    control = await startControlServer(socketPath, apps);
    expect((await requestRestart(socketPath, 'user')).ok).toBe(true);
  });

  it('one restart of an app at a time; a second runner cannot take a live socket', async () => {
    control = await startControlServer(socketPath, apps);
    const [first, second] = await Promise.all([
      requestRestart(socketPath, 'shell'),
      requestRestart(socketPath, 'shell'),
    ]);
    expect([first, second]).toContainEqual({ ok: false, message: 'shell is already restarting' });
    expect([first, second]).toContainEqual(expect.objectContaining({ ok: true, app: 'shell' }));
    await expect(startControlServer(socketPath, apps)).rejects.toThrow(/another site is running/);
  });

  it('an app that does not come back is reported, not hidden', async () => {
    const broken = new Service(
      {
        name: 'notice',
        command: process.execPath,
        args: ['-e', 'process.exit(3)'],
        cwd: dir,
        env: { PATH: process.env.PATH },
        readyUrl: 'http://127.0.0.1:9/',
      },
      { kind: 'silent' },
    );
    control = await startControlServer(socketPath, { notice: broken });
    const run = await cli('notice', '--socket', socketPath);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('✗ notice exited before it was ready (exit code 3)');
  });
});
