import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { quoteForError } from '../common/text';
import { retryOnDeadlock } from '../common/database-retry';
import { LocalDate, localDateOf } from '../common/local-time';
import { isSqlite } from '../database/sql';
import { CreateUnitDto, UnitHistoryView, UnitView } from './units.dto';
import { Unit } from './unit.entity';
import { UnitParent, UnitSuccession } from './unit-history.entities';
import { agencyCodeChange, agencyCodeTaken, newUnitRefusal, parentRefusal } from './unit-rules';
import { ParentsOverTime, Validity, agencyCodeHolder, isValidOn, successionsOf, treeAt } from './unit-timeline';
import { WidgetSettings, widgetSettingsRefusal } from './widget-settings';
import { DomainError } from '../common/domain-error';
import { phrase } from '../i18n/refusal-words';

@Injectable()
export class UnitsService {
  constructor(
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @InjectRepository(UnitParent) private readonly parents: Repository<UnitParent>,
    @InjectRepository(UnitSuccession) private readonly successions: Repository<UnitSuccession>,
    private readonly clock: Clock,
  ) {}

  /**
   * A new unit, valid from `validFrom` (null: since always) with no end, under its parent from
   * that day: the unit and its first parent row are written together. An agency code is checked
   * against the units that have it under a lock, after the unit's own row is written, so two
   * units sent at once cannot both take it (MySQL picks one as a deadlock victim, and its retry
   * sees the other's code).
   */
  async create(dto: CreateUnitDto): Promise<Unit> {
    const refusal = newUnitRefusal(dto);
    if (refusal) throw refusal;
    // Several units sent at once with one code deadlock in turn: a few more tries than usual.
    return retryOnDeadlock(() => this.createOnce(dto, dto.validFrom ?? null));
  }

  private async createOnce(dto: CreateUnitDto, validFrom: LocalDate | null): Promise<Unit> {
    if (await this.units.existsBy({ code: dto.code })) {
      throw new DomainError('conflict', `unit ${quoteForError(dto.code)} already exists`, {}, { message: phrase('errors.units.exists', { code: quoteForError(dto.code) }) });
    }
    let parent: Unit | null = null;
    if (dto.parentCode) {
      parent = await this.units.findOneBy({ code: dto.parentCode });
      if (!parent) throw new DomainError('unprocessable', `parentCode: unit ${quoteForError(dto.parentCode)} does not exist`, {}, { message: phrase('errors.units.parentNotFound', { code: quoteForError(dto.parentCode) }) });
      const outside = parentRefusal(parent, validFrom);
      if (outside) throw outside;
    }
    return this.units.manager.transaction(async (manager) => {
      const unit = await manager.save(
        manager.create(Unit, {
          code: dto.code,
          name: dto.name,
          level: dto.level,
          parentId: parent?.id ?? null,
          path: '/',
          dataVersion: 0,
          dataUpdatedAt: null,
          createdAt: this.clock.now(),
          validFrom,
          validTo: null,
          kind: dto.kind ?? null,
          agencyCode: dto.agencyCode ?? null,
        }),
      );
      unit.path = `${parent?.path ?? '/'}${unit.id}/`;
      await manager.update(Unit, unit.id, { path: unit.path });
      await manager.insert(UnitParent, { unitId: unit.id, parentId: parent?.id ?? null, validFrom, validTo: null });
      if (unit.agencyCode !== null) await refuseTakenAgencyCode(manager, unit);
      return unit;
    });
  }

  /**
   * Sets the agency code of a unit, or clears it (null, ""): the code the DVCQG stream names the
   * unit by. Read and checked as on create: the row is written first, then the code is refused
   * under a lock when another unit valid on one of this unit's days has it, so two units given one
   * code at once cannot both keep it. Only this column changes: the data version stays, as no
   * figure and no cached widget shows the code.
   */
  async setAgencyCode(code: string, requested: unknown): Promise<{ unit: Unit; before: string | null }> {
    const read = agencyCodeChange(requested);
    if ('refusal' in read) throw read.refusal;
    return retryOnDeadlock(
      () =>
        this.units.manager.transaction(async (manager) => {
          const unit = await manager.findOneBy(Unit, { code });
          if (!unit) throw unitNotFound(code);
          const before = unit.agencyCode;
          if (before === read.agencyCode) return { unit, before };
          unit.agencyCode = read.agencyCode;
          await manager.update(Unit, unit.id, { agencyCode: unit.agencyCode });
          if (unit.agencyCode !== null) await refuseTakenAgencyCode(manager, unit);
          return { unit, before };
        }),
      5,
    );
  }

  /** A unit as `GET /api/v1/units` answers it: its parent as the tree stands today. */
  async viewOf(unit: Unit): Promise<UnitView> {
    const parent = unit.parentId === null ? null : await this.units.findOneBy({ id: unit.parentId });
    return toView(unit, parent?.code ?? null);
  }

  /** Every unit with its parent as the tree stands today, in the order of the tree (the console's unit lists). */
  async list(): Promise<UnitView[]> {
    const all = await this.units.find({ order: { path: 'ASC' } });
    const codeById = new Map(all.map((unit) => [unit.id, unit.code]));
    return all.map((unit) => toView(unit, unit.parentId === null ? null : codeById.get(unit.parentId) ?? null));
  }

  /** Today, in Vietnam: the day `GET /api/v1/units` shows the tree of when no day is asked for. */
  today(): LocalDate {
    return localDateOf(this.clock.now());
  }

