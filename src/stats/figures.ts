import { LocalDate, endOfLocalDay, localDateOf } from '../common/local-time';
import { Channel, DossierStatus, Timeliness, classifySettled, isSettled } from '../dossiers/classification';
import { DEFAULT_DECIMALS, percentPair, rate } from './percent';

/** The exact integers docs/figures.md §5 is built from; everything else is derived from them. */
export interface FigureCounts {
  early: number;
  onTime: number;
  late: number;
  receivedDirect: number;
  receivedOnline: number;
  receivedPostal: number;
  carriedOver: number;
  withdrawn: number;
  denied: number;
  openOverdue: number;
  openWaiting: number;
  /** open, neither waiting nor overdue */
  openOnTrack: number;
}

export const COUNT_KEYS: readonly (keyof FigureCounts)[] = [
  'early', 'onTime', 'late', 'receivedDirect', 'receivedOnline', 'receivedPostal',
  'carriedOver', 'withdrawn', 'denied', 'openOverdue', 'openWaiting', 'openOnTrack',
];

export function zeroCounts(): FigureCounts {
  return Object.fromEntries(COUNT_KEYS.map((key) => [key, 0])) as unknown as FigureCounts;
}

export function addCounts(into: FigureCounts, more: FigureCounts): FigureCounts {
  for (const key of COUNT_KEYS) into[key] += more[key];
  return into;
}

export interface Figures {
  settled: { total: number; early: number; onTime: number; late: number };
  onTimeRate: number | null;
  lateRate: number | null;
  onTimePercent: string | null;
  latePercent: string | null;
  received: { total: number; direct: number; online: number; postal: number };
  carriedOver: number;
  withdrawn: number;
  denied: number;
  open: { total: number; onTrack: number; overdue: number; waiting: number };
  progressIndex: number | null;
  /** Decision 766/QĐ-TTg "tiến độ giải quyết": progressIndex × 20 points, two decimals. */
  progressScore: number | null;
}

export function deriveFigures(counts: FigureCounts, decimals = DEFAULT_DECIMALS): Figures {
  const { early, onTime, late } = counts;
  const settled = early + onTime + late;
  const percents = percentPair(early + onTime, late, decimals);
  const onTrack = counts.openOnTrack + counts.openWaiting;
  const open = onTrack + counts.openOverdue;
  const progressIndex = rate(early + onTime + onTrack, settled + open);
  return {
    settled: { total: settled, early, onTime, late },
    onTimeRate: rate(early + onTime, settled),
    lateRate: rate(late, settled),
    onTimePercent: percents?.onTime ?? null,
    latePercent: percents?.late ?? null,
    received: {
      total: counts.receivedDirect + counts.receivedOnline + counts.receivedPostal,
      direct: counts.receivedDirect,
      online: counts.receivedOnline,
      postal: counts.receivedPostal,
    },
    carriedOver: counts.carriedOver,
    withdrawn: counts.withdrawn,
    denied: counts.denied,
    open: { total: open, onTrack, overdue: counts.openOverdue, waiting: counts.openWaiting },
    progressIndex,
    progressScore: progressIndex === null ? null : Math.round(progressIndex * 2000) / 100,
  };
}

export interface Period {
  from: LocalDate;
  to: LocalDate;
}

/** The moment open dossiers are judged at: the end of the period, or now if that is sooner. */
export function judgedAt(period: Period, now: Date): Date {
  const end = endOfLocalDay(period.to);
  return end.getTime() < now.getTime() ? end : now;
}

/** What the counting needs to know of one dossier. */
export interface DossierFacts {
  status: DossierStatus;
  channel: Channel;
  receivedAt: Date;
  dueAt: Date;
  resolvedAt?: Date | null;
  withdrawnAt?: Date | null;
}

/**
 * docs/figures.md §5 written out dossier by dossier. The service counts in SQL; this is the definition the
 * SQL is checked against, and documents the rules in one place.
 */
export function countDossiers(dossiers: Iterable<DossierFacts>, period: Period, now: Date): FigureCounts {
  const counts = zeroCounts();
  const at = judgedAt(period, now);
  const inPeriod = (date: LocalDate) => date >= period.from && date <= period.to;
  for (const d of dossiers) {
    const receivedOn = localDateOf(d.receivedAt);
    if (d.status === 'denied') {
      if (inPeriod(receivedOn)) counts.denied++;
      continue;
    }
    const settledOn = isSettled(d.status) && d.resolvedAt ? localDateOf(d.resolvedAt) : null;
    const withdrawnOn = d.status === 'withdrawn' && d.withdrawnAt ? localDateOf(d.withdrawnAt) : null;

    if (settledOn && inPeriod(settledOn)) {
      const timeliness: Timeliness = classifySettled(d.resolvedAt!, d.dueAt);
      counts[timeliness]++;
    }
    if (inPeriod(receivedOn)) {
      if (d.channel === 'direct') counts.receivedDirect++;
      else if (d.channel === 'online') counts.receivedOnline++;
      else counts.receivedPostal++;
    }
    if (receivedOn < period.from && !(settledOn && settledOn < period.from) && !(withdrawnOn && withdrawnOn < period.from)) {
      counts.carriedOver++;
    }
    if (withdrawnOn && inPeriod(withdrawnOn)) counts.withdrawn++;

    const openAtEnd =
      receivedOn <= period.to && !(settledOn && settledOn <= period.to) && !(withdrawnOn && withdrawnOn <= period.to);
    if (openAtEnd) {
      if (d.status === 'waiting') counts.openWaiting++;
      else if (at.getTime() > d.dueAt.getTime()) counts.openOverdue++;
      else counts.openOnTrack++;
    }
  }
  return counts;
}
