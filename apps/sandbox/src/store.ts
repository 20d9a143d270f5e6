import { type Clock } from './clock.js';

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * In-memory map whose entries expire. A sandbox is one process, so codes and tokens live
 * here rather than in Redis: a restart forgets every grant, which is what a dev tool wants.
 *
 * Expiry is exact on every read (an entry past `expiresAt` is never returned), and `sweep()`
 * frees the memory of expired entries; the app calls it on a timer. Correctness therefore
 * never depends on when the sweeper last ran.
 */
export class TtlStore<V> {
  readonly #entries = new Map<string, Entry<V>>();

  constructor(private readonly clock: Clock) {}

  set(key: string, value: V, ttlMs: number): void {
    this.#entries.set(key, { value, expiresAt: this.clock() + ttlMs });
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.clock()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Milliseconds the entry has left, or undefined when absent or expired. */
  remainingMs(key: string): number | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    const left = entry.expiresAt - this.clock();
    return left > 0 ? left : undefined;
  }

  delete(key: string): boolean {
    return this.#entries.delete(key);
  }

  /** Live entries, for scans such as "revoke every token of this grant". */
  *entries(): IterableIterator<[string, V]> {
    const now = this.clock();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt > now) yield [key, entry.value];
    }
  }

  /** Removes expired entries; returns how many went. */
  sweep(): number {
    const now = this.clock();
    let removed = 0;
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) {
        this.#entries.delete(key);
        removed += 1;
      }
    }
    return removed;
  }

  /** Entries held in memory, expired-but-unswept ones included. */
  get size(): number {
    return this.#entries.size;
  }
}
