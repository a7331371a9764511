import { LocalDate, endOfLocalDay, localDateOf } from '../common/local-time';
import { Channel, DossierStatus, Timeliness, classifySettled, isSettled } from '../dossiers/classification';
import { NO_SUPPLEMENT, Supplement766, applicantHeldMs, facts766Of, finishedVerdict, openLateAt } from '../dossiers/progress-766';
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
  // Decision 766, docs/figures.md §11 (progress-766.ts): 2.1 by DVCQG's rules.
  /** finished (settled or withdrawn) in the period, on time or late by 2.1 */
  onTime766: number;
  late766: number;
  /** open at the end, overdue by 2.1 */
  openLate766: number;
  // The rest of the scorecard's dossier counts (rollups.ts says on which day each is counted).
  resolvedReceived: number;
  resolutionMinutes: number;
  results: number;
  electronicResults: number;
  digitizedResults: number;
  reusedData: number;
  citizenRepository: number;
  vneidVerified: number;
  complaints: number;
  feePayable: number;
  paidOnline: number;
}

export const COUNT_KEYS: readonly (keyof FigureCounts)[] = [
  'early', 'onTime', 'late', 'receivedDirect', 'receivedOnline', 'receivedPostal',
  'carriedOver', 'withdrawn', 'denied', 'openOverdue', 'openWaiting', 'openOnTrack',
  'onTime766', 'late766', 'openLate766', 'resolvedReceived', 'resolutionMinutes', 'results', 'electronicResults', 'digitizedResults',
  'reusedData', 'citizenRepository', 'vneidVerified', 'complaints', 'feePayable', 'paidOnline',
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
  /**
   * Decision 766/QĐ-TTg indicator 2.1 "tiến độ giải quyết" by DVCQG's rules (docs/figures.md §11):
   * (finished on time + open within deadline) / (finished + open at the end), where finished
   * counts withdrawals too, a second supplement request makes a dossier overdue and one waiting
   * for papers is judged at the request. Not II.06a's "trong hạn", which counts every waiting
   * dossier as within its deadline.
   */
  progressIndex: number | null;
  /** progressIndex × 20 points, two decimals: indicator 2.1's points ({@link roundPoints}). */
  progressScore: number | null;
  /** The counts progressIndex is the ratio of: finished in the period on time or late, and open at the end overdue, by 2.1. */
  progress766: { finishedOnTime: number; finishedLate: number; openLate: number };
}

export function deriveFigures(counts: FigureCounts, decimals = DEFAULT_DECIMALS): Figures {
  const { early, onTime, late } = counts;
  const settled = early + onTime + late;
  const percents = percentPair(early + onTime, late, decimals);
  const onTrack = counts.openOnTrack + counts.openWaiting;
  const open = onTrack + counts.openOverdue;
  const progressIndex = progressIndexOf(counts);
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
    progressScore: progressIndex === null ? null : roundPoints(PROGRESS_MAX_POINTS * progressIndex),
    progress766: { finishedOnTime: counts.onTime766, finishedLate: counts.late766, openLate: counts.openLate766 },
  };
}

/** The points indicator 2.1 (tiến độ giải quyết) has at stake in the Decision 766 index. */
export const PROGRESS_MAX_POINTS = 20;

/**
 * A 766 score rounded half up to two decimals: the one rounding of the stats' progressScore and
 * of every indicator's points on the scorecard, so 2.1 is one number wherever it is shown (201 of
 * 800 on time is 5.025 points: 5.03 in both, where rounding 0.25125 × 2000 gave 5.02).
 */
export function roundPoints(exact: number): number {
  return Math.round(exact * 100 + 1e-9) / 100;
}

/** 2.1's ratio from the counts: null when nothing was finished in the period or open at its end. */
export function progressIndexOf(counts: FigureCounts): number | null {
  const open = counts.openOnTrack + counts.openWaiting + counts.openOverdue;
  return rate(counts.onTime766 + open - counts.openLate766, counts.onTime766 + counts.late766 + open);
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
  /** What its steps say of its supplement rounds (none when absent). */
  supplement?: Supplement766;
  /** The record's §11 facts (absent: not said). */
  electronicResult?: boolean | null;
  digitized?: boolean | null;
  resultDigitized?: boolean | null;
  reusedData?: boolean | null;
  citizenRepository?: boolean | null;
  vneidVerified?: boolean | null;
  feeAmount?: number | null;
  paidOnline?: string | null;
  complaint?: boolean | null;
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
    count766(counts, d, { receivedOn, settledOn, withdrawnOn, openAtEnd, at }, inPeriod);
  }
  return counts;
}

/** docs/figures.md §11's counts of one received dossier (the rollups count the same, day by day). */
function count766(
  counts: FigureCounts,
  d: DossierFacts,
  on: { receivedOn: LocalDate; settledOn: LocalDate | null; withdrawnOn: LocalDate | null; openAtEnd: boolean; at: Date },
  inPeriod: (date: LocalDate) => boolean,
): void {
  const closedOn = on.settledOn ?? on.withdrawnOn;
  const supplement = d.supplement ?? NO_SUPPLEMENT;
  const facts = facts766Of(d, supplement);
  if (closedOn && inPeriod(closedOn)) counts[finishedVerdict(facts) === 'onTime' ? 'onTime766' : 'late766']++;
  if (on.openAtEnd && openLateAt(facts, on.at.getTime())) counts.openLate766++;
  if (d.status === 'resolved' && on.settledOn && d.resolvedAt) {
    if (inPeriod(on.receivedOn)) {
      counts.resolvedReceived++;
      counts.resolutionMinutes += Math.max(0, Math.round((d.resolvedAt.getTime() - d.receivedAt.getTime() - applicantHeldMs(supplement, d.resolvedAt.getTime())) / 60_000));
    }
    if (inPeriod(on.settledOn)) {
      counts.results++;
      if (d.electronicResult) counts.electronicResults++;
      if (d.digitized && d.resultDigitized) counts.digitizedResults++;
    }
  }
  if (!inPeriod(on.receivedOn)) return;
  if (d.reusedData) counts.reusedData++;
  if (d.citizenRepository) counts.citizenRepository++;
  if (d.vneidVerified) counts.vneidVerified++;
  if (d.complaint) counts.complaints++;
  if ((d.paidOnline ?? null) !== null || (d.feeAmount ?? 0) > 0) counts.feePayable++;
  if ((d.paidOnline ?? null) !== null) counts.paidOnline++;
}
