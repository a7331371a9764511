import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Clock } from '../common/clock';
import { retryOnDeadlock } from '../common/database-retry';
import { DomainError, Problems } from '../common/domain-error';
import { LocalDate, addLocalDays, localDateOf, localDateProblem } from '../common/local-time';
import { isSqlite } from '../database/sql';
import { phrase } from '../i18n/refusal-words';
import { UnitChange, canonicalChange, fingerprintOf, readChange } from './reorganization-changes';
import { Reorganization, ReorganizationChange } from './reorganization.entities';
import { ReorganizationPlan, planReorganization, sortByChange } from './reorganization-plan';
import { idsOnPath, todaysPaths } from './todays-paths';
import { UnitParent, UnitSuccession } from './unit-history.entities';
import { Unit } from './unit.entity';
import { ParentsOverTime } from './unit-timeline';
import { UnitsService } from './units.service';

/** An act as the API shows it: its day, its reference and its changes in the order sent. */
export interface ReorganizationView {
  id: number;
  effectiveOn: LocalDate;
  reference: string;
  createdAt: string;
  changes: Record<string, unknown>[];
}

/** An act as read from the request: a change that could not be read is null, its faults in `lines`. */
interface ReadAct {
  effectiveOn: LocalDate;
  changes: (UnitChange | null)[];
  lines: string[];
  complete: boolean;
}

/** Changes are written this many rows to a statement. */
const CHUNK = 500;

/**
 * Reorganizations (docs/figures.md §9): one dated act applied whole, in one transaction, or refused whole
 * with every fault named by the index of its change. The act is checked against the tree as
 * stored when it is written, under a lock of every unit on MySQL (so two acts, or an act and a
 * new unit, go one after the other); SQLite has one writer at a time.
 */
