import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Locale, formatCount, formatPercent } from '../common/locale';
import { formatLocalDate, formatLocalDateTime, localDateOf } from '../common/local-time';
import { Headline, RenderedReport, ReportModel, ReportPeriod, ReportRow } from './report-model';

/**
 * The report e-mail (SPEC §8): subject, an HTML part that holds up in common mail clients
 * (table layout, inline styles only, nothing loaded from outside) and a plain-text part with the
 * same content. The words are here, per locale; the XLSX attachment (report-xlsx.ts) uses the
 * same labels for form II.06a.
 */

/** The project-root `templates/` folder: two levels up from src/reports and from dist/reports. */
export const REPORT_TEMPLATES_DIR = resolve(__dirname, '..', '..', 'templates');

export const NO_VALUE = '—';

// ---------------------------------------------------------------------------------------------
// Form II.06a: its eleven figure columns, in the form's order.
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Words.
// ---------------------------------------------------------------------------------------------

export interface ReportText {
  subject: (period: string, unitName: string) => string;
  heading: string;
  scopeWithChildren: string;
  periodLabel: string;
  periodRange: (from: string, to: string) => string;
  previousLine: (period: string, range: string) => string;
  headlineTitle: string;
  cards: { settled: string; onTime: string; late: string; received: string; overdue: string; score: string };
  scoreSuffix: string;
  previousValue: (value: string) => string;
  unchanged: string;
  percentPoints: string;
  points: string;
  changeNote: string;
  table: {
    title: string;
    sheetTitle: string;
    sheetName: string;
    formNumber: string;
    reportingUnit: string;
    unitOfMeasure: string;
    number: string;
    firstColumn: { field: string; unit: string };
    groups: Record<(typeof II06A_GROUPS)[number]['key'], string>;
    columns: Record<II06aColumn, string>;
    total: string;
    noRows: string;
    note: string;
  };
  check: {
    label: string;
    received: string;
    carriedOver: string;
    settled: string;
    open: string;
    withdrawn: string;
    difference: string;
  };
  overdue: {
    title: (asOf: string) => string;
    /** Table headers (number, dossier, days overdue) and the labels of a dossier's details. */
    columns: { number: string; dossier: string; days: string; field: string; unit: string; receivedAt: string; dueAt: string; overdueBy: string };
    daysUnit: string;
    more: (count: string) => string;
    countOnly: (count: string) => string;
    none: string;
  };
  detailLink: string;
  generatedAt: (at: string) => string;
  rulesNote: string;
  automatic: string;
  months: string[];
}

const MONTHS_EN = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

