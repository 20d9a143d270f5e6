import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EXISTING_MEMBER } from '../src/personas.js';
import { installShutdown, startServer } from '../src/lifecycle.js';
import { TEST_APPS, loginAs, startSandbox } from './helpers.js';

describe('server lifecycle', () => {
  it('listens on a free port and answers /healthz', async () => {
    const { url } = await startSandbox();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', providers: ['kakao'] });
  });

  it('answers unknown paths with a JSON 404', async () => {
    const { url } = await startSandbox();
    const res = await fetch(`${url}/nowhere?x=1`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found', message: 'no sandbox route for GET /nowhere' });
  });

  it('logs one JSON object per line, with the caller’s x-request-id', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(
          ...chunk
            .toString('utf8')
            .split('\n')
            .filter((l) => l !== ''),
        );
        done();
      },
    });
    const sandbox = await startServer({
      host: '127.0.0.1',
      port: 0,
      kakao: TEST_APPS,
      logger: { level: 'info', stream },
    });
    try {
      await fetch(`${sandbox.url}/healthz`, { headers: { 'x-request-id': 'req-42' } });
    } finally {
      await sandbox.close();
    }
    const entries = lines.map((l) => JSON.parse(l) as { reqId?: string; msg?: string });
    expect(entries.some((e) => e.reqId === 'req-42' && e.msg === 'request completed')).toBe(true);
  });

  it('a token request never logs the client secret, the code or the tokens', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const sandbox = await startServer({
      host: '127.0.0.1',
      port: 0,
      kakao: TEST_APPS,
      logger: { level: 'trace', stream },
    });
    try {
      const token = await loginAs(sandbox.url, EXISTING_MEMBER.id);
      const log = lines.join('');
      expect(log).not.toContain(String(token.access_token));
      expect(log).not.toContain(String(token.refresh_token));
      expect(log).not.toContain('test-kakao-secret');
    } finally {
      await sandbox.close();
    }
  });

  it('SIGTERM closes the server and exits 0', async () => {
    const sandbox = await startServer({ host: '127.0.0.1', port: 0, kakao: TEST_APPS });
    const host = Object.assign(new EventEmitter(), {
      exitCode: undefined as number | undefined,
      exit(code: number) {
        host.exitCode = code;
      },
    });
    installShutdown(sandbox.app, host);
    host.emit('SIGTERM');
    await expect.poll(() => host.exitCode, { timeout: 3000 }).toBe(0);
    await expect(fetch(`${sandbox.url}/healthz`)).rejects.toThrow();
  });

  it('exits 1 when closing takes longer than the shutdown timeout', async () => {
    const stuck = { close: () => new Promise<void>(() => {}), log: { info() {}, error() {} } };
    const host = Object.assign(new EventEmitter(), {
      exitCode: undefined as number | undefined,
      exit(code: number) {
        host.exitCode = code;
      },
    });
    installShutdown(stuck, host, 100);
    host.emit('SIGINT');
    await expect.poll(() => host.exitCode, { timeout: 3000 }).toBe(1);
  });
});
