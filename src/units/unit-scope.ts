import { LocalDate } from '../common/local-time';
import { ParentSpan, ParentsOverTime, SuccessionLink, TimelineUnit, isValidOn } from './unit-timeline';

/**
 * Whose dossiers count for a unit and a period (docs/figures.md §9): plain
 * arithmetic on the unit tree over time, so that the stats read one set of unit ids per request
 * and count it on the rollups.
 *
 * - Each unit is read on its **day**: the period's last day, or, for a unit whose life does not
 *   reach it, the day of its life nearest to it (a retired unit: its own last day; a unit not yet
 *   valid: its first day).
 * - A unit stands **directly below** another when it stood under it on its own day nearest to
 *   the other's day: a district retired on 30 June stands below its province for a year's
 *   figures, a commune moved on 1 July below its new parent for the year and below the district
 *   for the district's figures (read on the district's last day).
 * - The **scope** is the unit, with `includePredecessors` every unit whose history it carries
 *   (transitively), with `includeChildren` every unit directly below any unit in the scope, each
 *   again with its predecessors and the units below it.
 */

export interface ScopeOptions {
  includeChildren: boolean;
  includePredecessors: boolean;
}

/** One row of `groupBy=unit`: a unit directly below on the day, and the units its figures count. */
export interface ScopeRow {
  unitId: number;
  unitIds: number[];
}

export interface UnitScope {
  unitId: number;
  /** The day the unit's tree is read on. */
  day: LocalDate;
  /** Every unit whose dossiers count, the unit first. */
  unitIds: number[];
  /** The units of the scope that are not the unit or one whose history it carries: "units below". */
  unitsBelow: number;
  /** One row per unit directly below on `day`, in the order of that day's tree. */
  rows: ScopeRow[];
  /** The rest: the unit's own, its predecessors', and those of units no row holds. */
  rest: number[];
}

/** The day of a unit's life nearest to `date`: `date` itself while the unit is valid. */
export function nearestDay(unit: TimelineUnit, date: LocalDate): LocalDate {
  if (unit.validTo !== null && unit.validTo < date) return unit.validTo;
  if (unit.validFrom !== null && unit.validFrom > date) return unit.validFrom;
  return date;
}

/** The tree over time, indexed for the scope: units by id, parents by date, who carries whose history. */
export class UnitHistory {
  private readonly units = new Map<number, TimelineUnit>();
  private readonly parents: ParentsOverTime;
  /** Units that ever stood under a parent, by the parent's id. */
  private readonly everBelow = new Map<number, Set<number>>();
  /** Units whose history a unit carries directly, by the carrier's id. */
  private readonly carried = new Map<number, number[]>();

  /**
   * `fallbackParent` gives a unit with no parent row at all the parent it has today, as if it
   * had one row with no dates (what the units-over-time migration writes for every unit).
   */
  constructor(
    units: readonly TimelineUnit[],
    spans: readonly ParentSpan[],
    links: readonly SuccessionLink[],
    fallbackParent: (unitId: number) => number | null = () => null,
  ) {
    for (const unit of units) this.units.set(unit.id, unit);
    const withSpans = new Set(spans.map((span) => span.unitId));
    const allSpans = [...spans];
    for (const unit of units) {
      if (!withSpans.has(unit.id)) allSpans.push({ unitId: unit.id, parentId: fallbackParent(unit.id), validFrom: null, validTo: null });
    }
    this.parents = new ParentsOverTime(allSpans);
    for (const span of allSpans) {
      if (span.parentId === null) continue;
      const below = this.everBelow.get(span.parentId) ?? new Set<number>();
      below.add(span.unitId);
      this.everBelow.set(span.parentId, below);
    }
    for (const link of links) {
      if (!link.carriesHistory) continue;
      this.carried.set(link.toUnitId, [...(this.carried.get(link.toUnitId) ?? []), link.fromUnitId]);
    }
  }

  has(unitId: number): boolean {
    return this.units.has(unitId);
  }

  /** The day `unitId` is read on for a period ending on `periodEnd`. */
  dayOf(unitId: number, periodEnd: LocalDate): LocalDate {
    const unit = this.units.get(unitId);
    return unit ? nearestDay(unit, periodEnd) : periodEnd;
  }

  isValidOn(unitId: number, date: LocalDate): boolean {
    const unit = this.units.get(unitId);
    return unit !== undefined && isValidOn(unit, date);
  }

  /** The units whose history `unitId` carries directly (a merge's sources, a split's source for its `historyTo`). */
  carriedBy(unitId: number): readonly number[] {
    return this.carried.get(unitId) ?? [];
  }

  /**
   * The units directly below `unitId` read on `day`: each stood under it, on the day of its own
   * life nearest to `day`, while it was itself valid. In id order.
   */
  below(unitId: number, day: LocalDate): number[] {
    const found: number[] = [];
    for (const childId of this.everBelow.get(unitId) ?? []) {
      const child = this.units.get(childId);
      if (!child) continue;
      const childDay = nearestDay(child, day);
      if (this.parents.parentOn(childId, childDay) === unitId && this.isValidOn(unitId, childDay)) found.push(childId);
    }
    return found.sort((a, b) => a - b);
  }
}

/**
 * The scope of `unitId` for a period ending on `periodEnd`, and its rows by unit. The rows part
 * the scope: a unit counts in the first row (in the tree's order) whose units reach it, the
 * unit and those whose history it carries always in the rest, so the rows add up to the total.
 */
export function unitScope(history: UnitHistory, unitId: number, periodEnd: LocalDate, options: ScopeOptions): UnitScope {
  const day = history.dayOf(unitId, periodEnd);
  const unitIds = reach(history, unitId, periodEnd, options);
  const own = reach(history, unitId, periodEnd, { ...options, includeChildren: false });
  const claimed = new Set(own);
  const rows: ScopeRow[] = [];
  if (options.includeChildren) {
    const direct = history.below(unitId, day).filter((childId) => childId !== unitId && history.isValidOn(childId, day));
    for (const childId of direct.sort(byTreeOrder)) {
      const members = reach(history, childId, periodEnd, options).filter((id) => !claimed.has(id));
      for (const id of members) claimed.add(id);
      rows.push({ unitId: childId, unitIds: members });
    }
  }
  const inRows = new Set(rows.flatMap((row) => row.unitIds));
  return {
    unitId,
    day,
    unitIds,
    unitsBelow: unitIds.length - own.length,
    rows,
    rest: unitIds.filter((id) => !inRows.has(id)),
  };
}

/** The unit, then what it reaches by the options, each unit once (a cycle in bad data stops). */
function reach(history: UnitHistory, start: number, periodEnd: LocalDate, options: ScopeOptions): number[] {
  const seen = new Set<number>();
  const order: number[] = [];
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    order.push(id);
    if (options.includePredecessors) queue.push(...history.carriedBy(id));
    if (options.includeChildren) queue.push(...history.below(id, history.dayOf(id, periodEnd)));
  }
  return order;
}

/** Siblings in the order `units.path` sorts them: `/…/10/` before `/…/9/`. */
function byTreeOrder(a: number, b: number): number {
  const left = `${a}/`;
  const right = `${b}/`;
  return left < right ? -1 : left > right ? 1 : 0;
}