@Injectable()
export class ReorganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly clock: Clock,
  ) {}

  async apply(input: { effectiveOn: unknown; reference: string; changes: readonly unknown[] }): Promise<ReorganizationView> {
    const read = this.read(input.effectiveOn, input.changes);
    const fingerprint = read.complete ? fingerprintOf(read.effectiveOn, read.changes as UnitChange[]) : null;
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        await lockEveryUnit(manager);
        if (fingerprint) await refuseAppliedBefore(manager, fingerprint);
        const plan = await this.plan(manager, read);
        const changes = read.changes as UnitChange[];
        const act = await this.record(manager, { effectiveOn: read.effectiveOn, reference: input.reference, fingerprint: fingerprint! }, changes);
        await this.write(manager, act, plan);
        return viewOf(act, changes.map(canonicalChange));
      }),
    );
  }

  /**
   * What the act would do, checked as apply checks it (the same refusals: 422 naming every
   * change, 409 for an act already applied), with nothing written: the console's preview.
   */
  async check(input: { effectiveOn: unknown; changes: readonly unknown[] }): Promise<ReorganizationPlan> {
    const read = this.read(input.effectiveOn, input.changes);
    const manager = this.dataSource.manager;
    if (read.complete) await refuseAppliedBefore(manager, fingerprintOf(read.effectiveOn, read.changes as UnitChange[]));
    return this.plan(manager, read);
  }

  async list(): Promise<ReorganizationView[]> {
    const acts = await this.dataSource.getRepository(Reorganization).find({ order: { effectiveOn: 'DESC', id: 'DESC' } });
    const rows = acts.length === 0 ? [] : await this.dataSource.getRepository(ReorganizationChange).find({ where: { reorganizationId: In(acts.map((act) => act.id)) }, order: { position: 'ASC' } });
    const changesOf = new Map<number, Record<string, unknown>[]>(acts.map((act) => [act.id, []]));
    for (const row of rows) changesOf.get(row.reorganizationId)?.push(JSON.parse(row.change) as Record<string, unknown>);
    return acts.map((act) => viewOf(act, changesOf.get(act.id) ?? []));
  }

  /**
   * The day and every change read (null: one that could not be), with the faults found without
   * the tree. A bad day is refused at once, with those faults: the tree cannot be asked about it.
   */
  private read(effectiveOn: unknown, raw: readonly unknown[]): ReadAct {
    const lines: string[] = [];
    const dateProblem = localDateProblem(effectiveOn);
    const today = localDateOf(this.clock.now());
    if (dateProblem) lines.push(`effectiveOn: ${dateProblem}`);
    else if ((effectiveOn as LocalDate) > today) {
      lines.push(`effectiveOn: ${effectiveOn as string} is after today (${today}): an act that takes effect later is not supported yet: send it on or after its day`);
    }
    const changes = raw.map((item, index) => {
      const outcome = readChange(item);
      if ('change' in outcome) return outcome.change;
      for (const line of outcome.problems) lines.push(`changes[${index}]: ${line}`);
      return null;
    });
    if (lines.length > 0 && lines[0].startsWith('effectiveOn')) throw refused(lines);
    return { effectiveOn: effectiveOn as LocalDate, changes, lines, complete: changes.every((change) => change !== null) };
  }

  /** The plan of the act against the stored tree, or the refusal that names every fault of it. */
  private async plan(manager: EntityManager, read: ReadAct): Promise<ReorganizationPlan> {
    const stored = await manager.find(Unit, { select: { id: true, code: true, validFrom: true, validTo: true, agencyCode: true } });
    const parents = new ParentsOverTime(await manager.find(UnitParent));
    const outcome = planReorganization(read.effectiveOn, read.changes, stored, parents);
    const lines = [...read.lines, ...('problems' in outcome ? outcome.problems : [])];
    if (lines.length > 0 || 'problems' in outcome) throw refused(sortByChange(lines));
    return outcome.plan;
  }

  private async record(manager: EntityManager, act: Omit<Reorganization, 'id' | 'createdAt'>, changes: UnitChange[]): Promise<Reorganization> {
    const saved = await manager.save(manager.create(Reorganization, { ...act, createdAt: this.clock.now() }));
    const rows = changes.map((change, position) => ({ reorganizationId: saved.id, position, change: JSON.stringify(canonicalChange(change)) }));
    for (let start = 0; start < rows.length; start += CHUNK) await manager.insert(ReorganizationChange, rows.slice(start, start + CHUNK));
    return saved;
  }

  /** The plan, written: units created, retired, moved and renamed, successions, today's tree, data versions. */
  private async write(manager: EntityManager, act: Reorganization, plan: ReorganizationPlan): Promise<void> {
    const day = act.effectiveOn;
    const dayBefore = addLocalDays(day, -1);
    const before = await manager.find(Unit, { select: { id: true, code: true, parentId: true, path: true } });
    const idOf = new Map(before.map((unit) => [unit.code, unit.id]));
    for (const create of plan.creates) {
      const unit = await manager.save(manager.create(Unit, {
        code: create.code, name: create.name, level: create.level, parentId: null, path: '/', dataVersion: 0, dataUpdatedAt: null,
        createdAt: act.createdAt, validFrom: day, validTo: null, kind: create.kind, agencyCode: create.agencyCode,
      }));
      idOf.set(create.code, unit.id);
    }
    const parentIdOf = (code: string | null) => (code === null ? null : idOf.get(code)!);
    for (const create of plan.creates) {
      const unitId = idOf.get(create.code)!;
      await manager.update(Unit, unitId, { parentId: parentIdOf(create.parentCode) });
      await manager.insert(UnitParent, { unitId, parentId: parentIdOf(create.parentCode), validFrom: day, validTo: null });
    }
    const retired = plan.retires.map((code) => idOf.get(code)!);
    if (retired.length > 0) {
      await manager.update(Unit, { id: In(retired) }, { validTo: dayBefore });
      await manager.update(UnitParent, { unitId: In(retired), validTo: IsNull() }, { validTo: dayBefore });
    }
    for (const move of plan.moves) await moveUnit(manager, idOf.get(move.code)!, parentIdOf(move.parentCode), day);
    for (const rename of plan.renames) await manager.update(Unit, idOf.get(rename.code)!, { name: rename.name });
    const links = plan.successions.map((link) => ({ fromUnitId: idOf.get(link.from)!, toUnitId: idOf.get(link.to)!, carriesHistory: link.carriesHistory, effectiveOn: day, reorganizationId: act.id }));
    for (let start = 0; start < links.length; start += CHUNK) await manager.insert(UnitSuccession, links.slice(start, start + CHUNK));
    const after = await writeTodaysPaths(manager);
    const touched = [...plan.creates.map((create) => create.code), ...plan.retires, ...plan.moves.map((move) => move.code), ...plan.renames.map((rename) => rename.code), ...plan.successions.map((link) => link.to)];
    const oldPath = new Map(before.map((unit) => [unit.id, unit.path]));
    const bumped = new Set<number>();
    for (const id of touched.map((code) => idOf.get(code)!)) {
      for (const path of [oldPath.get(id), after.get(id)]) if (path) idsOnPath(path).forEach((one) => bumped.add(one));
    }
    await this.units.bumpDataVersion(manager, [...bumped], this.clock.now());
  }
}

