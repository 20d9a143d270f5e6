import { ConfigError, loadConfig, redisEnvSchema, REDIS_URL_DEFAULT } from '@mfv/config';
import { describe, expect, it } from 'vitest';
import { redisFileOptions } from '../src/secrets.js';
import { parseRedisUrl } from '../src/url.js';

// REDIS_URL's schema lives in @mfv/config (every app's env in one place); this package parses
// the value strictly. The two must agree on what is a Redis URL at all.

describe('REDIS_URL in @mfv/config', () => {
  it('defaults to the local Redis, which parseRedisUrl accepts', () => {
    const env = loadConfig('test', redisEnvSchema, {});
    expect(env.REDIS_URL).toBe(REDIS_URL_DEFAULT);
    expect(parseRedisUrl(env.REDIS_URL)).toMatchObject({ mode: 'standalone', host: '127.0.0.1', port: 6379 });
  });

  it('treats an empty REDIS_URL as unset', () => {
    expect(loadConfig('test', redisEnvSchema, { REDIS_URL: '' }).REDIS_URL).toBe(REDIS_URL_DEFAULT);
  });

  it.each([
    'redis://:pw@cache:6380/2',
    'rediss://u:pw@cache.example.com:6380',
    'redis-sentinel://u:pw@s1:26379,s2:26379,s3:26379/mymaster?db=0&sentinelPassword=sp&role=master',
    'redis-cluster://n1:7000,n2:7001,n3:7002',
  ])('accepts every form the parser accepts: %s', (url) => {
    expect(() => parseRedisUrl(url)).not.toThrow();
    expect(loadConfig('test', redisEnvSchema, { REDIS_URL: url }).REDIS_URL).toBe(url);
  });

  it.each(['http://u:Secret-77@h:1', 'Secret-77', 'redis://', 'redis://u:Secret-77@h:1 x'])(
    'rejects %j, naming REDIS_URL without echoing the value',
    (url) => {
      let caught: unknown;
      try {
        loadConfig('test', redisEnvSchema, { REDIS_URL: url });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      expect((caught as ConfigError).problems.map((p) => p.variable)).toEqual(['REDIS_URL']);
      expect((caught as Error).message).not.toContain('Secret-77');
    },
  );

  it('REDIS_PASSWORD_FILE, REDIS_SENTINEL_PASSWORD_FILE, REDIS_TLS_CA_FILE reach createRedis as file options', () => {
    const env = loadConfig('test', redisEnvSchema, {
      REDIS_PASSWORD_FILE: '/run/platform-secrets/redis_password',
      REDIS_SENTINEL_PASSWORD_FILE: '/run/secrets/sentinel_password',
      REDIS_TLS_CA_FILE: '/run/secrets/redis_ca.pem',
    });
    expect(redisFileOptions(env)).toEqual({
      passwordFile: '/run/platform-secrets/redis_password',
      sentinelPasswordFile: '/run/secrets/sentinel_password',
      tlsCaFile: '/run/secrets/redis_ca.pem',
    });
    expect(redisFileOptions(loadConfig('test', redisEnvSchema, {}))).toEqual({});
  });
});
