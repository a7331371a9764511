import { formatLocalDate, formatLocalDateTime } from '../common/local-time';
import { Locale, formatCount, formatPercent, formatScore } from '../common/locale';
import { CHANNELS, Channel } from '../dossiers/classification';
import { Figures, Period } from '../stats/figures';
import { StatsAnswer, StatsGroupAnswer } from '../stats/stats.service';
import { AreaWords, t, wordsOf } from '../i18n/i18n';

/** The figure columns of a detail-page row, in the order they are shown. */
export const FIGURE_COLUMNS = ['received', 'settled', 'early', 'onTime', 'late', 'onTimePercent', 'latePercent', 'open', 'overdue'] as const;
export type FigureColumn = (typeof FIGURE_COLUMNS)[number];

type DetailWords = AreaWords<'widget'>['detail'];
/** Compiles only for the same keys both ways: a column or a channel without its words cannot be shown. */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type ColumnsHaveWords = Holds<SameKeys<keyof DetailWords['columns'], FigureColumn>>;
export type ChannelsHaveWords = Holds<SameKeys<keyof DetailWords['channels'], Channel>>;

/**
 * The exact strings the widget shows (docs/figures.md §7), also returned by `/widget/{unit}.json`. The
 * percentages are the figures' own strings in the reader's locale, never recomputed from floats.
 */
export interface WidgetDisplay {
  title: string;
  /** "Đến tháng 06 đã giải quyết: 99,87%" */
  monthLine: string;
  /** settled.total, "750" */
  settled: string;
  /** early + onTime, "749" */
  onTimeCount: string;
  /** "1" */
  late: string;
  /** "0,13%" */
  lateRate: string;
  /** Only when asked for (showScore): "Điểm tiến độ (Chỉ số 766, chỉ tiêu 2.1): 19,85/20", "…: —" when there is nothing to score. */
  scoreLine?: string;
  /** "10/06/2023 04:07:03", or "—" when the scope has no data yet */
  updatedAt: string;
  detailUrl: string;
}

export type DisplayedFigures = Pick<StatsAnswer, 'period' | 'dataUpdatedAt' | 'settled' | 'onTimePercent' | 'latePercent' | 'progressScore'>;

export const NO_VALUE = '—';

/** The block's strings; `showScore` adds the 766 score's line, which the block leaves out unless asked. */
export function widgetDisplay(figures: DisplayedFigures, lang: Locale, detailUrl: string, showScore = false): WidgetDisplay {
  return {
    title: t(lang, 'widget.title'),
    monthLine: t(lang, 'widget.monthLine', { month: monthOfPeriodEnd(figures.period), percent: formatPercent(figures.onTimePercent, lang) }),
    settled: formatCount(figures.settled.total, lang),
    onTimeCount: formatCount(figures.settled.early + figures.settled.onTime, lang),
    late: formatCount(figures.settled.late, lang),
    lateRate: formatPercent(figures.latePercent, lang),
    ...(showScore ? { scoreLine: scoreLine(figures.progressScore, lang) } : {}),
    updatedAt: formatUpdatedAt(figures.dataUpdatedAt),
    detailUrl,
  };
}

/** The stats' progressScore as it is (never recomputed), out of 20; "—" alone when there is nothing to score, never 0 or 20. */
export function scoreLine(score: number | null, lang: Locale): string {
  const value = score === null ? NO_VALUE : t(lang, 'widget.scoreOutOf', { score: formatScore(score, lang) });
  return t(lang, 'widget.scoreLine', { score: value });
}

/** "06" for a period ending 2025-06-10. */
export function monthOfPeriodEnd(period: Period): string {
  return period.to.slice(5, 7);
}

export function formatUpdatedAt(isoInstant: string | null): string {
  return isoInstant === null ? NO_VALUE : formatLocalDateTime(new Date(isoInstant));
}

/** One table row of the detail page, every cell already in the reader's locale. */
export type FigureRow = Record<FigureColumn, string> & {
  label: string;
  hasLate: boolean;
  hasOverdue: boolean;
};

