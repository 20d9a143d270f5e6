import pg from 'pg';
import type { Db, Queryable, QueryResult } from './types.js';

function wrap(conn: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const res = await conn.query(sql, [...params]);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      // Without parameters pg uses the simple-query protocol, which accepts several statements.
      await conn.query(sql);
    },
  };
}

export interface PgOptions {
  /** Pool size (default 10). */
  max?: number;
  /** Connect timeout so readiness and boot fail fast instead of hanging (default 5 s). */
  connectionTimeoutMillis?: number;
}

export async function openPg(connectionString: string, options: PgOptions = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
  });
  // An idle client losing its connection emits 'error' on the pool; without a listener that
  // would crash the process. The next query reconnects.
  pool.on('error', () => undefined);
  let closed = false;
  const base = wrap(pool);
  const db: Db = {
    driver: 'pg',
    ...base,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
  await db.ping();
  return db;
}
