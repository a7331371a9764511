import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { quoteForError } from '../common/text';
import { CreateUnitDto, UnitView } from './units.dto';
import { Unit } from './unit.entity';
import { WidgetSettings, widgetSettingsRefusal } from './widget-settings';
import { DomainError } from '../common/domain-error';
import { phrase } from '../i18n/refusal-words';

@Injectable()
export class UnitsService {
  constructor(
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateUnitDto): Promise<Unit> {
    if (await this.units.existsBy({ code: dto.code })) {
      throw new DomainError('conflict', `unit ${quoteForError(dto.code)} already exists`, {}, { message: phrase('errors.units.exists', { code: quoteForError(dto.code) }) });
    }
    let parent: Unit | null = null;
    if (dto.parentCode) {
      parent = await this.units.findOneBy({ code: dto.parentCode });
      if (!parent) throw new DomainError('unprocessable', `parentCode: unit ${quoteForError(dto.parentCode)} does not exist`, {}, { message: phrase('errors.units.parentNotFound', { code: quoteForError(dto.parentCode) }) });
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
        }),
      );
      unit.path = `${parent?.path ?? '/'}${unit.id}/`;
      await manager.update(Unit, unit.id, { path: unit.path });
      return unit;
    });
  }

  async list(): Promise<UnitView[]> {
    const all = await this.units.find({ order: { path: 'ASC' } });
    const codeById = new Map(all.map((unit) => [unit.id, unit.code]));
    return all.map((unit) => toView(unit, unit.parentId === null ? null : codeById.get(unit.parentId) ?? null));
  }

  async getByCode(code: string): Promise<Unit> {
    const unit = await this.units.findOneBy({ code });
    if (!unit) throw new DomainError('not-found', `unit ${quoteForError(code)} does not exist`, {}, { message: phrase('errors.units.notFound', { code: quoteForError(code) }) });
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

/** True when `unit` is `ancestor` or below it. */
export function isWithin(unit: Pick<Unit, 'path'>, ancestor: Pick<Unit, 'path'>): boolean {
  return unit.path.startsWith(ancestor.path);
}

export function toView(unit: Unit, parentCode: string | null): UnitView {
  return { code: unit.code, name: unit.name, level: unit.level, parentCode };
}
