/**
 * The login start limit (USER_LIMIT_LOGIN_IP) is one limit across OS processes: two separate
 * Node processes, each running the real login routes with its own Redis connection, count
 * against one real redis-server. The N+1th start from an address is refused whichever process
 * gets it — 429 + Retry-After + {code, message} — and from then on by both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServerProcess } from '@mfv/testkit';

const LIMIT = 4;
const APP_DIR = path.resolve(__dirname, '..');

let redisServer: RedisServerProcess;
const children: ChildProcess[] = [];
const ports: number[] = [];

async function startProcess(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/login-limit-server.ts'], {
    cwd: APP_DIR,
    env: { ...process.env, REDIS_URL: redisServer.url, USER_LIMIT_LOGIN_IP: `${LIMIT}/60` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => JSON.parse(String(line)) as { port: number }),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`exited with ${String(code)}`))),
  ]);
  return { child, port: first.port };
}

beforeAll(async () => {
  redisServer = await startRedisServer();
  const started = await Promise.all([startProcess(), startProcess()]);
  ports.push(...started.map((s) => s.port));
  expect(new Set(started.map((s) => s.child.pid)).size).toBe(2);
}, 60_000);

afterAll(async () => {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }),
  );
  await redisServer?.stop();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A raw GET of the Kakao login start as a script would send it (no navigation headers: the JSON
 * answer). Toss's start is a CSRF-protected POST counted in the same budget (toss-login-route.test.ts).
 */
function start(port: number, ip: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `http://127.0.0.1:${port}/user/api/login/kakao`,
      { headers: { accept: 'application/json', 'sec-fetch-mode': 'cors', 'x-forwarded-for': ip } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

describe('login start limit across two OS processes (one redis-server)', () => {
  for (const [name, last] of [
    ['the first process', 0],
    ['the second process', 1],
  ] as const) {
    it(`${LIMIT} starts spread over both processes pass; the next one, sent to ${name}, is 429`, async () => {
      const ip = `198.51.100.${60 + last}`;
      const servedBy = new Set<string>();
      for (let i = 0; i < LIMIT; i++) {
        const answer = await start(ports[i % 2]!, ip);
        expect(answer.status).toBe(302);
        servedBy.add(String(answer.headers['x-served-by']));
      }
      expect(servedBy.size).toBe(2); // both processes counted some of the four

      const refused = await start(ports[last]!, ip);
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers['retry-after']);
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
      expect(JSON.parse(refused.body)).toEqual({
        code: 'RATE_LIMITED',
        message: `요청이 너무 많아요. ${wait}초 뒤에 다시 시도해 주세요.`,
      });
      // … and the other process refuses it too: the count is not per process.
      expect((await start(ports[1 - last]!, ip)).status).toBe(429);
      // Another address still starts.
      expect((await start(ports[1 - last]!, '198.51.100.70')).status).toBe(302);
    });
  }
});
