import { EntityManager } from 'typeorm';
import { LocalDate, ROLLUP_COLUMNS, RollupDelta, RollupFacts, RollupTable, StepLike, supplementOf } from './scorecard-rules-1764200000000';

/**
 * The 766 scorecard migration's SQL side, as it stood when written (see
 * scorecard-rules-1764200000000.ts, the rules it counts by). Do not edit.
 */

function isSqlite(manager: EntityManager): boolean {
  return manager.connection.driver.options.type === 'better-sqlite3';
}

/** A value as the driver binds it: better-sqlite3 takes neither Date nor boolean. */
function sqlValue(value: unknown, sqlite: boolean): unknown {
  if (value === undefined) return null;
  if (!sqlite) return value;
  if (value instanceof Date) return value.toISOString().replace('T', ' ').slice(0, 23);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** An instant read back in a raw row: a Date from MySQL, UTC text from SQLite. */
function instantOf(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

/**
 * INSERT … ON DUPLICATE KEY UPDATE (MySQL/MariaDB) or INSERT … ON CONFLICT DO UPDATE (SQLite)
 * of many rows in one statement. `replace` overwrites the update columns of an existing row;
 * `add` adds the new values to them (counters).
 */
async function upsertRows(
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

/** The record's §11 facts (record-facts.ts) the scorecard counts, as stored columns. */
const RECORD_FACT_COLUMNS = [
  'electronicResult', 'digitized', 'resultDigitized', 'reusedData', 'citizenRepository', 'vneidVerified', 'feeAmount', 'paidOnline', 'complaint',
] as const;
/** What the steps say of the supplement rounds (progress-766.ts Supplement766), stored on the dossier. */
const SUPPLEMENT_COLUMNS = ['supplementAt', 'supplementDoneAt', 'supplementAgainAt', 'supplementDueMoved'] as const;

const DAY_TABLE = 'dossier_day_counts';
const MONTH_TABLE = 'dossier_month_counts';
const FIELD_DAY_TABLE = 'dossier_field_day_counts';
const FIELD_MONTH_TABLE = 'dossier_field_month_counts';

/** Each rollup table: its name, its bucket column, and whether it is kept per field and channel. */
const ROLLUP_TABLES: Record<RollupTable, { name: string; bucket: 'day' | 'month'; byField: boolean }> = {
  day: { name: DAY_TABLE, bucket: 'day', byField: false },
  month: { name: MONTH_TABLE, bucket: 'month', byField: false },
  fieldDay: { name: FIELD_DAY_TABLE, bucket: 'day', byField: true },
  fieldMonth: { name: FIELD_MONTH_TABLE, bucket: 'month', byField: true },
};

/** The dossier columns a rollup contribution is computed from. */
const FACT_COLUMNS = [
  'status', 'field', 'channel', 'receivedOn', 'settledOn', 'withdrawnOn', 'timeliness', 'dueAt', 'receivedAt', 'resolvedAt', 'withdrawnAt',
  ...RECORD_FACT_COLUMNS, ...SUPPLEMENT_COLUMNS,
] as const;

/** Adds a batch's changes to the rollup rows, inside the caller's transaction. */
async function applyRollupDelta(manager: EntityManager, delta: RollupDelta): Promise<void> {
  const changes = delta.changes();
  for (const [table, { name, bucket, byField }] of Object.entries(ROLLUP_TABLES)) {
    const rows = changes
      .filter((change) => change.table === table)
      .map((change) => ({ unitId: change.unitId, [bucket]: change.bucket, field: change.field, channel: change.channel, ...change.counters }));
    const key = byField ? ['unitId', bucket, 'field', 'channel'] : ['unitId', bucket];
    await upsertRows(manager, name, [...key, ...ROLLUP_COLUMNS], key, ROLLUP_COLUMNS, rows, 'add');
  }
}

/** A stored dossier's facts from a raw row (MySQL gives Dates, SQLite UTC text). */
function factsOf(row: Record<string, unknown>): RollupFacts {
  return {
    status: row.status as RollupFacts['status'],
    field: String(row.field),
    channel: row.channel as RollupFacts['channel'],
    receivedOn: String(row.receivedOn),
    settledOn: (row.settledOn as string | null) ?? null,
    withdrawnOn: (row.withdrawnOn as string | null) ?? null,
    timeliness: (row.timeliness as RollupFacts['timeliness']) ?? null,
    dueAt: instantOf(row.dueAt as Date | string)!,
    receivedAt: instantOf(row.receivedAt as Date | string)!,
    resolvedAt: instantOf(row.resolvedAt as Date | string | null),
    withdrawnAt: instantOf(row.withdrawnAt as Date | string | null),
    electronicResult: flagOf(row.electronicResult),
    digitized: flagOf(row.digitized),
    resultDigitized: flagOf(row.resultDigitized),
    reusedData: flagOf(row.reusedData),
    citizenRepository: flagOf(row.citizenRepository),
    vneidVerified: flagOf(row.vneidVerified),
    feeAmount: row.feeAmount === null || row.feeAmount === undefined ? null : Number(row.feeAmount),
    paidOnline: (row.paidOnline as RollupFacts['paidOnline']) ?? null,
    complaint: flagOf(row.complaint),
    supplement: {
      supplementAt: instantOf((row.supplementAt ?? null) as Date | string | null),
      supplementDoneAt: instantOf((row.supplementDoneAt ?? null) as Date | string | null),
      supplementAgainAt: instantOf((row.supplementAgainAt ?? null) as Date | string | null),
      supplementDueMoved: flagOf(row.supplementDueMoved) === true,
    },
  };
}

/** A stored boolean: MySQL gives 0/1 (or a Buffer for BIT), SQLite 0/1, TypeORM rows true/false. */
function flagOf(value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  return value === true || Number(value) === 1;
}


/** The steps a round is read from: a request (5), the desk working on it again (2, 4). */
const ROUND_STEPS = [2, 4, 5];

/**
 * Stores each dossier's summary of its supplement rounds from its steps, then recounts every
 * unit's rollups in one pass over the dossiers (under every unit's lock: writers wait).
 */
export async function backfillScorecard(manager: EntityManager): Promise<void> {
  const sqlite = isSqlite(manager);
  await manager.query(`SELECT id FROM units ORDER BY id${sqlite ? '' : ' FOR UPDATE'}`);
  // Only dossiers with a request have a round; their steps are read 500 dossiers at a time, so
  // memory follows the batch, not the table.
  const asked: { unitId: number | string; dossierCode: string }[] = await manager.query(
    'SELECT DISTINCT unitId, dossierCode FROM dossier_events WHERE statusCode = 5 ORDER BY unitId, dossierCode',
  );
  for (let start = 0; start < asked.length; start += 500) {
    const chunk = asked.slice(start, start + 500);
    const where = chunk.map(() => '(unitId = ? AND dossierCode = ?)').join(' OR ');
    const steps: Record<string, unknown>[] = await manager.query(
      `SELECT unitId, dossierCode, statusCode, at, stepDueAt, origin FROM dossier_events WHERE (${where}) AND statusCode IN (${ROUND_STEPS.join(', ')})`,
      chunk.flatMap((key) => [Number(key.unitId), sqlValue(String(key.dossierCode), sqlite)]),
    );
    const byDossier = new Map<string, { unitId: number; code: string; steps: StepLike[] }>();
    for (const row of steps) {
      const key = `${Number(row.unitId)}\u0000${String(row.dossierCode)}`;
      const entry = byDossier.get(key) ?? { unitId: Number(row.unitId), code: String(row.dossierCode), steps: [] };
      entry.steps.push({ statusCode: Number(row.statusCode), at: instantOf(row.at as Date | string)!, stepDueAt: instantOf(row.stepDueAt as Date | string | null), origin: String(row.origin) });
      byDossier.set(key, entry);
    }
    for (const { unitId, code, steps: list } of byDossier.values()) {
      const s = supplementOf(list);
      if (s.supplementAt === null) continue;
      await manager.query(
        'UPDATE dossiers SET supplementAt = ?, supplementDoneAt = ?, supplementAgainAt = ?, supplementDueMoved = ? WHERE unitId = ? AND code = ?',
        [s.supplementAt, s.supplementDoneAt, s.supplementAgainAt, s.supplementDueMoved, unitId, code].map((value) => sqlValue(value, sqlite)),
      );
    }
  }
  for (const { name } of Object.values(ROLLUP_TABLES)) await manager.query(`DELETE FROM ${name}`);
  let delta = new RollupDelta();
  const chunk = 20_000;
  for (let lastId = 0; ; ) {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT id, unitId, ${FACT_COLUMNS.join(', ')} FROM dossiers WHERE id > ? ORDER BY id LIMIT ${chunk}`,
      [lastId],
    );
    for (const row of rows) {
      delta.add(Number(row.unitId), factsOf(row));
      // A row of the delta takes ~550 bytes with the scorecard's counters: 50,000, checked after
      // each dossier, keep any number of dossiers inside the command line's 192 MB.
      if (delta.size >= 50_000) {
        await applyRollupDelta(manager, delta);
        delta = new RollupDelta();
      }
    }
    if (rows.length < chunk) break;
    lastId = Number(rows[rows.length - 1].id);
  }
  await applyRollupDelta(manager, delta);
}
