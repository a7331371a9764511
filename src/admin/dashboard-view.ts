import { Locale, formatCount, formatPercent, formatScore } from '../common/locale';
import { formatLocalDate } from '../common/local-time';
import type { OpenDossierItem } from '../dossiers/open-dossiers.service';
import { FigureCounts, Figures, addCounts, deriveFigures, zeroCounts } from '../stats/figures';
import { DEFAULT_DECIMALS } from '../stats/percent';
import { Problems } from '../common/domain-error';
import { t, wordsOf } from '../i18n/i18n';
import { linesIn, phrase } from '../i18n/refusal-words';

/**
 * Pure pieces of the dashboard, open-dossiers and widget pages: what a page shows, computed from
 * the services' answers, so the specs can check it row by row without a server.
 */

export interface UnitNode {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface UnitOption {
  code: string;
  name: string;
  depth: number;
  /** The name indented by its depth, for a <select>. */
  label: string;
}

/**
 * The units as a tree, depth first, each level by name (Vietnamese order). A unit whose parent
 * is not in the list (the account's own unit) starts a tree of its own.
 */
export function unitTree(units: UnitNode[]): UnitOption[] {
  const codes = new Set(units.map((unit) => unit.code));
  const byParent = new Map<string | null, UnitNode[]>();
  for (const unit of units) {
    const parent = unit.parentCode !== null && codes.has(unit.parentCode) ? unit.parentCode : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), unit]);
  }
  const out: UnitOption[] = [];
  const visit = (parent: string | null, depth: number) => {
    const children = (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.code.localeCompare(b.code));
    for (const child of children) {
      out.push({ code: child.code, name: child.name, depth, label: `${'\u00a0\u00a0\u00a0'.repeat(depth)}${child.name}` });
      visit(child.code, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** The units from the top of `tree` down to `code`, for the breadcrumb. */
export function unitPath(units: UnitNode[], code: string): UnitNode[] {
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  const path: UnitNode[] = [];
  for (let unit = byCode.get(code); unit && path.length <= units.length; unit = unit.parentCode === null ? undefined : byCode.get(unit.parentCode)) {
    path.unshift(unit);
  }
  return path;
}

/** One row of figures as the page prints it: every value already in the reader's locale. */
export interface FigureCells {
  settled: string;
  early: string;
  onTime: string;
  onTimeCount: string;
  late: string;
  onTimePercent: string;
  latePercent: string;
  received: string;
  open: string;
  overdue: string;
  score: string;
  hasLate: boolean;
  hasOverdue: boolean;
}

export function figureCells(figures: Figures, lang: Locale): FigureCells {
  const count = (value: number) => formatCount(value, lang);
  return {
    settled: count(figures.settled.total),
    early: count(figures.settled.early),
    onTime: count(figures.settled.onTime),
    onTimeCount: count(figures.settled.early + figures.settled.onTime),
    late: count(figures.settled.late),
    onTimePercent: formatPercent(figures.onTimePercent, lang),
    latePercent: formatPercent(figures.latePercent, lang),
    received: count(figures.received.total),
    open: count(figures.open.total),
    overdue: count(figures.open.overdue),
    score: formatScore(figures.progressScore, lang),
    hasLate: figures.settled.late > 0,
    hasOverdue: figures.open.overdue > 0,
  };
}

/** Back to the integers a Figures was derived from (open on track there includes the waiting). */
export function countsOf(figures: Figures): FigureCounts {
  return {
    ...zeroCounts(),
    onTime766: figures.progress766.finishedOnTime,
    late766: figures.progress766.finishedLate,
    openLate766: figures.progress766.openLate,
    early: figures.settled.early,
    onTime: figures.settled.onTime,
    late: figures.settled.late,
    receivedDirect: figures.received.direct,
    receivedOnline: figures.received.online,
    receivedPostal: figures.received.postal,
    carriedOver: figures.carriedOver,
    withdrawn: figures.withdrawn,
    denied: figures.denied,
    openOverdue: figures.open.overdue,
    openWaiting: figures.open.waiting,
    openOnTrack: figures.open.onTrack - figures.open.waiting,
  };
}

/** Figures of several disjoint scopes together (an admin's top units): added as integers, rates derived again. */
export function sumFigures(list: Figures[], decimals = DEFAULT_DECIMALS): Figures {
  return deriveFigures(list.map(countsOf).reduce(addCounts, zeroCounts()), decimals);
}

/** "2025-03" → "03/2025". */
export function monthLabel(key: string): string {
  const [year, month] = key.split('-');
  return `${month}/${year}`;
}

export interface TrendMonth extends Figures {
  key: string;
}

export interface TrendChartData {
  labels: string[];
  /** On-time percent per month as a number for the chart; null when nothing was settled. */
  onTime: (number | null)[];
  settled: number[];
  locale: string;
  names: { onTime: string; settled: string };
}

/** What dashboard.js draws: the same numbers as the table under the chart. */
export function trendChart(months: TrendMonth[], lang: Locale): TrendChartData {
  const text = wordsOf(lang, 'dashboard');
  return {
    labels: months.map((month) => monthLabel(month.key)),
    onTime: months.map((month) => (month.onTimePercent === null ? null : Number(month.onTimePercent))),
    settled: months.map((month) => month.settled.total),
    locale: lang === 'vi' ? 'vi-VN' : 'en-US',
    names: { onTime: text.chartOnTime, settled: text.chartSettled },
  };
}

/** The period line under a heading: "Từ ngày 01/01/2025 đến ngày 10/06/2025". */
export function periodText(period: { from: string; to: string }, lang: Locale): string {
  return t(lang, 'dashboard.period', { from: formatLocalDate(period.from), to: formatLocalDate(period.to) });
}

/** "còn 3 ngày", "đến hạn hôm nay", "quá 2 ngày"; a dossier waiting for the applicant is paused. */
export function daysLeftText(item: Pick<OpenDossierItem, 'state' | 'workingDaysLeft'>, lang: Locale): string {
  const text = wordsOf(lang, 'dashboard');
  if (item.state === 'waiting') return text.daysLeftPaused;
  if (item.state === 'overdue') return t(lang, 'dashboard.daysLeftOverdue', { days: Math.max(1, -item.workingDaysLeft) });
  if (item.workingDaysLeft <= 0) return text.daysLeftToday;
  return t(lang, 'dashboard.daysLeftPositive', { days: item.workingDaysLeft });
}

export interface Pager {
  page: number;
  pages: number;
  first: number;
  last: number;
  previous: number | null;
  next: number | null;
}

export function pager(page: number, pageSize: number, total: number): Pager {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return {
    page,
    pages,
    first: total === 0 ? 0 : Math.min(total, (page - 1) * pageSize + 1),
    last: Math.min(total, page * pageSize),
    previous: page > 1 ? Math.min(page - 1, pages) : null,
    next: page < pages ? page + 1 : null,
  };
}

/** A console address with its query: empty values left out, keys in the order given. */
export function pageUrl(path: string, query: Record<string, string | number | boolean | null | undefined>): string {
  const pairs = Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== '');
  const search = new URLSearchParams(pairs.map(([key, value]) => [key, String(value)])).toString();
  return search === '' ? path : `${path}?${search}`;
}


/** The service's own address: PUBLIC_BASE_URL when set, else the origin the browser used. */
export function publicOrigin(publicBaseUrl: string | undefined, protocol: string, host: string | undefined): string {
  const configured = (publicBaseUrl ?? '').replace(/\/+$/, '');
  if (configured !== '') return configured;
  return `${protocol}://${host ?? 'localhost'}`;
}

/** The two snippets a webmaster pastes (README "Embedding the widget"), with the unit's settings left to the server. */
export function embedSnippets(origin: string, unit: { code: string; name: string }, lang: Locale): { script: string; iframe: string } {
  const code = encodeURIComponent(unit.code);
  const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const title = `${wordsOf(lang, 'dashboard').widgetTitle} – ${unit.name}`;
  return {
    script: `<script src="${attribute(origin)}/widget/embed.js" data-unit="${attribute(unit.code)}" async></script>`,
    iframe: `<iframe src="${attribute(origin)}/widget/${code}"\n        title="${attribute(title)}"\n        loading="lazy" style="border:0;width:100%;height:300px"></iframe>`,
  };
}

export type WidgetForm = { ok: true; decimals: number; locale: Locale } | { ok: false; errors: string[] };

/**
 * The settings form: decimals 0–4 and a language, each given exactly once. The reasons are in
 * `lang`, the page's language (English: the lines as they are, see refusal-words.ts).
 */
export function readWidgetForm(body: Record<string, unknown>, lang: Locale = 'en'): WidgetForm {
  const problems = new Problems();
  const decimals = typeof body.decimals === 'string' && /^[0-4]$/.test(body.decimals) ? Number(body.decimals) : null;
  if (decimals === null) problems.add('decimals: must be an integer 0–4', phrase('errors.widget.decimals', { max: 4 }));
  const locale = body.locale === 'vi' || body.locale === 'en' ? body.locale : null;
  if (locale === null) problems.add('locale: must be vi or en', phrase('errors.widget.formLocale'));
  return decimals === null || locale === null ? { ok: false, errors: linesIn(lang, problems) } : { ok: true, decimals, locale };
}
