/**
 * REDIS_URL parsing. One string selects the deployment shape:
 *
 *   redis://[user:pass@]host[:port][/db]                       standalone
 *   rediss://[user:pass@]host[:port][/db]                      standalone over TLS
 *   redis-sentinel://[user:pass@]h1[:p1],h2[:p2],…/<masterName>[?db=0&role=master&sentinelUsername=…&sentinelPassword=…]
 *   redis-cluster://[user:pass@]h1[:p1],h2[:p2],…
 *
 * `redis://` and `rediss://` follow the IANA registration (https://www.iana.org/assignments/uri-schemes/prov/redis):
 * the path is the database number. The multi-host forms are our own, because one
 * authority cannot list several hosts in RFC 3986 syntax (so WHATWG `URL` cannot parse them).
 *
 * Parsing is strict: an unknown scheme, an unknown query parameter, a missing master name, a
 * bad port or an empty host list is an error, not a silent default. Error messages never
 * repeat any part of the URL except its scheme and the names of query parameters, because a
 * malformed URL is exactly the case where we cannot be sure where the password ends.
 */

export const REDIS_URL_SCHEMES = ['redis', 'rediss', 'redis-sentinel', 'redis-cluster'] as const;
export type RedisUrlScheme = (typeof REDIS_URL_SCHEMES)[number];

/** Port used when a standalone or cluster host names none (Redis' own default). */
export const REDIS_DEFAULT_PORT = 6379;
/** Port used when a Sentinel host names none (Sentinel's own default). */
export const SENTINEL_DEFAULT_PORT = 26379;
/** Redis' compiled-in `databases` default is 16, but servers may configure more; we only refuse nonsense. */
export const REDIS_MAX_DB_INDEX = 65_535;

export interface HostPort {
  host: string;
  port: number;
}

interface Credentials {
  /** ACL user (Redis ≥ 6). Absent for `redis://:password@host`. */
  username?: string;
  password?: string;
}

export interface StandaloneTarget extends Credentials, HostPort {
  mode: 'standalone';
  tls: boolean;
  db: number;
}

export interface SentinelTarget extends Credentials {
  mode: 'sentinel';
  sentinels: HostPort[];
  /** The name given to `sentinel monitor <name> …`. */
  masterName: string;
  db: number;
  /** `master` for writes (default); `replica` for read-only traffic. */
  role: 'master' | 'replica';
  sentinelUsername?: string;
  sentinelPassword?: string;
}

export interface ClusterTarget extends Credentials {
  mode: 'cluster';
  /** Seed nodes; the client discovers the rest with CLUSTER SLOTS. */
  nodes: HostPort[];
}

export type RedisTarget = StandaloneTarget | SentinelTarget | ClusterTarget;

export const REDIS_URL_ERROR_CODE = 'REDIS_URL_INVALID';

/** A caller mistake: REDIS_URL (or the string passed to `createRedis`) is malformed. */
export class RedisUrlError extends Error {
  override name = 'RedisUrlError';
  readonly code = REDIS_URL_ERROR_CODE;
  constructor(readonly problem: string) {
    super(`invalid Redis URL: ${problem}`);
  }
}

const SCHEME_RE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
// Host names as DNS and docker-compose use them (underscores appear in compose service names).
const HOSTNAME_RE = /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/;
const IPV6_RE = /^\[[0-9A-Fa-f:.]+\]$/;
const DIGITS_RE = /^[0-9]+$/;
// Sentinel master names: what redis-sentinel accepts in practice, without separators we use.
const MASTER_NAME_RE = /^[A-Za-z0-9._-]+$/;

const SENTINEL_QUERY_PARAMS = ['db', 'role', 'sentinelUsername', 'sentinelPassword'] as const;

