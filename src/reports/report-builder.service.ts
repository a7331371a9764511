import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { workingDaysBetween } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { localDateOf } from '../common/local-time';
import { EnvironmentVariables } from '../config/configuration';
import { Dossier } from '../dossiers/dossier.entity';
import { t } from '../i18n/i18n';
import { Index766Service, ScorecardAnswer, ScorecardRequest } from '../index766/index766.service';
import { Figures, judgedAt } from '../stats/figures';
import { StatsAnswer, StatsService } from '../stats/stats.service';
import { MonthStartDay, previousPeriod } from './periods';
import { OverdueItem, PeriodKind, ReportModel, ReportPeriod, ReportRow, ReportScorecard } from './report-model';
import { ReportSubscription } from './report.entities';

export const TOP_OVERDUE = 20;

/** The report periods that carry the Decision 766 section: those the index is published for month by month and quarter by quarter. */
export const SCORED_KINDS: ReadonlySet<PeriodKind> = new Set(['month', 'quarter']);

/**
 * Computes a report's content from the one figures path (StatsService), so the e-mail, its XLSX,
 * the API and the widget always agree.
 */
@Injectable()
export class ReportBuilder {
  private readonly publicBase: string | null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stats: StatsService,
    private readonly index766: Index766Service,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.publicBase = config.get('PUBLIC_BASE_URL', { infer: true })?.replace(/\/+$/, '') ?? null;
  }

  async build(subscription: ReportSubscription, unitCode: string, period: ReportPeriod): Promise<ReportModel> {
    const includePredecessors = subscription.includePredecessors ?? true;
    const scope = await this.stats.scopeState(unitCode, subscription.includeChildren, { periodEnd: period.to, includePredecessors });
    const byUnit = subscription.includeChildren && scope.unitsBelow > 0;
    const previous = previousPeriod(period, subscription.monthStartDay as MonthStartDay);
    const ask = (p: ReportPeriod, groupBy: 'field' | 'unit' | null) =>
      this.stats.stats({ unitCode, from: p.from, to: p.to, includeChildren: subscription.includeChildren, includePredecessors, groupBy }, scope);
    const [current, before, scorecard] = await Promise.all([
      ask(period, byUnit ? 'unit' : 'field'),
      ask(previous, null),
      this.scorecard({ unitCode, includeChildren: subscription.includeChildren, includePredecessors, lang: subscription.locale }, period, previous, byUnit),
    ]);
    const { items, total } = await this.overdue(scope.units.map((unit) => unit.id), new Map(scope.units.map((unit) => [unit.id, unit.name])), period);

    return {
      locale: subscription.locale,
      unit: { code: scope.unit.code, name: scope.unit.name },
      includeChildren: subscription.includeChildren,
      period,
      previousPeriod: previous,
      headline: {
        settled: { current: current.settled.total, previous: before.settled.total },
        received: { current: current.received.total, previous: before.received.total },
        onTimeRate: { current: current.onTimeRate, previous: before.onTimeRate },
        onTimePercent: { current: current.onTimePercent, previous: before.onTimePercent },
        latePercent: { current: current.latePercent, previous: before.latePercent },
        openOverdue: { current: current.open.overdue, previous: before.open.overdue },
        progressScore: { current: current.progressScore, previous: before.progressScore },
      },
      rowKind: byUnit ? 'unit' : 'field',
      rows: current.groups.map((group) => toRow(group.key, group.label, group)),
      totals: toRow('total', t(subscription.locale, 'report.table.total'), current),
      overdue: items,
      overdueTotal: total,
      scorecard,
      detailUrl: this.publicBase
        ? `${this.publicBase}/widget/${encodeURIComponent(unitCode)}/detail?from=${period.from}&to=${period.to}${subscription.locale === 'en' ? '&lang=en' : ''}`
        : null,
      generatedAt: this.clock.now().toISOString(),
    };
  }

  /**
   * The 766 section, through Index766Service (the one place the scorecard is computed), over the
   * report's own dates rather than a calendar label: a 15th→14th month is scored as it is reported.
   * The ranking comes only with rows by unit, the units II.06a lists.
   */
  private async scorecard(
    scope: Pick<ScorecardRequest, 'unitCode' | 'includeChildren' | 'includePredecessors' | 'lang'>,
    period: ReportPeriod,
    previous: ReportPeriod,
    byUnit: boolean,
  ): Promise<ReportScorecard | null> {
    if (!SCORED_KINDS.has(period.kind)) return null;
    // A period not begun yet (a preview asked for ahead) has nothing to score: the service refuses it.
    if (period.from > localDateOf(this.clock.now())) return null;
    const of = (p: ReportPeriod): ScorecardRequest => ({ ...scope, from: p.from, to: p.to });
    const [now, then, rankedNow, rankedThen] = await Promise.all([
      this.index766.scorecard(of(period)),
      this.index766.scorecard(of(previous)),
      byUnit ? this.index766.ranking(of(period)) : null,
      byUnit ? this.index766.ranking(of(previous)) : null,
    ]);
    const card = ({ points, maxPoints, groups, notComputed }: ScorecardAnswer) => ({ points, maxPoints, groups, notComputed });
    return {
      current: card(now),
      previous: card(then),
      ranking: rankedNow && rankedThen ? { current: rankedNow.units, previous: rankedThen.units } : null,
    };
  }

  /** True when the period has nothing at all to report (for skipWhenEmpty). */
  static isEmpty(model: ReportModel): boolean {
    const totals = model.totals;
    return totals.received.total + totals.carriedOver + totals.settled.total + totals.open.total + totals.withdrawn === 0;
  }

  /** The dossiers open and overdue at the end of the period, the longest overdue first. */
  private async overdue(unitIds: number[], names: Map<number, string>, period: ReportPeriod): Promise<{ items: OverdueItem[]; total: number }> {
    const at = judgedAt(period, this.clock.now());
    // Open at the end of the period means in progress now, or settled or withdrawn after it:
    // three index ranges, rather than every dossier received up to the period's end.
    const stillOpen = ["d.status = 'processing'", "d.status IN ('resolved', 'refused') AND d.settledOn > :to", "d.status = 'withdrawn' AND d.withdrawnOn > :to"];
    const base = (where: string) =>
      this.dataSource
        .createQueryBuilder(Dossier, 'd')
        .where('d.unitId IN (:...unitIds)', { unitIds })
        .andWhere(where, { to: period.to })
        .andWhere('d.receivedOn <= :to AND d.dueAt < :at', { to: period.to, at });
    const parts = await Promise.all(
      stillOpen.map(async (where) => {
        const [top, count] = await Promise.all([base(where).orderBy('d.dueAt', 'ASC').addOrderBy('d.code', 'ASC').limit(TOP_OVERDUE).getMany(), base(where).getCount()]);
        return { top, count };
      }),
    );
    const total = parts.reduce((sum, part) => sum + part.count, 0);
    const rows = parts
      .flatMap((part) => part.top)
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .slice(0, TOP_OVERDUE);
    const calendars = await this.calendar.calendarsFor([null]);
    const national = calendars.get(0)!;
    const asOf = localDateOf(at);
    return {
      total,
      items: rows.map((row) => ({
        code: row.code,
        unitName: names.get(row.unitId) ?? '',
        procedureName: row.procedureName,
        field: row.field,
        receivedAt: row.receivedAt.toISOString(),
        dueAt: row.dueAt.toISOString(),
        workingDaysOverdue: Math.max(1, workingDaysBetween(row.dueOn, asOf, national)),
      })),
    };
  }
}

function toRow(key: string, label: string, figures: Figures | StatsAnswer): ReportRow {
  return {
    key,
    label,
    received: { total: figures.received.total, online: figures.received.online, directAndPostal: figures.received.direct + figures.received.postal },
    carriedOver: figures.carriedOver,
    settled: { ...figures.settled },
    open: { total: figures.open.total, onTrack: figures.open.onTrack, overdue: figures.open.overdue },
    withdrawn: figures.withdrawn,
  };
}
