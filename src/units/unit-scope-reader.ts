import { EntityManager, In } from 'typeorm';
import { LocalDate } from '../common/local-time';
import { Unit } from './unit.entity';
import { UnitParent, UnitSuccession } from './unit-history.entities';
import { ScopeOptions, UnitHistory, nearestDay, unitScope } from './unit-scope';

/** The units whose dossiers count for a unit and a period (unit-scope.ts), as entities: what stats/ counts and the open list lists. */
export interface ResolvedScope {
  /** Every unit counted, in the order of today's tree. */
  units: Unit[];
  /** The day the unit's tree was read on. */
  day: LocalDate;
  /** How many of `units` stand below (beside the unit and those whose history it carries). */
  unitsBelow: number;
  /** The rows of `groupBy=unit`: one per unit directly below on `day`, with the ids it counts. */
  rows: { unit: Unit; unitIds: number[] }[];
  /** The ids of the rest: the unit's own, its predecessors', those no row holds. */
  rest: number[];
}

/**
 * Reads the tree over time once and resolves the scope. A province holds hundreds of units,
 * history included: the whole tree is one read (each unit with its parent rows), beside one of
 * the successions, on the primary (the tree must be the current one). Without the units below,
 * the unit and the successions are read; without predecessors either, the unit alone, as it
 * always was. `byCode` reads one unit (and says when there is none).
 */
export async function resolveScope(
  manager: EntityManager,
  unitCode: string,
  periodEnd: LocalDate,
  options: ScopeOptions,
  byCode: (code: string) => Promise<Unit>,
): Promise<ResolvedScope & { unit: Unit }> {
  if (!options.includeChildren) {
    const unit = await byCode(unitCode);
    if (!options.includePredecessors) return { unit, units: [unit], day: nearestDay(unit, periodEnd), unitsBelow: 0, rows: [], rest: [unit.id] };
    return scopeOf(manager, unit, [unit], [], await manager.find(UnitSuccession), periodEnd, options);
  }
  const [all, links] = await Promise.all([
    manager.createQueryBuilder(Unit, 'u').leftJoinAndMapMany('u.parentSpans', UnitParent, 'p', 'p.unitId = u.id').getMany() as Promise<(Unit & { parentSpans?: UnitParent[] })[]>,
    manager.find(UnitSuccession),
  ]);
  const unit = all.find((member) => member.code === unitCode) ?? (await byCode(unitCode));
  const spans = all.flatMap((member) => member.parentSpans ?? []);
  for (const member of all) delete member.parentSpans;
  return scopeOf(manager, unit, all, spans, links, periodEnd, options);
}

async function scopeOf(
  manager: EntityManager,
  unit: Unit,
  known: Unit[],
  spans: UnitParent[],
  links: UnitSuccession[],
  periodEnd: LocalDate,
  options: ScopeOptions,
): Promise<ResolvedScope & { unit: Unit }> {
  const byId = new Map(known.map((member) => [member.id, member]));
  byId.set(unit.id, unit);
  const history = new UnitHistory([...byId.values()], spans, links, (id) => byId.get(id)?.parentId ?? null);
  const scope = unitScope(history, unit.id, periodEnd, options);
  const missing = scope.unitIds.filter((id) => !byId.has(id));
  if (missing.length > 0) for (const found of await manager.findBy(Unit, { id: In(missing) })) byId.set(found.id, found);
  const units = scope.unitIds.map((id) => byId.get(id)).filter((member): member is Unit => member !== undefined);
  units.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.id - b.id));
  return {
    unit,
    units,
    day: scope.day,
    unitsBelow: scope.unitsBelow,
    rows: scope.rows.filter((row) => byId.has(row.unitId)).map((row) => ({ unit: byId.get(row.unitId)!, unitIds: row.unitIds })),
    rest: scope.rest,
  };
}
