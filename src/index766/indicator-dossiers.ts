import { LocalDate } from '../common/local-time';
import { DossierStatus } from '../dossiers/classification';
import { facts766Of, finishedVerdict, openLateAt } from '../dossiers/progress-766';
import { Period } from '../stats/figures';
import { INDICATORS, Lang } from './indicators';

/**
 * Which dossiers cost an indicator its points, and why (SPEC §11: "each indicator drilling down
 * to the dossiers that cost points"). For every indicator but 5.4 the dossiers listed are
 * exactly its denominator less its numerator, as the rollups count them (rollups.ts
 * contributions766, stats/figures.ts count766): the SQL below picks them, or for 2.1 picks the
 * candidates that progress-766.ts then judges. 5.4 lists 2.1's late dossiers and those received
 * in the period with a complaint, each once.
 */

/** The indicators that have dossiers to list: the scored ones (2.2 is an average, not a share of dossiers). */
export const LISTED_INDICATORS = ['2.1', '3.3', '3.6', '4.1', '4.2', '4.3', '4.4', '4.5b', '5.4'] as const;
export type ListedIndicator = (typeof LISTED_INDICATORS)[number];
/** The indicators whose dossiers SQL alone selects (a fact of the record), as against 2.1 and 5.4. */
export type FactIndicator = Exclude<ListedIndicator, '2.1' | '5.4'>;

export type IndicatorCheck = { ok: true; id: ListedIndicator } | { ok: false; reason: string };

export function parseListedIndicator(raw: unknown): IndicatorCheck {
  const allowed = `must be one of ${LISTED_INDICATORS.join(', ')}`;
  if (raw === undefined || raw === null || raw === '') return { ok: false, reason: `indicator: is required; ${allowed}` };
  if (typeof raw !== 'string') return { ok: false, reason: `indicator: must be given once; ${allowed}` };
  if ((LISTED_INDICATORS as readonly string[]).includes(raw)) return { ok: true, id: raw as ListedIndicator };
  if (raw === '2.2') return { ok: false, reason: `indicator: 2.2 is an average time, no dossier costs it points; ${allowed}` };
  return { ok: false, reason: `indicator: ${allowed}` };
}

export function indicatorName(id: ListedIndicator, lang: Lang): string {
  return INDICATORS.find((definition) => definition.id === id)!.name[lang];
}

/** Why a dossier costs points. */
export const COST_REASONS = [
  'late', 'withdrawnLate', 'overdue', 'secondSupplement', 'supplementAfterDue',
  'notOnline', 'notPaidOnline', 'noElectronicResult', 'papersNotDigitized', 'resultNotDigitized',
  'noReusedData', 'noCitizenRepository', 'notVneidVerified', 'complaint',
] as const;
export type CostReason = (typeof COST_REASONS)[number];

export const REASON_WORDS: Record<CostReason, { vi: string; en: string }> = {
  late: { vi: 'giải quyết trễ hạn', en: 'settled late' },
  withdrawnLate: { vi: 'rút hồ sơ khi đã quá hạn', en: 'withdrawn after the deadline' },
  overdue: { vi: 'quá hạn', en: 'overdue' },
  secondSupplement: { vi: 'yêu cầu bổ sung hơn 1 lần', en: 'more than one supplement request' },
  supplementAfterDue: { vi: 'yêu cầu bổ sung sau hạn', en: 'supplement requested after the deadline' },
  notOnline: { vi: 'không nộp trực tuyến', en: 'not filed online' },
  notPaidOnline: { vi: 'có phí, chưa thanh toán trực tuyến', en: 'a fee not paid online' },
  noElectronicResult: { vi: 'chưa có kết quả điện tử', en: 'no electronic result' },
  papersNotDigitized: { vi: 'chưa số hóa thành phần hồ sơ', en: 'papers not digitised' },
  resultNotDigitized: { vi: 'chưa số hóa kết quả', en: 'result not digitised' },
  noReusedData: { vi: 'chưa tái sử dụng dữ liệu số hóa', en: 'digitised data not reused' },
  noCitizenRepository: { vi: 'chưa kết nối kho dữ liệu cá nhân', en: 'not linked to the citizen’s repository' },
  notVneidVerified: { vi: 'chưa xác thực VNeID', en: 'applicant not VNeID-verified' },
  complaint: { vi: 'có phản ánh, kiến nghị', en: 'a complaint was received' },
};

