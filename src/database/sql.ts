import { DataSource, EntityManager } from 'typeorm';

/**
 * Plain parameterised SQL for the hot paths (an import writes millions of rows): TypeORM's query
 * builder spent ~100 µs a row building a 2,000-row upsert, far more than the database itself.
 */
export function isSqlite(manager: EntityManager): boolean {
  return manager.connection.driver.options.type === 'better-sqlite3';
}

/** A value as the driver binds it: better-sqlite3 takes neither Date nor boolean. */
export function sqlValue(value: unknown, sqlite: boolean): unknown {
  if (value === undefined) return null;
  if (!sqlite) return value;
  if (value instanceof Date) return value.toISOString().replace('T', ' ').slice(0, 23);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** An instant read back in a raw row: a Date from MySQL, UTC text from SQLite. */
export function instantOf(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

/**
 * INSERT … ON DUPLICATE KEY UPDATE (MySQL/MariaDB) or INSERT … ON CONFLICT DO UPDATE (SQLite)
 * of many rows in one statement. `replace` overwrites the update columns of an existing row;
 * `add` adds the new values to them (counters).
 */
export async function upsertRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  conflictColumns: readonly string[],
  updateColumns: readonly string[],
  rows: readonly Record<string, unknown>[],
  mode: 'replace' | 'add' = 'replace',
): Promise<void> {
  if (rows.length === 0) return;
  const sqlite = isSqlite(manager);
  // Bound parameters per statement: SQLite allows 32,766, MySQL 65,535.
  const perStatement = Math.floor((sqlite ? 32_000 : 65_000) / columns.length);
  if (rows.length > perStatement) {
    for (let start = 0; start < rows.length; start += perStatement) {
      await upsertRows(manager, table, columns, conflictColumns, updateColumns, rows.slice(start, start + perStatement), mode);
    }
    return;
  }
  const quote = (name: string) => (sqlite ? `"${name}"` : `\`${name}\``);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const params: unknown[] = [];
  for (const row of rows) for (const column of columns) params.push(sqlValue(row[column], sqlite));
  const plus = (c: string) => (mode === 'add' ? `${quote(c)} + ` : '');
  const update = sqlite
    ? `ON CONFLICT (${conflictColumns.map(quote).join(', ')}) DO UPDATE SET ${updateColumns.map((c) => `${quote(c)} = ${plus(c)}excluded.${quote(c)}`).join(', ')}`
    : `ON DUPLICATE KEY UPDATE ${updateColumns.map((c) => `${quote(c)} = ${plus(c)}VALUES(${quote(c)})`).join(', ')}`;
  const sql = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')} ${update}`;
  await manager.query(sql, params);
}

/**
 * Runs read-only `work` on a read replica when DATABASE_READ_URL names any (figures may then be
 * as old as the replica's lag), else on the primary.
 */
export async function onReadReplica<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (!('replication' in dataSource.driver.options) || !dataSource.driver.options.replication) return work(dataSource.manager);
  const runner = dataSource.createQueryRunner('slave');
  try {
    return await work(runner.manager);
  } finally {
    await runner.release();
  }
}
