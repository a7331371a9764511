import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** Where a day came from: the Labour Code seed, an admin's edit, or an iCalendar import. */
export type CalendarDaySource = 'seed' | 'admin' | 'ics';

/** The unitId of the national calendar (a unit's own days override it for that unit and below). */
export const NATIONAL = 0;

/** A day that differs from the Monday–Friday rule (docs/figures.md §4). */
@Entity('calendar_days')
@Index('uq_calendar_days_unit_date', ['unitId', 'date'], { unique: true })
export class CalendarDay {
  @PrimaryGeneratedColumn()
  id: number;

  /** 0 for the national calendar, else the unit whose subtree the day applies to. */
  @Column({ type: 'int', default: NATIONAL })
  unitId: number;

  /** Local date YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'varchar', length: 8 })
  kind: CalendarDayKind;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  source: CalendarDaySource;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
