import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Caller } from '../auth/api-keys.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { onReadReplica } from '../database/sql';
import { Channel, DossierStatus } from '../dossiers/classification';
import { Dossier } from '../dossiers/dossier.entity';
import { MAX_CSV_ROWS, MAX_PAGE_SIZE } from '../dossiers/open-dossiers.service';
import { Period, judgedAt } from '../stats/figures';
import { StatsService } from '../stats/stats.service';
import { Unit } from '../units/unit.entity';
import { UnitsService, isWithin } from '../units/units.service';
import {
  COMPLAINT_CONDITION, CostReason, FACT_CONDITIONS, FactIndicator, ListedIndicator, PROGRESS_CANDIDATES, StoredCosts, byReceipt, factReasons,
  indicatorName, parseListedIndicator, progressReasons, reasonText, satisfactionReasons,
} from './indicator-dossiers';
import { Lang } from './indicators';
import { UnitRef } from './index766.service';
import { resolvePeriod766 } from './period-766';

export const DEFAULT_INDICATOR_PAGE_SIZE = 100;

export interface IndicatorDossiersRequest {
  unitCode: string;
  indicator: unknown;
  period?: unknown;
  from?: unknown;
  to?: unknown;
  /** Default true, as the scorecard counts a unit. */
  includeChildren?: boolean;
  includePredecessors?: boolean;
  page?: number;
  pageSize?: number;
  lang?: Lang;
}

/** One dossier that costs points: where it is, what it is, its dates, and why. No applicant's data: the table holds none. */
export interface IndicatorDossierItem {
  unitCode: string;
  unitName: string;
  code: string;
  procedureCode: string | null;
  procedureName: string | null;
  field: string;
  channel: Channel;
  status: DossierStatus;
  receivedAt: string;
  dueAt: string;
  /** The end of processing: resolvedAt for a settled dossier, withdrawnAt for a withdrawn one. */
  finishedAt: string | null;
  reasons: CostReason[];
  reason: string;
}

export interface IndicatorDossiersAnswer {
  unit: UnitRef;
  period: Period & { label: string };
  includeChildren: boolean;
  judgedAt: string;
  indicator: { id: ListedIndicator; name: string };
  page: number;
  pageSize: number;
  total: number;
  items: IndicatorDossierItem[];
}

/** The columns a listed dossier shows. */
const SHOWN = ['d.id', 'd.unitId', 'd.code', 'd.procedureCode', 'd.procedureName', 'd.field', 'd.channel', 'd.status', 'd.receivedAt', 'd.dueAt', 'd.resolvedAt', 'd.withdrawnAt'];
/** The columns 2.1 and 5.4 judge a candidate on. */
const JUDGED = [
  'd.id', 'd.code', 'd.receivedAt', 'd.status', 'd.receivedOn', 'd.settledOn', 'd.withdrawnOn', 'd.dueAt', 'd.resolvedAt', 'd.withdrawnAt',
  'd.supplementAt', 'd.supplementDoneAt', 'd.supplementAgainAt', 'd.supplementDueMoved', 'd.complaint',
];
const IDS_PER_READ = 5_000;

interface Selection {
  total: number;
  rows: { row: Dossier; reasons: CostReason[] }[];
}

/**
 * The dossiers behind one indicator of a unit's scorecard that cost it points (SPEC §11), for
 * the staff of the unit or above: the same scope, period and judging moment as the scorecard
 * (Index766Service), so the list's total is the indicator's denominator less its numerator.
 */
