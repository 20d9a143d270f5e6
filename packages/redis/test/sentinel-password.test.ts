/**
 * REDIS_SENTINEL_PASSWORD_FILE with REDIS_PASSWORD_FILE against real processes: a master and a
 * replica with `requirepass`, three redis-sentinel processes with their own `requirepass`. The
 * client finds the master through password-protected Sentinels, authenticates to it, and after a
 * failover finds the promoted replica the same way. A wrong Sentinel password is a bounded failure
 * that names the variable to check and never prints a password.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSentinelGroup, type SentinelGroup } from '@mfv/testkit/redis';
import { closeRedis, createRedis, waitForRedis } from '../src/client.js';
import { RedisUnavailableError } from '../src/errors.js';
import { redisHealth } from '../src/health.js';
import { redisFileOptions } from '../src/secrets.js';
import { collecting, refusedWithin, secretFiles, type SecretFiles } from './support/secrets.js';

const DATA_PASSWORD = 'data-Pw_51f0-7a2c';
const SENTINEL_PASSWORD = 'sentinel-Pw_3e9b-c14d';
const BOUND_MS = 1_500;

let files: SecretFiles;
let group: SentinelGroup;
const file = (name: string) => files.path(name);

beforeAll(async () => {
  files = await secretFiles({
    redis_password: `${DATA_PASSWORD}\n`,
    sentinel_password: `${SENTINEL_PASSWORD}\n`,
    wrong: 'not-the-password\n',
  });
  group = await startSentinelGroup({ password: DATA_PASSWORD, sentinelPassword: SENTINEL_PASSWORD });
}, 60_000);

afterAll(async () => {
  await group?.stop();
  await files?.remove();
});

describe('REDIS_SENTINEL_PASSWORD_FILE (Sentinels and data nodes with requirepass)', () => {
  it('finds the master through the Sentinels, authenticates, and follows a failover', async () => {
    const client = createRedis(group.url, {
      ...redisFileOptions({
        REDIS_PASSWORD_FILE: file('redis_password'),
        REDIS_SENTINEL_PASSWORD_FILE: file('sentinel_password'),
      }),
      logger: null,
    });
    try {
      await waitForRedis(client, 5_000);
      await client.set('sentinel-pw-probe', 'before', 'PX', 60_000);
      expect(await redisHealth(client)).toMatchObject({ ok: true, mode: 'sentinel', role: 'master' });

      // The master dies: the Sentinels (asked with their password) name the replica, which the
      // client authenticates to with the data password.
      await group.master.kill();
      const deadline = performance.now() + 20_000;
      let written = false;
      while (!written && performance.now() < deadline) {
        written = await client.set('sentinel-pw-probe', 'after', 'PX', 60_000).then(
          () => true,
          () => false,
        );
        if (!written) await new Promise((r) => setTimeout(r, 200));
      }
      expect(written).toBe(true);
      expect(await group.currentMasterPort()).toBe(group.replicas[0]!.port);
      expect(await client.get('sentinel-pw-probe')).toBe('after');
    } finally {
      await closeRedis(client);
    }
  }, 40_000);

  for (const [name, sentinelFile] of [
    ['a wrong Sentinel password', 'wrong'],
    ['no Sentinel password', undefined],
  ] as const) {
    it(`${name}: refused within the bound, names REDIS_SENTINEL_PASSWORD_FILE, no password logged`, async () => {
      const { lines, logger } = collecting();
      const client = createRedis(group.url, {
        passwordFile: file('redis_password'),
        ...(sentinelFile ? { sentinelPasswordFile: file(sentinelFile) } : {}),
        logger,
      });
      try {
        const error = await refusedWithin(client, BOUND_MS);
        expect(error.message).toContain('REDIS_SENTINEL_PASSWORD_FILE');
        const text = `${lines.join('\n')}\n${error.message}`;
        expect(text).not.toContain(DATA_PASSWORD);
        expect(text).not.toContain(SENTINEL_PASSWORD);
        expect(text).not.toContain('not-the-password');
      } finally {
        await closeRedis(client);
      }
    });
  }

  it('the right Sentinel password but a wrong data password: names REDIS_PASSWORD_FILE, not the Sentinel one', async () => {
    const { lines, logger } = collecting();
    const client = createRedis(group.url, {
      passwordFile: file('wrong'),
      sentinelPasswordFile: file('sentinel_password'),
      logger,
    });
    try {
      const error = await waitForRedis(client, BOUND_MS).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RedisUnavailableError);
      expect((error as Error).message).toMatch(/NOAUTH|WRONGPASS/);
      expect((error as Error).message).toContain('check REDIS_PASSWORD_FILE');
      expect((error as Error).message).not.toContain('REDIS_SENTINEL_PASSWORD_FILE');
      expect(lines.join('\n')).not.toContain('not-the-password');
    } finally {
      await closeRedis(client);
    }
  });
});
