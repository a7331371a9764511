import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Channel, DossierStatus, PaidOnline, Timeliness } from './classification';

/** The open dossiers of units by status and deadline: those overdue now. */
export const IX_UNIT_STATUS_DUE = 'ix_dossiers_unit_status_due';
/** The open dossiers of units with a supplement request, with what 2.1 judges them by one by one. */
export const IX_UNIT_STATUS_SUPPLEMENT = 'ix_dossiers_unit_status_supplement';

@Entity('dossiers')
@Index('uq_dossiers_unit_code', ['unitId', 'code'], { unique: true })
@Index('ix_dossiers_unit_settled', ['unitId', 'settledOn', 'timeliness'])
@Index('ix_dossiers_unit_received', ['unitId', 'receivedOn'])
@Index(IX_UNIT_STATUS_DUE, ['unitId', 'status', 'dueAt', 'receivedOn'])
@Index('ix_dossiers_computed_due', ['dueAtComputed', 'dueOn'])
@Index('ix_dossiers_unit_withdrawn', ['unitId', 'withdrawnOn'])
@Index('ix_dossiers_code', ['code'])
@Index(IX_UNIT_STATUS_SUPPLEMENT, ['unitId', 'status', 'supplementAt', 'receivedOn', 'dueAt', 'supplementDoneAt', 'supplementAgainAt', 'supplementDueMoved'])
export class Dossier {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  unitId: number;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  procedureCode: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  procedureName: string | null;

  @Column({ type: 'varchar', length: 200 })
  field: string;

  @Column({ type: 'varchar', length: 8 })
  channel: Channel;

  @Column({ type: 'varchar', length: 16 })
  status: DossierStatus;

  @Column({ type: 'datetime', precision: 3 })
  receivedAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  dueAt: Date;

  /** Local date of dueAt. */
  @Column({ type: 'varchar', length: 10 })
  dueOn: string;

  /**
   * True when dueAt came from the procedure's processing days and the calendar (docs/figures.md §4), not
   * with the record: only such deadlines move when the calendar or the procedure changes.
   */
  @Column({ type: 'boolean', default: false })
  dueAtComputed: boolean;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  extendedDueAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  sourceUpdatedAt: Date | null;

  /** The result handed to the applicant (DVCQG NgayTra); only for settled dossiers. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  returnedAt: Date | null;

  // docs/figures.md §11: facts the 766 scorecard counts. Null is "not said", not false.
  @Column({ type: 'boolean', nullable: true })
  electronicResult: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  digitized: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  resultDigitized: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  reusedData: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  citizenRepository: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  vneidVerified: boolean | null;

  /** Fees and charges in VND. */
  @Column({ type: 'bigint', nullable: true, transformer: { to: (value: number | null) => value, from: (value: string | number | null) => (value === null ? null : Number(value)) } })
  feeAmount: number | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  paidOnline: PaidOnline | null;

  @Column({ type: 'boolean', nullable: true })
  complaint: boolean | null;

  // What the dossier's steps say of its supplement rounds (progress-766.ts Supplement766), kept by
  // supplement-facts.ts whenever its steps change: the first round's request and completion, the
  // second request, and whether the due date was moved for the first round.
  @Column({ type: 'datetime', precision: 3, nullable: true })
  supplementAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  supplementDoneAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  supplementAgainAt: Date | null;

  @Column({ type: 'boolean', default: false })
  supplementDueMoved: boolean;

  /** Local date (Asia/Ho_Chi_Minh) of receivedAt: periods are local dates. */
  @Column({ type: 'varchar', length: 10 })
  receivedOn: string;

  /** Local date of resolvedAt, only for settled dossiers (resolved, refused). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  settledOn: string | null;

  /** Local date of withdrawnAt, only for withdrawn dossiers. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  withdrawnOn: string | null;

  /** Fixed at write time for settled dossiers (docs/figures.md §3); null otherwise. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  timeliness: Timeliness | null;

  /** SHA-256 of the record as received (normalised): an identical re-send is `unchanged`. */
  @Column({ type: 'varchar', length: 64 })
  contentHash: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
