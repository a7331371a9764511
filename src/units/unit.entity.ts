import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const UNIT_LEVELS = ['province', 'district', 'commune', 'agency'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

@Entity('units')
@Index('uq_units_code', ['code'], { unique: true })
@Index('ix_units_path', ['path'])
@Index('ix_units_parent', ['parentId'])
export class Unit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  level: UnitLevel;

  @Column({ type: 'int', nullable: true })
  parentId: number | null;

  /** Ids from the root down to this unit, `/1/4/9/`: "this unit and those below" is a prefix. */
  @Column({ type: 'varchar', length: 255 })
  path: string;

  /** Bumped by every write that changes this unit's dossiers; caches follow it. */
  @Column({ type: 'int', default: 0 })
  dataVersion: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  dataUpdatedAt: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  /** The widget's decimals for this unit (null: 2), set in the console. */
  @Column({ type: 'int', nullable: true })
  widgetDecimals: number | null;

  /** The widget's default language for this unit (null: vi). */
  @Column({ type: 'varchar', length: 2, nullable: true })
  widgetLocale: 'vi' | 'en' | null;
}
