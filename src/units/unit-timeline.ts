import { LocalDate } from '../common/local-time';

/**
 * The unit tree over time as plain arithmetic on days (docs/figures.md §9): which units are valid on a day,
 * whose child each is that day, who succeeded whom. Dates are local `YYYY-MM-DD` strings, which
 * compare as the days they name; null is open on that side (since always, or no end).
 */

/** A span of days, both ends included. */
export interface Validity {
  validFrom: LocalDate | null;
  validTo: LocalDate | null;
}

/** True when `date` lies in the span. */
export function isValidOn(span: Validity, date: LocalDate): boolean {
  return (span.validFrom === null || span.validFrom <= date) && (span.validTo === null || date <= span.validTo);
}

/** True when the two spans share at least one day. */
export function spansOverlap(a: Validity, b: Validity): boolean {
  const startsBeforeBEnds = a.validFrom === null || b.validTo === null || a.validFrom <= b.validTo;
  const bStartsBeforeAEnds = b.validFrom === null || a.validTo === null || b.validFrom <= a.validTo;
  return startsBeforeBEnds && bStartsBeforeAEnds;
}

/** A row of unit_parents: `unitId` stands under `parentId` (null: a root) over the span. */
export interface ParentSpan extends Validity {
  unitId: number;
  parentId: number | null;
}

/** The units (by id) a unit stands under over time, its parent on a day read from them. */
export class ParentsOverTime {
  private readonly byUnit = new Map<number, ParentSpan[]>();

  constructor(spans: readonly ParentSpan[]) {
    for (const span of spans) {
      const list = this.byUnit.get(span.unitId) ?? [];
      list.push(span);
      this.byUnit.set(span.unitId, list);
    }
    for (const list of this.byUnit.values()) list.sort((a, b) => compareStarts(a.validFrom, b.validFrom));
  }

  /**
   * The parent of `unitId` on `date`: null for a root, undefined when no span covers the day.
   * Spans of one unit do not overlap (the writes keep them apart); were they to, the one that
   * began last wins, as the latest act would.
   */
  parentOn(unitId: number, date: LocalDate): number | null | undefined {
    const covering = (this.byUnit.get(unitId) ?? []).filter((span) => isValidOn(span, date));
    return covering.length === 0 ? undefined : covering[covering.length - 1].parentId;
  }

  /** Every span of `unitId`, earliest first. */
  spansOf(unitId: number): readonly ParentSpan[] {
    return this.byUnit.get(unitId) ?? [];
  }
}

/** Null (since always) sorts first. */
function compareStarts(a: LocalDate | null, b: LocalDate | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

export interface TimelineUnit extends Validity {
  id: number;
}

/** A unit as the tree stood on a day: its parent that day and its path of ids from the root. */
export interface DatedNode<U extends TimelineUnit> {
  unit: U;
  parentId: number | null;
  /** `/1/4/9/` as `units.path` writes it, for that day's tree. */
  path: string;
}

/**
 * The tree as it stood on `date`: the units valid that day, each under its parent that day, in
 * the order of their paths (the order `units.path` gives today's tree, so for a tree that has not
 * changed the answer is the one the service has always given). A parent that is not itself valid
 * that day, or no parent row at all, leaves the unit a root: the writes never leave a valid unit
 * under a retired one, and a tree answer never names a unit outside it.
 */
export function treeAt<U extends TimelineUnit>(units: readonly U[], parents: ParentsOverTime, date: LocalDate): DatedNode<U>[] {
  const valid = new Map(units.filter((unit) => isValidOn(unit, date)).map((unit) => [unit.id, unit]));
  const parentOf = new Map<number, number | null>();
  for (const id of valid.keys()) {
    const parentId = parents.parentOn(id, date) ?? null;
    parentOf.set(id, parentId !== null && valid.has(parentId) ? parentId : null);
  }
  const pathOf = new Map<number, string>();
  const path = (id: number): string => {
    const known = pathOf.get(id);
    if (known !== undefined) return known;
    // Iteratively up to the root (or a unit already placed), guarding against a cycle in bad data.
    const chain: number[] = [];
    const seen = new Set<number>();
    let cursor: number | null = id;
    while (cursor !== null && !pathOf.has(cursor) && !seen.has(cursor)) {
      seen.add(cursor);
      chain.push(cursor);
      cursor = parentOf.get(cursor) ?? null;
    }
    let prefix = cursor !== null && pathOf.has(cursor) ? pathOf.get(cursor)! : '/';
    for (const member of chain.reverse()) {
      prefix = `${prefix}${member}/`;
      pathOf.set(member, prefix);
    }
    return pathOf.get(id)!;
  };
  const nodes = [...valid.values()].map((unit) => ({ unit, parentId: parentOf.get(unit.id) ?? null, path: path(unit.id) }));
  return nodes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A row of unit_successions. */
export interface SuccessionLink {
  fromUnitId: number;
  toUnitId: number;
  carriesHistory: boolean;
  effectiveOn: LocalDate;
}

/** The other side of a succession, as the API names it. */
export interface SuccessionView {
  code: string;
  carriesHistory: boolean;
  effectiveOn: LocalDate;
}

/**
 * Whom `unitId` succeeded and who succeeded it, by code, earliest first (then by code). A link
 * to a unit missing from `codeById` is left out.
 */
export function successionsOf(
  unitId: number,
  links: readonly SuccessionLink[],
  codeById: ReadonlyMap<number, string>,
): { predecessors: SuccessionView[]; successors: SuccessionView[] } {
  const side = (other: (link: SuccessionLink) => number, mine: (link: SuccessionLink) => number): SuccessionView[] =>
    links
      .filter((link) => mine(link) === unitId && codeById.has(other(link)))
      .map((link) => ({ code: codeById.get(other(link))!, carriesHistory: link.carriesHistory, effectiveOn: link.effectiveOn }))
      .sort((a, b) => (a.effectiveOn === b.effectiveOn ? (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) : a.effectiveOn < b.effectiveOn ? -1 : 1));
  return {
    predecessors: side((link) => link.fromUnitId, (link) => link.toUnitId),
    successors: side((link) => link.toUnitId, (link) => link.fromUnitId),
  };
}

/**
 * The unit that already has `agencyCode` on a day the new span shares with it, or null: the
 * agency's code names one unit among those valid on any day (docs/figures.md §9). `others` are the units
 * that carry the code, the one being written left out.
 */
export function agencyCodeHolder<U extends Validity & { agencyCode: string | null }>(others: readonly U[], agencyCode: string, span: Validity): U | null {
  return others.find((other) => other.agencyCode === agencyCode && spansOverlap(other, span)) ?? null;
}

/**
 * Why a new open-ended unit valid from `validFrom` cannot stand under `parent`, or null: the
 * parent must be valid on every day the unit is, so it has no end and began no later.
 */
export function parentSpanProblem(parent: Validity, validFrom: LocalDate | null): 'retired' | 'not-yet-valid' | null {
  if (parent.validTo !== null) return 'retired';
  if (parent.validFrom !== null && (validFrom === null || validFrom < parent.validFrom)) return 'not-yet-valid';
  return null;
}
