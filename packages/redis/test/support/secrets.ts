/**
 * What the tests of the secret files share (docs/operations.md): the files as the compose `secrets`
 * service writes them, a logger that keeps its lines (to look for leaked passwords), and a
 * connection refused within its bound.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { waitForRedis, type RedisClient } from '../../src/client.js';
import { RedisUnavailableError } from '../../src/errors.js';

export interface SecretFiles {
  /** The path of one file in the folder (written or not). */
  path(name: string): string;
  remove(): Promise<void>;
}

/** A fresh folder with these files, each mode 0600 (a password file: one line and a newline). */
export async function secretFiles(files: Record<string, string>): Promise<SecretFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'mfv-redis-secrets-'));
  const path = (name: string) => join(dir, name);
  await Promise.all(
    Object.entries(files).map(([name, content]) => writeFile(path(name), content, { mode: 0o600 })),
  );
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A logger for createRedis that keeps every line it is given. */
export function collecting() {
  const lines: string[] = [];
  return { lines, logger: { warn: (l: string) => lines.push(l), info: (l: string) => lines.push(l) } };
}

/** The client's first connection fails within `boundMs` (and a little slack) as RedisUnavailableError. */
export async function refusedWithin(client: RedisClient, boundMs: number): Promise<Error> {
  const started = performance.now();
  const error = await waitForRedis(client, boundMs).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(performance.now() - started).toBeLessThan(boundMs + 500);
  expect(error).toBeInstanceOf(RedisUnavailableError);
  return error as Error;
}
