import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { Caller } from '../auth/api-keys.service';
import { CalendarService } from '../calendar/calendar.service';
import { endOfNextWorkingDay, workingDaysBetween } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { localDateOf } from '../common/local-time';
import { Unit } from '../units/unit.entity';
import { UnitsService, isWithin } from '../units/units.service';
import { resolveScope } from '../units/unit-scope-reader';
import { Channel, DossierStatus, OpenState, classifyOpen } from './classification';
import { Dossier } from './dossier.entity';

export const OPEN_STATES = ['overdue', 'dueSoon', 'onTrack', 'waiting'] as const;
export type OpenStateFilter = OpenState | 'all';
export const MAX_PAGE_SIZE = 500;
/** Pages of the open list one may ask for: far past any list's end, and far below what SQL's OFFSET takes. */
export const MAX_OPEN_PAGE = 100_000;
export const MAX_CSV_ROWS = 100_000;

export interface OpenDossierItem {
  code: string;
  unitCode: string;
  unitName: string;
  procedureCode: string | null;
  procedureName: string | null;
  field: string;
  channel: Channel;
  status: DossierStatus;
  state: OpenState;
  receivedAt: string;
  dueAt: string;
  extendedDueAt: string | null;
  /** Working days from today to the deadline; negative: working days since it passed. */
  workingDaysLeft: number;
}

export interface OpenListRequest {
  unitCode: string;
  state?: string;
  includeChildren: boolean;
  page?: number;
  pageSize?: number;
}

export interface OpenList {
  unit: { code: string; name: string };
  includeChildren: boolean;
  asOf: string;
  state: OpenStateFilter;
  counts: { total: number; overdue: number; dueSoon: number; onTrack: number; waiting: number };
  page: number;
  pageSize: number;
  total: number;
  items: OpenDossierItem[];
}

/**
 * The follow-up list of open dossiers (docs/figures.md §3 "trong hạn / quá hạn" at this moment), most
 * urgent first. Its counts are the stats' open figures for a period ending today.
 */
@Injectable()
export class OpenDossiersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, request: OpenListRequest, limits: { csv?: boolean } = {}): Promise<OpenList> {
    const state = (request.state || 'all') as OpenStateFilter;
    if (state !== 'all' && !(OPEN_STATES as readonly string[]).includes(state)) {
      throw new DomainError('invalid', `state: must be one of ${OPEN_STATES.join(', ')} (or all)`);
    }
    const page = request.page ?? 1;
    const pageSize = limits.csv ? MAX_CSV_ROWS : request.pageSize ?? 50;
    if (!Number.isInteger(page) || page < 1) throw new DomainError('invalid', 'page: must be a whole number from 1');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > (limits.csv ? MAX_CSV_ROWS : MAX_PAGE_SIZE)) {
      throw new DomainError('invalid', `pageSize: must be a whole number 1–${MAX_PAGE_SIZE}`);
    }

    const unit = await this.units.getByCode(request.unitCode);
    if (caller.role !== 'admin' && !(caller.unit && isWithin(unit, caller.unit))) {
      throw new DomainError('forbidden', `this key may not read the dossiers of "${unit.code}"`);
    }
    // Whose dossiers count today (docs/figures.md §9): a commune's list holds the open dossiers of the
    // units whose history it carries, a province's those of every unit below it, retired ones too.
    const { units: scope } = await resolveScope(this.dataSource.manager, unit.code, localDateOf(this.clock.now()), { includeChildren: request.includeChildren, includePredecessors: true }, async () => unit);
    const unitsById = new Map(scope.map((member) => [member.id, member]));
    const calendars = await this.calendar.calendarsFor(scope);
    const now = this.clock.now();
    const today = localDateOf(now);
    // "Due soon" is judged on the calendar of the unit asked about, in SQL and per item alike.
    const unitCalendar = calendars.get(unit.id)!;
    const dueSoonUntil = endOfNextWorkingDay(today, unitCalendar);
    const params = { unitIds: [...unitsById.keys()], now, dueSoonUntil };

    const base = () =>
      this.dataSource
        .createQueryBuilder(Dossier, 'd')
        .where('d.unitId IN (:...unitIds)')
        .andWhere("d.status IN ('processing', 'waiting')")
        .setParameters(params);

    const countRow = await base()
      .select('COUNT(*)', 'total')
      .addSelect(`SUM(CASE WHEN ${STATE_CONDITION.overdue} THEN 1 ELSE 0 END)`, 'overdue')
      .addSelect(`SUM(CASE WHEN ${STATE_CONDITION.dueSoon} THEN 1 ELSE 0 END)`, 'dueSoon')
      .addSelect(`SUM(CASE WHEN ${STATE_CONDITION.onTrack} THEN 1 ELSE 0 END)`, 'onTrack')
      .addSelect(`SUM(CASE WHEN ${STATE_CONDITION.waiting} THEN 1 ELSE 0 END)`, 'waiting')
      .getRawOne<Record<string, string | number | null>>();
    const counts = {
      total: Number(countRow?.total ?? 0),
      overdue: Number(countRow?.overdue ?? 0),
      dueSoon: Number(countRow?.dueSoon ?? 0),
      onTrack: Number(countRow?.onTrack ?? 0),
      waiting: Number(countRow?.waiting ?? 0),
    };

    const listed: SelectQueryBuilder<Dossier> = base();
    if (state !== 'all') listed.andWhere(STATE_CONDITION[state]);
    // Most urgent first: open ones by deadline (overdue the longest at the top), waiting last.
    const rows = await listed
      .orderBy("CASE WHEN d.status = 'waiting' THEN 1 ELSE 0 END", 'ASC')
      .addOrderBy('d.dueAt', 'ASC')
      .addOrderBy('d.code', 'ASC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getMany();

    const items = rows.map((row) => {
      const member = unitsById.get(row.unitId)!;
      const state = classifyOpen(row.status, row.dueAt, now, unitCalendar);
      return toItem(row, member, state, workingDaysBetween(today, row.dueOn, calendars.get(member.id)!));
    });
    return {
      unit: { code: unit.code, name: unit.name },
      includeChildren: request.includeChildren,
      asOf: now.toISOString(),
      state,
      counts,
      page,
      pageSize,
      total: state === 'all' ? counts.total : counts[state],
      items,
    };
  }
}

/** classifyOpen in SQL: the same conditions as the stats' open figures (counting.ts), split at "due soon". */
const STATE_CONDITION: Record<OpenState, string> = {
  overdue: "d.status = 'processing' AND d.dueAt < :now",
  dueSoon: "d.status = 'processing' AND d.dueAt >= :now AND d.dueAt <= :dueSoonUntil",
  onTrack: "d.status = 'processing' AND d.dueAt > :dueSoonUntil",
  waiting: "d.status = 'waiting'",
};

function toItem(row: Dossier, unit: Unit, state: OpenState, workingDaysLeft: number): OpenDossierItem {
  return {
    code: row.code,
    unitCode: unit.code,
    unitName: unit.name,
    procedureCode: row.procedureCode,
    procedureName: row.procedureName,
    field: row.field,
    channel: row.channel,
    status: row.status,
    state,
    receivedAt: row.receivedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    extendedDueAt: row.extendedDueAt ? row.extendedDueAt.toISOString() : null,
    workingDaysLeft,
  };
}
