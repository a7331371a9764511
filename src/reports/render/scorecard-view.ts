import { Locale, formatCount } from '../../common/locale';
import { t, wordsOf } from '../../i18n/i18n';
import { RankingRow } from '../../index766/index766.service';
import { ReportModel } from '../report-model';
import { Change, formatScore, signedScoreChange } from './numbers';

/**
 * The Decision 766 section of the report e-mail, as both templates show it: the total and each
 * group's points of their maximum, against the previous period, and the units below that lost
 * most points. Everything is decided here, in the reader's locale; "—" stands for no score,
 * never 0.
 */

/** How many losing units the section names. */
export const LOSERS_SHOWN = 3;

const CHANGE_COLOR = { up: '#1a7f37', down: '#b42318', same: '#52606d', none: '#52606d' } as const;

/** A unit below that lost points: its scores then and now, and the change in hundredths of a point (negative). */
export interface UnitLoss {
  code: string;
  name: string;
  before: number;
  now: number;
  change: number;
}

/**
 * The units below that lost most points against the previous period, most lost first (ties by
 * name as Vietnamese sorts it), at most `count`. A unit is matched by its code; one without a
 * score in either period, or not ranked in both, has no change to show and is left out, as is
 * every unit that kept or gained points.
 */
export function biggestLosers(current: readonly RankingRow[], previous: readonly RankingRow[], count = LOSERS_SHOWN): UnitLoss[] {
  const before = new Map(previous.map((row) => [row.unit.code, row.points]));
  const losses: UnitLoss[] = [];
  for (const row of current) {
    const then = before.get(row.unit.code);
    if (row.points === null || then === undefined || then === null) continue;
    const change = Math.round(row.points * 100) - Math.round(then * 100);
    if (change < 0) losses.push({ code: row.unit.code, name: row.unit.name, before: then, now: row.points, change });
  }
  losses.sort((a, b) => a.change - b.change || a.name.localeCompare(b.name, 'vi'));
  return losses.slice(0, count);
}

export interface ScoreLineView {
  label: string;
  /** "19,80 / 20"; "— / 20" without a score. */
  points: string;
  previous: string;
  change: string;
  changeColor: string;
}

function outOf(points: number | null, max: number, locale: Locale): string {
  return t(locale, 'report.scorecard.outOf', { points: formatScore(points, locale), max: formatCount(max, locale) });
}

function scoreLine(label: string, current: number | null, previous: number | null, max: number, locale: Locale): ScoreLineView {
  const change: Change = signedScoreChange(current, previous, locale);
  return { label, points: outOf(current, max, locale), previous: formatScore(previous, locale), change: change.text, changeColor: CHANGE_COLOR[change.direction] };
}

/** The section, or null for a report without one (weeks, halves, years). */
export function scorecardView(model: ReportModel) {
  const section = model.scorecard;
  if (section === null) return null;
  const { locale } = model;
  const text = wordsOf(locale, 'report').scorecard;
  const previousGroups = new Map(section.previous.groups.map((group) => [group.id, group]));
  // A group with no points at stake here (1: publicity, 3: online services) has nothing to show
  // in the e-mail; the sheet lists its indicators and what is not computed.
  const rows = section.current.groups
    .filter((group) => group.maxPoints > 0)
    .map((group) => scoreLine(group.name, group.points, previousGroups.get(group.id)?.points ?? null, group.maxPoints, locale));
  const losers =
    section.ranking === null
      ? null
      : biggestLosers(section.ranking.current, section.ranking.previous).map((loss, index) => ({
          number: formatCount(index + 1, locale),
          name: loss.name,
          points: `${formatScore(loss.before, locale)} → ${formatScore(loss.now, locale)}`,
          change: signedScoreChange(loss.now, loss.before, locale).text,
        }));
  return {
    title: text.title,
    columns: text.columns,
    rows,
    total: scoreLine(text.total, section.current.points, section.previous.points, section.current.maxPoints, locale),
    note: t(locale, 'report.scorecard.note', { max: formatCount(section.current.maxPoints, locale), sheet: text.sheet.name }),
    losers:
      losers === null
        ? null
        : { title: text.losers.title, columns: { unit: text.losers.unit, points: text.losers.points, change: text.losers.change }, items: losers, none: losers.length === 0 ? text.losers.none : null },
  };
}

export type ScorecardView = NonNullable<ReturnType<typeof scorecardView>>;
