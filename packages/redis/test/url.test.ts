import { describe, expect, it } from 'vitest';
import { describeRedisTarget, parseRedisUrl, RedisUrlError, REDIS_URL_ERROR_CODE } from '../src/url.js';

describe('parseRedisUrl: standalone', () => {
  it('reads host and port, db 0, no TLS, no credentials', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6380')).toEqual({
      mode: 'standalone',
      tls: false,
      host: '127.0.0.1',
      port: 6380,
      db: 0,
    });
  });

  it('defaults the port to 6379 and accepts a trailing slash', () => {
    expect(parseRedisUrl('redis://redis/')).toMatchObject({ host: 'redis', port: 6379, db: 0 });
  });

  it('reads user, password and db', () => {
    expect(parseRedisUrl('redis://app:s3cret@cache.internal:6390/4')).toEqual({
      mode: 'standalone',
      tls: false,
      host: 'cache.internal',
      port: 6390,
      db: 4,
      username: 'app',
      password: 's3cret',
    });
  });

  it('reads a password without a user (requirepass)', () => {
    const t = parseRedisUrl('redis://:onlypass@h:1/2');
    expect(t).toMatchObject({ password: 'onlypass', db: 2 });
    expect(t).not.toHaveProperty('username');
  });

  it('percent-decodes credentials, including reserved characters', () => {
    expect(parseRedisUrl('redis://u%40x:p%3A%2F%40%23@h:1')).toMatchObject({
      username: 'u@x',
      password: 'p:/@#',
    });
  });

  it('takes an unencoded "@" in the password as part of the password (last "@" ends the userinfo)', () => {
    expect(parseRedisUrl('redis://:p@ss@h:1')).toMatchObject({ host: 'h', password: 'p@ss' });
  });

  it('rediss:// means TLS', () => {
    expect(parseRedisUrl('rediss://u:p@redis.example.com:6380/1')).toMatchObject({
      mode: 'standalone',
      tls: true,
      host: 'redis.example.com',
      port: 6380,
      db: 1,
    });
    expect(parseRedisUrl('rediss://redis.example.com')).toMatchObject({ tls: true, port: 6379 });
  });

  it('accepts an IPv6 literal', () => {
    expect(parseRedisUrl('redis://[::1]:7000')).toMatchObject({ host: '::1', port: 7000 });
  });

  it('accepts an upper-case scheme', () => {
    expect(parseRedisUrl('REDIS://h:1')).toMatchObject({ mode: 'standalone', host: 'h' });
  });
});

describe('parseRedisUrl: Sentinel', () => {
  it('reads every sentinel and the master name; role master, db 0 by default', () => {
    expect(parseRedisUrl('redis-sentinel://10.0.0.1:26379,10.0.0.2:26380,sentinel-3/mymaster')).toEqual({
      mode: 'sentinel',
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26380 },
        { host: 'sentinel-3', port: 26379 },
      ],
      masterName: 'mymaster',
      db: 0,
      role: 'master',
    });
  });

  it('reads credentials for the data nodes and sentinelPassword, db and role from the query', () => {
    expect(
      parseRedisUrl(
        'redis-sentinel://app:pw@s1:1,s2:2/main?db=3&sentinelUsername=sent&sentinelPassword=sp%26x&role=replica',
      ),
    ).toEqual({
      mode: 'sentinel',
      sentinels: [
        { host: 's1', port: 1 },
        { host: 's2', port: 2 },
      ],
      masterName: 'main',
      db: 3,
      role: 'replica',
      username: 'app',
      password: 'pw',
      sentinelUsername: 'sent',
      sentinelPassword: 'sp&x',
    });
  });

  it("accepts role=master and role=slave (Sentinel's own word)", () => {
    expect(parseRedisUrl('redis-sentinel://s:1/m?role=master')).toMatchObject({ role: 'master' });
    expect(parseRedisUrl('redis-sentinel://s:1/m?role=slave')).toMatchObject({ role: 'replica' });
  });
});

describe('parseRedisUrl: Cluster', () => {
  it('reads the seed nodes', () => {
    expect(parseRedisUrl('redis-cluster://n1:7000,n2:7001,n3')).toEqual({
      mode: 'cluster',
      nodes: [
        { host: 'n1', port: 7000 },
        { host: 'n2', port: 7001 },
        { host: 'n3', port: 6379 },
      ],
    });
  });

  it('reads credentials', () => {
    expect(parseRedisUrl('redis-cluster://u:p@n1:7000/')).toMatchObject({ username: 'u', password: 'p' });
  });
});

