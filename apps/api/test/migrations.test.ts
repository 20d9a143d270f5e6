import { expect, it } from 'vitest';
import { migrate, readMigrations, type Migration } from '../src/db/index.js';
import { describeEachDriver } from './support/harness.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describeEachDriver('migrations', (ctx) => {
  it('are recorded in schema_migrations in file order and not applied twice', async () => {
    const files = await readMigrations();
    expect(files.map((f) => f.name)).toEqual([...files.map((f) => f.name)].sort());
    const recorded = await ctx.db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(recorded.rows.map((r) => r.name)).toEqual(expect.arrayContaining(files.map((f) => f.name)));
    expect(await migrate(ctx.db)).toEqual([]);
    const notices = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notices WHERE id::text LIKE $1',
      ['6f1c2a10-%'],
    );
    expect(notices.rows[0]?.n).toBe(4); // seeds were inserted once
  });

  it('run concurrently without applying anything twice (advisory lock)', async () => {
    const table = `probe_${ctx.driver}_${Date.now()}`;
    const name = `999_${table}.sql`;
    const probe: Migration[] = [{ name, sql: `CREATE TABLE ${table} (id int)` }];
    try {
      const results = await Promise.all([
        migrate(ctx.db, probe),
        migrate(ctx.db, probe),
        migrate(ctx.db, probe),
      ]);
      expect(results.flat()).toEqual([name]);
    } finally {
      await ctx.db.exec(
        `DROP TABLE IF EXISTS ${table}; DELETE FROM schema_migrations WHERE name = '${name}'`,
      );
    }
  });

  it('a failing migration rolls back entirely and records nothing', async () => {
    const good = `good_${ctx.driver}_${Date.now()}`;
    const bad = `bad_${ctx.driver}_${Date.now()}`;
    await expect(
      migrate(ctx.db, [
        { name: `998_${good}.sql`, sql: `CREATE TABLE ${good} (id int)` },
        { name: `999_${bad}.sql`, sql: 'CREATE TABLE broken (' },
      ]),
    ).rejects.toThrow(/syntax error/);
    const left = await ctx.db.query('SELECT name FROM schema_migrations WHERE name IN ($1, $2)', [
      `998_${good}.sql`,
      `999_${bad}.sql`,
    ]);
    expect(left.rows).toEqual([]);
    const table = await ctx.db.query('SELECT to_regclass($1) AS t', [good]);
    expect(table.rows[0]).toEqual({ t: null });
  });
});

it('refuses migration files that are misnamed or share a number', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mfv-api-migrations-'));
  try {
    await writeFile(join(dir, '001_a.sql'), 'SELECT 1');
    await writeFile(join(dir, 'later.sql'), 'SELECT 1');
    await expect(readMigrations(dir)).rejects.toThrow(/"later.sql" must look like 001_some_name.sql/);
    await rm(join(dir, 'later.sql'));
    await writeFile(join(dir, '001_b.sql'), 'SELECT 1');
    await expect(readMigrations(dir)).rejects.toThrow(/share the number 001/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
