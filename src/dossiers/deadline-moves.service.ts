import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { instantRangeProblem } from '../common/local-time';
import { instantOf } from '../database/sql';
import { Unit } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import { NATIONAL } from '../calendar/calendar-day.entity';
import { CalendarService } from '../calendar/calendar.service';
import { computeDueAt } from '../calendar/deadlines';
import { DeadlinesService, RecomputeScope } from '../calendar/deadlines.service';
import { Dossier } from './dossier.entity';
import { DossierWriter } from './dossier-writer';

const BATCH = 1000;

/**
 * DeadlinesService as dossiers/ keeps it: scans the dossiers whose computed deadline a change
 * may cross, and hands those that move to the dossier writer.
 */
@Injectable()
export class DeadlineMovesService extends DeadlinesService {
  private readonly logger = new Logger(DeadlinesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: CalendarService,
    private readonly units: UnitsService,
    private readonly writer: DossierWriter,
    private readonly clock: Clock,
  ) {
    super();
  }

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
    // Only the deadlines the scan saw move are written (most of a scan's rows stay put).
    const moving = rows.filter((row) => {
      const dueAt = newDueAt(Number(row.unitId), instantOf(row.receivedAt)!, Number(row.processingDays));
      return dueAt !== null && dueAt.getTime() !== instantOf(row.dueAt)!.getTime();
    });
    if (moving.length === 0) return 0;
    const processingDays = new Map(moving.map((row) => [Number(row.id), Number(row.processingDays)]));
    const unitIds = [...new Set(moving.map((row) => Number(row.unitId)))];
    return this.writer.moveDeadlines(
      [...processingDays.keys()],
      unitIds,
      (id, unitId, receivedAt) => newDueAt(unitId, receivedAt, processingDays.get(id)!),
      this.clock.now(),
    );
  }
}

interface RawRow {
  id: number | string;
  unitId: number | string;
  receivedAt: Date | string;
  dueAt: Date | string;
  processingDays: number | string;
}