/** From `day` on, the unit stands under `parentId`: its open span closes the day before (or, begun that very day, changes). */
async function moveUnit(manager: EntityManager, unitId: number, parentId: number | null, day: LocalDate): Promise<void> {
  const open = await manager.findOneBy(UnitParent, { unitId, validTo: IsNull() });
  if (open && open.parentId === parentId) return;
  if (open && open.validFrom === day) {
    await manager.update(UnitParent, open.id, { parentId });
  } else {
    if (open) await manager.update(UnitParent, open.id, { validTo: addLocalDays(day, -1) });
    await manager.insert(UnitParent, { unitId, parentId, validFrom: day, validTo: null });
  }
  await manager.update(Unit, unitId, { parentId });
}

/** Every unit's `path` again from today's parents; only the ones that change are written. Answers the new paths. */
async function writeTodaysPaths(manager: EntityManager): Promise<Map<number, string>> {
  const units = await manager.find(Unit, { select: { id: true, parentId: true, path: true } });
  const paths = todaysPaths(units);
  for (const unit of units) {
    const path = paths.get(unit.id)!;
    if (path !== unit.path) await manager.update(Unit, unit.id, { path });
  }
  return paths;
}

/**
 * On MySQL, every unit row (and the gaps between them) locked for the transaction: a second act,
 * or a unit created meanwhile, waits for this one, and then checks against what it wrote.
 */
async function lockEveryUnit(manager: EntityManager): Promise<void> {
  if (isSqlite(manager)) return;
  await manager.query('SELECT id FROM units ORDER BY id FOR UPDATE');
}

async function refuseAppliedBefore(manager: EntityManager, fingerprint: string): Promise<void> {
  const earlier = await manager.findOneBy(Reorganization, { fingerprint });
  if (!earlier) return;
  throw new DomainError(
    'conflict',
    `this act was already applied as reorganization #${earlier.id} (effectiveOn ${earlier.effectiveOn}); it is not applied twice`,
    { reorganizationId: earlier.id },
    { message: phrase('errors.reorganizations.alreadyApplied', { id: earlier.id }) },
  );
}

function refused(lines: string[]): DomainError {
  const problems = new Problems();
  for (const line of lines) problems.add(line);
  return problems.refusal('unprocessable', 'the reorganization was not applied: nothing of it was written', phrase('errors.reorganizations.refused'));
}

function viewOf(act: Reorganization, changes: Record<string, unknown>[]): ReorganizationView {
  return { id: act.id, effectiveOn: act.effectiveOn, reference: act.reference, createdAt: new Date(act.createdAt).toISOString(), changes };
}