@Injectable()
export class IndicatorDossiersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stats: StatsService,
    private readonly units: UnitsService,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, request: IndicatorDossiersRequest, limits: { csv?: boolean } = {}): Promise<IndicatorDossiersAnswer> {
    const indicator = parseListedIndicator(request.indicator);
    if (!indicator.ok) throw new DomainError('invalid', indicator.reason);
    const page = request.page ?? 1;
    const pageSize = limits.csv ? MAX_CSV_ROWS : (request.pageSize ?? DEFAULT_INDICATOR_PAGE_SIZE);
    if (!Number.isInteger(page) || page < 1) throw new DomainError('invalid', 'page: must be a whole number from 1');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > (limits.csv ? MAX_CSV_ROWS : MAX_PAGE_SIZE)) {
      throw new DomainError('invalid', `pageSize: must be a whole number 1–${MAX_PAGE_SIZE}`);
    }
    const now = this.clock.now();
    const periodCheck = resolvePeriod766(request.period, request.from, request.to, now);
    if (!periodCheck.ok) throw new DomainError('invalid', periodCheck.reason);
    const period = periodCheck.period;

    const unit = await this.units.getByCode(request.unitCode);
    if (caller.role !== 'admin' && !(caller.unit && isWithin(unit, caller.unit))) {
      throw new DomainError('forbidden', `this key may not read the dossiers of "${unit.code}"`);
    }
    const includeChildren = request.includeChildren ?? true;
    const scope = await this.stats.scopeState(unit.code, includeChildren, { periodEnd: period.to, includePredecessors: request.includePredecessors ?? true });
    const at = judgedAt(period, now);
    const unitsById = new Map(scope.units.map((member) => [member.id, member]));
    const query = { unitIds: [...unitsById.keys()], params: { from: period.from, to: period.to, at }, period, at, page, pageSize };
    const selection = await onReadReplica(this.dataSource, (manager) =>
      indicator.id === '2.1' || indicator.id === '5.4' ? judgedSelection(manager, indicator.id, query) : factSelection(manager, indicator.id, query),
    );
    const lang = request.lang ?? 'vi';
    return {
      unit: { code: scope.unit.code, name: scope.unit.name, level: scope.unit.level },
      period: { ...period, label: periodCheck.label },
      includeChildren,
      judgedAt: at.toISOString(),
      indicator: { id: indicator.id, name: indicatorName(indicator.id, lang) },
      page,
      pageSize,
      total: selection.total,
      items: selection.rows.map(({ row, reasons }) => toItem(row, unitsById.get(row.unitId)!, reasons, lang)),
    };
  }
}

interface SelectionQuery {
  unitIds: number[];
  params: { from: string; to: string; at: Date };
  period: Period;
  at: Date;
  page: number;
  pageSize: number;
}

const inScope = (manager: EntityManager, query: SelectionQuery, where: string) =>
  manager.createQueryBuilder(Dossier, 'd').where('d.unitId IN (:...unitIds)', { unitIds: query.unitIds }).andWhere(where, query.params);

/** A fact of the record: SQL selects, counts and pages them. */
async function factSelection(manager: EntityManager, id: FactIndicator, query: SelectionQuery): Promise<Selection> {
  const where = FACT_CONDITIONS[id];
  const [total, rows] = await Promise.all([
    inScope(manager, query, where).getCount(),
    inScope(manager, query, where)
      .select([...SHOWN, 'd.digitized', 'd.resultDigitized'])
      .orderBy('d.receivedAt', 'ASC')
      .addOrderBy('d.code', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getMany(),
  ]);
  return { total, rows: rows.map((row) => ({ row, reasons: factReasons(id, row) })) };
}

/**
 * 2.1 (and 5.4, which adds the complaints): SQL picks the candidates, progress-766.ts judges
 * each, and the page is cut from the judged list; only the page's rows are read in full.
 */
async function judgedSelection(manager: EntityManager, id: '2.1' | '5.4', query: SelectionQuery): Promise<Selection> {
  const wheres = [...PROGRESS_CANDIDATES, ...(id === '5.4' ? [COMPLAINT_CONDITION] : [])];
  const found = await Promise.all(wheres.map((where) => inScope(manager, query, where).select(JUDGED).getMany()));
  const candidates = new Map<number, Dossier>();
  for (const row of found.flat()) candidates.set(row.id, row);
  const judge = id === '5.4' ? satisfactionReasons : progressReasons;
  const judged = [...candidates.values()]
    .map((row) => ({ row, reasons: judge(row as StoredCosts, query.period, query.at) }))
    .filter((entry) => entry.reasons.length > 0)
    .sort((a, b) => byReceipt(a.row, b.row));
  const shown = judged.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const full = new Map<number, Dossier>();
  for (let start = 0; start < shown.length; start += IDS_PER_READ) {
    const ids = shown.slice(start, start + IDS_PER_READ).map((entry) => entry.row.id);
    for (const row of await manager.createQueryBuilder(Dossier, 'd').select(SHOWN).where('d.id IN (:...ids)', { ids }).getMany()) full.set(row.id, row);
  }
  // A dossier is never deleted, but one read a moment later must not break the page if it were.
  const rows = shown.filter((entry) => full.has(entry.row.id)).map((entry) => ({ row: full.get(entry.row.id)!, reasons: entry.reasons }));
  return { total: judged.length, rows };
}

function toItem(row: Dossier, unit: Unit, reasons: CostReason[], lang: Lang): IndicatorDossierItem {
  const finishedAt = row.resolvedAt ?? row.withdrawnAt;
  return {
    unitCode: unit.code,
    unitName: unit.name,
    code: row.code,
    procedureCode: row.procedureCode,
    procedureName: row.procedureName,
    field: row.field,
    channel: row.channel,
    status: row.status,
    receivedAt: row.receivedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    finishedAt: finishedAt ? finishedAt.toISOString() : null,
    reasons,
    reason: reasonText(reasons, lang),
  };
}