export const REPORT_TEXT: Record<Locale, ReportText> = {
  vi: {
    subject: (period, unit) => `Báo cáo kết quả giải quyết TTHC ${period} – ${unit}`,
    heading: 'Báo cáo kết quả giải quyết thủ tục hành chính',
    scopeWithChildren: 'Gồm cả các đơn vị trực thuộc',
    periodLabel: 'Kỳ báo cáo',
    periodRange: (from, to) => `Từ ngày ${from} đến ngày ${to}`,
    previousLine: (period, range) => `So sánh với kỳ trước: ${period} (${range.charAt(0).toLowerCase()}${range.slice(1)})`,
    headlineTitle: 'Số liệu chính',
    cards: {
      settled: 'Hồ sơ đã giải quyết',
      onTime: 'Tỉ lệ trước & đúng hạn',
      late: 'Tỉ lệ trễ hạn',
      received: 'Hồ sơ tiếp nhận mới',
      overdue: 'Hồ sơ quá hạn (cuối kỳ)',
      score: 'Điểm tiến độ giải quyết (QĐ 766)',
    },
    scoreSuffix: '/ 20',
    previousValue: (value) => `Kỳ trước: ${value}`,
    unchanged: 'Không đổi',
    percentPoints: 'điểm %',
    points: 'điểm',
    changeNote: '▲ tăng, ▼ giảm so với kỳ trước; mức thay đổi của tỉ lệ tính bằng điểm phần trăm.',
    table: {
      title: 'Biểu II.06a – Kết quả giải quyết thủ tục hành chính',
      sheetTitle: 'KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
      sheetName: 'Biểu II.06a',
      formNumber: 'Biểu số II.06a',
      reportingUnit: 'Đơn vị báo cáo',
      unitOfMeasure: 'Đơn vị tính: Số hồ sơ TTHC',
      number: 'STT',
      firstColumn: { field: 'Lĩnh vực', unit: 'Đơn vị' },
      groups: { received: 'Tiếp nhận', settled: 'Đã giải quyết', open: 'Đang giải quyết' },
      columns: {
        receivedTotal: 'Tổng số',
        receivedOnline: 'Trực tuyến',
        receivedDirectAndPostal: 'Trực tiếp & BCCI',
        carriedOver: 'Kỳ trước chuyển qua',
        settledTotal: 'Tổng số',
        settledEarly: 'Trước hạn',
        settledOnTime: 'Đúng hạn',
        settledLate: 'Trễ hạn',
        openTotal: 'Tổng số',
        openOnTrack: 'Trong hạn',
        openOverdue: 'Quá hạn',
      },
      total: 'Tổng cộng',
      noRows: 'Không có hồ sơ trong kỳ.',
      note:
        'Tiếp nhận “Tổng số” là hồ sơ mới tiếp nhận trong kỳ (trực tuyến + trực tiếp & BCCI), chưa gồm số kỳ trước chuyển qua; ' +
        '“Đang giải quyết” tính tại cuối kỳ. BCCI: dịch vụ bưu chính công ích.',
    },
    check: {
      label: 'Kiểm tra',
      received: 'Tiếp nhận',
      carriedOver: 'Kỳ trước chuyển qua',
      settled: 'Đã giải quyết',
      open: 'Đang giải quyết',
      withdrawn: 'Rút hồ sơ',
      difference: 'chênh lệch',
    },
    overdue: {
      title: (asOf) => `Hồ sơ đang giải quyết quá hạn (đến hết ngày ${asOf})`,
      columns: {
        number: 'STT',
        dossier: 'Hồ sơ',
        days: 'Số ngày quá hạn (ngày làm việc)',
        field: 'Lĩnh vực',
        unit: 'Đơn vị',
        receivedAt: 'Ngày tiếp nhận',
        dueAt: 'Hạn trả kết quả',
        overdueBy: 'Quá hạn',
      },
      daysUnit: 'ngày làm việc',
      more: (count) => `và ${count} hồ sơ quá hạn khác`,
      countOnly: (count) => `Có ${count} hồ sơ quá hạn.`,
      none: 'Không có hồ sơ nào quá hạn vào cuối kỳ báo cáo.',
    },
    detailLink: 'Xem số liệu chi tiết',
    generatedAt: (at) => `Báo cáo lập lúc ${at} (giờ Việt Nam).`,
    rulesNote:
      'Số liệu tính theo quy định của Quyết định số 766/QĐ-TTg của Thủ tướng Chính phủ (trước hạn, đúng hạn, trễ hạn, quá hạn và điểm tiến độ giải quyết).',
    automatic: 'Thư này được gửi tự động theo đăng ký nhận báo cáo định kỳ.',
    months: [],
  },
  en: {
    subject: (period, unit) => `TTHC results report, ${period} – ${unit}`,
    heading: 'Administrative procedure results report',
    scopeWithChildren: 'Including the units below',
    periodLabel: 'Reporting period',
    periodRange: (from, to) => `From ${from} to ${to}`,
    previousLine: (period, range) => `Compared with the previous period: ${period} (${range.charAt(0).toLowerCase()}${range.slice(1)})`,
    headlineTitle: 'Key figures',
    cards: {
      settled: 'Dossiers settled',
      onTime: 'Early & on-time rate',
      late: 'Late rate',
      received: 'New dossiers received',
      overdue: 'Overdue open dossiers (end of period)',
      score: 'Processing progress score (Decision 766)',
    },
    scoreSuffix: '/ 20',
    previousValue: (value) => `Previous: ${value}`,
    unchanged: 'No change',
    percentPoints: 'pp',
    points: 'pts',
    changeNote: '▲ up, ▼ down against the previous period; changes of rates in percentage points (pp).',
    table: {
      title: 'Form II.06a – Administrative procedure results',
      sheetTitle: 'ADMINISTRATIVE PROCEDURE RESULTS',
      sheetName: 'Form II.06a',
      formNumber: 'Form II.06a',
      reportingUnit: 'Reporting unit',
      unitOfMeasure: 'Unit: number of dossiers',
      number: 'No.',
      firstColumn: { field: 'Field', unit: 'Unit' },
      groups: { received: 'Received', settled: 'Settled', open: 'Open' },
      columns: {
        receivedTotal: 'Total',
        receivedOnline: 'Online',
        receivedDirectAndPostal: 'Direct & postal',
        carriedOver: 'Carried over',
        settledTotal: 'Total',
        settledEarly: 'Early',
        settledOnTime: 'On time',
        settledLate: 'Late',
        openTotal: 'Total',
        openOnTrack: 'On track',
        openOverdue: 'Overdue',
      },
      total: 'Total',
      noRows: 'No dossiers in the period.',
      note:
        'Received “Total” counts the dossiers newly received in the period (online + direct & postal), without those carried over; ' +
        '“Open” is as of the end of the period.',
    },
    check: {
      label: 'Check',
      received: 'Received',
      carriedOver: 'Carried over',
      settled: 'Settled',
      open: 'Open',
      withdrawn: 'Withdrawn',
      difference: 'difference',
    },
    overdue: {
      title: (asOf) => `Overdue open dossiers (as of the end of ${asOf})`,
      columns: {
        number: 'No.',
        dossier: 'Dossier',
        days: 'Days overdue (working days)',
        field: 'Field',
        unit: 'Unit',
        receivedAt: 'Received',
        dueAt: 'Due',
        overdueBy: 'Overdue',
      },
      daysUnit: 'working days',
      more: (count) => `and ${count} more overdue dossiers`,
      countOnly: (count) => `${count} dossiers are overdue.`,
      none: 'No dossier was overdue at the end of the reporting period.',
    },
    detailLink: 'View the detailed figures',
    generatedAt: (at) => `Report computed at ${at} (Vietnam time).`,
    rulesNote:
      'Figures follow the rules of Decision No. 766/QĐ-TTg of the Prime Minister (early, on time, late, overdue and the processing progress score).',
    automatic: 'This message was sent automatically under a periodic report subscription.',
    months: MONTHS_EN,
  },
};

