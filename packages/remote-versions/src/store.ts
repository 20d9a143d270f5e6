import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { keyspace, type RedisClient } from '@mfv/redis';
import { isReleaseId, ReleaseError } from './manifest.js';

/** Pins: remote → the release every shell must serve instead of the remote's current one. */
export type Pins = Record<string, string>;

export const DEFAULT_PIN_PREFIX = 'mfv:remotes:pin';

export interface PinStoreOptions {
  /** Redis (the platform's REDIS_URL); null when the site runs without one. */
  redis: RedisClient | null;
  /** JSON file mirror, read when Redis cannot answer (MFV_REMOTE_PINS_FILE). */
  file?: string;
  /** Key prefix (tests use their own). */
  prefix?: string;
  /** Bound on one Redis call; past it, the file answers (default 500 ms). */
  timeoutMs?: number;
}

function bounded<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function readFile(file: string | undefined): Pins {
  if (!file || !existsSync(file)) return {};
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const pins: Pins = {};
  if (parsed && typeof parsed === 'object') {
    for (const [remote, release] of Object.entries(parsed)) if (isReleaseId(release)) pins[remote] = release;
  }
  return pins;
}

function writeFile(file: string, pins: Pins): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(pins, null, 2) + '\n');
  renameSync(tmp, file);
}

/**
 * Where pins live: Redis, mirrored to a file. Reading asks Redis (one MGET for every remote) and
 * falls back to the file when Redis is away, so a Redis outage neither drops a pin nor stops a
 * shell from rendering. Writing goes to both; it fails only when neither takes it.
 */
export class PinStore {
  private readonly key: ReturnType<typeof keyspace>;
  constructor(private readonly options: PinStoreOptions) {
    this.key = keyspace(options.prefix ?? DEFAULT_PIN_PREFIX);
  }

  async read(remotes: readonly string[]): Promise<{ pins: Pins; source: 'redis' | 'file' | 'none' }> {
    if (this.options.redis) {
      try {
        const values = await bounded(
          this.options.redis.mget(...remotes.map((r) => this.key(r))),
          this.options.timeoutMs ?? 500,
        );
        const pins: Pins = {};
        remotes.forEach((remote, i) => {
          const value = values[i];
          if (isReleaseId(value)) pins[remote] = value;
        });
        return { pins, source: 'redis' };
      } catch {
        // fall through to the file
      }
    }
    if (this.options.file) {
      const all = readFile(this.options.file);
      return {
        pins: Object.fromEntries(Object.entries(all).filter(([r]) => remotes.includes(r))),
        source: 'file',
      };
    }
    return { pins: {}, source: 'none' };
  }

  async set(remote: string, release: string | null): Promise<'redis' | 'file' | 'both'> {
    if (release !== null && !isReleaseId(release)) throw new ReleaseError(`not a release id: ${release}`);
    let redisOk = false;
    let redisError: unknown;
    if (this.options.redis) {
      try {
        const ms = this.options.timeoutMs ?? 500;
        if (release === null) await bounded(this.options.redis.del(this.key(remote)), ms);
        else await bounded(this.options.redis.set(this.key(remote), release), ms);
        redisOk = true;
      } catch (error) {
        redisError = error;
      }
    }
    if (this.options.file) {
      const pins = readFile(this.options.file);
      if (release === null) delete pins[remote];
      else pins[remote] = release;
      writeFile(this.options.file, pins);
      return redisOk ? 'both' : 'file';
    }
    if (redisOk) return 'redis';
    throw new ReleaseError(
      `pins could not be stored: ${redisError instanceof Error ? redisError.message : 'no Redis and no pin file'}`,
    );
  }
}
