/**
 * Identity-verification transactions in Redis, bound to one browser (the
 * first step of every identity verification). Any provider flow of the verify remote uses it: mobile-ok today, KCB and
 * SSAFY next.
 *
 * - The browser holds only an opaque random handle in an HttpOnly cookie (`verifyTx`, SameSite=Lax,
 *   `__Host-` and Secure over https); Redis keys are the handle's SHA-256, so reading Redis does
 *   not give anyone a cookie to replay.
 * - A transaction lives 10 minutes from its start (mobile-ok 본인확인-API 가이드 §4: "거래토큰 유효시간은 총
 *   10분"); updates keep the original deadline.
 * - Steps of one transaction run one at a time, under a short lock, so a double click can never
 *   send one provider token twice. Taking the lock reads the transaction, and the step's one write
 *   (save, or consume) releases it: one Redis round trip each, by script. The transaction and its
 *   lock share a hash tag, so this holds on Redis Cluster too.
 * - `consume` deletes the transaction; exactly one caller wins it, so a result is used once.
 * - Redis unavailable → RedisUnavailableError (the routes answer 503 + Retry-After).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  appendSetCookie,
  clearCookie,
  randomId,
  readCookie,
  serializeCookie,
  type CookiePolicy,
} from '@mfv/auth';
import { hashTag, keyspace, toRedisUnavailable, type Keyspace, type RedisCommands } from '@mfv/redis';

/** Ten minutes (mobile-ok 본인확인-API 가이드 §4; the same for every provider here). */
export const VERIFY_TX_TTL_MS = 10 * 60_000;
/** 256 random bits. */
const HANDLE_BYTES = 32;
const HANDLE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** KEYS: tx, lock. ARGV: token, lock ms. → {0} no transaction, {1} locked by another step, {2, tx}. */
const LOCK_AND_READ = `
local tx = redis.call('get', KEYS[1])
if not tx then return {0} end
if not redis.call('set', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1} end
return {2, tx}`;

/** KEYS: tx, lock. ARGV: token, value, ms left. → 1 saved, 0 transaction gone, -1 lock lost. Releases the lock. */
const SAVE_AND_RELEASE = `
if redis.call('get', KEYS[2]) ~= ARGV[1] then return -1 end
redis.call('del', KEYS[2])
if redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3], 'XX') then return 1 end
return 0`;

/** KEYS: tx, lock. ARGV: token. → how many transactions were deleted (1 for exactly one caller). Releases the lock. */
const CONSUME_AND_RELEASE = `
local deleted = redis.call('del', KEYS[1])
if redis.call('get', KEYS[2]) == ARGV[1] then redis.call('del', KEYS[2]) end
return deleted`;

// Deletes the lock only if we still hold it (an expired lock may belong to someone else now).
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface VerifyTransaction<T> {
  /** SHA-256 of the browser's handle: the Redis key part. Never the handle itself. */
  readonly id: string;
  readonly provider: string;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms: createdAt + TTL, kept through every update. */
  readonly expiresAt: number;
  /**
   * Digest of whom the transaction was started for (handoff.ts ownerKey): every later step must
   * come from the same member or pending signup (docs/security.md, F5).
   */
  readonly owner?: string;
  data: T;
}

/** A transaction held under its step lock. Its one write releases the lock. */
export interface LockedTransaction<T> {
  readonly tx: VerifyTransaction<T>;
  /** Writes `tx` back, keeping its deadline. False when it expired meanwhile. */
  save(): Promise<boolean>;
  /** Ends the transaction. True for exactly one caller: the one that may use its result. */
  consume(): Promise<boolean>;
}

/** Another step of this transaction is running (or took over after this one's lock expired). */
export class TransactionBusyError extends Error {
  override name = 'TransactionBusyError';
}

/** No live transaction of this provider for this browser (none, expired, consumed). */
export class TransactionNotFoundError extends Error {
  override name = 'TransactionNotFoundError';
}

export interface TransactionStoreOptions {
  /** Default {@link VERIFY_TX_TTL_MS}. */
  ttlMs?: number;
  /** Default `Date.now`. */
  clock?: () => number;
  /** Default `mfv:verify`; tests pass a unique one. */
  keys?: Keyspace;
}

function unavailable(error: unknown): never {
  throw toRedisUnavailable(error, 'verification transaction');
}

const digest = (handle: string) => createHash('sha256').update(handle, 'utf8').digest('hex');

/** The Redis keys of the transaction whose cookie handle is `handle` (tests inspect them). */
export function transactionKeys(keys: Keyspace, handle: string): { tx: string; lock: string } {
  const tag = hashTag(digest(handle));
  return { tx: keys(tag, 'tx'), lock: keys(tag, 'lock') };
}

const keysOfId = (keys: Keyspace, id: string) => ({
  tx: keys(hashTag(id), 'tx'),
  lock: keys(hashTag(id), 'lock'),
});

export class TransactionStore {
  private readonly ttlMs: number;
  private readonly clock: () => number;
  private readonly keys: Keyspace;