/** Parses a REDIS_URL into a typed target. Throws {@link RedisUrlError}. */
export function parseRedisUrl(url: string): RedisTarget {
  if (typeof url !== 'string' || url.trim() === '') throw new RedisUrlError('the URL is empty');
  if (url !== url.trim() || /\s/.test(url)) throw new RedisUrlError('the URL contains whitespace');

  const schemeMatch = SCHEME_RE.exec(url);
  if (!schemeMatch) {
    throw new RedisUrlError(`expected <scheme>://…, where scheme is one of ${REDIS_URL_SCHEMES.join(', ')}`);
  }
  const scheme = schemeMatch[1]!.toLowerCase();
  if (!isScheme(scheme)) {
    // The scheme precedes any credentials, so naming it leaks nothing; cap its length anyway.
    throw new RedisUrlError(
      `unknown scheme "${scheme.slice(0, 32)}"; expected one of ${REDIS_URL_SCHEMES.join(', ')}`,
    );
  }

  const parts = splitUrl(url.slice(schemeMatch[0].length));
  const credentials = parseCredentials(parts.userinfo);

  switch (scheme) {
    case 'redis':
    case 'rediss': {
      const hosts = parseHostList(parts.hosts, REDIS_DEFAULT_PORT);
      if (hosts.length !== 1) {
        throw new RedisUrlError(
          `${scheme}:// takes exactly one host (got ${hosts.length}); use redis-sentinel:// or redis-cluster:// for several`,
        );
      }
      rejectQuery(scheme, parts.query);
      rejectFragment(parts.fragment);
      return {
        mode: 'standalone',
        tls: scheme === 'rediss',
        ...hosts[0]!,
        db: parseDbPath(parts.path),
        ...credentials,
      };
    }
    case 'redis-sentinel': {
      const sentinels = parseHostList(parts.hosts, SENTINEL_DEFAULT_PORT);
      rejectFragment(parts.fragment);
      const masterName = parseMasterName(parts.path);
      const query = parseQuery(parts.query, SENTINEL_QUERY_PARAMS);
      const target: SentinelTarget = {
        mode: 'sentinel',
        sentinels,
        masterName,
        db: query.db === undefined ? 0 : parseDb(query.db, 'the db query parameter'),
        role: parseRole(query.role),
        ...credentials,
      };
      if (query.sentinelUsername !== undefined) target.sentinelUsername = query.sentinelUsername;
      if (query.sentinelPassword !== undefined) target.sentinelPassword = query.sentinelPassword;
      if (target.sentinelUsername !== undefined && target.sentinelPassword === undefined) {
        throw new RedisUrlError('sentinelUsername needs sentinelPassword');
      }
      return target;
    }
    case 'redis-cluster': {
      const nodes = parseHostList(parts.hosts, REDIS_DEFAULT_PORT);
      if (parts.path !== undefined && parts.path !== '' && parts.path !== '/') {
        // Redis Cluster only has database 0 (cluster spec: "SELECT is not allowed").
        throw new RedisUrlError('redis-cluster:// takes no path: Redis Cluster has only database 0');
      }
      rejectQuery(scheme, parts.query);
      rejectFragment(parts.fragment);
      return { mode: 'cluster', nodes, ...credentials };
    }
  }
}

/**
 * A log-safe description of a target: hosts, ports, db, master name — never credentials.
 * Use this (not the URL) in log lines and error messages.
 */
export function describeRedisTarget(target: RedisTarget): string {
  const auth = target.password !== undefined ? `${target.username ?? ''}:***@` : '';
  const list = (hosts: HostPort[]) => hosts.map((h) => `${h.host}:${h.port}`).join(',');
  switch (target.mode) {
    case 'standalone':
      return `${target.tls ? 'rediss' : 'redis'}://${auth}${target.host}:${target.port}/${target.db}`;
    case 'sentinel':
      return `redis-sentinel://${auth}${list(target.sentinels)}/${target.masterName} (db ${target.db}, role ${target.role})`;
    case 'cluster':
      return `redis-cluster://${auth}${list(target.nodes)}`;
  }
}

function isScheme(s: string): s is RedisUrlScheme {
  return (REDIS_URL_SCHEMES as readonly string[]).includes(s);
}

interface UrlParts {
  userinfo: string | undefined;
  hosts: string;
  path: string | undefined;
  query: string | undefined;
  fragment: string | undefined;
}

/**
 * Splits what follows `scheme://`. Userinfo ends at the last `@` before the path, so a
 * password that forgot to percent-encode `@` still lands in userinfo (and never in a host
 * that an error might otherwise have described).
 */
function splitUrl(rest: string): UrlParts {
  let fragment: string | undefined;
  const hash = rest.indexOf('#');
  if (hash !== -1) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  // The authority ends at the first "/" or "?" after the userinfo.
  const at = lastAtBeforeAuthorityEnd(rest);
  const userinfo = at === -1 ? undefined : rest.slice(0, at);
  const afterUser = at === -1 ? rest : rest.slice(at + 1);
  const end = afterUser.search(/[/?]/);
  const hosts = end === -1 ? afterUser : afterUser.slice(0, end);
  const tail = end === -1 ? '' : afterUser.slice(end);
  let path: string | undefined;
  let query: string | undefined;
  const q = tail.indexOf('?');
  if (q === -1) {
    path = tail === '' ? undefined : tail;
  } else {
    path = q === 0 ? undefined : tail.slice(0, q);
    query = tail.slice(q + 1);
  }
  return { userinfo, hosts, path, query, fragment };
}

/**
 * The userinfo separator is the last "@" that still precedes a host list. A "/" or "?"
 * inside an unencoded password would otherwise cut the authority short; we accept that an
 * "@" is only searched for before the first "?" (query values such as sentinelPassword must
 * be percent-encoded anyway).
 */
function lastAtBeforeAuthorityEnd(rest: string): number {
  const q = rest.indexOf('?');
  const head = q === -1 ? rest : rest.slice(0, q);
  return head.lastIndexOf('@');
}

function decode(component: string, what: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    throw new RedisUrlError(`${what} is not valid percent-encoding`);
  }
}

