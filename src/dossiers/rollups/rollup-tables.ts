import { EntityManager } from 'typeorm';
import { instantOf, isSqlite, upsertRows } from '../../database/sql';
import { Supplement766 } from '../progress-766';
import { ROLLUP_COLUMNS, RollupDelta, RollupFacts, RollupTable } from './rollups';

/** The record's §11 facts (record-facts.ts) the scorecard counts, as stored columns. */
const RECORD_FACT_COLUMNS = [
  'electronicResult', 'digitized', 'resultDigitized', 'reusedData', 'citizenRepository', 'vneidVerified', 'feeAmount', 'paidOnline', 'complaint',
] as const;
/** What the steps say of the supplement rounds (progress-766.ts Supplement766), stored on the dossier. */
export const SUPPLEMENT_COLUMNS = ['supplementAt', 'supplementDoneAt', 'supplementAgainAt', 'supplementDueMoved'] as const;

/**
 * The rollup tables and what writes them: the dossier writer adds each batch's delta, and a
 * rebuild recounts them from the dossiers. Reading them back into figures is stats/.
 */

export const DAY_TABLE = 'dossier_day_counts';
export const MONTH_TABLE = 'dossier_month_counts';
export const FIELD_DAY_TABLE = 'dossier_field_day_counts';
export const FIELD_MONTH_TABLE = 'dossier_field_month_counts';

/** Each rollup table: its name, its bucket column, and whether it is kept per field and channel. */
export const ROLLUP_TABLES: Record<RollupTable, { name: string; bucket: 'day' | 'month'; byField: boolean }> = {
  day: { name: DAY_TABLE, bucket: 'day', byField: false },
  month: { name: MONTH_TABLE, bucket: 'month', byField: false },
  fieldDay: { name: FIELD_DAY_TABLE, bucket: 'day', byField: true },
  fieldMonth: { name: FIELD_MONTH_TABLE, bucket: 'month', byField: true },
};

/** The dossier columns a rollup contribution is computed from. */
export const FACT_COLUMNS = [
  'status', 'field', 'channel', 'receivedOn', 'settledOn', 'withdrawnOn', 'timeliness', 'dueAt', 'receivedAt', 'resolvedAt', 'withdrawnAt',
  ...RECORD_FACT_COLUMNS, ...SUPPLEMENT_COLUMNS,
] as const;

/** Adds a batch's changes to the rollup rows, inside the caller's transaction. */
export async function applyRollupDelta(manager: EntityManager, delta: RollupDelta): Promise<void> {
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
export function factsOf(row: Record<string, unknown>): RollupFacts {
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
    supplement: supplementOfRow(row),
  };
}

/** A stored dossier's summary of its supplement rounds (SUPPLEMENT_COLUMNS) from a raw row. */
export function supplementOfRow(row: Record<string, unknown>): Supplement766 {
  return {
    supplementAt: instantOf((row.supplementAt ?? null) as Date | string | null),
    supplementDoneAt: instantOf((row.supplementDoneAt ?? null) as Date | string | null),
    supplementAgainAt: instantOf((row.supplementAgainAt ?? null) as Date | string | null),
    supplementDueMoved: flagOf(row.supplementDueMoved) === true,
  };
}

/** A stored boolean: MySQL gives 0/1 (or a Buffer for BIT), SQLite 0/1, TypeORM rows true/false. */
function flagOf(value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  return value === true || Number(value) === 1;
}

/**
 * Rollup rows a rebuild holds before it adds them to the tables. A row of the delta takes about
 * 550 bytes with its 24 counters, and writing it out copies much of it again, beside the
 * dossiers being read and the command line's own context: 50,000 keep a rebuild of any size
 * inside the 192 MB heap `npm run cli` runs in (at 150,000, a rebuild of 2 million dossiers ran out
 * of it). rollup-tables.spec.ts holds the delta of this many rows under its budget.
 */
export const REBUILD_FLUSH_ROWS = 50_000;

/**
 * Recounts every unit's rollups in one pass over the dossiers in storage order (a unit's
 * dossiers are spread over the whole table, so unit by unit would read it once per unit), under
 * every unit's lock: writers wait until it is done. The counts are added to the emptied tables
 * whenever `flushAt` rows are held, so the result does not depend on it.
 */
export async function rebuildAllRollups(manager: EntityManager, flushAt = REBUILD_FLUSH_ROWS): Promise<number[]> {
  const units: { id: number | string }[] = await manager.query(`SELECT id FROM units ORDER BY id${isSqlite(manager) ? '' : ' FOR UPDATE'}`);
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
      // The tables were emptied above and rows are added to: memory stays bounded (the command
      // line runs in 192 MB) whatever the number of dossiers. Checked after each dossier, not each
      // read, which alone could add 30,000 rows.
      if (delta.size >= flushAt) {
        await applyRollupDelta(manager, delta);
        delta = new RollupDelta();
      }
    }
    if (rows.length < chunk) break;
    lastId = Number(rows[rows.length - 1].id);
  }
  await applyRollupDelta(manager, delta);
  return units.map((unit) => Number(unit.id));
}

/** The rollups of one unit as a full recount of its dossiers would make them. */
export async function recountUnit(manager: EntityManager, unitId: number): Promise<RollupDelta> {
  const delta = new RollupDelta();
  const chunk = 20_000;
  for (let lastId = 0; ; ) {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT id, ${FACT_COLUMNS.join(', ')} FROM dossiers WHERE unitId = ? AND id > ? ORDER BY id LIMIT ${chunk}`,
      [unitId, lastId],
    );
    for (const row of rows) delta.add(unitId, factsOf(row));
    if (rows.length < chunk) break;
    lastId = Number(rows[rows.length - 1].id);
  }
  return delta;
}
