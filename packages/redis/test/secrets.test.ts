/**
 * REDIS_PASSWORD_FILE, REDIS_SENTINEL_PASSWORD_FILE and REDIS_TLS_CA_FILE against real
 * redis-servers: one with `requirepass`, one with a TLS listener whose certificate an openssl-made
 * CA signed. A wrong or missing password is a bounded failure that names the variable to check
 * and never prints the password.
 */
import { chmod, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, createRedis, waitForRedis } from '../src/client.js';
import { RedisConfigError, redisFileOptions } from '../src/secrets.js';
import {
  startRedisServer,
  startTlsRedisServer,
  type RedisServerProcess,
  type TlsRedisServerProcess,
} from '@mfv/testkit/redis';
import { collecting, refusedWithin, secretFiles, type SecretFiles } from './support/secrets.js';

const PASSWORD = 'file-Pw_9c1d-4b7e';
const BOUND_MS = 1_000;

let files: SecretFiles;
let plain: RedisServerProcess;
let tls: TlsRedisServerProcess;
const file = (name: string) => files.path(name);

beforeAll(async () => {
  [plain, tls] = await Promise.all([
    startRedisServer({ password: PASSWORD }),
    startTlsRedisServer({ password: PASSWORD }),
  ]);
  // As the compose `secrets` service writes them.
  files = await secretFiles({
    redis_password: `${PASSWORD}\n`,
    wrong_password: 'not-the-password\n',
    empty: '\n',
    'ca.crt': tls.ca,
    'not-a-ca.crt': 'hello\n',
  });
}, 30_000);

afterAll(async () => {
  await Promise.all([plain?.stop(), tls?.stop()]);
  await files?.remove();
});

describe('REDIS_PASSWORD_FILE (server with requirepass)', () => {
  it('the right password from the file: connects and round-trips; the description masks it', async () => {
    const client = createRedis(`redis://127.0.0.1:${plain.port}`, {
      ...redisFileOptions({ REDIS_PASSWORD_FILE: file('redis_password') }),
      logger: null,
    });
    try {
      await waitForRedis(client, 3_000);
      await client.set('secrets-probe', 'ok', 'PX', 10_000);
      expect(await client.get('secrets-probe')).toBe('ok');
    } finally {
      await closeRedis(client);
    }
  });

  it('the file wins over a password written in REDIS_URL', async () => {
    const client = createRedis(`redis://:stale-url-password@127.0.0.1:${plain.port}`, {
      passwordFile: file('redis_password'),
      logger: null,
    });
    try {
      await waitForRedis(client, 3_000);
      expect(await client.ping()).toBe('PONG');
    } finally {
      await closeRedis(client);
    }
  });

  for (const [name, options] of [
    ['a wrong password', { passwordFile: 'wrong_password' }],
    ['no password at all', {}],
  ] as const) {
    it(`${name}: refused within the bound, explained (names REDIS_PASSWORD_FILE), password never logged`, async () => {
      const { lines, logger } = collecting();
      const client = createRedis(`redis://127.0.0.1:${plain.port}`, {
        ...('passwordFile' in options ? { passwordFile: file(options.passwordFile) } : {}),
        logger,
      });
      try {
        const error = await refusedWithin(client, BOUND_MS);
        expect(error.message).toMatch(/NOAUTH|WRONGPASS/);
        expect(error.message).toContain('REDIS_PASSWORD_FILE');
        // Commands meanwhile fail at once instead of waiting for a connection that never comes.
        await expect(client.get('x')).rejects.toThrow();
        expect(lines.some((l) => l.includes('REDIS_PASSWORD_FILE'))).toBe(true);
        const text = `${lines.join('\n')}\n${error.message}`;
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain('not-the-password');
      } finally {
        await closeRedis(client);
      }
    });
  }

  it('an unreadable or empty file is refused at once, naming the variable and the path only', () => {
    for (const [path, why] of [
      [file('missing'), /REDIS_PASSWORD_FILE: cannot read .*missing \(ENOENT\)/],
      [file('empty'), /REDIS_PASSWORD_FILE: .*empty is empty/],
    ] as const) {
      expect(() =>
        createRedis(`redis://127.0.0.1:${plain.port}`, { passwordFile: path, logger: null }),
      ).toThrow(why);
    }
    expect(() =>
      createRedis(`redis://127.0.0.1:${plain.port}`, { passwordFile: file('missing'), logger: null }),
    ).toThrow(RedisConfigError);
  });

  it('an unreadable file (mode 0000) is refused the same way', async () => {
    if (process.getuid?.() === 0) return; // root reads anything
    await writeFile(file('locked'), PASSWORD, { mode: 0o600 });
    await chmod(file('locked'), 0o000);
    expect(() =>
      createRedis(`redis://127.0.0.1:${plain.port}`, { passwordFile: file('locked'), logger: null }),
    ).toThrow(/REDIS_PASSWORD_FILE: cannot read .* \(EACCES\)/);
  });
});

describe('REDIS_TLS_CA_FILE (rediss:// with a private CA)', () => {
  it('verifies the server with the CA from the file and authenticates with the password file', async () => {
    const client = createRedis(`rediss://127.0.0.1:${tls.tlsPort}`, {
      ...redisFileOptions({
        REDIS_TLS_CA_FILE: file('ca.crt'),
        REDIS_PASSWORD_FILE: file('redis_password'),
      }),
      logger: null,
    });
    try {
      await waitForRedis(client, 3_000);
      await client.set('tls-file-probe', 'ok', 'PX', 10_000);
      expect(await client.get('tls-file-probe')).toBe('ok');
    } finally {
      await closeRedis(client);
    }
  });

  it('refuses a CA file without a certificate, and a CA file for a plaintext URL', () => {
    expect(() =>
      createRedis(`rediss://127.0.0.1:${tls.tlsPort}`, { tlsCaFile: file('not-a-ca.crt'), logger: null }),
    ).toThrow(/REDIS_TLS_CA_FILE: .* holds no PEM certificate/);
    expect(() =>
      createRedis(`redis://127.0.0.1:${plain.port}`, { tlsCaFile: file('ca.crt'), logger: null }),
    ).toThrow(/REDIS_TLS_CA_FILE: applies to rediss:\/\/ URLs only/);
  });
});

describe('REDIS_SENTINEL_PASSWORD_FILE', () => {
  it('applies to redis-sentinel:// only', () => {
    expect(() =>
      createRedis(`redis://127.0.0.1:${plain.port}`, {
        sentinelPasswordFile: file('redis_password'),
        logger: null,
      }),
    ).toThrow(/REDIS_SENTINEL_PASSWORD_FILE: applies to redis-sentinel:\/\/ URLs only/);
  });
});

describe('redisFileOptions', () => {
  it('maps the variables, ignoring empty ones', () => {
    expect(
      redisFileOptions({
        REDIS_PASSWORD_FILE: '/run/platform-secrets/redis_password',
        REDIS_SENTINEL_PASSWORD_FILE: '',
        REDIS_TLS_CA_FILE: ' /etc/ca.pem ',
      }),
    ).toEqual({ passwordFile: '/run/platform-secrets/redis_password', tlsCaFile: '/etc/ca.pem' });
  });
});
