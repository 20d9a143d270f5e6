import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/load.js';
import { REDIS_URL_DEFAULT, redisEnvSchema } from '../src/redis.js';

const load = (env: Record<string, string | undefined>) => loadConfig('redis', redisEnvSchema, env);

function problems(env: Record<string, string | undefined>): Record<string, string> {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return Object.fromEntries((error as ConfigError).problems.map((p) => [p.variable, p.message]));
  }
  throw new Error('expected the configuration to be refused');
}

describe('redis schema', () => {
  it('defaults to the local Redis, with no password or CA files', () => {
    expect(load({})).toEqual({ REDIS_URL: REDIS_URL_DEFAULT });
  });

  it('takes the password, Sentinel password and CA as file paths', () => {
    const env = load({
      REDIS_URL: 'rediss://redis.internal:6380',
      REDIS_PASSWORD_FILE: '/run/platform-secrets/redis_password',
      REDIS_SENTINEL_PASSWORD_FILE: '/run/platform-secrets/sentinel_password',
      REDIS_TLS_CA_FILE: '/etc/ssl/redis-ca.pem',
    });
    expect(env).toMatchObject({
      REDIS_PASSWORD_FILE: '/run/platform-secrets/redis_password',
      REDIS_SENTINEL_PASSWORD_FILE: '/run/platform-secrets/sentinel_password',
      REDIS_TLS_CA_FILE: '/etc/ssl/redis-ca.pem',
    });
  });

  it('reads an empty variable as unset (compose writes VAR= for an unused one)', () => {
    expect(load({ REDIS_PASSWORD_FILE: '', REDIS_TLS_CA_FILE: '' })).toEqual({
      REDIS_URL: REDIS_URL_DEFAULT,
    });
  });

  it('refuses a URL of another scheme without repeating it (it may hold a password)', () => {
    const found = problems({ REDIS_URL: 'http://user:s3cret@redis:6379' });
    expect(Object.keys(found)).toEqual(['REDIS_URL']);
    expect(found.REDIS_URL).not.toContain('s3cret');
  });
});
