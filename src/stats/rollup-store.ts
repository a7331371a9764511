import { EntityManager } from 'typeorm';
import { LocalDate, daysInMonth, endOfLocalDay } from '../common/local-time';
import { instantOf, isSqlite, sqlValue } from '../database/sql';
import { IX_UNIT_STATUS_DUE, IX_UNIT_STATUS_SUPPLEMENT } from '../dossiers/dossier.entity';
import { Facts766, facts766Of, openLateAt } from '../dossiers/progress-766';
import { DAY_TABLE, FIELD_DAY_TABLE, FIELD_MONTH_TABLE, MONTH_TABLE, supplementOfRow } from '../dossiers/rollups/rollup-tables';
import { ALL_TIME } from '../dossiers/rollups/rollups';
import { FigureCounts, Period, addCounts, zeroCounts } from './figures';

// The reading side of the rollups: dossiers/rollups/ keeps them, this turns them into figures.

interface BucketSums {
  unitId: number | string;
  [column: string]: number | string | null;
}

const FLOW = [
  'receivedDirect', 'receivedOnline', 'receivedPostal', 'denied', 'early', 'onTime', 'late', 'withdrawn',
  // The 766 scorecard's (docs/figures.md §11): flows of the period like the ones above.
  'onTime766', 'late766', 'resolvedReceived', 'resolutionMinutes', 'results', 'electronicResults', 'digitizedResults',
  'reusedData', 'citizenRepository', 'vneidVerified', 'complaints', 'feePayable', 'paidOnline',
] as const;
const RECEIVED_SUM = '(receivedDirect + receivedOnline + receivedPostal)';
const CLOSED_SUM = '(early + onTime + late + withdrawn)';

/**
 * docs/figures.md §5 from the rollups, per unit. The flows of the period (received, settled, withdrawn,
 * denied) are sums over its days. What is open is read from the running balance: the `*` row
 * holds what is open now, and undoing the days after a moment gives what was open then:
 *
 *   open at the end of T     = open now − Σ(days after T) (received − closed)
 *   carried over into `from` = open at the end of the day before `from`
 *   waiting at the end of T  = waiting now − Σ(days after T) waiting
 *   overdue at the end of T  = Σ(days up to T) overdue = (balance) − Σ(days after T) overdue
 *
 *   open and overdue by 2.1 at the end of T: as overdue, from `openLate766`
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
  if (unitIds.length === 0) return new Map<string, FigureCounts>();
  if (unitIds.length > UNITS_PER_READ) return countInParts(manager, unitIds, period, at, by);
  // Per unit, or (from the tables kept per field and channel) per field or channel over all the units.
  const key = by ?? 'unitId';
  const { month, day } = rollupQueries(unitIds, period, by);
  const judgedAtDayEnd = at.getTime() >= endOfLocalDay(period.to).getTime();
  // Independent reads: on the connection pool they run side by side (a replica's single query
  // runner takes them in turn).
  const [monthRows, dayRows, processingOverdue, withRequest] = await Promise.all([
    manager.query(month.sql, month.params) as Promise<BucketSums[]>,
    day === null ? Promise.resolve([] as BucketSums[]) : (manager.query(day.sql, day.params) as Promise<BucketSums[]>),
    judgedAtDayEnd ? Promise.resolve(null) : countOverdue(manager, unitIds, key, "status = 'processing'", [], period.to, at, IX_UNIT_STATUS_DUE),
    judgedAtDayEnd ? Promise.resolve(null) : openWithRequest(manager, unitIds, key, period.to),
  ]);
  const rows = [...monthRows, ...dayRows];
  const lateNow = processingOverdue && withRequest && (await openLate766Now(manager, key, period.to, at, processingOverdue, withRequest, rows));
  const overdueNow = processingOverdue && (await addClosedAfter(manager, processingOverdue, rows, key, period.to, at));
  return figuresOf(rows, overdueNow, lateNow);
}

/**
 * Units named in one read. SQLite takes at most 32,766 values a statement, and a scope with its
 * history (a province's communes, those merged into them, the districts of before) can hold more
 * units than that: such a scope is counted in parts of disjoint units, whose counts add up.
 */
export const UNITS_PER_READ = 10_000;

async function countInParts(manager: EntityManager, unitIds: number[], period: Period, at: Date, by: 'field' | 'channel' | null): Promise<Map<string, FigureCounts>> {
  const total = new Map<string, FigureCounts>();
  for (let start = 0; start < unitIds.length; start += UNITS_PER_READ) {
    const part = await countFromRollups(manager, unitIds.slice(start, start + UNITS_PER_READ), period, at, by);
    for (const [key, counts] of part) total.set(key, total.has(key) ? addCounts(total.get(key)!, counts) : counts);
  }
  return total;
}

