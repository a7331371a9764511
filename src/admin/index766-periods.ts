import { Locale, formatCount, formatScore } from '../common/locale';
import { DomainError } from '../common/domain-error';
import { LocalDate } from '../common/local-time';
import { resolvePeriod766 } from '../index766/period-766';
import { t, wordsOf } from '../i18n/i18n';
import { monthLabel } from './dashboard-view';
import { pointsText } from './index766-view';

/**
 * The Decision 766 pages' period picker and twelve-month trend, as pure functions: the periods a
 * leader can pick (those that have begun), their names, and the trend drawn as an inline SVG on
 * the server, so the page needs no script (the console's policy allows none inline) and a month
 * without dossiers is a gap in the line, never a 0.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11" → "Tháng 11/2026", "2026-Q4" → "Quý 4/2026", "2026-H1", "2026"; anything else as given. */
export function periodName(label: string, lang: Locale): string {
  let match = /^(\d{4})-(\d{2})$/.exec(label);
  if (match) return t(lang, 'scorecard.monthLabel', { month: match[2], year: match[1] });
  if ((match = /^(\d{4})-Q([1-4])$/.exec(label))) return t(lang, 'scorecard.quarterLabel', { quarter: match[2], year: match[1] });
  if ((match = /^(\d{4})-H([12])$/.exec(label))) return t(lang, match[2] === '1' ? 'scorecard.firstHalfLabel' : 'scorecard.secondHalfLabel', { year: match[1] });
  if (/^\d{4}$/.test(label)) return t(lang, 'scorecard.yearLabel', { year: label });
  return label;
}

export interface PeriodOption {
  value: string;
  label: string;
  selected: boolean;
}

export interface PeriodChoice {
  groups: { label: string; options: PeriodOption[] }[];
  /** The period asked for when the lists do not hold it (an older month, say), shown first. */
  extra: PeriodOption | null;
}

const NAMED_PERIOD = /^\d{4}(-(\d{2}|Q[1-4]|H[12]))?$/;

/**
 * The periods that have begun by `today`: the last 24 months, and the quarters, halves and years
 * of this year and the two before, newest first. `selected` is marked (and added when not listed).
 */
export function periodChoice(today: LocalDate, selected: string, lang: Locale): PeriodChoice {
  const words = wordsOf(lang, 'scorecard');
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const option = (value: string): PeriodOption => ({ value, label: periodName(value, lang), selected: value === selected });
  const months = Array.from({ length: 24 }, (_, i) => {
    const index = year * 12 + (month - 1) - i;
    return option(`${Math.floor(index / 12)}-${pad((index % 12) + 1)}`);
  });
  const parts = (kind: 'Q' | 'H', length: number) =>
    [year, year - 1, year - 2].flatMap((y) =>
      Array.from({ length }, (_, i) => length - i)
        .filter((n) => y < year || (n - 1) * (12 / length) + 1 <= month)
        .map((n) => option(`${y}-${kind}${n}`)),
    );
  const groups = [
    { label: words.periodMonths, options: months },
    { label: words.periodQuarters, options: parts('Q', 4) },
    { label: words.periodHalves, options: parts('H', 2) },
    { label: words.periodYears, options: [year, year - 1, year - 2].map((y) => option(String(y))) },
  ];
  const listed = groups.some((group) => group.options.some((item) => item.selected));
  return { groups, extra: !listed && NAMED_PERIOD.test(selected) ? option(selected) : null };
}

/** A day long after any period a page can be asked for: a period valid by then has only not begun yet. */
const FAR_FUTURE = new Date('2100-12-31T00:00:00Z');

/**
 * A period the scorecard refused (400), as the page says it: what to do in the reader's words,
 * and the service's own message under it. Null for any other error (the console's error page).
 */
export function periodRefusal(error: unknown, period: unknown, lang: Locale): { message: string; detail: string } | null {
  if (!(error instanceof DomainError) || error.refusal !== 'invalid') return null;
  const asked = typeof period === 'string' ? period : String(period ?? '');
  const notBegun = resolvePeriod766(period, undefined, undefined, FAR_FUTURE).ok;
  return {
    message: notBegun ? t(lang, 'scorecard.notBegun', { period: periodName(asked, lang) }) : t(lang, 'scorecard.badPeriod', { period: asked }),
    detail: t(lang, 'scorecard.serviceSaid', { message: error.message }),
  };
}