  /**
   * @param ready resolves once the client has connected (or given up): the clients keep no
   *   offline queue, so commands before that would fail at once.
   */
  constructor(
    private readonly redis: Pick<RedisCommands, 'set' | 'del' | 'eval'>,
    private readonly cookie: CookiePolicy,
    options: TransactionStoreOptions = {},
    private readonly ready: Promise<unknown> = Promise.resolve(),
  ) {
    this.ttlMs = options.ttlMs ?? VERIFY_TX_TTL_MS;
    this.clock = options.clock ?? Date.now;
    this.keys = options.keys ?? keyspace('mfv:verify');
  }

  /** The transaction id (handle digest) of this browser's cookie, if it carries one. */
  private idOf(req: IncomingMessage): string | undefined {
    const handle = readCookie(req, this.cookie, 'verifyTx');
    return handle !== undefined && HANDLE_PATTERN.test(handle) ? digest(handle) : undefined;
  }

  /**
   * Starts a transaction for this browser, replacing the one it had: a new handle in the cookie,
   * the state in Redis for the TTL.
   */
  async begin<T>(
    req: IncomingMessage,
    res: ServerResponse,
    provider: string,
    data: T,
    owner?: string,
  ): Promise<VerifyTransaction<T>> {
    await this.ready;
    const previous = this.idOf(req);
    if (previous !== undefined) await this.redis.del(keysOfId(this.keys, previous).tx).catch(unavailable);
    const handle = randomId(HANDLE_BYTES);
    const createdAt = this.clock();
    const tx: VerifyTransaction<T> = {
      id: digest(handle),
      provider,
      createdAt,
      expiresAt: createdAt + this.ttlMs,
      ...(owner !== undefined ? { owner } : {}),
      data,
    };
    await this.redis
      .set(keysOfId(this.keys, tx.id).tx, JSON.stringify(tx), 'PX', this.ttlMs, 'NX')
      .catch(unavailable);
    appendSetCookie(res, [serializeCookie(this.cookie, 'verifyTx', handle, this.ttlMs / 1000)]);
    return tx;
  }

  /**
   * Runs `fn` with this browser's live transaction of `provider`, under its step lock (held at
   * most `lockMs`). TransactionNotFoundError without one; TransactionBusyError while another step
   * holds it. The lock is released by the transaction's save or consume, else when `fn` ends.
   */
  async withLock<T, R>(
    req: IncomingMessage,
    provider: string,
    lockMs: number,
    fn: (locked: LockedTransaction<T>) => Promise<R>,
  ): Promise<R> {
    const id = this.idOf(req);
    if (id === undefined) throw new TransactionNotFoundError('no transaction cookie');
    await this.ready;
    const keys = keysOfId(this.keys, id);
    const token = randomId(16);
    const answer = (await this.redis
      .eval(LOCK_AND_READ, 2, keys.tx, keys.lock, token, lockMs)
      .catch(unavailable)) as [number, string?];
    if (answer[0] === 0) throw new TransactionNotFoundError('no such transaction');
    if (answer[0] === 1) throw new TransactionBusyError('another step of this transaction is running');
    let released = false;
    const release = () =>
      this.redis.eval(RELEASE, 1, keys.lock, token).catch(() => {
        // The lock expires by itself; failing to release it early only delays the next step.
      });
    try {
      const tx = this.parse<T>(answer[1], id, provider);
      if (tx === null) throw new TransactionNotFoundError('transaction expired or of another provider');
      const locked: LockedTransaction<T> = {
        tx,
        save: async () => {
          const left = tx.expiresAt - this.clock();
          if (left <= 0) return false;
          released = true;
          const saved = await this.redis
            .eval(SAVE_AND_RELEASE, 2, keys.tx, keys.lock, token, JSON.stringify(tx), left)
            .catch(unavailable);
          if (saved === -1)
            throw new TransactionBusyError('the step lock expired and another step took over');
          return saved === 1;
        },
        consume: async () => {
          released = true;
          const deleted = await this.redis
            .eval(CONSUME_AND_RELEASE, 2, keys.tx, keys.lock, token)
            .catch(unavailable);
          return deleted === 1;
        },
      };
      return await fn(locked);
    } finally {
      if (!released) await release();
    }
  }

  private parse<T>(raw: string | undefined, id: string, provider: string): VerifyTransaction<T> | null {
    if (raw === undefined) return null;
    let tx: VerifyTransaction<T>;
    try {
      tx = JSON.parse(raw) as VerifyTransaction<T>;
    } catch {
      return null;
    }
    if (tx.id !== id || tx.provider !== provider || tx.expiresAt <= this.clock()) return null;
    return tx;
  }

  /**
   * Marks `value` (e.g. a provider's one-time code) as used in `scope` for `ttlMs`: true for the
   * first caller only, false for every later one, whichever browser or transaction presents it.
   * Redis keeps the value's SHA-256, never the value.
   */
  async claimOnce(scope: string, value: string, ttlMs: number): Promise<boolean> {
    await this.ready;
    const key = this.keys('once', scope, digest(value));
    const set = await this.redis.set(key, '1', 'PX', ttlMs, 'NX').catch(unavailable);
    return set === 'OK';
  }

  /** Forgets the browser's handle (after the transaction is over). */
  clear(res: ServerResponse): void {
    appendSetCookie(res, [clearCookie(this.cookie, 'verifyTx')]);
  }
}