describe('parseRedisUrl: malformed URLs', () => {
  const PASSWORD = 'Hunter2-Secret';
  const cases: [string, string, RegExp][] = [
    ['empty', '', /empty/],
    ['no scheme', `${PASSWORD}@h:1`, /expected <scheme>:\/\//],
    ['unknown scheme', `http://u:${PASSWORD}@h:1`, /unknown scheme "http"/],
    ['unknown scheme (redis+tls)', `redis+tls://u:${PASSWORD}@h:1`, /unknown scheme/],
    ['port not a number', `redis://u:${PASSWORD}@h:port`, /port that is not a number/],
    ['port 0', `redis://u:${PASSWORD}@h:0`, /port outside 1-65535/],
    ['port too large', `redis://u:${PASSWORD}@h:65536`, /port outside 1-65535/],
    ['negative port', `redis://u:${PASSWORD}@h:-1`, /port that is not a number/],
    ['empty host', `redis://u:${PASSWORD}@:6379`, /not a valid host name/],
    ['no host at all', `redis://u:${PASSWORD}@`, /host list is empty/],
    ['bad host characters', `redis://u:${PASSWORD}@h*st:1`, /not a valid host name/],
    ['db not a number', `redis://u:${PASSWORD}@h:1/zero`, /non-negative integer database index/],
    ['db too large', `redis://u:${PASSWORD}@h:1/99999999`, /larger than/],
    ['several hosts for standalone', `redis://u:${PASSWORD}@h1:1,h2:2`, /exactly one host \(got 2\)/],
    ['query on standalone', `redis://u:${PASSWORD}@h:1?password=${PASSWORD}`, /takes no query parameters/],
    ['fragment', `redis://u:${PASSWORD}@h:1#x`, /no "#fragment"/],
    ['user without password', `redis://${PASSWORD}@h:1`, /credentials must be/],
    ['empty password', 'redis://user:@h:1', /password after ":" is empty/],
    [
      'bad percent-encoding in password',
      `redis://u:${PASSWORD}%zz@h:1`,
      /password is not valid percent-encoding/,
    ],
    ['whitespace', ` redis://u:${PASSWORD}@h:1`, /whitespace/],
    ['sentinel without master name', `redis-sentinel://u:${PASSWORD}@s1:1,s2:2`, /needs the master name/],
    [
      'sentinel with "/" but no master name',
      `redis-sentinel://u:${PASSWORD}@s1:1,s2:2/`,
      /needs the master name/,
    ],
    ['sentinel with empty host list', `redis-sentinel://u:${PASSWORD}@/mymaster`, /host list is empty/],
    [
      'sentinel with an empty host in the list',
      `redis-sentinel://u:${PASSWORD}@s1:1,,s3:3/m`,
      /host #2 of 3 is empty/,
    ],
    [
      'sentinel with a bad port in the list',
      `redis-sentinel://u:${PASSWORD}@s1:1,s2:99999/m`,
      /host #2 of 2 has a port outside/,
    ],
    [
      'sentinel master name with a slash',
      `redis-sentinel://u:${PASSWORD}@s1:1/a/b`,
      /master name may contain only/,
    ],
    [
      'sentinel unknown query parameter',
      `redis-sentinel://s1:1/m?password=${PASSWORD}`,
      /unknown query parameter "password"/,
    ],
    ['sentinel bad role', `redis-sentinel://u:${PASSWORD}@s1:1/m?role=leader`, /role query parameter/],
    ['sentinel bad db', `redis-sentinel://u:${PASSWORD}@s1:1/m?db=-1`, /non-negative integer/],
    ['sentinel parameter without value', `redis-sentinel://u:${PASSWORD}@s1:1/m?db`, /"db" has no value/],
    [
      'sentinel repeated parameter',
      `redis-sentinel://s1:1/m?sentinelPassword=${PASSWORD}&sentinelPassword=x`,
      /appears twice/,
    ],
    [
      'sentinelUsername without sentinelPassword',
      'redis-sentinel://s1:1/m?sentinelUsername=x',
      /needs sentinelPassword/,
    ],
    ['cluster with empty host list', `redis-cluster://u:${PASSWORD}@`, /host list is empty/],
    ['cluster with trailing comma', `redis-cluster://u:${PASSWORD}@n1:1,`, /host #2 of 2 is empty/],
    ['cluster with a db', `redis-cluster://u:${PASSWORD}@n1:1/1`, /takes no path/],
    ['cluster with a query', `redis-cluster://u:${PASSWORD}@n1:1?db=1`, /takes no query parameters/],
    ['unclosed IPv6 literal', `redis://u:${PASSWORD}@[::1:1`, /unclosed "\["/],
  ];

  it.each(cases)('rejects %s with a RedisUrlError that does not contain the password', (_, url, message) => {
    let caught: unknown;
    try {
      parseRedisUrl(url);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RedisUrlError);
    const err = caught as RedisUrlError;
    expect(err.code).toBe(REDIS_URL_ERROR_CODE);
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain(PASSWORD);
    expect(err.message).not.toContain('Hunter2');
    expect(JSON.stringify(err)).not.toContain(PASSWORD);
    expect(String(err.stack)).not.toContain(PASSWORD);
  });

  it('keeps an unencoded "/" inside the password (the last "@" ends the userinfo)', () => {
    expect(parseRedisUrl('redis://u:pa/ss@h:1/3')).toMatchObject({
      password: 'pa/ss',
      host: 'h',
      port: 1,
      db: 3,
    });
  });

  it('does not echo a password whose unencoded "?" cut the authority short', () => {
    // "?" ends the authority, so the host part becomes "u:Pw9" and the port "Pw9" is bad.
    let caught: unknown;
    try {
      parseRedisUrl('redis://u:Pw9?Zq@h:1');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RedisUrlError);
    expect((caught as Error).message).toMatch(/port that is not a number/);
    expect((caught as Error).message).not.toMatch(/Pw9|Zq/);
  });
});

describe('describeRedisTarget', () => {
  it('never contains credentials', () => {
    const urls = [
      'redis://app:TopSecret1@h:1/2',
      'rediss://:TopSecret1@h:1',
      'redis-sentinel://app:TopSecret1@s1:1,s2:2/m?sentinelPassword=TopSecret1',
      'redis-cluster://app:TopSecret1@n1:1,n2:2',
    ];
    for (const url of urls) {
      const text = describeRedisTarget(parseRedisUrl(url));
      expect(text).not.toContain('TopSecret1');
      expect(text).toContain('***');
    }
    expect(describeRedisTarget(parseRedisUrl('redis-sentinel://s1:1,s2:2/m?db=1'))).toBe(
      'redis-sentinel://s1:1,s2:2/m (db 1, role master)',
    );
  });
});
