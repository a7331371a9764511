/**
 * What the 766 scorecard migration ran (with scorecard-1764200000000.ts), as the code stood when it was written: the supplement
 * rounds read from the steps (docs/figures.md §10), 2.1's rules and the rollups with the
 * scorecard's counters (docs/figures.md §5, §11), the SQL helpers and the date arithmetic. A
 * migration must give the same tables on a database migrated today as on one migrated then, so
 * it runs this copy, never the live code (dossiers/, database/sql.ts, common/local-time.ts).
 * Do not edit: a later change to the rules is a new migration.
 */

export type LocalDate = string;
export type DossierStatus = 'processing' | 'waiting' | 'resolved' | 'refused' | 'withdrawn' | 'denied';
export type Channel = 'direct' | 'online' | 'postal';
export type Timeliness = 'early' | 'onTime' | 'late';
export type PaidOnline = 'dvcqg' | 'gateway';
const SETTLED_STATUSES: readonly DossierStatus[] = ['resolved', 'refused'];

function isSettled(status: DossierStatus): boolean {
  return SETTLED_STATUSES.includes(status);
}


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

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const OFFSET_MINUTES = 7 * 60;

function localDateOf(instant: Date): LocalDate {
  const [year, month, day] = civilFromDays(Math.floor((instant.getTime() + OFFSET_MINUTES * 60_000) / 86_400_000));
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** A supplement round: asked of the applicant, and (once they brought the papers) completed. */
interface SupplementRound {
  requestedAt: Date;
  completedAt: Date | null;
  /** How long the applicant held the dossier, in milliseconds; null while it is still with them. */
  heldMs: number | null;
}

/**
 * DVCQG status codes (NATIONAL.md §3): 5 asks for papers; 2 and 4 mean the desk has the dossier
 * again. A result (9, 10) straight after a request says nothing of when the papers came back, so
 * it does not close the round: taking the whole span off as the applicant's would flatter the desk.
 */
const ASKS = 5;
const BACK_AT_DESK: ReadonlySet<number> = new Set([2, 4]);

/**
 * A dossier's supplement rounds from its steps, in order (docs/figures.md §10): a request opens a
 * round (a second request while one is open is the same round, re-sent); the next step that
 * shows the desk working on it again (2, 4) closes it. Results (9, 10), stops (8) and withdrawals (7) leave it open.
 */
function supplementRounds(steps: readonly { statusCode: number; at: Date }[]): SupplementRound[] {
  const rounds: SupplementRound[] = [];
  let open: SupplementRound | null = null;
  for (const step of [...steps].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (step.statusCode === ASKS) {
      if (open === null) rounds.push((open = { requestedAt: step.at, completedAt: null, heldMs: null }));
    } else if (open !== null && BACK_AT_DESK.has(step.statusCode)) {
      open.completedAt = step.at;
      open.heldMs = step.at.getTime() - open.requestedAt.getTime();
      open = null;
    }
  }
  return rounds;
}

type Verdict766 = 'onTime' | 'late';

/** What the steps say of a dossier's supplement rounds: all 2.1 needs of them (stored on the dossier). */
export interface Supplement766 {
  /** The first round's request (DVCQG status 5). */
  supplementAt: Date | null;
  /** When the desk had the dossier back after it (2 or 4); null while the applicant holds it. */
  supplementDoneAt: Date | null;
  /** The second round's request: from then on the dossier is overdue. */
  supplementAgainAt: Date | null;
  /** The due date was moved for the first round (the record's round names a new one): nothing is taken off. */
  supplementDueMoved: boolean;
}

const NO_SUPPLEMENT: Supplement766 = { supplementAt: null, supplementDoneAt: null, supplementAgainAt: null, supplementDueMoved: false };

export interface StepLike {
  statusCode: number;
  at: Date;
  stepDueAt?: Date | null;
  origin?: string;
}

/** The summary of a dossier's supplement rounds from its steps (supplements.ts reads the rounds). */
export function supplementOf(steps: readonly StepLike[]): Supplement766 {
  const rounds = supplementRounds(steps);
  if (rounds.length === 0) return NO_SUPPLEMENT;
  const [first, second] = rounds;
  const done = first.completedAt;
  // A round a record lists carries the due date it moved to (NgayHenTraMoi) on its completion step.
  const moved = done !== null && steps.some((step) => step.at.getTime() === done.getTime() && step.origin === 'record' && (step.statusCode === 2 || step.statusCode === 4) && step.stepDueAt != null);
  return { supplementAt: first.requestedAt, supplementDoneAt: done, supplementAgainAt: second?.requestedAt ?? null, supplementDueMoved: moved };
}

/** What 2.1 needs of one dossier. */
interface Facts766 extends Supplement766 {
  status: DossierStatus;
  /** The current due instant (DVCQG's NgayHenTra). */
  dueAt: Date;
  /** The end of processing: resolvedAt for a settled dossier, withdrawnAt for a withdrawn one. */
  finishedAt: Date | null;
}

const FINISHED: readonly DossierStatus[] = ['resolved', 'refused', 'withdrawn'];

/** How long the applicant held the dossier in its first round, in ms, once that round was completed by `t` (else 0). */
function applicantHeldMs(f: Supplement766, t: number): number {
  if (f.supplementAt === null || f.supplementDoneAt === null || f.supplementDoneAt.getTime() > t) return 0;
  return f.supplementDoneAt.getTime() - f.supplementAt.getTime();
}

/** The time taken off the processing time by `t`: the applicant's, unless the due date was moved for it. */
function heldBy(f: Supplement766, t: number): number {
  return f.supplementDueMoved ? 0 : applicantHeldMs(f, t);
}

/** Whether a dossier that finished at `finishedAt` finished late. */
function finishedLate(f: Facts766, finishedAt: number): boolean {
  if (f.supplementAgainAt !== null && f.supplementAgainAt.getTime() <= finishedAt) return true;
  return finishedAt - heldBy(f, finishedAt) > f.dueAt.getTime();
}

/** Whether a dossier still open at `t` is overdue by 2.1's rules at that moment. */
function openLateAt(f: Facts766, t: number): boolean {
  if (f.supplementAgainAt !== null && f.supplementAgainAt.getTime() <= t) return true;
  if (f.supplementAt !== null && f.supplementAt.getTime() <= t) {
    const open = f.supplementDoneAt === null || f.supplementDoneAt.getTime() > t;
    if (open) return f.supplementAt.getTime() > f.dueAt.getTime();
    return t - heldBy(f, t) > f.dueAt.getTime();
  }
  if (f.status === 'waiting' && f.supplementAt === null) return false;
  return t > f.dueAt.getTime();
}

/** The verdict of a dossier that finished (settled or withdrawn); null for one that has not, or was never received. */
function finishedVerdict(f: Facts766): Verdict766 | null {
  if (!FINISHED.includes(f.status) || f.finishedAt === null) return null;
  return finishedLate(f, f.finishedAt.getTime()) ? 'late' : 'onTime';
}

const DAY_MS = 86_400_000;
const OFFSET_MS = 7 * 3_600_000;

function dayNumber(date: LocalDate): number {
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** The first local day at whose end (23:59:59.999) `instant` has passed (rollups.ts overdueFrom). */
function firstDayAfter(instant: number): LocalDate {
  const local = instant + OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  return localDateOf(new Date((local < day * DAY_MS + DAY_MS - 1 ? day : day + 1) * DAY_MS - OFFSET_MS));
}

/**
 * The days on whose end a dossier is open and overdue by 2.1, as +1 on the first of each run of
 * such days and −1 on the day after it: summed up to day T, the count of dossiers open and
 * overdue at the end of T. Open means received by T and closed (settled or withdrawn) after T;
 * `closedOn` is the closing day. The verdict only changes on the days of the rounds' steps and
 * on the first days past the due instants, so it is judged on those days and held in between.
 */
function openLateDays(f: Facts766, receivedOn: LocalDate, closedOn: LocalDate | null, add: (day: LocalDate, delta: 1 | -1) => void): void {
  if (f.status === 'denied') return;
  const candidates = new Set<LocalDate>([receivedOn, firstDayAfter(f.dueAt.getTime())]);
  if (f.supplementAt) candidates.add(localDateOf(f.supplementAt));
  if (f.supplementDoneAt) {
    candidates.add(localDateOf(f.supplementDoneAt));
    candidates.add(firstDayAfter(f.dueAt.getTime() + heldBy(f, f.supplementDoneAt.getTime())));
  }
  if (f.supplementAgainAt) candidates.add(localDateOf(f.supplementAgainAt));
  const days = [...candidates].filter((day) => day >= receivedOn && (closedOn === null || day < closedOn)).sort();
  let late = false;
  for (const day of days) {
    const now = openLateAt(f, (dayNumber(day) + 1) * DAY_MS - OFFSET_MS - 1);
    if (now !== late) add(day, now ? 1 : -1);
    late = now;
  }
  if (late && closedOn !== null) add(closedOn, -1);
}

export const ROLLUP_COLUMNS = [
  'receivedDirect', 'receivedOnline', 'receivedPostal', 'denied', 'early', 'onTime', 'late', 'withdrawn', 'waiting', 'overdue',
  'onTime766', 'late766', 'openLate766', 'resolvedReceived', 'resolutionMinutes', 'results', 'electronicResults', 'digitizedResults',
  'reusedData', 'citizenRepository', 'vneidVerified', 'complaints', 'feePayable', 'paidOnline',
] as const;
type RollupColumn = (typeof ROLLUP_COLUMNS)[number];
type RollupCounters = Record<RollupColumn, number>;

/** The bucket of the `*` row: every day of the unit at once (its running balance). */
const ALL_TIME = '*';

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

function zeroCounters(): RollupCounters {
  return Object.fromEntries(ROLLUP_COLUMNS.map((column) => [column, 0])) as RollupCounters;
}

const RECEIVED: Record<Channel, RollupColumn> = { direct: 'receivedDirect', online: 'receivedOnline', postal: 'receivedPostal' };

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
  const finishedAt = facts.status === 'withdrawn' ? facts.withdrawnAt : isSettled(facts.status) ? facts.resolvedAt : null;
  const closedOn = facts.settledOn ?? facts.withdrawnOn;
  const f766 = { status: facts.status, dueAt: facts.dueAt, finishedAt: closedOn === null ? null : finishedAt, ...facts.supplement };
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
interface RollupChange {
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