  isValidOn(unit: Validity, date: LocalDate): boolean {
    return isValidOn(unit, date);
  }

  /** The units valid on `date`, each under its parent that day, in the order of that day's tree. */
  async treeAt(date: LocalDate): Promise<UnitView[]> {
    const all = await this.units.find();
    const parents = new ParentsOverTime(await this.parents.find());
    const codeById = new Map(all.map((unit) => [unit.id, unit.code]));
    return treeAt(all, parents, date).map((node) => toView(node.unit, node.parentId === null ? null : codeById.get(node.parentId) ?? null));
  }

  /**
   * Every unit there ever was, retired ones too, in the order of today's tree: with its days of
   * validity, every parent it had, whom it succeeded and who succeeded it. `parentCode` is the
   * parent as the tree stands today.
   */
  async allUnits(): Promise<UnitHistoryView[]> {
    const all = await this.units.find({ order: { path: 'ASC' } });
    const parents = new ParentsOverTime(await this.parents.find());
    const links = await this.successions.find();
    const codeById = new Map(all.map((unit) => [unit.id, unit.code]));
    const codeOf = (id: number | null) => (id === null ? null : codeById.get(id) ?? null);
    return all.map((unit) => ({
      ...toView(unit, codeOf(unit.parentId)),
      parents: parents.spansOf(unit.id).map((span) => ({ parentCode: codeOf(span.parentId), validFrom: span.validFrom, validTo: span.validTo })),
      ...successionsOf(unit.id, links, codeById),
    }));
  }

  async getByCode(code: string): Promise<Unit> {
    const unit = await this.units.findOneBy({ code });
    if (!unit) throw unitNotFound(code);
    return unit;
  }

  async findByCodes(codes: string[]): Promise<Map<string, Unit>> {
    if (codes.length === 0) return new Map();
    const found = await this.units.findBy({ code: In(codes) });
    return new Map(found.map((unit) => [unit.code, unit]));
  }

  async findById(id: number): Promise<Unit | null> {
    return this.units.findOneBy({ id });
  }

  /** The unit itself, and with `includeChildren` every unit below it. */
  async scope(unit: Unit, includeChildren: boolean): Promise<Unit[]> {
    if (!includeChildren) return [unit];
    return this.units
      .createQueryBuilder('u')
      .where('u.path LIKE :prefix', { prefix: `${unit.path}%` })
      .orderBy('u.path', 'ASC')
      .getMany();
  }

  async children(unit: Unit): Promise<Unit[]> {
    return this.units.find({ where: { parentId: unit.id }, order: { name: 'ASC' } });
  }

  async isEmpty(): Promise<boolean> {
    return (await this.units.count()) === 0;
  }

  /**
   * The widget's own settings for a unit (decimals 0–4, default language; null: the service's
   * default). Only these two columns change: the data version and its date stay as they are,
   * because the widget's cache key already carries both settings.
   */
  async updateWidgetSettings(unitId: number, settings: WidgetSettings): Promise<Unit> {
    const refusal = widgetSettingsRefusal(settings);
    if (refusal) throw refusal;
    const unit = await this.units.findOneBy({ id: unitId });
    if (!unit) throw new DomainError('not-found', `unit #${unitId} does not exist`);
    await this.units.update(unitId, { widgetDecimals: settings.decimals, widgetLocale: settings.locale });
    return Object.assign(unit, { widgetDecimals: settings.decimals, widgetLocale: settings.locale });
  }

  /** Marks the units' data as changed: caches keyed on the version are no longer fresh. */
  async bumpDataVersion(manager: EntityManager, unitIds: number[], at: Date): Promise<void> {
    if (unitIds.length === 0) return;
    await manager
      .createQueryBuilder()
      .update(Unit)
      .set({ dataVersion: () => 'dataVersion + 1', dataUpdatedAt: at })
      .where({ id: In(unitIds) })
      .execute();
  }
}

function unitNotFound(code: string): DomainError {
  return new DomainError('not-found', `unit ${quoteForError(code)} does not exist`, {}, { message: phrase('errors.units.notFound', { code: quoteForError(code) }) });
}

/** True when `unit` is `ancestor` or below it. */
export function isWithin(unit: Pick<Unit, 'path'>, ancestor: Pick<Unit, 'path'>): boolean {
  return unit.path.startsWith(ancestor.path);
}

export function toView(unit: Unit, parentCode: string | null): UnitView {
  return {
    code: unit.code,
    name: unit.name,
    level: unit.level,
    parentCode,
    kind: unit.kind,
    agencyCode: unit.agencyCode,
    validFrom: unit.validFrom,
    validTo: unit.validTo,
  };
}

/**
 * Refuses the agency code of `unit` (just written) when another unit valid on one of its days
 * has it. MySQL reads the other units with a locking read: it sees what others have committed,
 * and waits for a unit another transaction is writing with the same code.
 */
async function refuseTakenAgencyCode(manager: EntityManager, unit: Unit): Promise<void> {
  const lock = isSqlite(manager) ? '' : ' FOR UPDATE';
  const others: { code: string; agencyCode: string; validFrom: LocalDate | null; validTo: LocalDate | null }[] = await manager.query(
    `SELECT code, agencyCode, validFrom, validTo FROM units WHERE agencyCode = ? AND id <> ?${lock}`,
    [unit.agencyCode, unit.id],
  );
  const holder = agencyCodeHolder(others, unit.agencyCode!, unit);
  if (holder) throw agencyCodeTaken(unit.agencyCode!, holder.code);
}
