import { LocalDate, civilFromDays } from '../../common/local-time';
import { Channel, DossierStatus, Timeliness } from '../classification';

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
 * Every write subtracts what the stored version contributed and adds what the new one does, in
 * the same transaction as the dossier, so the rollups stay exact under updates and
 * re-classification.
 */
export const ROLLUP_COLUMNS = [
  'receivedDirect', 'receivedOnline', 'receivedPostal', 'denied', 'early', 'onTime', 'late', 'withdrawn', 'waiting', 'overdue',
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
}

export function zeroCounters(): RollupCounters {
  return { receivedDirect: 0, receivedOnline: 0, receivedPostal: 0, denied: 0, early: 0, onTime: 0, late: 0, withdrawn: 0, waiting: 0, overdue: 0 };
}

const RECEIVED: Record<Channel, RollupColumn> = { direct: 'receivedDirect', online: 'receivedOnline', postal: 'receivedPostal' };
const DAY_MS = 86_400_000;
const OFFSET_MS = 7 * 3_600_000;

/**
 * The first local day at whose end (23:59:59.999, Vietnam time) `dueAt` has passed: the
 * deadline's own day, or the next one for a deadline at the very last millisecond of its day.
 */
export function overdueFrom(dueAt: Date): LocalDate {
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
export function contributions(facts: RollupFacts, add: (day: LocalDate, column: RollupColumn, delta: number) => void): void {
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
