import { EntityManager, In } from 'typeorm';
import { LocalDate } from '../common/local-time';
import { Unit } from './unit.entity';
import { ScopeOptions, UnitHistory, nearestDay, unitScope } from './unit-scope';
import { ParentSpan, SuccessionLink } from './unit-timeline';

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

/** A unit as the tree over time needs it: no more than these four columns. */
interface TimelineRow {
  id: number;
  parentId: number | null;
  validFrom: LocalDate | null;
  validTo: LocalDate | null;
}

/**
 * Reads the tree over time once and resolves the scope. The tree is read as plain rows — each
 * unit's id, parent and days, the parent rows and the successions — and only the units the
 * scope counts are then read whole: a national tree holds thousands of units with their
 * history, and building every one as an entity cost a commune's widget some 50 ms on a miss
 * (the widget-mix bench). On the primary (the tree must be the current one). Without the units
 * below, the unit and the successions are read; without predecessors either, the unit alone.
 * `byCode` reads one unit (and says when there is none).
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
    return scopeOf(manager, unit, unit, [unit], [], await successionRows(manager), periodEnd, options, async () => unit);
  }
  // Three reads at once, then the counted units whole (the unit with them): four queries whatever the tree's size.
  const [timeline, spans, links] = await Promise.all([
    manager.query('SELECT id, code, parentId, validFrom, validTo FROM units') as Promise<Record<string, unknown>[]>,
    manager.query('SELECT unitId, parentId, validFrom, validTo FROM unit_parents') as Promise<Record<string, unknown>[]>,
    successionRows(manager),
  ]);
  const idOf = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  const dayOf = (value: unknown) => (value === null || value === undefined ? null : (String(value) as LocalDate));
  const rows: TimelineRow[] = timeline.map((row) => ({ id: Number(row.id), parentId: idOf(row.parentId), validFrom: dayOf(row.validFrom), validTo: dayOf(row.validTo) }));
  const parents: ParentSpan[] = spans.map((row) => ({ unitId: Number(row.unitId), parentId: idOf(row.parentId), validFrom: dayOf(row.validFrom), validTo: dayOf(row.validTo) }));
  const asked = timeline.find((row) => row.code === unitCode);
  // None: byCode says so in its words (or, created since the read, it is added as it is).
  const known = asked === undefined ? await byCode(unitCode) : null;
  const unitRow = known ?? rows.find((row) => row.id === Number(asked!.id))!;
  return scopeOf(manager, unitRow, known, rows, parents, links, periodEnd, options, () => byCode(unitCode));
}

async function successionRows(manager: EntityManager): Promise<SuccessionLink[]> {
  const rows: Record<string, unknown>[] = await manager.query('SELECT fromUnitId, toUnitId, carriesHistory, effectiveOn FROM unit_successions');
  return rows.map((row) => ({
    fromUnitId: Number(row.fromUnitId),
    toUnitId: Number(row.toUnitId),
    carriesHistory: row.carriesHistory === true || Number(row.carriesHistory) === 1,
    effectiveOn: String(row.effectiveOn) as LocalDate,
  }));
}

async function scopeOf(
  manager: EntityManager,
  unitRow: TimelineRow,
  known: Unit | null,
  timeline: TimelineRow[],
  spans: ParentSpan[],
  links: SuccessionLink[],
  periodEnd: LocalDate,
  options: ScopeOptions,
  reread: () => Promise<Unit>,
): Promise<ResolvedScope & { unit: Unit }> {
  const rowsById = new Map(timeline.map((row) => [row.id, row]));
  rowsById.set(unitRow.id, unitRow);
  const history = new UnitHistory([...rowsById.values()], spans, links, (id) => rowsById.get(id)?.parentId ?? null);
  const scope = unitScope(history, unitRow.id, periodEnd, options);
  // Only what the scope counts is read whole (the unit with it), in parts a statement's parameters hold.
  const byId = new Map<number, Unit>(known ? [[known.id, known]] : []);
  const wanted = [...new Set([unitRow.id, ...scope.unitIds, ...scope.rows.map((row) => row.unitId)])].filter((id) => !byId.has(id));
  for (let start = 0; start < wanted.length; start += ENTITY_CHUNK) {
    for (const found of await manager.findBy(Unit, { id: In(wanted.slice(start, start + ENTITY_CHUNK)) })) byId.set(found.id, found);
  }
  // Gone between the reads (never, in practice): reading it again answers for it.
  const unit = byId.get(unitRow.id) ?? (await reread());
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

const ENTITY_CHUNK = 500;
