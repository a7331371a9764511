import { createConnection, createPool } from 'mysql2/promise';
import { DOSSIER_COLUMNS, Stream, rowOf } from './province-data';

const BATCH = 2000;
const IN_FLIGHT = 2;

export async function recreateDatabase(server: string, name: string): Promise<string> {
  const admin = await createConnection({ uri: server });
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await admin.end();
  }
  return `${server}/${name}`;
}

export async function dropDatabase(server: string, name: string): Promise<void> {
  const admin = await createConnection({ uri: server });
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await admin.end();
  }
}

export async function unitIdsByCode(url: string): Promise<Map<string, number>> {
  const connection = await createConnection({ uri: url });
  try {
    const [rows] = await connection.query('SELECT id, code FROM units');
    return new Map((rows as { id: number; code: string }[]).map((row) => [row.code, Number(row.id)]));
  } finally {
    await connection.end();
  }
}

/** The columns of `dossier_events` a raw load writes (a dossier's steps), in this order. */
export const STEP_COLUMNS = ['unitId', 'dossierCode', 'statusCode', 'at', 'startedAt', 'stepDueAt', 'content', 'department', 'origin', 'createdAt', 'updatedAt'] as const;

/** Dossier i as rows: its `dossiers` row (DOSSIER_COLUMNS) and its steps' rows (STEP_COLUMNS). */
export type DossierRows = (i: number) => { row: unknown[]; steps: unknown[][] };

/**
 * Dossiers [from, to) of the stream written straight into `dossiers` (and their steps, if `rows`
 * gives any, into `dossier_events`) with plain mysql2 multi-row INSERTs, two batches in flight
 * (the next batch is generated while the database writes the previous ones). Nothing but the
 * rows: no rollups, no data versions.
 */
export async function loadDossiers(
  url: string,
  stream: Stream,
  from: number,
  to: number,
  unitIds: Map<string, number>,
  progress: (done: number) => void = () => undefined,
  rows: DossierRows = (i) => {
    const record = stream.record(i);
    return { row: rowOf(record, unitIds.get(record.unitCode)!, stream.now), steps: [] };
  },
): Promise<void> {
  const pool = createPool({ uri: url, timezone: 'Z', connectionLimit: IN_FLIGHT });
  const sql = `INSERT INTO dossiers (${DOSSIER_COLUMNS.join(', ')}) VALUES ?`;
  const stepSql = `INSERT INTO dossier_events (${STEP_COLUMNS.join(', ')}) VALUES ?`;
  const pending = new Set<Promise<unknown>>();
  let failure: unknown = null;
  try {
    for (let start = from; start < to; start += BATCH) {
      const dossiers: unknown[][] = [];
      const steps: unknown[][] = [];
      for (let i = start; i < Math.min(to, start + BATCH); i++) {
        const made = rows(i);
        dossiers.push(made.row);
        steps.push(...made.steps);
      }
      while (pending.size >= IN_FLIGHT) await Promise.race(pending);
      if (failure) throw failure;
      const write: Promise<unknown> = pool.query(sql, [dossiers]).then(async () => {
        if (steps.length > 0) await pool.query(stepSql, [steps]);
      }).then(
        () => {
          pending.delete(write);
          progress(Math.min(to, start + BATCH) - from);
        },
        (error: unknown) => {
          pending.delete(write);
          failure = error;
        },
      );
      pending.add(write);
    }
    await Promise.all(pending);
    if (failure) throw failure;
  } finally {
    await pool.end();
  }
}

/**
 * The raw baseline of ingest: rows already derived, written with plain mysql2 multi-row
 * INSERT … ON DUPLICATE KEY UPDATE in batches, `clients` statements in flight.
 */
export async function rawUpsert(url: string, batches: unknown[][][], clients: number): Promise<void> {
  const pool = createPool({ uri: url, timezone: 'Z', connectionLimit: clients });
  const update = DOSSIER_COLUMNS.filter((column) => !['unitId', 'code', 'createdAt'].includes(column))
    .map((column) => `${column} = VALUES(${column})`)
    .join(', ');
  const sql = `INSERT INTO dossiers (${DOSSIER_COLUMNS.join(', ')}) VALUES ? ON DUPLICATE KEY UPDATE ${update}`;
  try {
    let next = 0;
    const client = async () => {
      while (next < batches.length) await pool.query(sql, [batches[next++]]);
    };
    await Promise.all(Array.from({ length: clients }, client));
  } finally {
    await pool.end();
  }
}
