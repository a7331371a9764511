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
import { Figures, judgedAt } from '../stats/figures';
import { StatsAnswer, StatsService } from '../stats/stats.service';
import { MonthStartDay, previousPeriod } from './periods';
import { OverdueItem, ReportModel, ReportPeriod, ReportRow } from './report-model';
import { ReportSubscription } from './report.entities';

export const TOP_OVERDUE = 20;

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
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.publicBase = config.get('PUBLIC_BASE_URL', { infer: true })?.replace(/\/+$/, '') ?? null;
  }

  async build(subscription: ReportSubscription, unitCode: string, period: ReportPeriod): Promise<ReportModel> {
    const scope = await this.stats.scopeState(unitCode, subscription.includeChildren);
    const byUnit = subscription.includeChildren && scope.units.length > 1;
    const previous = previousPeriod(period, subscription.monthStartDay as MonthStartDay);
    const ask = (p: ReportPeriod, groupBy: 'field' | 'unit' | null) =>
      this.stats.stats({ unitCode, from: p.from, to: p.to, includeChildren: subscription.includeChildren, groupBy }, scope);
    const [current, before] = await Promise.all([ask(period, byUnit ? 'unit' : 'field'), ask(previous, null)]);
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
      totals: toRow('total', 'Tổng cộng', current),
      overdue: items,
      overdueTotal: total,
      detailUrl: this.publicBase
        ? `${this.publicBase}/widget/${encodeURIComponent(unitCode)}/detail?from=${period.from}&to=${period.to}${subscription.locale === 'en' ? '&lang=en' : ''}`
        : null,
      generatedAt: this.clock.now().toISOString(),
    };
  }

  /** True when the period has nothing at all to report (for skipWhenEmpty). */
  static isEmpty(model: ReportModel): boolean {
    const t = model.totals;
    return t.received.total + t.carriedOver + t.settled.total + t.open.total + t.withdrawn === 0;
  }

  /** The dossiers open and overdue at the end of the period, the longest overdue first. */
  private async overdue(unitIds: number[], names: Map<number, string>, period: ReportPeriod): Promise<{ items: OverdueItem[]; total: number }> {
    const at = judgedAt(period, this.clock.now());
    const base = () =>
      this.dataSource
        .createQueryBuilder(Dossier, 'd')
        .where('d.unitId IN (:...unitIds)', { unitIds })
        .andWhere("d.receivedOn <= :to AND d.status <> 'denied' AND d.status <> 'waiting'", { to: period.to })
        .andWhere('(d.settledOn IS NULL OR d.settledOn > :to) AND (d.withdrawnOn IS NULL OR d.withdrawnOn > :to)')
        .andWhere('d.dueAt < :at', { at });
    const [rows, total] = await Promise.all([base().orderBy('d.dueAt', 'ASC').addOrderBy('d.code', 'ASC').limit(TOP_OVERDUE).getMany(), base().getCount()]);
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
