import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Counters of one unit's dossiers per local day (see rollups.ts for what each one counts). */
abstract class RollupRow {
  @PrimaryColumn({ type: 'int' })
  unitId: number;

  @Column({ type: 'int', default: 0 })
  receivedDirect: number;

  @Column({ type: 'int', default: 0 })
  receivedOnline: number;

  @Column({ type: 'int', default: 0 })
  receivedPostal: number;

  @Column({ type: 'int', default: 0 })
  denied: number;

  @Column({ type: 'int', default: 0 })
  early: number;

  @Column({ type: 'int', default: 0 })
  onTime: number;

  @Column({ type: 'int', default: 0 })
  late: number;

  @Column({ type: 'int', default: 0 })
  withdrawn: number;

  @Column({ type: 'int', default: 0 })
  waiting: number;

  @Column({ type: 'int', default: 0 })
  overdue: number;

  // The Decision 766 scorecard's counters (rollups.ts).
  @Column({ type: 'int', default: 0 })
  onTime766: number;

  @Column({ type: 'int', default: 0 })
  late766: number;

  @Column({ type: 'int', default: 0 })
  openLate766: number;

  @Column({ type: 'int', default: 0 })
  resolvedReceived: number;

  /** Summed over a unit's years, more than an int holds. */
  @Column({ type: 'bigint', default: 0, transformer: { to: (value: number) => value, from: (value: string | number) => Number(value) } })
  resolutionMinutes: number;

  @Column({ type: 'int', default: 0 })
  results: number;

  @Column({ type: 'int', default: 0 })
  electronicResults: number;

  @Column({ type: 'int', default: 0 })
  digitizedResults: number;

  @Column({ type: 'int', default: 0 })
  reusedData: number;

  @Column({ type: 'int', default: 0 })
  citizenRepository: number;

  @Column({ type: 'int', default: 0 })
  vneidVerified: number;

  @Column({ type: 'int', default: 0 })
  complaints: number;

  @Column({ type: 'int', default: 0 })
  feePayable: number;

  @Column({ type: 'int', default: 0 })
  paidOnline: number;
}

@Entity('dossier_day_counts')
export class DossierDayCount extends RollupRow {
  /** Local date, `YYYY-MM-DD`. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;
}

/** The same counters per month (`YYYY-MM`), and per unit for all time (`*`). */
@Entity('dossier_month_counts')
export class DossierMonthCount extends RollupRow {
  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;
}

/** The same counters per unit, field and channel: rows by field or by channel. */
abstract class FieldRollupRow extends RollupRow {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  field: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  channel: string;
}

@Entity('dossier_field_day_counts')
export class DossierFieldDayCount extends FieldRollupRow {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;
}

@Entity('dossier_field_month_counts')
export class DossierFieldMonthCount extends FieldRollupRow {
  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;
}
