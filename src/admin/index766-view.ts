import { Locale, formatCount, formatScore } from '../common/locale';
import type { GroupResult, IndicatorResult } from '../index766/indicators';
import type { RankingAnswer, ScorecardAnswer } from '../index766/index766.service';
import { t, wordsOf } from '../i18n/i18n';
import { pageUrl } from './dashboard-view';

/**
 * Pure pieces of the console's Decision 766 pages: every figure of the scorecard and the ranking
 * as the page prints it, from the service's answers, so the specs check them without a server.
 * A ratio or points the service gives as null (nothing to count) is "—", never 0 or full.
 */

const numberLocale = (lang: Locale) => (lang === 'vi' ? 'vi-VN' : 'en-US');

/** A ratio as a percent with two decimals in the reader's locale (0.9987 → "99,87%"); "—" without one. */
export function ratioText(ratio: number | null, lang: Locale): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return new Intl.NumberFormat(numberLocale(lang), { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ratio);
}

/** A target ratio as few digits as it needs (0.8 → "80%"). */
export function targetText(target: number | null, lang: Locale): string {
  if (target === null) return '—';
  return new Intl.NumberFormat(numberLocale(lang), { style: 'percent', maximumFractionDigits: 2 }).format(target);
}

/** 2.2's average in days, two decimals ("4,25 ngày"); "—" without resolved dossiers. */
export function daysText(days: number | null, lang: Locale): string {
  if (days === null || !Number.isFinite(days)) return '—';
  const value = new Intl.NumberFormat(numberLocale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(days);
  return t(lang, 'scorecard.days', { days: value });
}

/** "19,90 / 20 điểm"; "— / 20 điểm" when nothing could be scored. */
export function pointsText(points: number | null, maxPoints: number, lang: Locale): string {
  return t(lang, 'scorecard.pointsOf', { points: formatScore(points, lang), max: formatCount(maxPoints, lang) });
}

/**
 * A group's bar, drawn on the group's national maximum so the share the scorecard cannot compute
 * shows: each segment's width in percent of the bar (two decimals), and the same as a sentence.
 */
export interface GroupBar {
  earned: number;
  lost: number;
  /** Points that can be computed, but no dossier gave a ratio yet. */
  noDossiers: number;
  notComputed: number;
  /** Where each segment starts, in percent. */
  at: { lost: number; noDossiers: number; notComputed: number };
  text: string;
}

const share = (part: number, whole: number) => (whole <= 0 ? 0 : Math.round((Math.max(0, part) / whole) * 10000) / 100);

export function groupBar(group: Pick<GroupResult, 'points' | 'maxPoints' | 'nationalMaxPoints'>, lang: Locale): GroupBar {
  const whole = Math.max(group.nationalMaxPoints, group.maxPoints);
  const points = group.points === null ? null : Math.min(Math.max(group.points, 0), group.maxPoints);
  const earned = points === null ? 0 : share(points, whole);
  const lost = points === null ? 0 : share(group.maxPoints - points, whole);
  const noDossiers = points === null ? share(group.maxPoints, whole) : 0;
  const notComputed = Math.max(0, Math.round((100 - earned - lost - noDossiers) * 100) / 100);
  const values = { max: formatCount(group.maxPoints, lang), national: formatCount(whole, lang), missing: formatCount(whole - group.maxPoints, lang) };
  const text =
    group.maxPoints === 0 ? t(lang, 'scorecard.barNotComputed', values)
    : points === null ? t(lang, 'scorecard.barNoDossiers', values)
    : t(lang, 'scorecard.barText', { ...values, points: formatScore(points, lang) });
  return { earned, lost, noDossiers, notComputed, at: { lost: earned, noDossiers: earned + lost, notComputed: Math.round((earned + lost + noDossiers) * 100) / 100 }, text };
}

export interface IndicatorRow {
  id: string;
  name: string;
  /** The drill-down to the dossiers behind it; null for 2.2 (no dossier costs it points). */
  url: string | null;
  urlLabel: string;
  ratio: string;
  counts: string;
  /** 5.4's two rates, each a line. */
  components: string[] | null;
  points: string;
  target: string;
  more: string;
  /** Still points to gain. */
  missing: boolean;
}

/** The drill-down page's address for one indicator of a unit and period. */
export function drillDownUrl(unitCode: string, indicatorId: string, period: string): string {
  return pageUrl('/admin/index766/dossiers', { unit: unitCode, indicator: indicatorId, period });
}

/** The words for "what one more point would take". */
function moreText(indicator: IndicatorResult, lang: Locale): string {
  if (indicator.onePointMore) return t(lang, 'scorecard.needMore', { text: indicator.onePointMore.text });
  if (indicator.points !== null && indicator.maxPoints > 0 && indicator.points >= indicator.maxPoints) return wordsOf(lang, 'scorecard').fullPoints;
  return '—';
}

export function indicatorRow(indicator: IndicatorResult, unitCode: string, period: string, lang: Locale): IndicatorRow {
  const words = wordsOf(lang, 'scorecard');
  const count = (value: number | null) => (value === null ? '—' : formatCount(value, lang));
  const base = { id: indicator.id, name: indicator.name, urlLabel: t(lang, 'scorecard.dossiersOf', { id: indicator.id }), target: targetText(indicator.target, lang), components: null };
  if (indicator.id === '2.2') {
    // Shown in days, not scored: an average has no dossier that costs it a point.
    const resolved = indicator.denominator === null ? '—' : t(lang, 'scorecard.resolvedCount', { count: count(indicator.denominator) });
    return { ...base, url: null, ratio: daysText(indicator.ratio, lang), counts: resolved, points: words.notScored, target: '—', more: '—', missing: false };
  }
  const row: IndicatorRow = {
    ...base,
    url: drillDownUrl(unitCode, indicator.id, period),
    ratio: ratioText(indicator.ratio, lang),
    counts: indicator.numerator === null && indicator.denominator === null ? '—' : `${count(indicator.numerator)} / ${count(indicator.denominator)}`,
    points: indicator.maxPoints === 0 ? words.notScoredAlone : pointsText(indicator.points, indicator.maxPoints, lang),
    more: indicator.maxPoints === 0 ? '—' : moreText(indicator, lang),
    missing: indicator.onePointMore !== null,
  };
  if (indicator.components) {
    row.counts = words.satisfactionFormula;
    row.components = [
      t(lang, 'scorecard.lateRate', { rate: ratioText(indicator.components.lateRate, lang) }),
      t(lang, 'scorecard.complaintRate', { rate: ratioText(indicator.components.complaintRate, lang) }),
    ];
  }
  return row;
}

export interface GroupView {
  id: string;
  name: string;
  points: string;
  national: string;
  bar: GroupBar;
  indicators: IndicatorRow[];
}

export interface ScorecardView {
  total: string;
  totalNote: string;
  groups: GroupView[];
  notComputed: { id: string; name: string; group: string; maxPoints: string; reason: string }[];
}

/** The whole scorecard as the page prints it; each indicator links to its dossiers for `answer.period.label`. */
export function scorecardView(answer: ScorecardAnswer, lang: Locale): ScorecardView {
  const national = answer.groups.reduce((sum, group) => sum + Math.max(group.nationalMaxPoints, group.maxPoints), 0);
  const groupName = new Map(answer.groups.map((group) => [group.id, group.name]));
  return {
    total: pointsText(answer.points, answer.maxPoints, lang),
    totalNote: t(lang, 'scorecard.totalNote', { max: formatCount(answer.maxPoints, lang), national: formatCount(national, lang), missing: formatCount(national - answer.maxPoints, lang) }),
    groups: answer.groups.map((group) => ({
      id: group.id,
      name: group.name,
      // A group none of whose points can be computed has no score to give, not "0 of 0".
      points: group.maxPoints === 0 ? wordsOf(lang, 'scorecard').legendNotComputed : pointsText(group.points, group.maxPoints, lang),
      national: t(lang, 'scorecard.nationalMax', { max: formatCount(group.nationalMaxPoints, lang) }),
      bar: groupBar(group, lang),
      indicators: group.indicators.map((indicator) => indicatorRow(indicator, answer.unit.code, answer.period.label, lang)),
    })),
    notComputed: answer.notComputed.map((item) => ({
      id: item.id,
      name: item.name,
      group: groupName.get(item.group) ?? item.group,
      maxPoints: formatCount(item.maxPoints, lang),
      reason: item.reason,
    })),
  };
}

export interface RankingRowView {
  rank: string;
  code: string;
  name: string;
  url: string;
  points: string;
  progressIndex: string;
  weakest: string;
  weakestPoints: string | null;
  weakestUrl: string | null;
  more: string;
}

/** The units below, in the service's order, each linking to its own scorecard for the same period. */
export function rankingRows(answer: RankingAnswer, lang: Locale): RankingRowView[] {
  const period = answer.period.label;
  return answer.units.map((row) => ({
    rank: formatCount(row.rank, lang),
    code: row.unit.code,
    name: row.unit.name,
    url: pageUrl('/admin/index766', { unit: row.unit.code, period }),
    points: pointsText(row.points, row.maxPoints, lang),
    progressIndex: ratioText(row.progressIndex, lang),
    weakest: row.weakest ? `${row.weakest.id} ${row.weakest.name}` : '—',
    weakestPoints: row.weakest ? pointsText(row.weakest.points, row.weakest.maxPoints, lang) : null,
    weakestUrl: row.weakest ? drillDownUrl(row.unit.code, row.weakest.id, period) : null,
    more: row.weakest?.onePointMore ? t(lang, 'scorecard.needMore', { text: row.weakest.onePointMore.text }) : '—',
  }));
}
