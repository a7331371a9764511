import { LocalDate, addLocalDays } from '../common/local-time';
import { quoteForError } from '../common/text';
import { UnitChange } from './reorganization-changes';
import { ParentsOverTime, Validity, agencyCodeHolder } from './unit-timeline';

/**
 * What an act of reorganization does to the stored tree (docs/figures.md §9), worked out before anything is
 * written: the changes take effect together on `effectiveOn`, so what is checked is the tree they
 * leave from that day on, not the order they are listed in. Either a plan the service writes as
 * it is, or every fault, each with the index of the change it belongs to.
 */

/** A stored unit, as much of it as the plan needs. */
export interface StoredUnit extends Validity {
  id: number;
  code: string;
  agencyCode: string | null;
}

export type CreateChange = Extract<UnitChange, { op: 'create' }>;

export interface ReorganizationPlan {
  creates: CreateChange[];
  /** Codes of the units whose last day is the day before effectiveOn. */
  retires: string[];
  /** New parents from effectiveOn on (null: a root). */
  moves: { code: string; parentCode: string | null }[];
  renames: { code: string; name: string }[];
  successions: { from: string; to: string; carriesHistory: boolean }[];
}

type Role = 'into' | 'parentCode';

class Planner {
  readonly problems: string[] = [];
  private readonly byCode: Map<string, StoredUnit>;
  private readonly codeById: Map<number, string>;
  /** Codes the act creates, with the index of the change that does, and the change. */
  private readonly created = new Map<string, number>();
  private readonly creates = new Map<string, CreateChange>();
  private readonly retiredBy = new Map<string, number>();
  private readonly movedBy = new Map<string, number>();
  private readonly renamedBy = new Map<string, number>();
  /** Units an act names as standing after it (a merge's or split's target, a parent), checked once every retirement is known. */
  private readonly standing: { code: string; index: number; role: Role; field: string }[] = [];
  readonly plan: ReorganizationPlan = { creates: [], retires: [], moves: [], renames: [], successions: [] };

  constructor(
    private readonly effectiveOn: LocalDate,
    private readonly units: readonly StoredUnit[],
    private readonly parents: ParentsOverTime,
  ) {
    this.byCode = new Map(units.map((unit) => [unit.code, unit]));
    this.codeById = new Map(units.map((unit) => [unit.id, unit.code]));
  }

  fail(index: number, line: string): void {
    this.problems.push(`changes[${index}]: ${line}`);
  }

  /** Creates first: a unit the act creates may be named by any other change of it. */
  readCreates(changes: readonly (UnitChange | null)[]): void {
    changes.forEach((change, index) => {
      if (change?.op !== 'create') return;
      const code = quoteForError(change.code);
      if (this.byCode.has(change.code)) return this.fail(index, `code: unit ${code} already exists`);
      const earlier = this.created.get(change.code);
      if (earlier !== undefined) return this.fail(index, `code: unit ${code} is already created by changes[${earlier}]`);
      this.created.set(change.code, index);
      this.creates.set(change.code, change);
      this.plan.creates.push(change);
      if (change.parentCode !== null) this.standing.push({ code: change.parentCode, index, role: 'parentCode', field: 'parentCode' });
    });
  }

  read(change: UnitChange, index: number): void {
    switch (change.op) {
      case 'create':
        return;
      case 'retire':
        this.retire(change.code, index, 'code');
        return;
      case 'merge':
        return this.merge(change, index);
      case 'split':
        return this.split(change, index);
      case 'move':
        return this.move(change, index);
      case 'rename':
        if (!this.existingValid(change.code, index, 'code', 'renamed')) return;
        if (this.renamedBy.has(change.code)) return this.fail(index, `code: unit ${quoteForError(change.code)} is already renamed by changes[${this.renamedBy.get(change.code)}]`);
        this.renamedBy.set(change.code, index);
        this.plan.renames.push({ code: change.code, name: change.name });
    }
  }

  private merge(change: Extract<UnitChange, { op: 'merge' }>, index: number): void {
    const retiring = change.from.filter((code) => code !== change.into);
    if (retiring.length === 0) return this.fail(index, 'from: names no unit other than into');
    for (const code of retiring) {
      if (this.retire(code, index, 'from')) this.plan.successions.push({ from: code, to: change.into, carriesHistory: true });
    }
    this.standing.push({ code: change.into, index, role: 'into', field: 'into' });
  }

  private split(change: Extract<UnitChange, { op: 'split' }>, index: number): void {
    if (change.into.includes(change.from)) return this.fail(index, `into: names from, unit ${quoteForError(change.from)}, which retires`);
    if (change.historyTo !== null && !change.into.includes(change.historyTo)) {
      this.fail(index, `historyTo: unit ${quoteForError(change.historyTo)} is not among into`);
      return;
    }
    const retires = this.retire(change.from, index, 'from');
    for (const code of change.into) {
      this.standing.push({ code, index, role: 'into', field: 'into' });
      if (retires) this.plan.successions.push({ from: change.from, to: code, carriesHistory: code === change.historyTo });
    }
  }

