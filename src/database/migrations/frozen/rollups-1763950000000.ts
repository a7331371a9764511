import { EntityManager } from 'typeorm';

/**
 * What the rollups migration ran, as the code stood when it was written: the rollups' rules
 * (docs/figures.md §5), the SQL helpers and the date arithmetic it used. A migration must give the same
 * tables on a database migrated today as on one migrated then, so it runs this copy, never the
 * live code (dossiers/rollups/, database/sql.ts, common/local-time.ts), which may change.
 * Do not edit: a later change to the rules is a new migration.
 */

type LocalDate = string;
type DossierStatus = 'processing' | 'waiting' | 'resolved' | 'refused' | 'withdrawn' | 'denied';
type Channel = 'direct' | 'online' | 'postal';
type Timeliness = 'early' | 'onTime' | 'late';

/** The [year, month, day] of a count of days since 1970-01-01 (the inverse of daysFromCivil). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

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

const ROLLUP_COLUMNS = [
  'receivedDirect', 'receivedOnline', 'receivedPostal', 'denied', 'early', 'onTime', 'late', 'withdrawn', 'waiting', 'overdue',
] as const;
type RollupColumn = (typeof ROLLUP_COLUMNS)[number];
type RollupCounters = Record<RollupColumn, number>;

/** The bucket of the `*` row: every day of the unit at once (its running balance). */
const ALL_TIME = '*';

/** What a dossier's contribution depends on: the stored columns of the same names. */
interface RollupFacts {
  status: DossierStatus;
  field: string;
  channel: Channel;
  receivedOn: LocalDate;
  settledOn: LocalDate | null;
  withdrawnOn: LocalDate | null;
  timeliness: Timeliness | null;
  dueAt: Date;
}

function zeroCounters(): RollupCounters {
  return { receivedDirect: 0, receivedOnline: 0, receivedPostal: 0, denied: 0, early: 0, onTime: 0, late: 0, withdrawn: 0, waiting: 0, overdue: 0 };
}

const RECEIVED: Record<Channel, RollupColumn> = { direct: 'receivedDirect', online: 'receivedOnline', postal: 'receivedPostal' };
const DAY_MS = 86_400_000;
const OFFSET_MS = 7 * 3_600_000;

/**
 * The first local day at whose end (23:59:59.999, Vietnam time) `dueAt` has passed: the
 * deadline's own day, or the next one for a deadline at the very last millisecond of its day.
 */
function overdueFrom(dueAt: Date): LocalDate {
  const local = dueAt.getTime() + OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  const endOfDay = day * DAY_MS + DAY_MS - 1;
  return dateOfDay(local < endOfDay ? day : day + 1);
}

