import { LocalDate } from '../../common/local-time';
import { Channel, DossierStatus, PaidOnline, Timeliness } from '../classification';
import { Supplement766, applicantHeldMs, facts766Of, finishedVerdict, openLateDays, overdueFrom } from '../progress-766';

/**
 * Rollup rows: what each dossier adds to the counters of the days (and months) its events fall
 * on. Figures for any period are then sums over days, plus a running balance (the `*` row of
 * each unit) for what is open now; see stats/rollup-store.ts for how docs/figures.md §5 is read back from them.
 *
 * A dossier contributes:
 * - `denied` on the day it was received, when denied (and nothing else);
 * - otherwise `received<Channel>` on the day it was received;
 * - `early`, `onTime` or `late` on the day it was settled;
 * - `withdrawn` on the day it was withdrawn;
 * - `waiting` on the day it was received, while its status is `waiting` (the status is today's,
 *   as in the SQL definition);
 * - `overdue` +1 on the first day at whose end it is overdue and still open, and −1 on the day it
 *   closed, when it closed later than that. Summed up to day T, that is the number of dossiers
 *   open and overdue at the end of T.
 * and for the Decision 766 scorecard (docs/figures.md §11; progress-766.ts defines 2.1):
 * - `onTime766` or `late766` on the day it finished (settled or withdrawn), by 2.1's rules;
 * - `openLate766` +1 on each first day at whose end it is open and overdue by 2.1, −1 on the day
 *   after such a run (or the day it closed): summed up to day T, open and overdue at the end of T;
 * - `resolvedReceived` and `resolutionMinutes` (the time it took, less the applicant's) on the day
 *   it was received, once resolved (2.2 counts dossiers by their receipt);
 * - `results`, `electronicResults`, `digitizedResults` on the day it was resolved (4.1, 4.2);
 * - `reusedData`, `citizenRepository`, `vneidVerified`, `complaints`, `feePayable`, `paidOnline`
 *   on the day it was received (4.3, 4.4, 4.5b, 5.4, payments).
 * Every write subtracts what the stored version contributed and adds what the new one does, in
 * the same transaction as the dossier, so the rollups stay exact under updates and
 * re-classification.
 */
export const ROLLUP_COLUMNS = [
  'receivedDirect', 'receivedOnline', 'receivedPostal', 'denied', 'early', 'onTime', 'late', 'withdrawn', 'waiting', 'overdue',
  'onTime766', 'late766', 'openLate766', 'resolvedReceived', 'resolutionMinutes', 'results', 'electronicResults', 'digitizedResults',
  'reusedData', 'citizenRepository', 'vneidVerified', 'complaints', 'feePayable', 'paidOnline',
] as const;
export type RollupColumn = (typeof ROLLUP_COLUMNS)[number];
export type RollupCounters = Record<RollupColumn, number>;

/** The bucket of the `*` row: every day of the unit at once (its running balance). */
export const ALL_TIME = '*';

/** What a dossier's contribution depends on: the stored columns of the same names. */
export interface RollupFacts {
  status: DossierStatus;
  field: string;
  channel: Channel;
  receivedOn: LocalDate;
  settledOn: LocalDate | null;
  withdrawnOn: LocalDate | null;
  timeliness: Timeliness | null;
  dueAt: Date;
  receivedAt: Date;
  resolvedAt: Date | null;
  withdrawnAt: Date | null;
  /** The record's §11 facts (null: not said, which counts as not done). */
  electronicResult: boolean | null;
  digitized: boolean | null;
  resultDigitized: boolean | null;
  reusedData: boolean | null;
  citizenRepository: boolean | null;
  vneidVerified: boolean | null;
  feeAmount: number | null;
  paidOnline: PaidOnline | null;
  complaint: boolean | null;
  /** What its steps say of its supplement rounds (progress-766.ts). */
  supplement: Supplement766;
}

export function zeroCounters(): RollupCounters {
  return Object.fromEntries(ROLLUP_COLUMNS.map((column) => [column, 0])) as RollupCounters;
}

const RECEIVED: Record<Channel, RollupColumn> = { direct: 'receivedDirect', online: 'receivedOnline', postal: 'receivedPostal' };

/** Calls `add(day, column, +1 or −1)` for each contribution of one dossier. */
export function contributions(facts: RollupFacts, add: (day: LocalDate, column: RollupColumn, delta: number) => void): void {
  if (facts.status === 'denied') {
    add(facts.receivedOn, 'denied', 1);
    return;
  }
  add(facts.receivedOn, RECEIVED[facts.channel], 1);
  if (facts.settledOn && facts.timeliness) add(facts.settledOn, facts.timeliness, 1);
  if (facts.withdrawnOn) add(facts.withdrawnOn, 'withdrawn', 1);
  contributions766(facts, add);
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

const MINUTE_MS = 60_000;

/** The 766 scorecard's counters of one (received) dossier. */
function contributions766(facts: RollupFacts, add: (day: LocalDate, column: RollupColumn, delta: number) => void): void {
  const closedOn = facts.settledOn ?? facts.withdrawnOn;
  const f766 = facts766Of(facts, facts.supplement);
  const verdict = finishedVerdict(f766);
  if (verdict && closedOn) add(closedOn, verdict === 'onTime' ? 'onTime766' : 'late766', 1);
  openLateDays(f766, facts.receivedOn, closedOn, (day, delta) => add(day, 'openLate766', delta));
  if (facts.status === 'resolved' && facts.settledOn && facts.resolvedAt) {
    add(facts.receivedOn, 'resolvedReceived', 1);
    add(facts.receivedOn, 'resolutionMinutes', Math.max(0, Math.round((facts.resolvedAt.getTime() - facts.receivedAt.getTime() - applicantHeldMs(facts.supplement, facts.resolvedAt.getTime())) / MINUTE_MS)));
    add(facts.settledOn, 'results', 1);
    if (facts.electronicResult) add(facts.settledOn, 'electronicResults', 1);
    if (facts.digitized && facts.resultDigitized) add(facts.settledOn, 'digitizedResults', 1);
  }
  if (facts.reusedData) add(facts.receivedOn, 'reusedData', 1);
  if (facts.citizenRepository) add(facts.receivedOn, 'citizenRepository', 1);
  if (facts.vneidVerified) add(facts.receivedOn, 'vneidVerified', 1);
  if (facts.complaint) add(facts.receivedOn, 'complaints', 1);
  if (facts.paidOnline !== null || (facts.feeAmount ?? 0) > 0) add(facts.receivedOn, 'feePayable', 1);
  if (facts.paidOnline !== null) add(facts.receivedOn, 'paidOnline', 1);
}

export type RollupTable = 'day' | 'month' | 'fieldDay' | 'fieldMonth';

/**
 * One rollup row to add to: a day (`YYYY-MM-DD`), a month (`YYYY-MM`) or ALL_TIME; per unit, and
 * in the `field…` tables per unit, field and channel too (for rows by field or by channel).
 */
export interface RollupChange {
  table: RollupTable;
  unitId: number;
  bucket: string;
  /** Only in the `field…` tables. */
  field?: string;
  channel?: Channel;
  counters: RollupCounters;
}

/**
 * The changes a batch of writes makes to the rollups, summed per row: `remove` what a stored
 * version contributed, `add` what the new one does. Rows whose changes cancel out are left out.
 */
export class RollupDelta {
  private readonly rows = new Map<string, RollupChange>();

  add(unitId: number, facts: RollupFacts): void {
    this.apply(unitId, facts, 1);
  }

  remove(unitId: number, facts: RollupFacts): void {
    this.apply(unitId, facts, -1);
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