  private move(change: Extract<UnitChange, { op: 'move' }>, index: number): void {
    if (!this.existingValid(change.code, index, 'code', 'moved')) return;
    const code = quoteForError(change.code);
    if (this.movedBy.has(change.code)) return this.fail(index, `code: unit ${code} is already moved by changes[${this.movedBy.get(change.code)}]`);
    const later = this.laterParentChange(change.code, (from) => from > this.effectiveOn);
    if (later) return this.fail(index, `code: unit ${code} changes parent on ${later}, after effectiveOn: acts are applied in the order of their days`);
    this.movedBy.set(change.code, index);
    this.plan.moves.push({ code: change.code, parentCode: change.parentCode });
    if (change.parentCode !== null) this.standing.push({ code: change.parentCode, index, role: 'parentCode', field: 'parentCode' });
  }

  /** The first day on or after which a parent span of the unit begins, by `begins`, or null. */
  private laterParentChange(code: string, begins: (from: LocalDate) => boolean): LocalDate | null {
    const unit = this.byCode.get(code);
    if (!unit) return null;
    const span = this.parents.spansOf(unit.id).find((one) => one.validFrom !== null && begins(one.validFrom));
    return span?.validFrom ?? null;
  }

  /** A stored unit valid on effectiveOn that the act may move or rename (not one it creates or retires). */
  private existingValid(name: string, index: number, field: string, verb: string): boolean {
    const code = quoteForError(name);
    if (this.created.has(name)) {
      this.fail(index, `${field}: unit ${code} is created by changes[${this.created.get(name)}], which says what it is`);
      return false;
    }
    const unit = this.byCode.get(name);
    if (!unit) {
      this.fail(index, `${field}: unit ${code} does not exist`);
      return false;
    }
    if (unit.validTo !== null) {
      this.fail(index, `${field}: unit ${code} is retired (its last day was ${unit.validTo}) and cannot be ${verb}`);
      return false;
    }
    if (unit.validFrom !== null && unit.validFrom > this.effectiveOn) {
      this.fail(index, `${field}: unit ${code} is valid only from ${unit.validFrom}, after effectiveOn`);
      return false;
    }
    return true;
  }

  /** Records `name` as retiring by change `index`, or says why it cannot. */
  private retire(name: string, index: number, field: string): boolean {
    const code = quoteForError(name);
    if (this.created.has(name)) {
      this.fail(index, `${field}: unit ${code} is created by changes[${this.created.get(name)}] and cannot retire the day it begins`);
      return false;
    }
    const unit = this.byCode.get(name);
    if (!unit) {
      this.fail(index, `${field}: unit ${code} does not exist`);
      return false;
    }
    if (unit.validTo !== null) {
      this.fail(index, `${field}: unit ${code} is already retired (its last day was ${unit.validTo})`);
      return false;
    }
    const earlier = this.retiredBy.get(name);
    if (earlier !== undefined) {
      this.fail(index, `${field}: unit ${code} is already retired by changes[${earlier}]`);
      return false;
    }
    if (unit.validFrom !== null && unit.validFrom >= this.effectiveOn) {
      this.fail(index, `${field}: unit ${code} begins on ${unit.validFrom} and cannot retire before its first day is over`);
      return false;
    }
    const later = this.laterParentChange(name, (from) => from >= this.effectiveOn);
    if (later) {
      this.fail(index, `${field}: unit ${code} changes parent on ${later}, on or after effectiveOn: acts are applied in the order of their days`);
      return false;
    }
    this.retiredBy.set(name, index);
    this.plan.retires.push(name);
    return true;
  }

  /** Every unit named as standing after the act: known, valid on effectiveOn, and not retiring. */
  checkStanding(): void {
    for (const [verb, changed] of [['moved', this.movedBy], ['renamed', this.renamedBy]] as const) {
      for (const [name, index] of changed) {
        const retiring = this.retiredBy.get(name);
        if (retiring !== undefined) this.fail(index, `code: unit ${quoteForError(name)} retires by changes[${retiring}] and cannot be ${verb}`);
      }
    }
    for (const { code: name, index, role, field } of this.standing) {
      const code = quoteForError(name);
      const what = role === 'into' ? `cannot go into unit ${code}` : `unit ${code} cannot be a parent`;
      const unit = this.byCode.get(name);
      if (!unit && !this.created.has(name)) this.fail(index, `${field}: unit ${code} does not exist`);
      else if (unit && unit.validTo !== null) this.fail(index, `${field}: ${what}: it is retired (its last day was ${unit.validTo})`);
      else if (unit && unit.validFrom !== null && unit.validFrom > this.effectiveOn) this.fail(index, `${field}: ${what}: it is valid only from ${unit.validFrom}`);
      else if (this.retiredBy.has(name)) this.fail(index, `${field}: ${what}: it is retired by changes[${this.retiredBy.get(name)}]`);
    }
  }