export function reasonText(reasons: readonly CostReason[], lang: Lang): string {
  return reasons.map((reason) => REASON_WORDS[reason][lang]).join('; ');
}

// ---------------------------------------------------------------- SQL (alias `d`, parameters :from, :to, :at)

const RECEIVED_IN_PERIOD = "d.status <> 'denied' AND d.receivedOn >= :from AND d.receivedOn <= :to";
/** 4.1 and 4.2 count the dossiers resolved in the period (rollups.ts: `results` on settledOn). */
const RESOLVED_IN_PERIOD = "d.status = 'resolved' AND d.settledOn >= :from AND d.settledOn <= :to";
/** A fact not said (null) counts as not done, as the rollups count only a true one. */
const notTrue = (column: string) => `COALESCE(d.${column}, 0) = 0`;

/** The dossiers an indicator's denominator counts and its numerator does not. */
export const FACT_CONDITIONS: Record<FactIndicator, string> = {
  '3.3': `${RECEIVED_IN_PERIOD} AND d.channel <> 'online'`,
  // feePayable is "paid online, or a fee": less paidOnline, that is a fee not paid online.
  '3.6': `${RECEIVED_IN_PERIOD} AND d.feeAmount > 0 AND d.paidOnline IS NULL`,
  '4.1': `${RESOLVED_IN_PERIOD} AND ${notTrue('electronicResult')}`,
  '4.2': `${RESOLVED_IN_PERIOD} AND (${notTrue('digitized')} OR ${notTrue('resultDigitized')})`,
  '4.3': `${RECEIVED_IN_PERIOD} AND ${notTrue('reusedData')}`,
  '4.4': `${RECEIVED_IN_PERIOD} AND ${notTrue('citizenRepository')}`,
  '4.5b': `${RECEIVED_IN_PERIOD} AND ${notTrue('vneidVerified')}`,
};

/**
 * The candidates for 2.1's late ones, judged one by one afterwards (progressReasons). What a
 * late verdict needs, whatever else progress-766.ts weighs: a finished dossier is late only with
 * a second request or when it finished after its due instant (the applicant's time is only ever
 * taken off); an open one only with a supplement request or past its due instant at `at`.
 * Finished in the period is settled or withdrawn in it; open at its end is open now, or settled
 * or withdrawn after it, received by its end. Each part is one read an index serves (by unit and
 * settledOn, withdrawnOn or status), so none reads a unit's whole history.
 */
const LATE_IF_FINISHED = '(d.supplementAgainAt IS NOT NULL OR COALESCE(d.resolvedAt, d.withdrawnAt) > d.dueAt)';
const LATE_IF_OPEN = '(d.supplementAt IS NOT NULL OR d.supplementAgainAt IS NOT NULL OR d.dueAt < :at)';
export const PROGRESS_CANDIDATES: readonly string[] = [
  `d.settledOn >= :from AND d.settledOn <= :to AND ${LATE_IF_FINISHED}`,
  `d.withdrawnOn >= :from AND d.withdrawnOn <= :to AND ${LATE_IF_FINISHED}`,
  `d.status IN ('processing', 'waiting') AND d.receivedOn <= :to AND ${LATE_IF_OPEN}`,
  `d.settledOn > :to AND d.receivedOn <= :to AND ${LATE_IF_OPEN}`,
  `d.withdrawnOn > :to AND d.receivedOn <= :to AND ${LATE_IF_OPEN}`,
];

/** 5.4's other half: received in the period with a complaint. */
export const COMPLAINT_CONDITION = `${RECEIVED_IN_PERIOD} AND COALESCE(d.complaint, 0) <> 0`;

