import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { LocalDate, localDateOf, monthsOf } from '../common/local-time';
import { Unit } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import { HistoryCarrier, historyCarrier } from '../units/unit-successor';
import { CountQuery } from './counting';
import { countFromRollups } from './rollup-store';
import { onReadReplica } from '../database/sql';
import { FigureCounts, Figures, Period, addCounts, deriveFigures, judgedAt, zeroCounts } from './figures';
import { DEFAULT_DECIMALS } from './percent';
import { resolvePeriod } from './period';
import { GroupBy } from './stats.dto';
import { DomainError } from '../common/domain-error';
import { ResolvedScope, resolveScope } from '../units/unit-scope-reader';

export interface StatsRequest {
  unitCode: string;
  from?: unknown;
  to?: unknown;
  includeChildren?: boolean;
  /** Count the dossiers of every unit whose history a counted unit carries (docs/figures.md §9); default true. */
  includePredecessors?: boolean;
  groupBy?: GroupBy | null;
  decimals?: number;
}

export interface StatsGroupAnswer extends Figures {
  key: string;
  label: string;
}

export interface StatsAnswer extends Figures {
  unit: { code: string; name: string; level: string };
  period: Period;
  includeChildren: boolean;
  /** The moment open dossiers were judged at (end of the period, or now). */
  judgedAt: string;
  /** When the data of the unit (or of any unit below, with includeChildren) last changed. */
  dataUpdatedAt: string | null;
  groups: StatsGroupAnswer[];
}

/**
 * The units counted for a unit and a period (units/unit-scope.ts), and the state of their data:
 * any write to one of them changes `version`.
 */
export interface ScopeState extends ResolvedScope {
  unit: Unit;
  /** The period's last day the scope was resolved for, and whether predecessors count. */
  periodEnd: LocalDate;
  includePredecessors: boolean;
  version: string;
  dataUpdatedAt: Date | null;
}

/** Which scope: the tree is read as it stood on the period's last day (default: today). */
export interface ScopeChoice {
  periodEnd?: LocalDate;
  includePredecessors?: boolean;
}

/**
 * The one query path for figures: the API, the widget and the reports all come through here,
 * so they can never disagree.
 */
