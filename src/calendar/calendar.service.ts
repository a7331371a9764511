import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Caller } from '../auth/api-keys.service';
import { Clock } from '../common/clock';
import { LocalDate, localDateProblem } from '../common/local-time';
import { quoteForError, textProblem } from '../common/text';
import { Unit } from '../units/unit.entity';
import { UnitsService, isWithin } from '../units/units.service';
import { CALENDAR_DAY_KINDS, CalendarDay, CalendarDayKind, CalendarDaySource, NATIONAL } from './calendar-day.entity';
import { WorkCalendar } from './working-days';
import { DomainError } from '../common/domain-error';
import { datePhrase, phrase, textPhrase } from '../i18n/refusal-words';

export interface CalendarDayView {
  date: LocalDate;
  kind: CalendarDayKind;
  name: string;
  source: CalendarDaySource;
  /** null for the national calendar. */
  unitCode: string | null;
}

export interface DayChange {
  unitId: number;
  dates: LocalDate[];
}

/**
 * The working-day calendar: the national days, and days a unit adds for itself and the units
 * below it (the nearest unit's entry for a date wins over the national one).
 */
@Injectable()
export class CalendarService {
  constructor(
    @InjectRepository(CalendarDay) private readonly days: Repository<CalendarDay>,
    private readonly units: UnitsService,
    private readonly clock: Clock,
  ) {}

  /** The calendar that applies to each of these units (or the national one for `null`). */
  async calendarsFor(units: (Unit | null)[]): Promise<Map<number, WorkCalendar>> {
    const ancestorIds = new Set<number>([NATIONAL]);
    for (const unit of units) for (const id of pathIds(unit)) ancestorIds.add(id);
    const rows = await this.days.find({ where: { unitId: In([...ancestorIds]) } });
    const byUnit = new Map<number, CalendarDay[]>();
    for (const row of rows) {
      if (!byUnit.has(row.unitId)) byUnit.set(row.unitId, []);
      byUnit.get(row.unitId)!.push(row);
    }
    const result = new Map<number, WorkCalendar>();
    for (const unit of units) {
      const key = unit?.id ?? NATIONAL;
      if (result.has(key)) continue;
      // National first, then each unit from the top down: the nearest entry for a date wins.
      const effective = new Map<LocalDate, CalendarDayKind>();
      for (const id of [NATIONAL, ...pathIds(unit)]) for (const row of byUnit.get(id) ?? []) effective.set(row.date, row.kind);
      const holidays = new Set<LocalDate>();
      const workdays = new Set<LocalDate>();
      for (const [date, kind] of effective) (kind === 'holiday' ? holidays : workdays).add(date);
      result.set(key, { holidays, workdays });
    }
    return result;
  }

  async calendarFor(unit: Unit | null): Promise<WorkCalendar> {
    return (await this.calendarsFor([unit])).get(unit?.id ?? NATIONAL)!;
  }

  async list(query: { from?: string; to?: string; unitCode?: string }): Promise<CalendarDayView[]> {
    const unit = query.unitCode ? await this.units.getByCode(query.unitCode) : null;
    for (const [name, value] of [['from', query.from], ['to', query.to]] as const) {
      const problem = value === undefined ? null : localDateProblem(value);
      if (problem) throw new DomainError('invalid', `${name}: ${problem}`, {}, { message: datePhrase(name, value) });
    }
    const builder = this.days.createQueryBuilder('d').where('d.unitId = :unitId', { unitId: unit?.id ?? NATIONAL });
    if (query.from) builder.andWhere('d.date >= :from', { from: query.from });
    if (query.to) builder.andWhere('d.date <= :to', { to: query.to });
    const rows = await builder.orderBy('d.date', 'ASC').getMany();
    return rows.map((row) => toView(row, unit));
  }

  async get(date: string, unitCode?: string): Promise<CalendarDayView> {
    const unit = unitCode ? await this.units.getByCode(unitCode) : null;
    const row = await this.days.findOneBy({ unitId: unit?.id ?? NATIONAL, date: checkDate(date) });
    if (!row) throw new DomainError('not-found', `${date} is an ordinary day in the ${unit ? `calendar of ${quoteForError(unit.code)}` : 'national calendar'}`, {}, {
        message: unit ? phrase('errors.calendar.ordinaryUnitDay', { date, unit: quoteForError(unit.code) }) : phrase('errors.calendar.ordinaryNationalDay', { date }),
      });
    return toView(row, unit);
  }

