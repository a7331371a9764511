import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LocalDate } from '../common/local-time';

/** The parent of a unit over a span of days (null dates: open on that side; null parent: a root). */
@Entity('unit_parents')
@Index('ix_unit_parents_unit', ['unitId', 'validFrom'])
@Index('ix_unit_parents_parent', ['parentId'])
export class UnitParent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  unitId: number;

  @Column({ type: 'int', nullable: true })
  parentId: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  validFrom: LocalDate | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  validTo: LocalDate | null;
}

/**
 * One unit succeeded by another from a day on. `carriesHistory`: the successor's figures include
 * the predecessor's dossiers (a merge's target, a split's `historyTo`). Written by a
 * reorganization (`reorganizationId`).
 */
@Entity('unit_successions')
@Index('ix_unit_successions_from', ['fromUnitId'])
@Index('ix_unit_successions_to', ['toUnitId'])
export class UnitSuccession {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  fromUnitId: number;

  @Column({ type: 'int' })
  toUnitId: number;

  @Column({ type: 'boolean' })
  carriesHistory: boolean;

  @Column({ type: 'varchar', length: 10 })
  effectiveOn: LocalDate;

  @Column({ type: 'int', nullable: true })
  reorganizationId: number | null;
}
