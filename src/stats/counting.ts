import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Dossier } from '../dossiers/dossier.entity';
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

/** Counts per group key (the single key '' when not grouped). */
export async function countInDatabase(manager: EntityManager, query: CountQuery): Promise<Map<string, FigureCounts>> {
  const result = new Map<string, FigureCounts>();
  if (query.unitIds.length === 0) return result;
  const builder: SelectQueryBuilder<Dossier> = manager
    .createQueryBuilder(Dossier, 'd')
    .select(query.groupColumn ? `d.${query.groupColumn}` : "''", 'groupKey');
  for (const key of COUNT_KEYS) {
    builder.addSelect(`SUM(CASE WHEN ${CONDITIONS[key]} THEN 1 ELSE 0 END)`, key);
  }
  builder
    .where('d.unitId IN (:...unitIds)')
    .andWhere('d.receivedOn <= :to')
    .andWhere('(d.settledOn IS NULL OR d.settledOn >= :from)')
    .andWhere('(d.withdrawnOn IS NULL OR d.withdrawnOn >= :from)')
    .setParameters({ unitIds: query.unitIds, from: query.period.from, to: query.period.to, judgedAt: query.judgedAt });
  if (query.groupColumn) builder.groupBy(`d.${query.groupColumn}`);

  for (const row of await builder.getRawMany<Record<string, string | number | null>>()) {
    const counts = zeroCounts();
    for (const key of COUNT_KEYS) counts[key] = Number(row[key] ?? 0);
    result.set(String(row.groupKey ?? ''), counts);
  }
  return result;
}
