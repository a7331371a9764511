import { EntityManager, In } from 'typeorm';
import { LocalDate } from '../common/local-time';
import { Unit } from '../units/unit.entity';
import { UnitParent, UnitSuccession } from '../units/unit-history.entities';
import { ScopeOptions, UnitHistory, nearestDay, unitScope } from '../units/unit-scope';

/** The units whose dossiers count for a unit and a period (units/unit-scope.ts), as entities. */
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
 * history included: the whole tree is three plain reads, on the primary (the tree must be the
 * current one). Without the units below, only the successions are read, and with no history at
 * all the scope is the unit alone, as it always was.
 */
export async function resolveScope(manager: EntityManager, unit: Unit, periodEnd: LocalDate, options: ScopeOptions): Promise<ResolvedScope> {
  if (!options.includeChildren && !options.includePredecessors) return { units: [unit], day: nearestDay(unit, periodEnd), unitsBelow: 0, rows: [], rest: [unit.id] };
  const links = await manager.find(UnitSuccession);
  let history: UnitHistory;
  let byId: Map<number, Unit>;
  if (options.includeChildren) {
    const [all, spans] = await Promise.all([manager.find(Unit), manager.find(UnitParent)]);
    byId = new Map(all.map((member) => [member.id, member]));
    history = new UnitHistory(all, spans, links, (id) => byId.get(id)?.parentId ?? null);
  } else {
    byId = new Map([[unit.id, unit]]);
    history = new UnitHistory([unit], [], links);
  }
  const scope = unitScope(history, unit.id, periodEnd, options);
  const missing = scope.unitIds.filter((id) => !byId.has(id));
  if (missing.length > 0) for (const found of await manager.findBy(Unit, { id: In(missing) })) byId.set(found.id, found);
  const units = scope.unitIds.map((id) => byId.get(id)).filter((member): member is Unit => member !== undefined);
  units.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.id - b.id));
  return {
    units,
    day: scope.day,
    unitsBelow: scope.unitsBelow,
    rows: scope.rows.filter((row) => byId.has(row.unitId)).map((row) => ({ unit: byId.get(row.unitId)!, unitIds: row.unitIds })),
    rest: scope.rest,
  };
}