export function figureRow(label: string, figures: Figures, lang: Locale): FigureRow {
  const count = (value: number) => formatCount(value, lang);
  return {
    label,
    received: count(figures.received.total),
    settled: count(figures.settled.total),
    early: count(figures.settled.early),
    onTime: count(figures.settled.onTime),
    late: count(figures.settled.late),
    onTimePercent: formatPercent(figures.onTimePercent, lang),
    latePercent: formatPercent(figures.latePercent, lang),
    open: count(figures.open.total),
    overdue: count(figures.open.overdue),
    hasLate: figures.settled.late > 0,
    hasOverdue: figures.open.overdue > 0,
  };
}

export type DetailGrouping = 'field' | 'month' | 'channel' | 'unit';

export interface DetailTable {
  grouping: DetailGrouping;
  caption: string;
  firstColumn: string;
  rows: FigureRow[];
  total: FigureRow;
  empty: boolean;
}

/** A table of the detail page from a grouped answer; its total row is the answer's own figures. */
export function detailTable(grouping: DetailGrouping, answer: StatsAnswer, lang: Locale): DetailTable {
  const text = wordsOf(lang, 'widget').detail;
  const groups = grouping === 'channel' ? sortChannels(answer.groups) : answer.groups;
  const rows = groups.map((group) => figureRow(groupLabel(grouping, group, answer, lang), group, lang));
  return {
    grouping,
    caption: text.tables[grouping],
    firstColumn: text.firstColumn[grouping],
    rows,
    total: figureRow(text.total, answer, lang),
    empty: rows.length === 0,
  };
}

function groupLabel(grouping: DetailGrouping, group: StatsGroupAnswer, answer: StatsAnswer, lang: Locale): string {
  const text = wordsOf(lang, 'widget').detail;
  switch (grouping) {
    case 'channel':
      return (CHANNELS as readonly string[]).includes(group.key) ? text.channels[group.key as Channel] : group.key;
    case 'month':
      return `${group.key.slice(5, 7)}/${group.key.slice(0, 4)}`;
    case 'field':
      return group.key.trim() === '' ? text.noField : group.label;
    case 'unit':
      return group.key === answer.unit.code && answer.groups.length > 1 ? t(lang, 'widget.detail.ownDossiers', { name: group.label }) : group.label;
  }
}

function sortChannels(groups: StatsGroupAnswer[]): StatsGroupAnswer[] {
  const rank = (key: string) => {
    const index = (CHANNELS as readonly string[]).indexOf(key);
    return index === -1 ? CHANNELS.length : index;
  };
  return [...groups].sort((a, b) => rank(a.key) - rank(b.key));
}

export interface Headline {
  key: string;
  label: string;
  value: string;
  /** A second line under the count (a percentage, the overdue part), or null. */
  sub: string | null;
  subAlert: boolean;
  alert: boolean;
}

export function detailHeadline(figures: Figures, lang: Locale): Headline[] {
  const text = wordsOf(lang, 'widget').detail.headline;
  const count = (value: number) => formatCount(value, lang);
  const late = figures.settled.late > 0;
  const overdue = figures.open.overdue > 0;
  const card = (key: string, label: string, value: number, sub: string | null = null, alert = false, subAlert = false): Headline => ({
    key, label, value: count(value), sub, subAlert, alert,
  });
  // Late and overdue come right after the settled and on-time cards: on a phone (two cards a
  // row) they are the second row, inside the first screen, where a reader looks for them.
  return [
    card('settled', text.settled, figures.settled.total),
    card('onTime', text.onTime, figures.settled.early + figures.settled.onTime, formatPercent(figures.onTimePercent, lang)),
    card('late', text.late, figures.settled.late, formatPercent(figures.latePercent, lang), late, late),
    card('overdue', text.overdue, figures.open.overdue, t(lang, 'widget.detail.headline.overdueOf', { open: count(figures.open.total) }), overdue),
    card('open', text.open, figures.open.total),
    card('received', text.received, figures.received.total),
    card('carriedOver', text.carriedOver, figures.carriedOver),
  ];
}

export function periodLine(period: Period, lang: Locale): string {
  return t(lang, 'widget.detail.period', { from: formatLocalDate(period.from), to: formatLocalDate(period.to) });
}
