import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { LocalDate, instantRangeProblem, localDateOf } from '../common/local-time';
import { classifySettled, isSettled } from '../dossiers/classification';
import { Dossier } from '../dossiers/dossier.entity';
import { Unit } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import { instantOf } from '../database/sql';
import { NATIONAL } from './calendar-day.entity';
import { CalendarService } from './calendar.service';
import { computeDueAt } from './deadlines';
import { RollupDelta } from '../stats/rollups';
import { FACT_COLUMNS, applyRollupDelta, factsOf, lockUnits } from '../stats/rollup-store';

export interface RecomputeScope {
  /** Only dossiers of this procedure (its processing days changed). */
  procedureCode?: string;
  /** Calendar dates that changed, and whose calendar: NATIONAL or a unit (with those below). */
  days?: { unitId: number; dates: LocalDate[] };
}

const BATCH = 1000;

/**
 * Keeps computed deadlines true to the calendar and the catalogue: a change moves every
 * deadline it crosses (and the timeliness of settled dossiers with it), never a deadline that
 * came with its record.
 */
@Injectable()
export class DeadlinesService {
  private readonly logger = new Logger(DeadlinesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: CalendarService,
    private readonly units: UnitsService,
    private readonly clock: Clock,
  ) {}

  /** Returns how many deadlines moved. */
  async recompute(scope: RecomputeScope): Promise<number> {
    let scopeUnitIds: number[] | null = null;
    if (scope.days && scope.days.unitId !== NATIONAL) {
      const unit = await this.units.findById(scope.days.unitId);
      if (!unit) return 0;
      scopeUnitIds = (await this.units.scope(unit, true)).map((member) => member.id);
    }
    const unitsById = new Map<number, Unit>();
    let moved = 0;
    for (let lastId = 0; ; ) {
      const query = this.dataSource
        .createQueryBuilder(Dossier, 'd')
        .innerJoin('procedures', 'p', 'p.code = d.procedureCode')
        .select(['d.id AS id', 'd.unitId AS unitId', 'd.receivedAt AS receivedAt', 'd.dueAt AS dueAt'])
        .addSelect('p.processingDays', 'processingDays')
        .where('d.dueAtComputed = :computed', { computed: true })
        .andWhere('d.id > :lastId', { lastId })
        .orderBy('d.id', 'ASC')
        .limit(BATCH);
      if (scope.procedureCode !== undefined) query.andWhere('d.procedureCode = :code', { code: scope.procedureCode });
      if (scope.days) {
        const dates = [...scope.days.dates].sort();
        // Only a deadline whose counting crosses a changed day can move: received before it,
        // due on or after it.
        query.andWhere('d.receivedOn < :last AND d.dueOn >= :first', { first: dates[0], last: dates[dates.length - 1] });
      }
      if (scopeUnitIds) query.andWhere('d.unitId IN (:...unitIds)', { unitIds: scopeUnitIds });
      const rows = await query.getRawMany<RawRow>();
      if (rows.length === 0) break;
      lastId = Number(rows[rows.length - 1].id);
      moved += await this.apply(rows, unitsById);
    }
    if (moved > 0) this.logger.log(`${moved} computed deadline(s) moved`);
    return moved;
  }

  private async apply(rows: RawRow[], unitsById: Map<number, Unit>): Promise<number> {
    const missing = [...new Set(rows.map((row) => Number(row.unitId)))].filter((id) => !unitsById.has(id));
    for (const id of missing) {
      const unit = await this.units.findById(id);
      if (unit) unitsById.set(id, unit);
    }
    const calendars = await this.calendar.calendarsFor([...unitsById.values()]);
    // A deadline that would leave the dates the service stores stays where it is, as the record
    // check would have refused it (a dossier received in late 2199 whose procedure grew longer).
    const newDueAt = (unitId: number, receivedAt: Date, processingDays: number) => {
      const calendar = calendars.get(unitId);
      const dueAt = calendar ? computeDueAt(receivedAt, processingDays, calendar) : null;
      return dueAt && instantRangeProblem(dueAt) === null ? dueAt : null;
    };
    // Only the deadlines the scan saw move are written (most of a scan's rows stay put)…
    const moving = rows.filter((row) => {
      const dueAt = newDueAt(Number(row.unitId), instantOf(row.receivedAt)!, Number(row.processingDays));
      return dueAt !== null && dueAt.getTime() !== instantOf(row.dueAt)!.getTime();
    });
    if (moving.length === 0) return 0;
    const processingDays = new Map(moving.map((row) => [Number(row.id), Number(row.processingDays)]));
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      // …under the units' locks, from the dossiers as they are now (an import may have changed
      // them since the scan): the rollups move by exactly what the stored rows change.
      await lockUnits(manager, [...new Set(moving.map((row) => Number(row.unitId)))]);
      const ids = [...processingDays.keys()];
      const current: Record<string, unknown>[] = await manager.query(
        `SELECT id, unitId, receivedAt, resolvedAt, dueAtComputed, ${FACT_COLUMNS.join(', ')} FROM dossiers WHERE id IN (${ids.map(() => '?').join(', ')})`,
        ids,
      );
      const rollups = new RollupDelta();
      const changed = new Set<number>();
      let moved = 0;
      for (const row of current) {
        const unitId = Number(row.unitId);
        if (!Number(row.dueAtComputed)) continue;
        const before = factsOf(row);
        const dueAt = newDueAt(unitId, instantOf(row.receivedAt as Date | string)!, processingDays.get(Number(row.id))!);
        if (dueAt === null || dueAt.getTime() === before.dueAt.getTime()) continue;
        const resolvedAt = instantOf(row.resolvedAt as Date | string | null);
        const timeliness = isSettled(before.status) && resolvedAt ? classifySettled(resolvedAt, dueAt) : null;
        await manager.update(Dossier, Number(row.id), { dueAt, dueOn: localDateOf(dueAt), timeliness, updatedAt: now });
        rollups.remove(unitId, before);
        rollups.add(unitId, { ...before, dueAt, timeliness });
        changed.add(unitId);
        moved++;
      }
      await applyRollupDelta(manager, rollups);
      await this.units.bumpDataVersion(manager, [...changed], now);
      return moved;
    });
  }
}

interface RawRow {
  id: number | string;
  unitId: number | string;
  receivedAt: Date | string;
  dueAt: Date | string;
  processingDays: number | string;
}
