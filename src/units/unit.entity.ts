import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LocalDate } from '../common/local-time';

export const UNIT_LEVELS = ['province', 'district', 'commune', 'agency'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** A commune's kind, for its title: xã, phường, đặc khu. */
export const UNIT_KINDS = ['xa', 'phuong', 'dac-khu'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

@Entity('units')
@Index('uq_units_code', ['code'], { unique: true })
@Index('ix_units_path', ['path'])
@Index('ix_units_parent', ['parentId'])
@Index('ix_units_agency_code', ['agencyCode'])
export class Unit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  level: UnitLevel;

  /** The parent as the tree stands today; unit_parents holds the parent over time. */
  @Column({ type: 'int', nullable: true })
  parentId: number | null;

  /** Ids from the root down to this unit as the tree stands today, `/1/4/9/`: "this unit and those below" is a prefix. */
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

  /** The first local day the unit exists (null: since always). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  validFrom: LocalDate | null;

  /** The last local day the unit exists (null: it has no end). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  validTo: LocalDate | null;

  /** A commune's kind (null for other levels, and for a commune not yet told its kind). */
  @Column({ type: 'varchar', length: 8, nullable: true })
  kind: UnitKind | null;

  /** The agency's electronic code (mã định danh, e.g. `000.00.21.H23`): unique among the units valid on a day. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  agencyCode: string | null;
}
