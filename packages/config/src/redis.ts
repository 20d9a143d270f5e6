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
 *
 * Credentials and trust from files (read by @mfv/redis when the client is made; an unreadable or
 * empty file is refused, naming the variable):
 *
 *   REDIS_PASSWORD_FILE            the data nodes' password (replaces one in REDIS_URL)
 *   REDIS_SENTINEL_PASSWORD_FILE   the Sentinels' password (redis-sentinel:// only)
 *   REDIS_TLS_CA_FILE              PEM CA that verifies a rediss:// server
 */
export const redisEnvSchema = z.object({
  REDIS_URL: z
    .string()
    .default(REDIS_URL_DEFAULT)
    .refine((url) => /^(redis|rediss|redis-sentinel|redis-cluster):\/\/[^\s]+$/i.test(url), {
      message: 'must be a redis://, rediss://, redis-sentinel:// or redis-cluster:// URL without spaces',
    }),
  REDIS_PASSWORD_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('Redis: file holding the password (replaces one in REDIS_URL)'),
  REDIS_SENTINEL_PASSWORD_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('Redis: file holding the Sentinels’ password (redis-sentinel:// only)'),
  REDIS_TLS_CA_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('Redis: PEM CA bundle that verifies a rediss:// server (default the system’s)'),
});

export type RedisEnv = z.infer<typeof redisEnvSchema>;
