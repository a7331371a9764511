import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/**
 * The real databases every e2e suite runs against: MariaDB/MySQL (TEST_MYSQL_URL, by default
 * root on 127.0.0.1:3306) and the embedded SQLite. Each suite gets a database of its own.
 */
export interface TestDatabase {
  kind: 'mysql' | 'sqlite';
  /** Environment for the service: DATABASE_URL or DATA_DIR. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export const MYSQL_SERVER_URL = (process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');

let counter = 0;

export async function createTestDatabase(kind: 'mysql' | 'sqlite', label: string): Promise<TestDatabase> {
  const name = `tthc_test_${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${process.pid}_${++counter}`;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `${name}-`));
    return { kind, env: { DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = await createConnection({ uri: MYSQL_SERVER_URL });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    kind,
    env: { DATABASE_URL: `${MYSQL_SERVER_URL}/${name}` },
    drop: async () => {
      const connection = await createConnection({ uri: MYSQL_SERVER_URL });
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}
