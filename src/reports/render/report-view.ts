import { Locale, formatCount, formatPercent } from '../../common/locale';
import { formatLocalDate, formatLocalDateTime } from '../../common/local-time';
import { t, wordsOf } from '../../i18n/i18n';
import { ReportModel, ReportRow } from '../report-model';
import { II06A_COLUMNS, II06A_GROUPS, II06aColumn, balanceCheckLine, ii06aFigures } from './ii06a';
import { Change, countChange, formatNullableCount, formatScore, instantDate, percentChange, scoreChange } from './numbers';
import { periodName, periodRange, periodTitle, reportSubject } from './period-names';
import { scorecardView } from './scorecard-view';

/**
 * What the report templates see: every word, figure, colour and link already decided, so the
 * HTML and plain-text templates only lay it out. Colours are inline values because mail clients
 * drop style sheets.
 */

const COLOR = {
  text: '#1f2933',
  muted: '#52606d',
  accent: '#0b57a4',
  good: '#1a7f37',
  bad: '#b42318',
};

/** Whether a rise of the figure is good news, bad news, or neither. */
type Polarity = 'higher-better' | 'lower-better' | 'neutral';

interface CardView {
  key: string;
  label: string;
  value: string;
  suffix: string | null;
  change: string;
  changeColor: string;
  previous: string;
  accent: string;
  valueColor: string;
}

function card(
  key: string,
  label: string,
  value: string,
  previous: string,
  delta: Change,
  polarity: Polarity,
  options: { suffix?: string; alert?: boolean } = {},
): CardView {
  let changeColor = COLOR.muted;
  if (polarity !== 'neutral' && (delta.direction === 'up' || delta.direction === 'down')) {
    const good = (delta.direction === 'up') === (polarity === 'higher-better');
    changeColor = good ? COLOR.good : COLOR.bad;
  }
  return {
    key,
    label,
    value,
    suffix: options.suffix ?? null,
    change: delta.text,
    changeColor,
    previous,
    accent: options.alert ? COLOR.bad : COLOR.accent,
    valueColor: options.alert ? COLOR.bad : COLOR.text,
  };
}

function cards(model: ReportModel): CardView[] {
  const { locale, headline } = model;
  const text = wordsOf(locale, 'report');
  const previous = (value: string) => t(locale, 'report.previousValue', { value });
  const count = (value: number | null) => formatNullableCount(value, locale);
  return [
    card('settled', text.cards.settled, count(headline.settled.current), previous(count(headline.settled.previous)),
      countChange(headline.settled, locale), 'neutral'),
    card('onTimePercent', text.cards.onTime, formatPercent(headline.onTimePercent.current, locale),
      previous(formatPercent(headline.onTimePercent.previous, locale)),
      percentChange(headline.onTimePercent.current, headline.onTimePercent.previous, locale), 'higher-better'),
    card('latePercent', text.cards.late, formatPercent(headline.latePercent.current, locale),
      previous(formatPercent(headline.latePercent.previous, locale)),
      percentChange(headline.latePercent.current, headline.latePercent.previous, locale), 'lower-better'),
    card('received', text.cards.received, count(headline.received.current), previous(count(headline.received.previous)),
      countChange(headline.received, locale), 'neutral'),
    card('openOverdue', text.cards.overdue, count(headline.openOverdue.current), previous(count(headline.openOverdue.previous)),
      countChange(headline.openOverdue, locale), 'lower-better', { alert: (headline.openOverdue.current ?? 0) > 0 }),
    card('progressScore', text.cards.score, formatScore(headline.progressScore.current, locale),
      previous(formatScore(headline.progressScore.previous, locale)), scoreChange(headline.progressScore, locale),
      'higher-better', { suffix: headline.progressScore.current === null ? undefined : text.scoreSuffix }),
  ];
}

interface CellView {
  value: string;
  alert: boolean;
}

export interface RowView {
  number: string;
  label: string;
  cells: CellView[];
}

const ALERT_COLUMNS: ReadonlySet<II06aColumn> = new Set(['settledLate', 'openOverdue']);