/** The sums of what came after the period's last day (one parameter each). */
const AFTER = ['afterReceived', 'afterClosed', 'afterWaiting', 'afterOverdue', 'afterOpenLate'] as const;

interface Query {
  sql: string;
  params: unknown[];
}

/** The two reads of countFromRollups: whole months (and the `*` balance), and the ragged ends by day. */
function rollupQueries(unitIds: number[], period: Period, by: 'field' | 'channel' | null): { month: Query; day: Query | null } {
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
      `SUM(CASE WHEN ${bucket} > ? THEN openLate766 ELSE 0 END) AS afterOpenLate`,
    ].join(', ');

  const monthSql =
    `SELECT unitId, ${key} AS groupKey, ${sums('month', `month <> '${ALL_TIME}' AND month <= ?`)}, ` +
    `SUM(CASE WHEN month = '${ALL_TIME}' THEN ${RECEIVED_SUM} - ${CLOSED_SUM} ELSE 0 END) AS openNow, ` +
    `SUM(CASE WHEN month = '${ALL_TIME}' THEN waiting ELSE 0 END) AS waitingNow, ` +
    `SUM(CASE WHEN month = '${ALL_TIME}' THEN overdue ELSE 0 END) AS overdueBalance, ` +
    `SUM(CASE WHEN month = '${ALL_TIME}' THEN openLate766 ELSE 0 END) AS openLateBalance ` +
    `FROM ${monthTable} WHERE unitId IN (${units}) AND (month = '${ALL_TIME}' OR (month >= ?${partial.size ? ` AND month NOT IN (${[...partial].map(() => '?').join(', ')})` : ''})) ` +
    `GROUP BY ${groupBy}`;
  const daySql =
    `SELECT unitId, ${key} AS groupKey, ${sums('day', 'day <= ?')} FROM ${dayTable} WHERE unitId IN (${units}) ` +
    `AND (${dayRanges.map(() => '(day >= ? AND day <= ?)').join(' OR ')}) GROUP BY ${groupBy}`;
  return {
    month: { sql: monthSql, params: [...FLOW.map(() => toMonth), ...AFTER.map(() => toMonth), ...unitIds, fromMonth, ...partial] },
    day: dayRanges.length === 0 ? null : { sql: daySql, params: [...FLOW.map(() => to), ...AFTER.map(() => to), ...unitIds, ...dayRanges.flat()] },
  };
}

/**
 * The overdue count of a period that ends today, from the open dossiers, plus those settled or
 * withdrawn after `to` (today or later: a record may be a day ahead) yet open at its end: only
 * units whose rollups have such a closing need looking at, usually none.
 */
async function addClosedAfter(
  manager: EntityManager,
  overdueNow: Map<string, number>,
  rows: BucketSums[],
  key: 'unitId' | 'field' | 'channel',
  to: LocalDate,
  at: Date,
): Promise<Map<string, number>> {
  const ids = unitsClosedAfter(rows);
  if (ids.length > 0) {
    for (const counts of [
      await countOverdue(manager, ids, key, "settledOn > ? AND status <> 'denied'", [to], to, at),
      await countOverdue(manager, ids, key, "withdrawnOn > ? AND status <> 'denied'", [to], to, at),
    ]) {
      for (const [key, n] of counts) overdueNow.set(key, (overdueNow.get(key) ?? 0) + n);
    }
  }
  return overdueNow;
}

/** The figures per group from the summed rows (overdueNow: counted from the dossiers instead). */
function figuresOf(rows: BucketSums[], overdueNow: Map<string, number> | null, lateNow: Map<string, number> | null): Map<string, FigureCounts> {
  const result = new Map<string, FigureCounts>();
  const byUnit = new Map<string, Record<string, number>>();
  for (const row of rows) {
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
    counts.openLate766 = lateNow ? (lateNow.get(key) ?? 0) : get('openLateBalance') - get('afterOpenLate');
    result.set(key, counts);
  }
  return result;
}

/**
 * `FROM dossiers`, read by `index`. For fewer units than eq_range_index_dive_limit (200),
 * MySQL/MariaDB size each unit's range in every index that starts with unitId by reading into
 * it, and in the indexes where that range is all the unit's dossiers this grows with them: for a
 * province's 101 units at 2 million dossiers it took 200 ms, where the read by the index it then
 * chose takes 3 (the index766 bench). SQLite, without statistics, read the open dossiers with a
 * request through the unit-and-receipt index: every dossier of the unit.
 */
function dossiersBy(manager: EntityManager, index: string | null): string {
  if (index === null) return 'dossiers';
  return isSqlite(manager) ? `dossiers INDEXED BY ${index}` : `dossiers FORCE INDEX (${index})`;
}