  /** The parent of an open-ended unit from effectiveOn on, once the act is applied. */
  private parentAfter(name: string, moved: ReadonlyMap<string, string | null>): string | null {
    if (moved.has(name)) return moved.get(name)!;
    const created = this.creates.get(name);
    if (created) return created.parentCode;
    const unit = this.byCode.get(name)!;
    const open = this.parents.spansOf(unit.id).find((span) => span.validTo === null);
    return open?.parentId == null ? null : this.codeById.get(open.parentId) ?? null;
  }

  /** The tree the act leaves: no valid unit under a retired one, no cycle. */
  checkTree(): void {
    const open = [...this.units.filter((unit) => unit.validTo === null && !this.retiredBy.has(unit.code)).map((unit) => unit.code), ...this.created.keys()];
    const moved = new Map(this.plan.moves.map((move) => [move.code, move.parentCode]));
    const parentOf = new Map(open.map((code) => [code, this.parentAfter(code, moved)]));
    for (const [code, parent] of parentOf) {
      if (parent === null || this.movedBy.has(code) || this.created.has(code)) continue;
      const retiring = this.retiredBy.get(parent);
      if (retiring !== undefined) {
        this.fail(retiring, `unit ${quoteForError(code)} would be left under unit ${quoteForError(parent)}, which retires: move or retire it in the same act`);
      }
    }
    const reported = new Set<string>();
    for (const start of open) {
      const chain: string[] = [];
      let cursor: string | null = start;
      while (cursor !== null && parentOf.has(cursor) && !chain.includes(cursor) && !reported.has(cursor)) {
        chain.push(cursor);
        cursor = parentOf.get(cursor) ?? null;
      }
      if (cursor === null || !chain.includes(cursor)) continue;
      const cycle = chain.slice(chain.indexOf(cursor));
      cycle.forEach((code) => reported.add(code));
      const words = [...cycle, cursor].map((code) => quoteForError(code)).join(' → ');
      for (const code of cycle) {
        const index = this.movedBy.get(code) ?? this.created.get(code);
        if (index !== undefined) this.fail(index, `parentCode: makes a cycle: ${words}`);
      }
    }
  }

  /** A created unit's agency code: not one a unit valid from effectiveOn on has, nor one another created unit takes. */
  checkAgencyCodes(): void {
    const dayBefore = addLocalDays(this.effectiveOn, -1);
    const after = this.units.map((unit) => (this.retiredBy.has(unit.code) ? { ...unit, validTo: dayBefore } : unit));
    const taken = new Map<string, number>();
    for (const create of this.plan.creates) {
      if (create.agencyCode === null) continue;
      const index = this.created.get(create.code)!;
      const holder = agencyCodeHolder(after, create.agencyCode, { validFrom: this.effectiveOn, validTo: null });
      const other = taken.get(create.agencyCode);
      if (holder) this.fail(index, `agencyCode: ${quoteForError(create.agencyCode)} is already the agency code of unit ${quoteForError(holder.code)}`);
      else if (other !== undefined) this.fail(index, `agencyCode: ${quoteForError(create.agencyCode)} is also given by changes[${other}]`);
      else taken.set(create.agencyCode, index);
    }
  }
}

/**
 * The plan of an act whose changes all read (null: a change that did not, already refused), or
 * every fault of it in the order of the changes.
 */
export function planReorganization(
  effectiveOn: LocalDate,
  changes: readonly (UnitChange | null)[],
  units: readonly StoredUnit[],
  parents: ParentsOverTime,
): { plan: ReorganizationPlan } | { problems: string[] } {
  const planner = new Planner(effectiveOn, units, parents);
  planner.readCreates(changes);
  changes.forEach((change, index) => change && planner.read(change, index));
  planner.checkStanding();
  planner.checkTree();
  planner.checkAgencyCodes();
  if (planner.problems.length > 0) return { problems: sortByChange(planner.problems) };
  return { plan: planner.plan };
}

/** The lines by the index of their change (stable: within a change, in the order found; lines of no change first). */
export function sortByChange(lines: string[]): string[] {
  const indexOf = (line: string) => Number(/^changes\[(\d+)\]/.exec(line)?.[1] ?? -1);
  return lines.map((line, order) => ({ line, order })).sort((a, b) => indexOf(a.line) - indexOf(b.line) || a.order - b.order).map(({ line }) => line);
}
