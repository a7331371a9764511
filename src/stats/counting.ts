import { EntityManager } from 'typeorm';
import { isSqlite, sqlValue } from '../database/sql';
import { COUNT_KEYS, FigureCounts, Period, zeroCounts } from './figures';

/**
 * SPEC §5 as one SQL pass of conditional sums over the dossiers that can matter for the period
 * (received by its end, not closed before its start). `countDossiers` in figures.ts is the same
 * definition written dossier by dossier; the e2e suites check that the two agree.
 */
const OPEN_AT_END =
  "d.receivedOn <= :to AND d.status <> 'denied' AND (d.settledOn IS NULL OR d.settledOn > :to) AND (d.withdrawnOn IS NULL OR d.withdrawnOn > :to)";

const CONDITIONS: Record<keyof FigureCounts, string> = {
  early: "d.settledOn BETWEEN :from AND :to AND d.timeliness = 'early'",
  onTime: "d.settledOn BETWEEN :from AND :to AND d.timeliness = 'onTime'",
  late: "d.settledOn BETWEEN :from AND :to AND d.timeliness = 'late'",
  receivedDirect: "d.receivedOn BETWEEN :from AND :to AND d.status <> 'denied' AND d.channel = 'direct'",
  receivedOnline: "d.receivedOn BETWEEN :from AND :to AND d.status <> 'denied' AND d.channel = 'online'",
  receivedPostal: "d.receivedOn BETWEEN :from AND :to AND d.status <> 'denied' AND d.channel = 'postal'",
  carriedOver:
    "d.receivedOn < :from AND d.status <> 'denied' AND (d.settledOn IS NULL OR d.settledOn >= :from) AND (d.withdrawnOn IS NULL OR d.withdrawnOn >= :from)",
  withdrawn: 'd.withdrawnOn BETWEEN :from AND :to',
  denied: "d.status = 'denied' AND d.receivedOn BETWEEN :from AND :to",
  openOverdue: `${OPEN_AT_END} AND d.status <> 'waiting' AND d.dueAt < :judgedAt`,
  openWaiting: `${OPEN_AT_END} AND d.status = 'waiting'`,
  openOnTrack: `${OPEN_AT_END} AND d.status <> 'waiting' AND d.dueAt >= :judgedAt`,
};

export type GroupColumn = 'field' | 'channel' | 'unitId' | null;

export interface CountQuery {
  unitIds: number[];
  period: Period;
  judgedAt: Date;
  groupColumn: GroupColumn;
}

/**
 * The dossiers that can count in a period ending `to`: received by then and not closed before
 * `from`. Written as four disjoint index ranges (in progress now; settled, withdrawn or denied
 * since `from`) so the cost follows the dossiers of the period and the open ones, not the years
 * before it. A settled or withdrawn dossier always has its date, so nothing else can count.
 */
const CANDIDATES = [
  "status IN ('processing', 'waiting')",
  "status IN ('resolved', 'refused') AND settledOn >= ?",
  "status = 'withdrawn' AND withdrawnOn >= ?",
  "status = 'denied' AND receivedOn >= ?",
];
const CANDIDATE_COLUMNS = ['unitId', 'field', 'channel', 'status', 'receivedOn', 'settledOn', 'withdrawnOn', 'timeliness', 'dueAt'];

/** Counts per group key (the single key '' when not grouped). */
export async function countInDatabase(manager: EntityManager, query: CountQuery): Promise<Map<string, FigureCounts>> {
  const result = new Map<string, FigureCounts>();
  if (query.unitIds.length === 0) return result;
  const units = query.unitIds.map(() => '?').join(', ');
  const candidates = CANDIDATES.map(
    (where) => `SELECT ${CANDIDATE_COLUMNS.join(', ')} FROM dossiers WHERE unitId IN (${units}) AND receivedOn <= ? AND ${where}`,
  ).join(' UNION ALL ');
  const sqlite = isSqlite(manager);
  const named: Record<string, unknown> = { from: query.period.from, to: query.period.to, judgedAt: sqlValue(query.judgedAt, sqlite) };
  const params: unknown[] = [];
  const positional = (condition: string) =>
    condition.replace(/:(\w+)/g, (_, name: string) => {
      params.push(named[name]);
      return '?';
    });
  const group = query.groupColumn ? `d.${query.groupColumn}` : "''";
  const sums = COUNT_KEYS.map((key) => `SUM(CASE WHEN ${positional(CONDITIONS[key])} THEN 1 ELSE 0 END) AS ${key}`);
  for (const where of CANDIDATES) params.push(...query.unitIds, query.period.to, ...(where.includes('?') ? [query.period.from] : []));
  const sql = `SELECT ${group} AS groupKey, ${sums.join(', ')} FROM (${candidates}) d${query.groupColumn ? ` GROUP BY ${group}` : ''}`;
  const rows: Record<string, string | number | null>[] = await manager.query(sql, params);
  for (const row of rows) {
    const counts = zeroCounts();
    for (const key of COUNT_KEYS) counts[key] = Number(row[key] ?? 0);
    result.set(String(row.groupKey ?? ''), counts);
  }
  return result;
}