function parseCredentials(userinfo: string | undefined): Credentials {
  if (userinfo === undefined) return {};
  const colon = userinfo.indexOf(':');
  if (colon === -1) {
    // `redis://name@host`: is "name" a user or a password? RFC 3986 says user, ioredis
    // historically said user with an empty password. Neither authenticates; refuse.
    throw new RedisUrlError(
      'credentials must be ":password@" or "user:password@" (a user without a password)',
    );
  }
  const username = decode(userinfo.slice(0, colon), 'the user name');
  const password = decode(userinfo.slice(colon + 1), 'the password');
  if (password === '') throw new RedisUrlError('the password after ":" is empty');
  const out: Credentials = { password };
  if (username !== '') out.username = username;
  return out;
}

function parseHostList(raw: string, defaultPort: number): HostPort[] {
  if (raw === '') throw new RedisUrlError('the host list is empty');
  const items = raw.split(',');
  const many = items.length > 1;
  return items.map((item, i) => {
    const where = many ? `host #${i + 1} of ${items.length}` : 'the host';
    if (item === '') throw new RedisUrlError(`${where} is empty`);
    let host: string;
    let portText: string | undefined;
    if (item.startsWith('[')) {
      const close = item.indexOf(']');
      if (close === -1) throw new RedisUrlError(`${where} has an unclosed "[" IPv6 literal`);
      host = item.slice(0, close + 1);
      const after = item.slice(close + 1);
      if (after !== '') {
        if (!after.startsWith(':')) throw new RedisUrlError(`${where} has text after its IPv6 literal`);
        portText = after.slice(1);
      }
      if (!IPV6_RE.test(host)) throw new RedisUrlError(`${where} is not a valid IPv6 literal`);
    } else {
      const colon = item.lastIndexOf(':');
      host = colon === -1 ? item : item.slice(0, colon);
      portText = colon === -1 ? undefined : item.slice(colon + 1);
      if (!HOSTNAME_RE.test(host))
        throw new RedisUrlError(`${where} is not a valid host name or IPv4 address`);
    }
    return {
      host: host.startsWith('[') ? host.slice(1, -1) : host,
      port: parsePort(portText, defaultPort, where),
    };
  });
}

function parsePort(text: string | undefined, fallback: number, where: string): number {
  if (text === undefined) return fallback;
  if (!DIGITS_RE.test(text)) throw new RedisUrlError(`${where} has a port that is not a number`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new RedisUrlError(`${where} has a port outside 1-65535`);
  return port;
}

function parseDb(text: string, what: string): number {
  if (!DIGITS_RE.test(text)) throw new RedisUrlError(`${what} must be a non-negative integer database index`);
  const db = Number(text);
  if (db > REDIS_MAX_DB_INDEX) throw new RedisUrlError(`${what} is larger than ${REDIS_MAX_DB_INDEX}`);
  return db;
}

function parseDbPath(path: string | undefined): number {
  if (path === undefined || path === '/' || path === '') return 0;
  return parseDb(path.slice(1), 'the path (database index)');
}

function parseMasterName(path: string | undefined): string {
  const name = path === undefined ? '' : path.slice(1);
  if (name === '') {
    throw new RedisUrlError(
      'redis-sentinel:// needs the master name as its path: redis-sentinel://h1:26379,h2:26379/mymaster',
    );
  }
  const decoded = decode(name, 'the master name');
  if (!MASTER_NAME_RE.test(decoded)) {
    throw new RedisUrlError('the master name may contain only letters, digits, ".", "_" and "-"');
  }
  return decoded;
}

function parseRole(role: string | undefined): 'master' | 'replica' {
  if (role === undefined || role === 'master') return 'master';
  // "slave" is the name Sentinel and ioredis still use for replicas.
  if (role === 'replica' || role === 'slave') return 'replica';
  throw new RedisUrlError('the role query parameter must be "master" or "replica"');
}

function parseQuery<K extends string>(
  query: string | undefined,
  allowed: readonly K[],
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  if (query === undefined || query === '') return out;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq === -1 ? pair : pair.slice(0, eq), 'a query parameter name');
    if (!(allowed as readonly string[]).includes(name)) {
      const shown = /^[A-Za-z0-9_-]{1,32}$/.test(name) ? `"${name}"` : '(unprintable name)';
      throw new RedisUrlError(`unknown query parameter ${shown}; allowed: ${allowed.join(', ')}`);
    }
    if (eq === -1) throw new RedisUrlError(`query parameter "${name}" has no value`);
    if (Object.hasOwn(out, name)) throw new RedisUrlError(`query parameter "${name}" appears twice`);
    // Percent-decoding only: "+" stays "+" (passwords contain it more often than spaces).
    const value = decode(pair.slice(eq + 1), `query parameter "${name}"`);
    if (value === '') throw new RedisUrlError(`query parameter "${name}" is empty`);
    out[name as K] = value;
  }
  return out;
}

function rejectQuery(scheme: RedisUrlScheme, query: string | undefined): void {
  if (query !== undefined && query !== '') {
    throw new RedisUrlError(`${scheme}:// takes no query parameters`);
  }
}

function rejectFragment(fragment: string | undefined): void {
  if (fragment !== undefined) throw new RedisUrlError('a Redis URL takes no "#fragment"');
}