/**
 * Per unit (or field, or channel), the dossiers matching `where`, received by `to` and past their deadline at `at`: with
 * `status = 'processing'`, those open now (and so at the end of `to`, today or later), read by `index`.
 */
async function countOverdue(
  manager: EntityManager,
  unitIds: number[],
  key: 'unitId' | 'field' | 'channel',
  where: string,
  whereParams: unknown[],
  to: LocalDate,
  at: Date,
  index: string | null = null,
): Promise<Map<string, number>> {
  const rows: { groupKey: number | string; n: number | string }[] = await manager.query(
    `SELECT ${key} AS groupKey, COUNT(*) AS n FROM ${dossiersBy(manager, index)} WHERE unitId IN (${unitIds.map(() => '?').join(', ')}) AND ${where} AND receivedOn <= ? AND dueAt < ? GROUP BY ${key}`,
    [...unitIds, ...whereParams, to, sqlValue(at, isSqlite(manager))],
  );
  return new Map(rows.map((row) => [String(row.groupKey), Number(row.n)]));
}

/** What 2.1 judges an open dossier with a supplement request by, per unit (or field, or channel). */
const COLUMNS_766 = (key: 'unitId' | 'field' | 'channel') => `${key} AS groupKey, status, dueAt, supplementAt, supplementDoneAt, supplementAgainAt, supplementDueMoved`;

/** The open dossiers with a supplement request received by `to` (read beside the rollups: it needs none of them). */
function openWithRequest(manager: EntityManager, unitIds: number[], key: 'unitId' | 'field' | 'channel', to: LocalDate): Promise<Record<string, unknown>[]> {
  return manager.query(
    `SELECT ${COLUMNS_766(key)} FROM ${dossiersBy(manager, IX_UNIT_STATUS_SUPPLEMENT)} WHERE unitId IN (${unitIds.map(() => '?').join(', ')}) ` +
      "AND status IN ('processing', 'waiting') AND supplementAt IS NOT NULL AND receivedOn <= ?",
    [...unitIds, to],
  );
}

/**
 * For a period that ends today, the dossiers open at `at` and overdue by 2.1 then: those in
 * progress past their deadline (`processingOverdue`, counted from the index), corrected by the
 * open ones with a supplement request (`withRequest`), judged one by one (a small part: 2.1
 * judges them by their rounds, not their deadline alone), and by those closed after `to` yet
 * open at `at` (a record a day ahead; usually none).
 */
async function openLate766Now(
  manager: EntityManager,
  key: 'unitId' | 'field' | 'channel',
  to: LocalDate,
  at: Date,
  processingOverdue: Map<string, number>,
  withRequest: Record<string, unknown>[],
  rows: BucketSums[],
): Promise<Map<string, number>> {
  const late = new Map(processingOverdue);
  const bump = (group: string, delta: number) => late.set(group, (late.get(group) ?? 0) + delta);
  const judge = (list: Record<string, unknown>[], counted: (row: Record<string, unknown>) => boolean) => {
    for (const row of list) {
      const facts = factsOf766(row);
      if (counted(row)) bump(String(row.groupKey), -1);
      if (openLateAt(facts, at.getTime())) bump(String(row.groupKey), 1);
    }
  };
  judge(withRequest, (row) => row.status === 'processing' && instantOf(row.dueAt as Date | string)!.getTime() < at.getTime());
  const closedAfter = unitsClosedAfter(rows);
  if (closedAfter.length > 0) {
    const later: Record<string, unknown>[] = await manager.query(
      `SELECT ${COLUMNS_766(key)} FROM dossiers WHERE unitId IN (${closedAfter.map(() => '?').join(', ')}) AND status <> 'denied' ` +
        'AND (settledOn > ? OR withdrawnOn > ?) AND receivedOn <= ?',
      [...closedAfter, to, to, to],
    );
    // Open at `at`, so judged as in progress then.
    judge(later.map((row) => ({ ...row, status: 'processing' })), () => false);
  }
  return late;
}

/** An open dossier's 2.1 facts from a raw row (it has not finished: no end of processing). */
function factsOf766(row: Record<string, unknown>): Facts766 {
  return facts766Of({ status: row.status as Facts766['status'], dueAt: instantOf(row.dueAt as Date | string)! }, supplementOfRow(row));
}

/** The units whose rollups hold a closing after the period's last day (usually none). */
function unitsClosedAfter(rows: BucketSums[]): number[] {
  return [...new Set(rows.filter((row) => Number(row.afterClosed ?? 0) > 0).map((row) => Number(row.unitId)))];
}

function lastDayOfMonth(month: string): LocalDate {
  const [year, m] = month.split('-').map(Number);
  return `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}`;
}
