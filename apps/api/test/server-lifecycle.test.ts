import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NeedsSignupResponse, SignedInResponse } from '@mfv/api-contract';
import { consentsFor } from '@mfv/api-contract';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const INTERNAL = 'lifecycle-internal-token-0123456789abcdef';

interface Running {
  child: ChildProcess;
  baseUrl: string;
  logs: Record<string, unknown>[];
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts the real server (src/server.ts through tsx) on a free port; resolves once it listens. */
function startServer(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: API_DIR,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', API_PORT: '0', API_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time\n${err}`));
    }, 30_000);
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += String(d);
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        if (!line.trim()) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(String(entry.msg));
        if (m) {
          clearTimeout(timer);
          resolve({ child, baseUrl: m[1]!, logs, stderr: () => err, exited });
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening\n${err}\n${JSON.stringify(logs)}`));
    });
  });
}

async function stop(server: Running): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  server.child.kill('SIGTERM');
  const code = await server.exited;
  return { code, ms: Date.now() - started };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('the api process', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mfv-api-server-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Two real processes each booting a persistent WASM Postgres: generous on a loaded 2-core CI machine.
  it(
    'serves, keeps sessions across a restart (persistent PGlite + kept dev key), and stops cleanly on SIGTERM',
    { timeout: 120_000 },
    async () => {
      const env = {
        API_DEV_DATA_DIR: join(dir, '.data'),
        API_PGLITE_DATA_DIR: join(dir, 'pglite'),
        API_INTERNAL_TOKEN: INTERNAL,
      };
      const first = await startServer(env);
      let session: { accessToken: string; refreshToken: string };
      try {
        expect(await (await fetch(`${first.baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
        expect(await (await fetch(`${first.baseUrl}/readyz`)).json()).toEqual({ status: 'ok' });
        const login = (await (
          await post(
            `${first.baseUrl}/auth/login/kakao`,
            { kakaoId: '4242' },
            { 'x-internal-token': INTERNAL },
          )
        ).json()) as NeedsSignupResponse;
        session = (await (
          await post(
            `${first.baseUrl}/users`,
            { signupTicket: login.signupTicket, nickname: '재시작', consents: consentsFor() },
            { authorization: `Bearer ${INTERNAL}` },
          )
        ).json()) as SignedInResponse;
        expect(session.accessToken).toEqual(expect.any(String));
      } finally {
        const { code, ms } = await stop(first);
        expect(code).toBe(0);
        expect(ms).toBeLessThan(10_000);
      }
      expect(first.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
      // The service credential and tokens never reach the log.
      const allLogs = JSON.stringify(first.logs);
      expect(allLogs).not.toContain(INTERNAL);
      expect(allLogs).not.toContain(session.refreshToken);

      const second = await startServer(env);
      try {
        const verify = await fetch(`${second.baseUrl}/auth/verify`, {
          method: 'POST',
          headers: { authorization: `Bearer ${session.accessToken}` },
        });
        expect(verify.status).toBe(200);
        const refreshed = await post(`${second.baseUrl}/auth/refresh`, {
          refreshToken: session.refreshToken,
        });
        expect(refreshed.status).toBe(200);
      } finally {
        expect((await stop(second)).code).toBe(0);
      }
    },
  );

  it.skipIf(inject('pgUrl') === null)('boots against Postgres when DATABASE_URL is set', async () => {
    const server = await startServer({
      DATABASE_URL: inject('pgUrl')!,
      API_DEV_DATA_DIR: join(dir, '.data-pg'),
    });
    try {
      expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
      expect(server.logs.find((l) => l.msg === 'database ready')).toMatchObject({
        driver: 'pg',
        persistent: true,
      });
    } finally {
      expect((await stop(server)).code).toBe(0);
    }
  });

  it('refuses to start in production without keys, naming the variables', async () => {
    await expect(
      startServer({ NODE_ENV: 'production', API_DEV_DATA_DIR: join(dir, 'prod') }),
    ).rejects.toThrow(
      /exited with 1[\s\S]*API_JWT_PRIVATE_KEY_FILE: required in production[\s\S]*API_INTERNAL_TOKEN: required in production/,
    );
  });

  it('refuses to start with an unreadable key file, naming the variable', async () => {
    await expect(
      startServer({ API_JWT_PRIVATE_KEY_FILE: join(dir, 'nope.pem'), API_DEV_DATA_DIR: join(dir, 'x') }),
    ).rejects.toThrow(/API_JWT_PRIVATE_KEY_FILE: cannot read/);
  });
});
