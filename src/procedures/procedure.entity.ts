import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A procedure of the national catalogue (thủ tục hành chính) with its legal processing time. */
@Entity('procedures')
@Index('uq_procedures_code', ['code'], { unique: true })
export class Procedure {
  @PrimaryGeneratedColumn()
  id: number;

  /** National code, e.g. 1.001193. */
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 500 })
  name: string;

  @Column({ type: 'varchar', length: 200 })
  field: string;

  /** Legal processing time in working days; a dossier without dueAt gets its deadline from it. */
  @Column({ type: 'int' })
  processingDays: number;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