/** The twelve months ("YYYY-MM", oldest first) ending with the period's last month, or this month if that is later. */
export function trendMonthKeys(periodTo: LocalDate, today: LocalDate, count = 12): string[] {
  const end = periodTo.slice(0, 7) < today.slice(0, 7) ? periodTo : today;
  const last = Number(end.slice(0, 4)) * 12 + Number(end.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const index = last - (count - 1) + i;
    return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
  });
}

export interface TrendMonthPoints {
  key: string;
  points: number | null;
  maxPoints: number;
}

export interface TrendSvg {
  width: number;
  height: number;
  title: string;
  plot: { left: number; right: number; top: number; bottom: number };
  /** Where the axis labels stand: the points left of the plot, the months (and years) under it. */
  labels: { axisX: number; monthY: number; yearY: number };
  grid: { y: number; label: string }[];
  months: { x: number; label: string; year: string | null }[];
  /** One polyline's points per run of months with points: a month without any breaks the line. */
  lines: string[];
  dots: { cx: number; cy: number; title: string }[];
  hasPoints: boolean;
  /** The same figures as a table, the chart's text equivalent. */
  rows: { key: string; label: string; points: string }[];
}

// About as wide as a phone shows it, so its words stay readable there without scrolling.
const WIDTH = 420;
const HEIGHT = 260;
const PLOT = { left: 34, right: WIDTH - 10, top: 14, bottom: HEIGHT - 44 };
const round1 = (value: number) => Math.round(value * 10) / 10;

/** A tick step that gives at most five steps up to `max`. */
function tickStep(max: number): number {
  return [1, 2, 5, 10, 20, 25, 50, 100].find((step) => max / step <= 5) ?? Math.ceil(max / 5);
}

/** The trend's geometry in the SVG's own units (a viewBox of 420 × 260), points on a 0…maxPoints scale. */
export function trendSvg(months: TrendMonthPoints[], lang: Locale): TrendSvg {
  const max = Math.max(1, ...months.map((month) => Math.max(month.maxPoints, month.points ?? 0)));
  const step = (PLOT.right - PLOT.left) / Math.max(1, months.length);
  const xOf = (i: number) => round1(PLOT.left + step * (i + 0.5));
  const yOf = (points: number) => round1(PLOT.bottom - ((PLOT.bottom - PLOT.top) * Math.max(0, points)) / max);
  const lines: string[] = [];
  let run: string[] = [];
  months.forEach((month, i) => {
    if (month.points === null) {
      if (run.length > 1) lines.push(run.join(' '));
      run = [];
      return;
    }
    run.push(`${xOf(i)},${yOf(month.points)}`);
  });
  if (run.length > 1) lines.push(run.join(' '));
  const tick = tickStep(max);
  const label = (key: string) => monthLabel(key);
  const first = months[0]?.key ?? '';
  const last = months[months.length - 1]?.key ?? '';
  return {
    width: WIDTH,
    height: HEIGHT,
    title: t(lang, 'scorecard.trendLabel', { from: label(first), to: label(last), max: formatCount(max, lang) }),
    plot: PLOT,
    labels: { axisX: PLOT.left - 6, monthY: PLOT.bottom + 18, yearY: PLOT.bottom + 34 },
    grid: Array.from({ length: Math.floor(max / tick) + 1 }, (_, i) => ({ y: yOf(i * tick), label: formatCount(i * tick, lang) })),
    months: months.map((month, i) => ({ x: xOf(i), label: month.key.slice(5), year: i === 0 || month.key.endsWith('-01') ? month.key.slice(0, 4) : null })),
    lines,
    dots: months.flatMap((month, i) =>
      month.points === null ? [] : [{ cx: xOf(i), cy: yOf(month.points), title: t(lang, 'scorecard.trendPoint', { month: label(month.key), points: formatScore(month.points, lang) }) }],
    ),
    hasPoints: months.some((month) => month.points !== null),
    rows: months.map((month) => ({ key: month.key, label: label(month.key), points: pointsText(month.points, month.maxPoints, lang) })),
  };
}
