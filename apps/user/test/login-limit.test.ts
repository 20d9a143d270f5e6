/**
 * Login starts are rate-limited per client IP, in Redis (USER_LIMIT_LOGIN_IP): GET
 * /user/api/login/kakao here; POST /user/api/login/toss draws on the same budget
 * (toss-login-route.test.ts). The real route file runs behind Next's own API resolver against a
 * real redis-server; the environment is the one `pnpm start` reads.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimit } from '@mfv/auth';
import { closeRedis, createRedis, type RedisClient } from '@mfv/redis';
import { freePort, startRedisServer, type RedisServerProcess } from '@mfv/testkit';
import { parseWait } from '../src/server/login-limit';
import { apiRoutes, serve, type Served } from './support/serve';

const LIMIT = 3;

let redisServer: RedisServerProcess;
let redis: RedisClient;
let served: Served;
const saved = { ...process.env };

beforeAll(async () => {
  redisServer = await startRedisServer();
  // Before the routes' first request: the runtime reads the environment once.
  process.env.REDIS_URL = redisServer.url;
  process.env.USER_LIMIT_LOGIN_IP = `${LIMIT}/60`;
  served = await serve(
    apiRoutes({ '/user/api/login/kakao': (await import('../src/pages/api/login/kakao')).default }),
  );
  redis = createRedis(redisServer.url, { logger: null });
});

afterAll(async () => {
  await served?.close();
  if (redis) await closeRedis(redis);
  await redisServer?.stop();
  process.env = saved;
});

const NAVIGATE = { 'sec-fetch-mode': 'navigate', accept: 'text/html,application/xhtml+xml' };
const FETCH = { 'sec-fetch-mode': 'cors', accept: 'application/json' };

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP GET (fetch would replace Sec-Fetch-Mode with its own "cors"). */
function get(path: string, ip: string, headers: Record<string, string> = NAVIGATE): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${served.base}${path}`,
      { headers: { ...headers, 'x-forwarded-for': ip } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
  });
}

describe('login start rate limit (per client IP, in Redis)', () => {
  it(`allows ${LIMIT} starts, then answers a fetch 429 + Retry-After + {code, message}`, async () => {
    const ip = '198.51.100.20';
    const allowed = [
      await get('/user/api/login/kakao?returnTo=/notices', ip),
      await get('/user/api/login/kakao?returnTo=/', ip),
      await get('/user/api/login/kakao?returnTo=/notices', ip),
    ];
    expect(allowed.map((r) => r.status)).toEqual([302, 302, 302]);
    expect(allowed[0]!.headers.location).toMatch(/\/kakao\/kauth\/oauth\/authorize\?/);

    const refused = await get('/user/api/login/kakao', ip, FETCH);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers['cache-control']).toBe('no-store');
    expect(refused.headers['set-cookie']).toBeUndefined(); // nothing sealed for a refused start
    expect(JSON.parse(refused.body)).toEqual({
      code: 'RATE_LIMITED',
      message: `요청이 너무 많아요. ${retryAfter}초 뒤에 다시 시도해 주세요.`,
    });
  });

  it('a person clicking the button again is sent back to the login page with the notice (303, safe returnTo)', async () => {
    const ip = '198.51.100.21';
    for (let i = 0; i < LIMIT; i++) expect((await get('/user/api/login/kakao', ip)).status).toBe(302);
    const refused = await get('/user/api/login/kakao?returnTo=https://evil.example/', ip);
    expect(refused.status).toBe(303);
    const location = new URL(refused.headers.location!, 'http://localhost');
    expect(location.pathname).toBe('/user/login');
    const wait = Number(location.searchParams.get('wait'));
    expect(Object.fromEntries(location.searchParams)).toEqual({
      error: 'RATE_LIMITED',
      wait: String(wait),
      returnTo: '/',
    });
    expect(refused.headers['retry-after']).toBe(String(wait));
    expect(parseWait(String(wait))).toBe(wait);
  });

  it('the spoofable first X-Forwarded-For hops do not buy a fresh bucket; another address is not affected', async () => {
    const ip = '198.51.100.22';
    for (let i = 0; i < LIMIT; i++) expect((await get('/user/api/login/kakao', ip)).status).toBe(302);
    expect((await get('/user/api/login/kakao', `203.0.113.9, ${ip}`, FETCH)).status).toBe(429);
    expect((await get('/user/api/login/kakao', '198.51.100.23')).status).toBe(302);
  });

  it('counts in Redis under hashed keys (every user process shares them; no address in clear)', async () => {
    const keys = await redis.keys('mfv:rl:user:login:ip*');
    expect(keys.length).toBeGreaterThanOrEqual(4);
    expect(keys.join(' ')).not.toMatch(/198\.51\.100/);
  });

  it('Redis away: the limit still holds from memory, per process (no 500, no free pass)', async () => {
    const down = createRedis(`redis://127.0.0.1:${await freePort()}`, { logger: null });
    try {
      const limit = new RateLimit(down, { points: 2, durationSeconds: 60 }, 'rl-user-down');
      expect(await limit.consume('192.0.2.1')).toBe(0);
      expect(await limit.consume('192.0.2.1')).toBe(0);
      expect(await limit.consume('192.0.2.1')).toBeGreaterThanOrEqual(1);
      expect(await limit.consume('192.0.2.2')).toBe(0);
    } finally {
      await closeRedis(down);
    }
  });

  it('the login page only shows a wait it can trust (whole seconds, 1 s – 1 day)', () => {
    expect(parseWait('42')).toBe(42);
    for (const bad of ['0', '-1', '1e3', '4.2', '86401', 'abc', '', undefined, ['5']]) {
      expect(parseWait(bad), String(bad)).toBeNull();
    }
  });
});