// ---------------------------------------------------------------- judging one dossier

/** What the judging reads of a stored dossier (the columns of the same names). */
export interface StoredCosts {
  status: DossierStatus;
  receivedOn: LocalDate;
  settledOn: LocalDate | null;
  withdrawnOn: LocalDate | null;
  dueAt: Date;
  resolvedAt: Date | null;
  withdrawnAt: Date | null;
  supplementAt: Date | null;
  supplementDoneAt: Date | null;
  supplementAgainAt: Date | null;
  supplementDueMoved: boolean;
  complaint?: boolean | null;
  channel?: string;
  feeAmount?: number | null;
  paidOnline?: string | null;
  electronicResult?: boolean | null;
  digitized?: boolean | null;
  resultDigitized?: boolean | null;
  reusedData?: boolean | null;
  citizenRepository?: boolean | null;
  vneidVerified?: boolean | null;
}

const within = (day: LocalDate | null, period: Period) => day !== null && day >= period.from && day <= period.to;

/**
 * Why a dossier costs 2.1 its points in `period` (judged at `at` if open at its end), or [] when
 * it does not. The verdicts are progress-766.ts's; this only says which of its rules bit.
 */
export function progressReasons(row: StoredCosts, period: Period, at: Date): CostReason[] {
  if (row.status === 'denied') return [];
  // Built as the rollups build it: the row carries its rounds' summary in the same columns.
  const facts = facts766Of(row, row);
  const closedOn = row.settledOn ?? row.withdrawnOn;
  if (within(closedOn, period)) {
    if (finishedVerdict(facts) !== 'late') return [];
    const finishedAt = facts.finishedAt!.getTime();
    if (facts.supplementAgainAt !== null && facts.supplementAgainAt.getTime() <= finishedAt) return ['secondSupplement'];
    return [row.status === 'withdrawn' ? 'withdrawnLate' : 'late'];
  }
  const openAtEnd = row.receivedOn <= period.to && !(row.settledOn && row.settledOn <= period.to) && !(row.withdrawnOn && row.withdrawnOn <= period.to);
  if (!openAtEnd || !openLateAt(facts, at.getTime())) return [];
  const t = at.getTime();
  if (facts.supplementAgainAt !== null && facts.supplementAgainAt.getTime() <= t) return ['secondSupplement'];
  const roundOpen = facts.supplementAt !== null && facts.supplementAt.getTime() <= t && (facts.supplementDoneAt === null || facts.supplementDoneAt.getTime() > t);
  return [roundOpen ? 'supplementAfterDue' : 'overdue'];
}

/** 5.4: 2.1's late ones, and those received in the period with a complaint. */
export function satisfactionReasons(row: StoredCosts, period: Period, at: Date): CostReason[] {
  const reasons = progressReasons(row, period, at);
  if (row.status !== 'denied' && row.complaint && within(row.receivedOn, period)) reasons.push('complaint');
  return reasons;
}

/** Why a dossier FACT_CONDITIONS selected costs the indicator its points. */
export function factReasons(id: FactIndicator, row: Pick<StoredCosts, 'digitized' | 'resultDigitized'>): CostReason[] {
  switch (id) {
    case '3.3':
      return ['notOnline'];
    case '3.6':
      return ['notPaidOnline'];
    case '4.1':
      return ['noElectronicResult'];
    case '4.2':
      return [...(row.digitized ? [] : (['papersNotDigitized'] as const)), ...(row.resultDigitized ? [] : (['resultNotDigitized'] as const))];
    case '4.3':
      return ['noReusedData'];
    case '4.4':
      return ['noCitizenRepository'];
    case '4.5b':
      return ['notVneidVerified'];
  }
}

/** The list's order: by receipt, then code (then the row, for codes shared by two units). */
export function byReceipt(a: { receivedAt: Date; code: string; id: number }, b: { receivedAt: Date; code: string; id: number }): number {
  return a.receivedAt.getTime() - b.receivedAt.getTime() || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || a.id - b.id;
}