@Injectable()
export class StatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly clock: Clock,
  ) {}

  /** Who carries a retired unit's history now (null for a unit that goes on, or none). */
  carrierOf(unit: Unit): Promise<HistoryCarrier | null> {
    return historyCarrier(this.dataSource.manager, unit);
  }

  /** Resolved once per request: the counting below reads only these units' rollups. */
  async scopeState(unitCode: string, includeChildren: boolean, choice: ScopeChoice = {}): Promise<ScopeState> {
    const periodEnd = choice.periodEnd ?? localDateOf(this.clock.now());
    const includePredecessors = choice.includePredecessors ?? true;
    const options = { includeChildren, includePredecessors };
    const resolved = await resolveScope(this.dataSource.manager, unitCode, periodEnd, options, (code) => this.units.getByCode(code));
    const units = resolved.units;
    let versionSum = 0;
    let dataUpdatedAt: Date | null = null;
    for (const member of units) {
      versionSum += member.dataVersion;
      if (member.dataUpdatedAt && (!dataUpdatedAt || member.dataUpdatedAt > dataUpdatedAt)) dataUpdatedAt = member.dataUpdatedAt;
    }
    const version = `${units.length}.${versionSum}.${scopeSignature(resolved)}`;
    return { ...resolved, periodEnd, includePredecessors, version, dataUpdatedAt };
  }

  async stats(request: StatsRequest, known?: ScopeState): Promise<StatsAnswer> {
    const now = this.clock.now();
    const periodCheck = resolvePeriod(request.from, request.to, now);
    if (!periodCheck.ok) throw new DomainError('invalid', periodCheck.reason);
    const period = periodCheck.period;
    const includeChildren = request.includeChildren ?? false;
    const decimals = request.decimals ?? DEFAULT_DECIMALS;
    const includePredecessors = request.includePredecessors ?? true;
    const scope = known ?? (await this.scopeState(request.unitCode, includeChildren, { periodEnd: period.to, includePredecessors }));
    const unitIds = scope.units.map((unit) => unit.id);
    const at = judgedAt(period, now);

    const base: CountQuery = { unitIds, period, judgedAt: at, groupColumn: null };
    let total: FigureCounts;
    let groups: StatsGroupAnswer[] = [];
    const figures = (counts: FigureCounts) => deriveFigures(counts, decimals);

    switch (request.groupBy ?? null) {
      case 'field':
      case 'channel': {
        const byKey = await this.count({ ...base, groupColumn: request.groupBy as 'field' | 'channel' });
        total = [...byKey.values()].reduce(addCounts, zeroCounts());
        groups = [...byKey.entries()]
          .filter(([, counts]) => hasAny(counts))
          .sort(([a], [b]) => a.localeCompare(b, 'vi'))
          .map(([key, counts]) => ({ key, label: key, ...figures(counts) }));
        break;
      }
      case 'unit': {
        const byUnitId = await this.count({ ...base, groupColumn: 'unitId' });
        total = [...byUnitId.values()].reduce(addCounts, zeroCounts());
        groups = groupByUnit(scope, byUnitId, figures);
        break;
      }
      case 'month': {
        total = (await this.count(base)).get('') ?? zeroCounts();
        for (const month of monthsOf(period.from, period.to)) {
          const monthPeriod = { from: month.from, to: month.to };
          const counts = (await this.count({ ...base, period: monthPeriod, judgedAt: judgedAt(monthPeriod, now) })).get('') ?? zeroCounts();
          groups.push({ key: month.key, label: month.key, ...figures(counts) });
        }
        break;
      }
      default:
        total = (await this.count(base)).get('') ?? zeroCounts();
    }

    return {
      unit: { code: scope.unit.code, name: scope.unit.name, level: scope.unit.level },
      period,
      includeChildren,
      judgedAt: at.toISOString(),
      dataUpdatedAt: scope.dataUpdatedAt ? scope.dataUpdatedAt.toISOString() : null,
      ...figures(total),
      groups,
    };
  }

  /**
   * The counts of a scope over a period, in total and (`byRow`) per row by unit as `groupBy=unit`
   * parts them: what the 766 scorecard and its ranking are computed from, by the same path as the
   * figures, so the stats' progressIndex and the scorecard's 2.1 are one number.
   */
  async scopeCounts(
    request: { unitCode: string; period: Period; includeChildren: boolean; includePredecessors: boolean },
    byRow = false,
  ): Promise<{ scope: ScopeState; judgedAt: Date; total: FigureCounts; rows: { unit: Unit; counts: FigureCounts }[] }> {
    const now = this.clock.now();
    const { period } = request;
    const scope = await this.scopeState(request.unitCode, request.includeChildren, { periodEnd: period.to, includePredecessors: request.includePredecessors });
    const at = judgedAt(period, now);
    const byUnitId = await this.count({ unitIds: scope.units.map((unit) => unit.id), period, judgedAt: at, groupColumn: 'unitId' });
    const total = [...byUnitId.values()].reduce(addCounts, zeroCounts());
    return { scope, judgedAt: at, total, rows: byRow ? countsByRow(scope, byUnitId).slice(1) : [] };
  }

  /**
   * Every figure comes from the rollups: the cost follows units and days, not dossiers. The e2e
   * suites hold them equal to docs/figures.md §5 counted dossier by dossier (`countDossiers`).
   */
  private async count(query: CountQuery): Promise<Map<string, FigureCounts>> {
    if (query.groupColumn === 'field' || query.groupColumn === 'channel') {
      const by = query.groupColumn;
      return onReadReplica(this.dataSource, (manager) => countFromRollups(manager, query.unitIds, query.period, query.judgedAt, by));
    }
    const byUnit = await onReadReplica(this.dataSource, (manager) => countFromRollups(manager, query.unitIds, query.period, query.judgedAt));
    if (query.groupColumn === 'unitId') return byUnit;
    return new Map([['', [...byUnit.values()].reduce(addCounts, zeroCounts())]]);
  }
}

/**
 * Rows by unit (docs/figures.md §9): the rest first (the unit's own dossiers, those of the units whose
 * history it carries and of retired units no row below holds), then one row per unit directly
 * below on the period's last day, with its predecessors and subtree. The scope parts them, so
 * they add up to the total.
 */
function groupByUnit(scope: ScopeState, byUnitId: Map<string, FigureCounts>, figures: (counts: FigureCounts) => Figures): StatsGroupAnswer[] {
  return countsByRow(scope, byUnitId)
    .filter((row, i) => i > 0 || hasAny(row.counts) || scope.rows.length === 0)
    .map((row) => ({ key: row.unit.code, label: row.unit.name, ...figures(row.counts) }));
}

/** The rest (the unit's own and its carried history), then one row per unit directly below. */
function countsByRow(scope: ScopeState, byUnitId: Map<string, FigureCounts>): { unit: Unit; counts: FigureCounts }[] {
  const sum = (ids: number[]) => {
    const counts = zeroCounts();
    for (const id of ids) {
      const more = byUnitId.get(String(id));
      if (more) addCounts(counts, more);
    }
    return counts;
  };
  const rest = { unit: scope.unit, counts: sum(scope.rest) };
  return [rest, ...scope.rows.map((row) => ({ unit: row.unit, counts: sum(row.unitIds) }))];
}

/**
 * Which units the scope holds and how its rows part them: a reorganization that changes them
 * changes the version, so cached answers follow it even before any data version moves.
 */
function scopeSignature(scope: ResolvedScope): string {
  const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
  const shape = [sorted(scope.units.map((unit) => unit.id)), scope.rows.map((row) => [row.unit.id, sorted(row.unitIds)])];
  return createHash('sha256').update(JSON.stringify(shape)).digest('base64url').slice(0, 16);
}

function hasAny(counts: FigureCounts): boolean {
  return Object.values(counts).some((value) => value > 0);
}