  /** Sets one day; returns what changed so computed deadlines can follow. */
  async put(
    caller: Caller,
    date: string,
    input: { kind: unknown; name: unknown; unitCode?: string },
    source: CalendarDaySource = 'admin',
  ): Promise<{ view: CalendarDayView; change: DayChange | null }> {
    const unit = await this.writableUnit(caller, input.unitCode);
    const kind = input.kind as CalendarDayKind;
    if (!(CALENDAR_DAY_KINDS as readonly unknown[]).includes(kind)) {
      throw new DomainError('invalid', `kind: must be one of ${CALENDAR_DAY_KINDS.join(', ')}`, {}, { message: phrase('errors.calendar.kind', { kinds: CALENDAR_DAY_KINDS.join(', ') }) });
    }
    const name = typeof input.name === 'string' ? input.name.normalize('NFC').trim() : '';
    const nameProblem = textProblem(name);
    if (nameProblem) throw new DomainError('invalid', `name: ${nameProblem}`, {}, { message: textPhrase('dayName', name) });
    if (name.length < 1 || name.length > 200) throw new DomainError('invalid', 'name: must be 1–200 characters', {}, { message: phrase('errors.calendar.nameLength') });
    const day = checkDate(date);
    const unitId = unit?.id ?? NATIONAL;
    const existing = await this.days.findOneBy({ unitId, date: day });
    const row = existing ?? this.days.create({ unitId, date: day });
    const changed = !existing || existing.kind !== kind;
    Object.assign(row, { kind, name, source, updatedAt: this.clock.now() });
    await this.days.save(row);
    return { view: toView(row, unit), change: changed ? { unitId, dates: [day] } : null };
  }

  async remove(caller: Caller, date: string, unitCode?: string): Promise<DayChange> {
    const unit = await this.writableUnit(caller, unitCode);
    const unitId = unit?.id ?? NATIONAL;
    const day = checkDate(date);
    const result = await this.days.delete({ unitId, date: day });
    if (!result.affected) throw new DomainError('not-found', `no calendar entry for ${day}`, {}, { message: phrase('errors.calendar.noEntry', { date: day }) });
    return { unitId, dates: [day] };
  }

  /** Refuses (403) a caller that may not change this calendar: checked before a file is read. */
  async assertWritable(caller: Caller, unitCode?: string): Promise<void> {
    await this.writableUnit(caller, unitCode);
  }

  /** The national calendar is the admins'; a unit's own days are its key's (or an admin's). */
  private async writableUnit(caller: Caller, unitCode?: string): Promise<Unit | null> {
    if (!unitCode) {
      if (caller.role !== 'admin') throw new DomainError('forbidden', 'only an admin key may change the national calendar', {}, { message: phrase('errors.calendar.nationalAdminsOnly') });
      return null;
    }
    const unit = await this.units.getByCode(unitCode);
    if (caller.role !== 'admin' && !(caller.unit && isWithin(unit, caller.unit))) {
      throw new DomainError('forbidden', `this key may not change the calendar of ${quoteForError(unit.code)}`, {}, { message: phrase('errors.calendar.mayNotChange', { unit: quoteForError(unit.code) }) });
    }
    return unit;
  }
}

function pathIds(unit: Unit | null): number[] {
  return unit ? unit.path.split('/').filter(Boolean).map(Number) : [];
}

/** A calendar day is a date from outside like any other: real, and inside the service's range. */
function checkDate(date: string): LocalDate {
  const problem = localDateProblem(date);
  if (problem) throw new DomainError('invalid', `date: ${problem}`, {}, { message: datePhrase('date', date) });
  return date;
}

function toView(row: CalendarDay, unit: Unit | null): CalendarDayView {
  return { date: row.date, kind: row.kind, name: row.name, source: row.source, unitCode: unit?.code ?? null };
}
