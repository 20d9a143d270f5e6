import { z } from 'zod';

/** Where a Redis runs when nothing says otherwise: the local one `pnpm start` provides. */
export const REDIS_URL_DEFAULT = 'redis://127.0.0.1:6379';

/**
 * REDIS_URL selects the deployment shape by its scheme (the forms, with examples, are in
 * packages/redis/README.md):
 *
 *   redis://[user:pass@]host:port[/db]          rediss://… (TLS)
 *   redis-sentinel://[user:pass@]h1:p1,h2:p2,…/<masterName>[?db=0&sentinelPassword=…&role=master]
 *   redis-cluster://[user:pass@]h1:p1,h2:p2,…
 *
 * This schema checks the scheme and that something follows it; `createRedis()` from
 * @mfv/redis parses the rest strictly at boot and names the problem. Messages never repeat
 * the value: it may hold a password.
 */
export const redisEnvSchema = z.object({
  REDIS_URL: z
    .string()
    .default(REDIS_URL_DEFAULT)
    .refine((url) => /^(redis|rediss|redis-sentinel|redis-cluster):\/\/[^\s]+$/i.test(url), {
      message: 'must be a redis://, rediss://, redis-sentinel:// or redis-cluster:// URL without spaces',
    }),
});

export type RedisEnv = z.infer<typeof redisEnvSchema>;
