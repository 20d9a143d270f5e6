/**
 * The Kakao login callback (/user/login/kakao/callback) is rate-limited per client IP in Redis
 * (USER_LIMIT_CALLBACK_IP): each callback with a code calls Kakao's token endpoint and the api.
 * (Toss has no callback page: appLogin's code arrives on POST /user/api/login/toss, inside the
 * login-start budget — toss-login-route.test.ts.) The real pages' getServerSideProps run
 * behind a real HTTP server against a real redis-server; over the limit they answer 429 +
 * Retry-After with a Korean message, before any provider or api call.
 */
import type { GetServerSideProps } from 'next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, createRedis, type RedisClient } from '@mfv/redis';
import { startRedisServer, type RedisServerProcess } from '@mfv/testkit';
import { serve, type Served } from './support/serve';

const LIMIT = 3;

let redisServer: RedisServerProcess;
let redis: RedisClient;
let served: Served;
let loginLimit: () => { consume(id: string): Promise<number> };
const saved = { ...process.env };

beforeAll(async () => {
  redisServer = await startRedisServer();
  // Before the pages' first request: the runtime reads the environment once.
  process.env.REDIS_URL = redisServer.url;
  process.env.USER_LIMIT_CALLBACK_IP = `${LIMIT}/60`;
  const pages = new Map<string, GetServerSideProps>([
    ['/user/login/kakao/callback', (await import('../src/pages/login/kakao/callback')).getServerSideProps],
  ]);
  loginLimit = (await import('../src/server/login-limit')).loginLimit;
  served = await serve((req, res) => {
    const url = new URL(req.url ?? '/', 'http://user.test');
    const gssp = pages.get(url.pathname)!;
    void Promise.resolve(
      gssp({
        req,
        res,
        query: Object.fromEntries(url.searchParams),
        resolvedUrl: url.pathname,
      } as never),
    ).then(
      (result) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(result));
      },
      (error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      },
    );
  });
  redis = createRedis(redisServer.url, { logger: null });
});

afterAll(async () => {
  await served?.close();
  if (redis) await closeRedis(redis);
  await redisServer?.stop();
  process.env = saved;
});

async function callback(provider: 'kakao', ip: string) {
  const res = await fetch(`${served.base}/user/login/${provider}/callback?code=c0de&state=s1`, {
    headers: { 'x-forwarded-for': ip },
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as { props?: { message?: string; code?: string } },
  };
}

describe('login callback rate limit (per client IP, in Redis)', () => {
  it(`lets ${LIMIT} callbacks through, then answers 429 + Retry-After with a Korean message`, async () => {
    const ip = '198.51.100.40';
    const allowed = [await callback('kakao', ip), await callback('kakao', ip), await callback('kakao', ip)];
    // No state cookie in this browser: the callbacks ran and refused the login (not the limit).
    for (const answer of allowed) {
      expect(answer.status).not.toBe(429);
      expect(answer.retryAfter).toBeNull();
    }
    expect(allowed[0]!.status).toBe(400);

    for (let i = 0; i < 2; i++) {
      const refused = await callback('kakao', ip);
      expect(refused.status).toBe(429);
      const wait = Number(refused.retryAfter);
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
      expect(refused.body.props?.message).toBe(`요청이 너무 많아요. ${wait}초 뒤에 다시 시도해 주세요.`);
    }
  });

  it('another address is not affected, spoofed first X-Forwarded-For hops buy nothing, login starts count apart', async () => {
    const ip = '198.51.100.41';
    for (let i = 0; i < LIMIT; i++) expect((await callback('kakao', ip)).status).toBe(400);
    expect((await callback('kakao', `203.0.113.7, ${ip}`)).status).toBe(429);
    expect((await callback('kakao', '198.51.100.42')).status).toBe(400);
    // The start limit (USER_LIMIT_LOGIN_IP) has its own counters.
    expect(await loginLimit().consume(ip)).toBe(0);
  });

  it('counts in Redis under hashed keys (every user process shares them; no address in clear)', async () => {
    const keys = await redis.keys('mfv:rl:user:callback:ip*');
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(keys.join(' ')).not.toMatch(/198\.51\.100/);
  });
});
