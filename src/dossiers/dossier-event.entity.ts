import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type EventOrigin = 'progress' | 'record';

/**
 * One step of a dossier (docs/figures.md §10): a progress row as the one-stop system sent it
 * (CapNhatTienDoHoSoMC), or a supplement round its record listed. Keyed by unit and dossier code,
 * not the dossier's id: a step may arrive before its dossier. The name of the official who took
 * the step (NguoiXuLy) is not kept: it is a person's name and no figure needs it.
 */
@Entity('dossier_events')
@Index('uq_dossier_events_step', ['unitId', 'dossierCode', 'at', 'statusCode'], { unique: true })
export class DossierEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  unitId: number;

  @Column({ type: 'varchar', length: 64 })
  dossierCode: string;

  /** The DVCQG status code of the step, 1–10 (NATIONAL.md §3). */
  @Column({ type: 'int' })
  statusCode: number;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  startedAt: Date | null;

  /** The step's own deadline (NgayKetThucTheoQuyDinh). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  stepDueAt: Date | null;

  /**
   * The due date the record's supplement round moved the dossier to (NgayHenTraMoi), on the
   * round's completion step; kept when the system's progress row is that step (2.1: nothing is
   * taken off a round the due was moved for).
   */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  roundDueAt: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  content: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  department: string | null;

  @Column({ type: 'varchar', length: 8 })
  origin: EventOrigin;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