// ---------------------------------------------------------------------------------------------
// Periods.
// ---------------------------------------------------------------------------------------------

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "05/05–11/05/2025", or with both years when the week spans two. */
function weekDates(period: ReportPeriod): string {
  const from = formatLocalDate(period.from);
  const to = formatLocalDate(period.to);
  return from.slice(6) === to.slice(6) ? `${from.slice(0, 5)}–${to}` : `${from}–${to}`;
}

/**
 * The period's name in running text: "tháng 05/2025", "tuần 19/2025", "quý II/2025",
 * "6 tháng đầu năm 2025", "năm 2025"; "May 2025", "week 19 of 2025", "Q2 2025", "first half of
 * 2025", "year 2025". A name that does not parse falls back to its dates.
 */
export function periodName(period: ReportPeriod, locale: Locale): string {
  const vi = locale === 'vi';
  const name = period.name;
  let match: RegExpExecArray | null;
  if (period.kind === 'week' && (match = /^(\d{4})-W(\d{1,2})$/.exec(name))) {
    const week = Number(match[2]);
    return vi ? `tuần ${week}/${match[1]}` : `week ${week} of ${match[1]}`;
  }
  if (period.kind === 'month' && (match = /^(\d{4})-(\d{2})$/.exec(name))) {
    const month = Number(match[2]);
    if (month >= 1 && month <= 12) return vi ? `tháng ${match[2]}/${match[1]}` : `${MONTHS_EN[month - 1]} ${match[1]}`;
  }
  if (period.kind === 'quarter' && (match = /^(\d{4})-Q([1-4])$/.exec(name))) {
    const quarter = Number(match[2]);
    return vi ? `quý ${ROMAN[quarter - 1]}/${match[1]}` : `Q${quarter} ${match[1]}`;
  }
  if (period.kind === 'half-year' && (match = /^(\d{4})-H([12])$/.exec(name))) {
    const first = match[2] === '1';
    if (vi) return `6 tháng ${first ? 'đầu' : 'cuối'} năm ${match[1]}`;
    return `${first ? 'first' : 'second'} half of ${match[1]}`;
  }
  if (period.kind === 'year' && /^\d{4}$/.test(name)) {
    return vi ? `năm ${name}` : `year ${name}`;
  }
  return `${formatLocalDate(period.from)}–${formatLocalDate(period.to)}`;
}

