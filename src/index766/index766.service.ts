import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Period } from '../stats/figures';
import { StatsService } from '../stats/stats.service';
import { IndicatorResult, Lang, Scorecard, scorecardOf, weakestIndicator } from './indicators';
import { resolvePeriod766 } from './period-766';

export interface ScorecardRequest {
  unitCode: string;
  period?: unknown;
  from?: unknown;
  to?: unknown;
  /** Default true: DVCQG scores a province or commune with the units below it. */
  includeChildren?: boolean;
  includePredecessors?: boolean;
  lang?: Lang;
}

export interface UnitRef {
  code: string;
  name: string;
  level: string;
}

export interface ScorecardAnswer extends Scorecard {
  unit: UnitRef;
  period: Period & { label: string };
  includeChildren: boolean;
  /** The moment open dossiers were judged at (the end of the period, or now). */
  judgedAt: string;
}

export interface RankingRow {
  rank: number;
  unit: UnitRef;
  points: number | null;
  maxPoints: number;
  /** 2.1's ratio, the stats' progressIndex. */
  progressIndex: number | null;
  weakest: Pick<IndicatorResult, 'id' | 'name' | 'points' | 'maxPoints' | 'onePointMore'> | null;
}

export interface RankingAnswer {
  unit: UnitRef;
  period: Period & { label: string };
  judgedAt: string;
  units: RankingRow[];
}

/**
 * The Decision 766 scorecard of a unit and its ranking of the units directly below (SPEC §11),
 * from the same counts as the stats (StatsService.scopeCounts).
 */
@Injectable()
export class Index766Service {
  constructor(
    private readonly stats: StatsService,
    private readonly clock: Clock,
  ) {}

  async scorecard(request: ScorecardRequest): Promise<ScorecardAnswer> {
    const period = this.period(request);
    const includeChildren = request.includeChildren ?? true;
    const { scope, judgedAt, total } = await this.stats.scopeCounts({ unitCode: request.unitCode, period, includeChildren, includePredecessors: request.includePredecessors ?? true });
    return { unit: unitRef(scope.unit), period, includeChildren, judgedAt: judgedAt.toISOString(), ...scorecardOf(total, request.lang ?? 'vi') };
  }

  async ranking(request: ScorecardRequest): Promise<RankingAnswer> {
    const period = this.period(request);
    const lang = request.lang ?? 'vi';
    const { scope, judgedAt, rows } = await this.stats.scopeCounts({ unitCode: request.unitCode, period, includeChildren: true, includePredecessors: request.includePredecessors ?? true }, true);
    const scored = rows.map(({ unit, counts }) => {
      const card = scorecardOf(counts, lang);
      const weakest = weakestIndicator(card);
      const progress = card.groups.find((group) => group.id === '2')!.indicators[0];
      return {
        unit: unitRef(unit),
        points: card.points,
        maxPoints: card.maxPoints,
        progressIndex: progress.ratio,
        weakest: weakest && { id: weakest.id, name: weakest.name, points: weakest.points, maxPoints: weakest.maxPoints, onePointMore: weakest.onePointMore },
      };
    });
    // By points, most first; units with nothing to score last; ties by name as Vietnamese sorts it.
    scored.sort((a, b) => (b.points ?? -1) - (a.points ?? -1) || a.unit.name.localeCompare(b.unit.name, 'vi'));
    let rank = 0;
    const units = scored.map((row, i) => {
      if (i === 0 || row.points !== scored[i - 1].points) rank = i + 1;
      return { rank, ...row };
    });
    return { unit: unitRef(scope.unit), period, judgedAt: judgedAt.toISOString(), units };
  }

  private period(request: ScorecardRequest): Period & { label: string } {
    const check = resolvePeriod766(request.period, request.from, request.to, this.clock.now());
    if (!check.ok) throw new DomainError('invalid', check.reason);
    return { ...check.period, label: check.label };
  }
}

function unitRef(unit: UnitRef): UnitRef {
  return { code: unit.code, name: unit.name, level: unit.level };
}