function dateOfDay(days: number): LocalDate {
  const [year, month, day] = civilFromDays(days);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Calls `add(day, column, +1 or −1)` for each contribution of one dossier. */
function contributions(facts: RollupFacts, add: (day: LocalDate, column: RollupColumn, delta: number) => void): void {
  if (facts.status === 'denied') {
    add(facts.receivedOn, 'denied', 1);
    return;
  }
  add(facts.receivedOn, RECEIVED[facts.channel], 1);
  if (facts.settledOn && facts.timeliness) add(facts.settledOn, facts.timeliness, 1);
  if (facts.withdrawnOn) add(facts.withdrawnOn, 'withdrawn', 1);
  if (facts.status === 'waiting') {
    add(facts.receivedOn, 'waiting', 1);
    return;
  }
  const due = overdueFrom(facts.dueAt);
  const start = due > facts.receivedOn ? due : facts.receivedOn;
  const closedOn = facts.settledOn ?? facts.withdrawnOn;
  if (closedOn === null) add(start, 'overdue', 1);
  else if (start < closedOn) {
    add(start, 'overdue', 1);
    add(closedOn, 'overdue', -1);
  }
}

type RollupTable = 'day' | 'month' | 'fieldDay' | 'fieldMonth';

/**
 * One rollup row to add to: a day (`YYYY-MM-DD`), a month (`YYYY-MM`) or ALL_TIME; per unit, and
 * in the `field…` tables per unit, field and channel too (for rows by field or by channel).
 */
interface RollupChange {
  table: RollupTable;
  unitId: number;
  bucket: string;
  /** Only in the `field…` tables. */
  field?: string;
  channel?: Channel;
  counters: RollupCounters;
}

/** The changes to the rollups, summed per row. Rows whose changes cancel out are left out. */
class RollupDelta {
  private readonly rows = new Map<string, RollupChange>();

  add(unitId: number, facts: RollupFacts): void {
    this.apply(unitId, facts, 1);
  }

  /** The changed rows, in key order (so concurrent writers lock rows in the same order). */
  changes(): RollupChange[] {
    return [...this.rows.entries()]
      .filter(([, change]) => ROLLUP_COLUMNS.some((column) => change.counters[column] !== 0))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, change]) => change);
  }

  /** Rows held (some may have summed to zero). */
  get size(): number {
    return this.rows.size;
  }

  private apply(unitId: number, facts: RollupFacts, sign: 1 | -1): void {
    contributions(facts, (day, column, delta) => {
      const month = day.slice(0, 7);
      this.bump('day', unitId, day, null, column, sign * delta);
      this.bump('month', unitId, month, null, column, sign * delta);
      this.bump('month', unitId, ALL_TIME, null, column, sign * delta);
      this.bump('fieldDay', unitId, day, facts, column, sign * delta);
      this.bump('fieldMonth', unitId, month, facts, column, sign * delta);
      this.bump('fieldMonth', unitId, ALL_TIME, facts, column, sign * delta);
    });
  }

  private bump(table: RollupTable, unitId: number, bucket: string, by: RollupFacts | null, column: RollupColumn, delta: number): void {
    // Any fixed order does for locking; this one needs no padding.
    const key = by ? `${table}\u0000${unitId}\u0000${bucket}\u0000${by.field}\u0000${by.channel}` : `${table}\u0000${unitId}\u0000${bucket}`;
    let row = this.rows.get(key);
    if (!row) {
      row = by ? { table, unitId, bucket, field: by.field, channel: by.channel, counters: zeroCounters() } : { table, unitId, bucket, counters: zeroCounters() };
      this.rows.set(key, row);
    }
    row.counters[column] += delta;
  }
}

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
const FACT_COLUMNS = ['status', 'field', 'channel', 'receivedOn', 'settledOn', 'withdrawnOn', 'timeliness', 'dueAt'] as const;

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
  };
}

/**
 * Recounts every unit's rollups in one pass over the dossiers in storage order (a unit's
 * dossiers are spread over the whole table, so unit by unit would read it once per unit), under
 * every unit's lock: writers wait until it is done.
 */
export async function rebuildAllRollups(manager: EntityManager): Promise<number[]> {
  const units: { id: number | string }[] = await manager.query(`SELECT id FROM units ORDER BY id${isSqlite(manager) ? '' : ' FOR UPDATE'}`);
  for (const { name } of Object.values(ROLLUP_TABLES)) await manager.query(`DELETE FROM ${name}`);
  let delta = new RollupDelta();
  const chunk = 20_000;
  for (let lastId = 0; ; ) {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT id, unitId, ${FACT_COLUMNS.join(', ')} FROM dossiers WHERE id > ? ORDER BY id LIMIT ${chunk}`,
      [lastId],
    );
    for (const row of rows) delta.add(Number(row.unitId), factsOf(row));
    // The tables were emptied above and rows are added to: memory stays bounded (the command
    // line runs in 192 MB) whatever the number of dossiers.
    if (delta.size > 150_000) {
      await applyRollupDelta(manager, delta);
      delta = new RollupDelta();
    }
    if (rows.length < chunk) break;
    lastId = Number(rows[rows.length - 1].id);
  }
  await applyRollupDelta(manager, delta);
  return units.map((unit) => Number(unit.id));
}