/** periodName with its first letter capitalised, for the start of a line. */
export function periodTitle(period: ReportPeriod, locale: Locale): string {
  const name = periodName(period, locale);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** "Từ ngày 15/04/2025 đến ngày 14/05/2025" / "From 15/04/2025 to 14/05/2025". */
export function periodRange(period: ReportPeriod, locale: Locale): string {
  return REPORT_TEXT[locale].periodRange(formatLocalDate(period.from), formatLocalDate(period.to));
}

/** One line, no control characters: the unit name as it goes into a mail header or a cell title. */
export function singleLine(text: string): string {
  return text.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
}

export function reportSubject(model: ReportModel): string {
  const period = model.period;
  const name = periodName(period, model.locale);
  const withDates = period.kind === 'week' && name !== `${formatLocalDate(period.from)}–${formatLocalDate(period.to)}`;
  return REPORT_TEXT[model.locale].subject(withDates ? `${name} (${weekDates(period)})` : name, singleLine(model.unit.name));
}

// ---------------------------------------------------------------------------------------------
// Numbers and changes.
// ---------------------------------------------------------------------------------------------

/** An integer counted in 10^-scale units, shown as a decimal in the locale: (52, 2) → "0,52". */
function formatScaled(value: number, scale: number, locale: Locale): string {
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  const unit = 10 ** scale;
  const whole = formatCount(Math.floor(magnitude / unit), locale);
  if (scale === 0) return `${sign}${whole}`;
  const fraction = String(magnitude % unit).padStart(scale, '0');
  return `${sign}${whole}${locale === 'vi' ? ',' : '.'}${fraction}`;
}

function decimalsOf(percent: string): number {
  const dot = percent.indexOf('.');
  return dot < 0 ? 0 : percent.length - dot - 1;
}

/** "99.87" at scale 2 → 9987, without going through a float. */
function scaledPercent(percent: string, scale: number): number {
  const [whole, fraction = ''] = percent.split('.');
  return Number(whole) * 10 ** scale + Number(fraction.padEnd(scale, '0') || '0');
}

/** The 766 score (two decimals) in the locale: 19.85 → "19,85". */
export function formatScore(score: number | null, locale: Locale): string {
  return score === null ? NO_VALUE : formatScaled(Math.round(score * 100), 2, locale);
}

type Direction = 'up' | 'down' | 'same' | 'none';

interface Change {
  text: string;
  direction: Direction;
}

function change(difference: number | null, format: (magnitude: number) => string, locale: Locale): Change {
  if (difference === null) return { text: NO_VALUE, direction: 'none' };
  if (difference === 0) return { text: REPORT_TEXT[locale].unchanged, direction: 'same' };
  return { text: `${difference > 0 ? '▲' : '▼'} ${format(Math.abs(difference))}`, direction: difference > 0 ? 'up' : 'down' };
}

function countChange(headline: Headline, locale: Locale): Change {
  const difference = headline.current === null || headline.previous === null ? null : headline.current - headline.previous;
  return change(difference, (value) => formatCount(value, locale), locale);
}

function percentChange(current: string | null, previous: string | null, locale: Locale): Change {
  if (current === null || previous === null) return change(null, String, locale);
  const scale = Math.max(decimalsOf(current), decimalsOf(previous));
  const difference = scaledPercent(current, scale) - scaledPercent(previous, scale);
  return change(difference, (value) => `${formatScaled(value, scale, locale)} ${REPORT_TEXT[locale].percentPoints}`, locale);
}

function scoreChange(headline: Headline, locale: Locale): Change {
  const difference =
    headline.current === null || headline.previous === null
      ? null
      : Math.round(headline.current * 100) - Math.round(headline.previous * 100);
  return change(difference, (value) => `${formatScaled(value, 2, locale)} ${REPORT_TEXT[locale].points}`, locale);
}

function formatNullableCount(value: number | null, locale: Locale): string {
  return value === null ? NO_VALUE : formatCount(value, locale);
}

/** Formats an ISO instant as its local date, dd/MM/yyyy. */
function instantDate(iso: string): string {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? iso : formatLocalDate(localDateOf(instant));
}

// ---------------------------------------------------------------------------------------------
// What the templates see.
// ---------------------------------------------------------------------------------------------

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
  const text = REPORT_TEXT[locale];
  const previous = (value: string) => text.previousValue(value);
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

interface RowView {
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

/** "Kiểm tra: Tiếp nhận (X) + Kỳ trước chuyển qua (Y) = … ✓", from the totals; ✗ and the difference if it fails. */
export function balanceCheckLine(model: ReportModel): { text: string; holds: boolean } {
  const { locale } = model;
  const text = REPORT_TEXT[locale].check;
  const check = balanceCheck(model.totals);
  const count = (value: number) => formatCount(value, locale);
  const equation =
    `${text.label}: ${text.received} (${count(check.received)}) + ${text.carriedOver} (${count(check.carriedOver)}) = ` +
    `${text.settled} (${count(check.settled)}) + ${text.open} (${count(check.open)}) + ${text.withdrawn} (${count(check.withdrawn)})`;
  if (check.holds) return { text: `${equation} ✓`, holds: true };
  const signed = `${check.difference > 0 ? '+' : '-'}${count(Math.abs(check.difference))}`;
  return { text: `${equation} ✗ (${text.difference} ${signed})`, holds: false };
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

/** Everything both templates show, already in the reader's locale. */
function view(model: ReportModel) {
  const { locale } = model;
  const text = REPORT_TEXT[locale];
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
    previousLine: text.previousLine(periodName(model.previousPeriod, locale), periodRange(model.previousPeriod, locale)),
    headlineTitle: text.headlineTitle,
    cards: cardViews,
    cardRows: [cardViews.slice(0, 3), cardViews.slice(3, 6)],
    changeNote: text.changeNote,
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
      title: text.overdue.title(asOf),
      columns: text.overdue.columns,
      showUnit: model.rowKind === 'unit',
      items: overdue,
      more: more > 0 && overdue.length > 0 ? text.overdue.more(count(more)) : null,
      countOnly: overdue.length === 0 && model.overdueTotal > 0 ? text.overdue.countOnly(count(model.overdueTotal)) : null,
      none: model.overdueTotal === 0 && overdue.length === 0 ? text.overdue.none : null,
    },
    detail: detailUrl === null ? null : { url: detailUrl, label: text.detailLink },
    footer: {
      generatedAt: text.generatedAt(formatLocalDateTime(new Date(model.generatedAt))),
      rulesNote: text.rulesNote,
      automatic: text.automatic,
    },
  };
}

type ReportView = ReturnType<typeof view>;

// ---------------------------------------------------------------------------------------------
// Plain text.
// ---------------------------------------------------------------------------------------------

/** Width of a string as a monospace terminal shows it (NFC, one column per code point). */
function width(text: string): number {
  return [...text.normalize('NFC')].length;
}

function padEnd(text: string, size: number): string {
  return text + ' '.repeat(Math.max(0, size - width(text)));
}

function padStart(text: string, size: number): string {
  return ' '.repeat(Math.max(0, size - width(text))) + text;
}

/** Greedy word wrap to `size` columns; a word longer than a line is cut. */
function wrap(text: string, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => {
      const chars = [...word.normalize('NFC')];
      const pieces: string[] = [];
      for (let start = 0; start < chars.length; start += size) pieces.push(chars.slice(start, start + size).join(''));
      return pieces;
    });
  for (const word of words) {
    if (line === '') line = word;
    else if (width(line) + 1 + width(word) <= size) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

interface TextColumn {
  header: string;
  align: 'left' | 'right';
  /** Upper bound of the column width; cells wrap beyond it. */
  max?: number;
  /** Lower bound of the column width. */
  min?: number;
}

/**
 * An aligned plain-text table: headers and long cells wrapped inside their column, groups (if any)
 * written over the columns they span, a rule under the header and above the last row (`footer`).
 */
function textTable(
  columns: TextColumn[],
  rows: string[][],
  options: { groups?: { label: string; start: number; span: number }[]; footer?: string[] } = {},
): string[] {
  const gap = '  ';
  const all = options.footer ? [...rows, options.footer] : rows;
  const widths = columns.map((column, index) => {
    const longestWord = Math.max(...column.header.split(/\s+/).map(width));
    const longestCell = Math.max(0, ...all.map((row) => width(row[index])));
    const natural = Math.max(longestWord, longestCell, column.min ?? 0);
    return column.max === undefined ? natural : Math.min(natural, Math.max(column.max, longestWord));
  });
  const renderRow = (cells: string[]): string[] => {
    const wrapped = cells.map((cell, index) => wrap(cell, widths[index]));
    const height = Math.max(...wrapped.map((lines) => lines.length));
    const lines: string[] = [];
    for (let line = 0; line < height; line++) {
      const parts = wrapped.map((cellLines, index) => {
        const part = cellLines[line] ?? '';
        return columns[index].align === 'right' ? padStart(part, widths[index]) : padEnd(part, widths[index]);
      });
      lines.push(parts.join(gap).trimEnd());
    }
    return lines;
  };
  const spanWidth = (start: number, span: number) =>
    widths.slice(start, start + span).reduce((sum, size) => sum + size, 0) + gap.length * (span - 1);
  const offset = (start: number) => widths.slice(0, start).reduce((sum, size) => sum + size + gap.length, 0);
  const total = spanWidth(0, columns.length);
  const out: string[] = [];
  if (options.groups) {
    let line = '';
    let rule = '';
    for (const group of options.groups) {
      const size = spanWidth(group.start, group.span);
      const label = wrap(group.label, size)[0];
      line = padEnd(line, offset(group.start)) + padEnd(label, size);
      rule = padEnd(rule, offset(group.start)) + '-'.repeat(size);
    }
    out.push(line.trimEnd(), rule.trimEnd());
  }
  // Headers are bottom-aligned, as in the HTML table.
  const headerLines = columns.map((column, index) => wrap(column.header, widths[index]));
  const headerHeight = Math.max(...headerLines.map((lines) => lines.length));
  const padded = headerLines.map((lines) => [...Array(headerHeight - lines.length).fill(''), ...lines]);
  for (let line = 0; line < headerHeight; line++) {
    out.push(
      padded
        .map((lines, index) => (columns[index].align === 'right' ? padStart(lines[line], widths[index]) : padEnd(lines[line], widths[index])))
        .join(gap)
        .trimEnd(),
    );
  }
  out.push('='.repeat(total));
  for (const row of rows) out.push(...renderRow(row));
  if (options.footer) {
    out.push('-'.repeat(total));
    out.push(...renderRow(options.footer));
  }
  return out;
}

function textII06a(v: ReportView): string {
  const t = v.table;
  const lead: TextColumn[] = [
    { header: t.number, align: 'right' },
    { header: t.firstColumn, align: 'left', max: 26, min: 12 },
  ];
  // The received columns have room for two-line headers; the seven others wrap theirs more.
  const figureColumns: TextColumn[] = t.columns.map((header, index) => ({ header, align: 'right', min: index < 4 ? 10 : 7 }));
  const rowCells = (row: RowView, from: number, to: number) => [row.number, row.label, ...row.cells.slice(from, to).map((cell) => cell.value)];
  const part = (from: number, to: number, groups: { label: string; start: number; span: number }[]) => {
    const rows = v.table.empty !== null ? [['', v.table.empty, ...Array(to - from).fill('')]] : t.rows.map((row) => rowCells(row, from, to));
    return textTable([...lead, ...figureColumns.slice(from, to)], rows, { groups, footer: rowCells(t.total, from, to) });
  };
  // Eleven figure columns do not fit a plain-text line: received (4) first, then settled and open (7).
  const [received, settled, open] = t.groups;
  const first = part(0, 4, [{ label: received.label, start: 2, span: 4 }]);
  const second = part(4, 11, [
    { label: settled.label, start: 2, span: 4 },
    { label: open.label, start: 6, span: 3 },
  ]);
  return [...first, '', ...second].join('\n');
}

function textHeadline(v: ReportView): string {
  const rows = v.cards.map((c) => [c.label, c.suffix === null ? c.value : `${c.value} ${c.suffix}`, c.change, `(${c.previous})`]);
  return textTable(
    [
      { header: '', align: 'left' },
      { header: '', align: 'right' },
      { header: '', align: 'left' },
      { header: '', align: 'left' },
    ],
    rows,
  )
    .slice(2) // no header line, no rule
    .join('\n');
}

function textOverdue(v: ReportView): string {
  const o = v.overdue;
  const lines: string[] = [];
  for (const item of o.items) {
    lines.push(`${padStart(item.number, 3)}. ${item.code} – ${item.procedure}${item.field === null ? '' : ` (${item.field})`}`);
    const details = [
      ...(o.showUnit ? [`${o.columns.unit}: ${item.unitName}`] : []),
      `${o.columns.receivedAt}: ${item.receivedAt}`,
      `${o.columns.dueAt}: ${item.dueAt}`,
      `${o.columns.overdueBy}: ${item.days} ${REPORT_TEXT[v.lang].overdue.daysUnit}`,
    ];
    lines.push(`     ${details.join(' · ')}`);
  }
  if (o.more !== null) lines.push(`     … ${o.more}`);
  if (o.countOnly !== null) lines.push(o.countOnly);
  if (o.none !== null) lines.push(o.none);
  return lines.join('\n');
}

function textView(v: ReportView) {
  return {
    ...v,
    text: {
      headline: textHeadline(v),
      ii06a: textII06a(v),
      overdue: textOverdue(v),
      rule: '='.repeat(72),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Templates.
// ---------------------------------------------------------------------------------------------

type Render = (view: object) => string;

interface ReportTemplates {
  html: Render;
  text: Render;
}

let cached: ReportTemplates | undefined;

/**
 * Reads and compiles the two templates (and the report partials) the first time a report is
 * rendered, then keeps them. `strict` makes a misspelt field an error rather than an empty cell.
 */
export function loadReportTemplates(dir: string = REPORT_TEMPLATES_DIR): ReportTemplates {
  const handlebars = Handlebars.create();
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const partial = read('partials/report-ii06a-row.hbs');
  handlebars.parse(partial);
  handlebars.registerPartial('reportIi06aRow', partial);
  const html = handlebars.compile(handlebars.parse(read('report-email.hbs')), { strict: true });
  const text = handlebars.compile(handlebars.parse(read('report-email.txt.hbs')), { strict: true, noEscape: true });
  return { html: (data) => html(data), text: (data) => text(data) };
}

function templates(): ReportTemplates {
  cached ??= loadReportTemplates();
  return cached;
}

/** The report e-mail of SPEC §8: subject, HTML part and plain-text part. */
export function renderReport(model: ReportModel): RenderedReport {
  const data = view(model);
  const { html, text } = templates();
  return {
    subject: data.subject,
    html: html(data),
    text: text(textView(data)).replace(/\n{3,}/g, '\n\n').trim() + '\n',
  };
}