function rowView(number: string, row: ReportRow, locale: Locale): RowView {
  const figures = ii06aFigures(row);
  return {
    number,
    label: row.label,
    cells: figures.map((value, index) => ({
      value: formatCount(value, locale),
      alert: value > 0 && ALERT_COLUMNS.has(II06A_COLUMNS[index]),
    })),
  };
}

interface OverdueView {
  number: string;
  code: string;
  procedure: string;
  field: string | null;
  unitName: string;
  receivedAt: string;
  dueAt: string;
  days: string;
}

function overdueViews(model: ReportModel): OverdueView[] {
  return model.overdue.map((item, index) => ({
    number: formatCount(index + 1, model.locale),
    code: item.code,
    procedure: item.procedureName ?? item.field,
    field: item.procedureName === null ? null : item.field,
    unitName: item.unitName,
    receivedAt: instantDate(item.receivedAt),
    dueAt: instantDate(item.dueAt),
    days: formatCount(item.workingDaysOverdue, model.locale),
  }));
}

/** Only an absolute http(s) link is offered; anything else is left out rather than linked. */
function safeUrl(url: string | null): string | null {
  return url !== null && /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
}

/** The previous period's range runs on inside the brackets of the previous-period line: "(từ ngày …)". */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Everything both templates show, already in the reader's locale. */
export function reportView(model: ReportModel) {
  const { locale } = model;
  const text = wordsOf(locale, 'report');
  const subject = reportSubject(model);
  const range = periodRange(model.period, locale);
  const cardViews = cards(model);
  const overdue = overdueViews(model);
  const more = model.overdueTotal - model.overdue.length;
  const detailUrl = safeUrl(model.detailUrl);
  const asOf = formatLocalDate(model.period.to);
  const count = (value: number) => formatCount(value, locale);
  return {
    lang: locale,
    subject,
    preheader: `${periodTitle(model.period, locale)} · ${text.cards.settled}: ${cardViews[0].value} · ${text.cards.onTime}: ${cardViews[1].value}`,
    heading: text.heading,
    unitName: model.unit.name,
    scopeLine: model.includeChildren ? text.scopeWithChildren : null,
    periodLabel: text.periodLabel,
    periodTitle: periodTitle(model.period, locale),
    periodRange: range,
    previousLine: t(locale, 'report.previousLine', {
      period: periodName(model.previousPeriod, locale),
      range: lowerFirst(periodRange(model.previousPeriod, locale)),
    }),
    headlineTitle: text.headlineTitle,
    cards: cardViews,
    cardRows: [cardViews.slice(0, 3), cardViews.slice(3, 6)],
    changeNote: text.changeNote,
    scorecard: scorecardView(model),
    table: {
      title: text.table.title,
      unitOfMeasure: text.table.unitOfMeasure,
      number: text.table.number,
      firstColumn: text.table.firstColumn[model.rowKind],
      groups: II06A_GROUPS.map((group) => ({ label: text.table.groups[group.key], span: group.span })),
      columns: II06A_COLUMNS.map((column) => text.table.columns[column]),
      rows: model.rows.map((row, index) => rowView(count(index + 1), row, locale)),
      empty: model.rows.length === 0 ? text.table.noRows : null,
      total: rowView('', { ...model.totals, label: text.table.total }, locale),
      note: text.table.note,
      check: balanceCheckLine(model),
    },
    overdue: {
      title: t(locale, 'report.overdue.title', { asOf }),
      columns: text.overdue.columns,
      showUnit: model.rowKind === 'unit',
      items: overdue,
      more: more > 0 && overdue.length > 0 ? t(locale, 'report.overdue.more', { count: count(more) }) : null,
      countOnly: overdue.length === 0 && model.overdueTotal > 0 ? t(locale, 'report.overdue.countOnly', { count: count(model.overdueTotal) }) : null,
      none: model.overdueTotal === 0 && overdue.length === 0 ? text.overdue.none : null,
    },
    detail: detailUrl === null ? null : { url: detailUrl, label: text.detailLink },
    footer: {
      generatedAt: t(locale, 'report.generatedAt', { at: formatLocalDateTime(new Date(model.generatedAt)) }),
      rulesNote: text.rulesNote,
      automatic: text.automatic,
    },
  };
}

export type ReportView = ReturnType<typeof reportView>;
