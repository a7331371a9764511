import { BadRequestException } from '@nestjs/common';
import { toSafeCsv } from '../common/csv';
import { Locale, formatCount, formatPercent, formatScore } from '../common/locale';
import { LocalDate, localDateOf } from '../common/local-time';
import { Figures, Period } from '../stats/figures';
import { parseDecimals } from '../stats/stats.dto';
import { StatsAnswer } from '../stats/stats.service';
import { resolvePeriod766 } from '../index766/period-766';
import { t, wordsOf } from '../i18n/i18n';
import { parseLang, queryText } from './widget-params';

/**
 * A unit's public results page (`/cong-khai/{unit}`, README "The public results page"): today's
 * units directly below it, each with its figures and the Decision 766 progress score, ranked
 * and sortable, with the unit's totals. Everything here is pure: the figures come in as the
 * stats' `groupBy=unit` answer, whose rows add up to its total.
 */

/** The columns a reader may sort by, in the order the page shows them. */
export const RESULT_SORTS = ['rank', 'name', 'settled', 'onTimePercent', 'late', 'latePercent', 'open', 'overdue', 'progressScore'] as const;
export type ResultSort = (typeof RESULT_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

/** The order a column is first sorted in: names and ranks from the top, late and overdue most first. */
const FIRST_ORDER: Record<ResultSort, SortOrder> = {
  rank: 'asc', name: 'asc', settled: 'desc', onTimePercent: 'desc', late: 'desc', latePercent: 'desc', open: 'desc', overdue: 'desc', progressScore: 'desc',
};

export interface ResultsQuery {
  period: Period & { label: string };
  sort: ResultSort;
  order: SortOrder;
  lang: Locale;
  decimals: number | undefined;
  /** The period was left to its default (the current year): links leave it out. */
  periodGiven: boolean;
  /** The unit's own settings the page defaults to: links leave out what equals them. */
  defaults: { lang: Locale; decimals: number | undefined };
}

/** One row: a unit directly below with its predecessors and subtree, or the unit's own dossiers. */
export interface ResultsRow extends Figures {
  /** By the 766 progress score, highest first (equal scores share a rank); null for the unit's own dossiers and for a unit with nothing to score. */
  rank: number | null;
  code: string;
  name: string;
  /** The unit's own dossiers (and those of retired units no row below carries), not a unit below. */
  own: boolean;
}


/** Reads the page's query; a malformed value is a 400 naming it, never replaced by a default. */
export function parseResultsQuery(query: Record<string, unknown>, now: Date, defaults: { lang?: Locale | null; decimals?: number | null } = {}): ResultsQuery {
  const periodText = queryText(query, 'period');
  const check = resolvePeriod766(periodText ?? localDateOf(now).slice(0, 4), undefined, undefined, now);
  if (!check.ok) throw new BadRequestException(check.reason);
  const sortText = queryText(query, 'sort') ?? 'rank';
  if (!(RESULT_SORTS as readonly string[]).includes(sortText)) throw new BadRequestException(`sort: must be one of ${RESULT_SORTS.join(', ')}`);
  const sort = sortText as ResultSort;
  const orderText = queryText(query, 'order') ?? FIRST_ORDER[sort];
  if (orderText !== 'asc' && orderText !== 'desc') throw new BadRequestException('order: must be asc or desc');
  const lang = parseLang(queryText(query, 'lang'), defaults.lang ?? 'vi');
  return {
    period: { ...check.period, label: check.label },
    sort,
    order: orderText,
    lang,
    decimals: parseDecimals(queryText(query, 'decimals')) ?? defaults.decimals ?? undefined,
    periodGiven: periodText !== undefined,
    defaults: { lang: defaults.lang ?? 'vi', decimals: defaults.decimals ?? undefined },
  };
}

/** The query of a link to the page with some choices changed: only what differs from the defaults, in a fixed order. */
export function resultsQueryString(query: ResultsQuery, change: Partial<Pick<ResultsQuery, 'sort' | 'order' | 'lang'>> = {}): string {
  const sort = change.sort ?? query.sort;
  const order = change.order ?? (change.sort !== undefined ? FIRST_ORDER[sort] : query.order);
  const lang = change.lang ?? query.lang;
  const pairs: [string, string][] = [];
  if (query.periodGiven) pairs.push(['period', query.period.label]);
  if (sort !== 'rank') pairs.push(['sort', sort]);
  if (order !== FIRST_ORDER[sort]) pairs.push(['order', order]);
  if (query.decimals !== undefined && query.decimals !== query.defaults.decimals) pairs.push(['decimals', String(query.decimals)]);
  if (lang !== query.defaults.lang) pairs.push(['lang', lang]);
  return new URLSearchParams(pairs).toString();
}

/** The rows of a `groupBy=unit` answer, ranked by the 766 progress score as the ranking ranks. */
export function rankedRows(answer: StatsAnswer): ResultsRow[] {
  const rows = answer.groups.map((group): ResultsRow => {
    const { key, label, ...figures } = group;
    const own = key === answer.unit.code;
    return { ...figures, rank: null, code: key, name: label, own };
  });
  const scored = rows.filter((row) => !row.own && row.progressScore !== null).sort((a, b) => b.progressScore! - a.progressScore! || byName(a, b));
  scored.forEach((row, i) => {
    row.rank = i > 0 && scored[i - 1].progressScore === row.progressScore ? scored[i - 1].rank : i + 1;
  });
  return rows;
}

const byName = (a: ResultsRow, b: ResultsRow) => a.name.localeCompare(b.name, 'vi');

/** A row's value for a column; null (nothing to show) sorts last whatever the order. */
function sortValue(row: ResultsRow, sort: ResultSort): number | string | null {
  switch (sort) {
    case 'rank': return row.rank;
    case 'name': return row.name;
    case 'settled': return row.settled.total;
    case 'onTimePercent': return row.onTimeRate;
    case 'late': return row.settled.late;
    case 'latePercent': return row.lateRate;
    case 'open': return row.open.total;
    case 'overdue': return row.open.overdue;
    case 'progressScore': return row.progressScore;
  }
}

/** The units below sorted as asked, ties by name; the unit's own dossiers stay last, out of the order. */
export function sortRows(rows: ResultsRow[], sort: ResultSort, order: SortOrder): ResultsRow[] {
  const sign = order === 'asc' ? 1 : -1;
  const compare = (a: ResultsRow, b: ResultsRow) => {
    const [x, y] = [sortValue(a, sort), sortValue(b, sort)];
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    const sorted = typeof x === 'string' ? x.localeCompare(y as string, 'vi') : x - (y as number);
    return sign * sorted || byName(a, b);
  };
  return [...rows.filter((row) => !row.own).sort(compare), ...rows.filter((row) => row.own)];
}

/** "Năm 2026", "Quý IV/2026", "6 tháng đầu năm 2026", "Tháng 11/2026" (en: "Year 2026", "Q4 2026", …). */
export function periodName(label: string, lang: Locale): string {
  const [year, part] = label.split('-');
  if (part === undefined) return t(lang, 'results.periods.year', { year });
  if (part.startsWith('Q')) return t(lang, 'results.periods.quarter', { quarter: lang === 'vi' ? ['I', 'II', 'III', 'IV'][Number(part[1]) - 1] : part[1], year });
  if (part.startsWith('H')) return part === 'H1' ? t(lang, 'results.periods.firstHalf', { year }) : t(lang, 'results.periods.secondHalf', { year });
  return t(lang, 'results.periods.month', { month: lang === 'vi' ? part : MONTH_NAMES[Number(part) - 1], year });
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface PeriodOption {
  value: string;
  label: string;
  selected: boolean;
}

/** The picker's choices: this year and the two before, their quarters up to now, the last twelve months; and the one asked for. */
export function periodOptions(today: LocalDate, chosen: string, lang: Locale): { label: string; options: PeriodOption[] }[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const years = [year, year - 1, year - 2].map(String);
  const quarters: string[] = [];
  for (let q = Math.ceil(month / 3); q >= 1; q--) quarters.push(`${year}-Q${q}`);
  for (let q = 4; q >= 1; q--) quarters.push(`${year - 1}-Q${q}`);
  const months: string[] = [];
  for (let back = 0; back < 12; back++) {
    const index = year * 12 + month - 1 - back;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  const groups = [
    { label: t(lang, 'results.picker.years'), values: years },
    { label: t(lang, 'results.picker.quarters'), values: quarters },
    { label: t(lang, 'results.picker.months'), values: months },
  ];
  if (!groups.some((group) => group.values.includes(chosen))) groups.push({ label: t(lang, 'results.picker.asked'), values: [chosen] });
  return groups.map((group) => ({ label: group.label, options: group.values.map((value) => ({ value, label: periodName(value, lang), selected: value === chosen })) }));
}

/** A row's cells as the page and the CSV show them, in the reader's locale. */
export function rowCells(row: Figures, lang: Locale) {
  const count = (value: number) => formatCount(value, lang);
  return {
    settled: count(row.settled.total),
    onTime: count(row.settled.early + row.settled.onTime),
    onTimePercent: formatPercent(row.onTimePercent, lang),
    late: count(row.settled.late),
    latePercent: formatPercent(row.latePercent, lang),
    open: count(row.open.total),
    overdue: count(row.open.overdue),
    progressScore: row.progressScore === null ? '—' : formatScore(row.progressScore, lang),
    hasLate: row.settled.late > 0,
    hasOverdue: row.open.overdue > 0,
  };
}

/** The page as a spreadsheet: a BOM, the headings in the page's language, a row per unit, the total last; counts as numbers. */
export function resultsCsv(rows: ResultsRow[], total: Figures, unitName: string, lang: Locale): string {
  const w = wordsOf(lang, 'results');
  const headings = [w.columns.rank, w.columns.code, w.columns.name, w.columns.received, w.columns.settled, w.columns.early, w.columns.onTime, w.columns.late,
    w.columns.onTimePercent, w.columns.latePercent, w.columns.open, w.columns.overdue, w.columns.progressScore];
  const line = (rank: number | null, code: string, name: string, f: Figures) => [
    rank ?? '', code, name, f.received.total, f.settled.total, f.settled.early, f.settled.onTime, f.settled.late,
    f.onTimePercent ?? '', f.latePercent ?? '', f.open.total, f.open.overdue, f.progressScore ?? '',
  ];
  const own = (row: ResultsRow) => (row.own ? t(lang, 'results.own', { name: row.name }) : row.name);
  return toSafeCsv(headings, [...rows.map((row) => line(row.rank, row.code, own(row), row)), line(null, '', `${w.total} – ${unitName}`, total)]);
}
