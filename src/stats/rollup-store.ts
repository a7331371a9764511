import { EntityManager } from 'typeorm';
import { LocalDate, daysInMonth, endOfLocalDay } from '../common/local-time';
import { instantOf, isSqlite, sqlValue, upsertRows } from '../database/sql';
import { FigureCounts, Period, zeroCounts } from './figures';
import { ALL_TIME, ROLLUP_COLUMNS, RollupDelta, RollupFacts, RollupTable } from './rollups';

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
export const FACT_COLUMNS = ['status', 'field', 'channel', 'receivedOn', 'settledOn', 'withdrawnOn', 'timeliness', 'dueAt'] as const;

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

/**
 * Locks the units' rows until the transaction ends. Every writer of dossiers and rollups takes
 * these locks first, in id order: two instances writing the same unit take turns, so each one
 * reads the stored dossiers the other has finished writing, and the rollups cannot drift.
 * (SQLite has a single writer already.)
 */
export async function lockUnits(manager: EntityManager, unitIds: number[]): Promise<void> {
  if (unitIds.length === 0 || isSqlite(manager)) return;
  const ids = [...new Set(unitIds)].sort((a, b) => a - b);
  await manager.query(`SELECT id FROM units WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id FOR UPDATE`, ids);
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

interface BucketSums {
  unitId: number | string;
  [column: string]: number | string | null;
}

const FLOW = ['receivedDirect', 'receivedOnline', 'receivedPostal', 'denied', 'early', 'onTime', 'late', 'withdrawn'] as const;
const RECEIVED_SUM = '(receivedDirect + receivedOnline + receivedPostal)';
const CLOSED_SUM = '(early + onTime + late + withdrawn)';

/**
 * SPEC §5 from the rollups, per unit. The flows of the period (received, settled, withdrawn,
 * denied) are sums over its days. What is open is read from the running balance: the `*` row
 * holds what is open now, and undoing the days after a moment gives what was open then:
 *
 *   open at the end of T     = open now − Σ(days after T) (received − closed)
 *   carried over into `from` = open at the end of the day before `from`
 *   waiting at the end of T  = waiting now − Σ(days after T) waiting
 *   overdue at the end of T  = Σ(days up to T) overdue = (balance) − Σ(days after T) overdue
 *
 * so the cost follows the days from `from` to today, not the dossiers or the years before.
 * Whole months are read from the month rows and only the ragged ends from the day rows. For a
 * period that ends today (judged now, not at a day's end) the overdue count needs the time of
 * day, and is counted from the open dossiers themselves.
 */
export async function countFromRollups(
  manager: EntityManager,
  unitIds: number[],
  period: Period,
  at: Date,
  by: 'field' | 'channel' | null = null,
): Promise<Map<string, FigureCounts>> {
  const result = new Map<string, FigureCounts>();
  if (unitIds.length === 0) return result;
  // Per unit, or (from the tables kept per field and channel) per field or channel over all the units.
  const monthTable = by ? FIELD_MONTH_TABLE : MONTH_TABLE;
  const dayTable = by ? FIELD_DAY_TABLE : DAY_TABLE;
  const key = by ?? 'unitId';
  const groupBy = by ? `unitId, ${by}` : 'unitId';
  const { from, to } = period;
  const fromMonth = from.slice(0, 7);
  const toMonth = to.slice(0, 7);
  const partial = new Set<string>();
  if (!from.endsWith('-01')) partial.add(fromMonth);
  if (to !== lastDayOfMonth(toMonth)) partial.add(toMonth);
  const dayRanges = [...partial].sort().map((month) => [month === fromMonth ? from : `${month}-01`, lastDayOfMonth(month)] as const);

  const units = unitIds.map(() => '?').join(', ');
  const sums = (bucket: string, inside: string) =>
    [
      ...FLOW.map((column) => `SUM(CASE WHEN ${inside} THEN ${column} ELSE 0 END) AS ${column}`),
      `SUM(CASE WHEN ${bucket} > ? THEN ${RECEIVED_SUM} ELSE 0 END) AS afterReceived`,
      `SUM(CASE WHEN ${bucket} > ? THEN ${CLOSED_SUM} ELSE 0 END) AS afterClosed`,
      `SUM(CASE WHEN ${bucket} > ? THEN waiting ELSE 0 END) AS afterWaiting`,
      `SUM(CASE WHEN ${bucket} > ? THEN overdue ELSE 0 END) AS afterOverdue`,
    ].join(', ');

  const monthSql =
    `SELECT unitId, ${key} AS groupKey, ${sums('month', `month <> '${ALL_TIME}' AND month <= ?`)}, ` +
    `SUM(CASE WHEN month = '${ALL_TIME}' THEN ${RECEIVED_SUM} - ${CLOSED_SUM} ELSE 0 END) AS openNow, ` +
    `SUM(CASE WHEN month = '${ALL_TIME}' THEN waiting ELSE 0 END) AS waitingNow, ` +
    `SUM(CASE WHEN month = '${ALL_TIME}' THEN overdue ELSE 0 END) AS overdueBalance ` +
    `FROM ${monthTable} WHERE unitId IN (${units}) AND (month = '${ALL_TIME}' OR (month >= ?${partial.size ? ` AND month NOT IN (${[...partial].map(() => '?').join(', ')})` : ''})) ` +
    `GROUP BY ${groupBy}`;
  const daySql =
    `SELECT unitId, ${key} AS groupKey, ${sums('day', 'day <= ?')} FROM ${dayTable} WHERE unitId IN (${units}) ` +
    `AND (${dayRanges.map(() => '(day >= ? AND day <= ?)').join(' OR ')}) GROUP BY ${groupBy}`;
  const judgedAtDayEnd = at.getTime() >= endOfLocalDay(to).getTime();
  // Independent reads: on the connection pool they run side by side (a replica's single query
  // runner takes them in turn).
  const [monthRows, dayRows, processingOverdue] = await Promise.all([
    manager.query(monthSql, [...FLOW.map(() => toMonth), toMonth, toMonth, toMonth, toMonth, ...unitIds, fromMonth, ...partial]) as Promise<BucketSums[]>,
    dayRanges.length === 0
      ? Promise.resolve([] as BucketSums[])
      : (manager.query(daySql, [...FLOW.map(() => to), to, to, to, to, ...unitIds, ...dayRanges.flat()]) as Promise<BucketSums[]>),
    judgedAtDayEnd ? Promise.resolve(null) : countOverdue(manager, unitIds, key, "status = 'processing'", [], to, at),
  ]);
  let overdueNow: Map<string, number> | null = null;
  if (processingOverdue) {
    // Settled or withdrawn after `to` (today or later: a record may be a day ahead) yet open at its
    // end: only units whose rollups have such a closing need looking at, usually none.
    const closedAfter = new Set<number>();
    for (const row of [...monthRows, ...dayRows]) if (Number(row.afterClosed ?? 0) > 0) closedAfter.add(Number(row.unitId));
    overdueNow = processingOverdue;
    if (closedAfter.size > 0) {
      const ids = [...closedAfter];
      for (const counts of [
        await countOverdue(manager, ids, key, "settledOn > ? AND status <> 'denied'", [to], to, at),
        await countOverdue(manager, ids, key, "withdrawnOn > ? AND status <> 'denied'", [to], to, at),
      ]) {
        for (const [key, n] of counts) overdueNow.set(key, (overdueNow.get(key) ?? 0) + n);
      }
    }
  }

  const byUnit = new Map<string, Record<string, number>>();
  for (const row of [...monthRows, ...dayRows]) {
    // Every figure below is a sum, so the units' sums can be added before it is worked out.
    const group = String(row.groupKey);
    const into = byUnit.get(group) ?? {};
    for (const [column, value] of Object.entries(row)) if (column !== 'unitId' && column !== 'groupKey') into[column] = (into[column] ?? 0) + Number(value ?? 0);
    byUnit.set(group, into);
  }
  for (const [key, s] of byUnit) {
    const get = (column: string) => s[column] ?? 0;
    const counts = zeroCounts();
    for (const column of FLOW) counts[column] = get(column);
    const receivedInPeriod = get('receivedDirect') + get('receivedOnline') + get('receivedPostal');
    const closedInPeriod = get('early') + get('onTime') + get('late') + get('withdrawn');
    const openAtEnd = get('openNow') - get('afterReceived') + get('afterClosed');
    counts.carriedOver = openAtEnd - receivedInPeriod + closedInPeriod;
    counts.openWaiting = get('waitingNow') - get('afterWaiting');
    counts.openOverdue = overdueNow ? (overdueNow.get(key) ?? 0) : get('overdueBalance') - get('afterOverdue');
    counts.openOnTrack = openAtEnd - counts.openWaiting - counts.openOverdue;
    result.set(key, counts);
  }
  return result;
}

/**
 * Per unit (or field, or channel), the dossiers matching `where`, received by `to` and past their deadline at `at`: with
 * `status = 'processing'`, those open now (and so at the end of `to`, today or later).
 */
async function countOverdue(
  manager: EntityManager,
  unitIds: number[],
  key: 'unitId' | 'field' | 'channel',
  where: string,
  whereParams: unknown[],
  to: LocalDate,
  at: Date,
): Promise<Map<string, number>> {
  const rows: { groupKey: number | string; n: number | string }[] = await manager.query(
    `SELECT ${key} AS groupKey, COUNT(*) AS n FROM dossiers WHERE unitId IN (${unitIds.map(() => '?').join(', ')}) AND ${where} AND receivedOn <= ? AND dueAt < ? GROUP BY ${key}`,
    [...unitIds, ...whereParams, to, sqlValue(at, isSqlite(manager))],
  );
  return new Map(rows.map((row) => [String(row.groupKey), Number(row.n)]));
}

function lastDayOfMonth(month: string): LocalDate {
  const [year, m] = month.split('-').map(Number);
  return `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}`;
}
