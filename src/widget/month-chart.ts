import { Locale, formatCount, formatPercent } from '../common/locale';
import { StatsGroupAnswer } from '../stats/stats.service';
import { t } from '../i18n/i18n';

/**
 * The detail page's chart of the months (issue "public pages"): one horizontal bar a month, its
 * length the dossiers settled that month against the busiest month, split into early & on time
 * and late, with the settled count and the on-time rate printed beside it. Drawn on the server
 * as inline SVG: no script, so it works inside the widget's policy and without JavaScript.
 *
 * Horizontal bars, not columns: a year's twelve months stay readable on a 390 px phone, and the
 * coordinates are percentages of the width while the text keeps its own size (no viewBox that
 * would shrink the labels on a phone).
 */
export interface MonthChartRow {
  key: string;
  /** "05/2025" */
  label: string;
  /** The month row's own strings ("750", "99,87%"), never recomputed. */
  settled: string;
  onTimePercent: string;
  late: string;
  /** "750 · 99,87%" */
  figures: string;
  /** The sentence of this month for a screen reader and for the tooltip. */
  sentence: string;
  /** SVG coordinates, percent of the chart's width and pixels down. */
  y: number;
  textY: number;
  onTimeWidth: string;
  lateX: string;
  lateWidth: string;
}

export interface MonthChart {
  title: string;
  /** Every month's sentence: what the picture says, for those who cannot see it. */
  description: string;
  legend: { onTime: string; late: string; figures: string };
  height: number;
  rows: MonthChartRow[];
}

/** Where the bars start and how wide the busiest month's is, in percent of the chart's width. */
// The figures beside the bars need about 105 px ("1.224 · 96,88%"): at 320 px the chart is some
// 260 px wide, so the bars end at 60 % and never run under the text.
export const BAR_START = 22;
export const BAR_SPAN = 38;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 18;
const TOP = 4;

const percentText = (value: number) => `${Number(value.toFixed(3))}%`;

export function monthChart(months: StatsGroupAnswer[], lang: Locale): MonthChart {
  const busiest = Math.max(0, ...months.map((month) => month.settled.total));
  const rows = months.map((month, i): MonthChartRow => {
    const onTime = month.settled.early + month.settled.onTime;
    const onTimeWidth = busiest === 0 ? 0 : (BAR_SPAN * onTime) / busiest;
    const lateWidth = busiest === 0 ? 0 : (BAR_SPAN * month.settled.late) / busiest;
    const label = `${month.key.slice(5, 7)}/${month.key.slice(0, 4)}`;
    const settled = formatCount(month.settled.total, lang);
    const onTimePercent = formatPercent(month.onTimePercent, lang);
    const late = formatCount(month.settled.late, lang);
    const y = TOP + i * ROW_HEIGHT;
    return {
      key: month.key,
      label,
      settled,
      onTimePercent,
      late,
      figures: `${settled} · ${onTimePercent}`,
      // A month with nothing settled says so in words, not with a dash a screen reader reads as nothing.
      sentence: month.settled.total === 0 ? t(lang, 'widget.detail.chart.nothing', { month: label }) : t(lang, 'widget.detail.chart.month', { month: label, settled, percent: onTimePercent, late }),
      y,
      textY: y + BAR_HEIGHT / 2 + 5,
      onTimeWidth: percentText(onTimeWidth),
      lateX: percentText(BAR_START + onTimeWidth),
      lateWidth: percentText(lateWidth),
    };
  });
  return {
    title: t(lang, 'widget.detail.chart.title'),
    description: rows.map((row) => row.sentence).join(' '),
    legend: { onTime: t(lang, 'widget.detail.chart.onTime'), late: t(lang, 'widget.detail.chart.late'), figures: t(lang, 'widget.detail.chart.figures') },
    height: TOP * 2 + rows.length * ROW_HEIGHT,
    rows,
  };
}

/** Exposed for the template: the bars' fixed geometry. */
export const CHART_GEOMETRY = { barStart: percentText(BAR_START), barSpan: percentText(BAR_SPAN), barHeight: BAR_HEIGHT };
