import { formatCount } from '../../common/locale';
import { ReportModel, ReportRow } from '../report-model';
import { wordsOf } from '../../i18n/i18n';

/**
 * Form II.06a as the e-mail, its plain-text part and the XLSX attachment all lay it out: the
 * eleven figure columns in the form's order, their header groups, and the balance every report
 * checks its totals against.
 */

export const II06A_COLUMNS = [
  'receivedTotal',
  'receivedOnline',
  'receivedDirectAndPostal',
  'carriedOver',
  'settledTotal',
  'settledEarly',
  'settledOnTime',
  'settledLate',
  'openTotal',
  'openOnTrack',
  'openOverdue',
] as const;
export type II06aColumn = (typeof II06A_COLUMNS)[number];

/** The header groups of form II.06a and how many figure columns each spans. */
export const II06A_GROUPS = [
  { key: 'received', span: 4 },
  { key: 'settled', span: 4 },
  { key: 'open', span: 3 },
] as const;

/** A row's eleven figures in the order of II06A_COLUMNS. */
export function ii06aFigures(row: ReportRow): number[] {
  return [
    row.received.total,
    row.received.online,
    row.received.directAndPostal,
    row.carriedOver,
    row.settled.total,
    row.settled.early,
    row.settled.onTime,
    row.settled.late,
    row.open.total,
    row.open.onTrack,
    row.open.overdue,
  ];
}

/** received + carried over = settled + open + withdrawn, with the difference of the two sides. */
export interface BalanceCheck {
  received: number;
  carriedOver: number;
  settled: number;
  open: number;
  withdrawn: number;
  holds: boolean;
  /** (received + carriedOver) − (settled + open + withdrawn); 0 when it holds. */
  difference: number;
}

export function balanceCheck(totals: ReportRow): BalanceCheck {
  const left = totals.received.total + totals.carriedOver;
  const right = totals.settled.total + totals.open.total + totals.withdrawn;
  return {
    received: totals.received.total,
    carriedOver: totals.carriedOver,
    settled: totals.settled.total,
    open: totals.open.total,
    withdrawn: totals.withdrawn,
    holds: left === right,
    difference: left - right,
  };
}

/** "Kiểm tra: Tiếp nhận (X) + Kỳ trước chuyển qua (Y) = … ✓", from the totals; ✗ and the difference if it fails. */
export function balanceCheckLine(model: ReportModel): { text: string; holds: boolean } {
  const { locale } = model;
  const text = wordsOf(locale, 'report').check;
  const check = balanceCheck(model.totals);
  const count = (value: number) => formatCount(value, locale);
  const equation =
    `${text.label}: ${text.received} (${count(check.received)}) + ${text.carriedOver} (${count(check.carriedOver)}) = ` +
    `${text.settled} (${count(check.settled)}) + ${text.open} (${count(check.open)}) + ${text.withdrawn} (${count(check.withdrawn)})`;
  if (check.holds) return { text: `${equation} ✓`, holds: true };
  const signed = `${check.difference > 0 ? '+' : '-'}${count(Math.abs(check.difference))}`;
  return { text: `${equation} ✗ (${text.difference} ${signed})`, holds: false };
}
