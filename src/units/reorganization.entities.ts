import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LocalDate } from '../common/local-time';

/** One dated act that creates, merges, splits, moves, renames and retires units (docs/figures.md §9). */
@Entity('reorganizations')
@Index('uq_reorganizations_fingerprint', ['fingerprint'], { unique: true })
@Index('ix_reorganizations_effective_on', ['effectiveOn'])
export class Reorganization {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 10 })
  effectiveOn: LocalDate;

  /** The act's name as the state gives it (e.g. `Nghị quyết 1669/NQ-UBTVQH15`). */
  @Column({ type: 'varchar', length: 500 })
  reference: string;

  /** SHA-256 (hex) of the act's canonical JSON: its day and its changes. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** One change of an act, as its canonical JSON, in the order the act listed it. */
@Entity('reorganization_changes')
@Index('ix_reorganization_changes_act', ['reorganizationId', 'position'])
export class ReorganizationChange {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  reorganizationId: number;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  change: string;
}
