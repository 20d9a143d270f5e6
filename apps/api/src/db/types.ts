/**
 * The whole database surface the api uses: parameterised queries and transactions. Two
 * implementations — `pg` (a pool against Postgres) and PGlite (embedded, WASM Postgres) — run the
 * same SQL, so the same migrations and the same tests cover both.
 */
export interface QueryResult<R> {
  rows: R[];
  /** Rows inserted, updated or deleted (0 for a plain SELECT on PGlite; row count on pg). */
  rowCount: number;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly driver: 'pg' | 'pglite';
  /**
   * Runs `fn` in one transaction (READ COMMITTED): COMMIT when it resolves, ROLLBACK when it throws.
   * Row locks taken inside (`SELECT … FOR UPDATE`) serialise concurrent callers — across api
   * instances too on Postgres; PGlite has a single connection, so its transactions never overlap.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Throws when the database cannot answer (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
