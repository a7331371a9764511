import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Locale } from '../common/locale';
import { PeriodKind } from './report-model';

/** A leader's standing order for a report (docs/figures.md §8). */
@Entity('report_subscriptions')
@Index('ix_report_subscriptions_unit', ['unitId'])
export class ReportSubscription {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  unitId: number;

  @Column({ type: 'boolean', default: false })
  includeChildren: boolean;

  /** Count the units whose history the unit carries (docs/figures.md §9), as the stats do by default. */
  @Column({ type: 'boolean', default: true })
  includePredecessors: boolean;

  /** The addresses, one per line. */
  @Column({ type: 'text' })
  recipients: string;

  @Column({ type: 'varchar', length: 10 })
  periodKind: PeriodKind;

  /** 1: calendar months; 15: months from the 15th to the 14th. */
  @Column({ type: 'int', default: 1 })
  monthStartDay: 1 | 15;

  /** HH:mm, Asia/Ho_Chi_Minh. */
  @Column({ type: 'varchar', length: 5 })
  sendAt: string;

  @Column({ type: 'int' })
  sendDay: number;

  @Column({ type: 'varchar', length: 2 })
  locale: Locale;

  @Column({ type: 'boolean', default: false })
  skipWhenEmpty: boolean;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'int', nullable: true })
  apiKeyId: number | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}

export type ReportRunStatus = 'rendering' | 'ready' | 'skipped' | 'failed';

/**
 * One (subscription, period): the unique key is the claim — the instance whose insert wins
 * renders the report, once; the rendered message is kept for every delivery and retry.
 */
@Entity('report_runs')
@Index('uq_report_runs_subscription_period', ['subscriptionId', 'periodName'], { unique: true })
export class ReportRun {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  subscriptionId: number;

  @Column({ type: 'varchar', length: 10 })
  periodName: string;

  @Column({ type: 'varchar', length: 10 })
  status: ReportRunStatus;

  @Column({ type: 'varchar', length: 100 })
  claimedBy: string;

  @Column({ type: 'datetime', precision: 3 })
  claimedAt: Date;

  @Column({ type: 'varchar', length: 300, nullable: true })
  subject: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  attachmentName: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  error: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** The outbox: one row per (run, recipient), claimed by one instance at a time, sent once. */
@Entity('report_deliveries')
@Index('uq_report_deliveries_run_recipient', ['runId', 'recipient'], { unique: true })
@Index('ix_report_deliveries_due', ['status', 'nextAttemptAt'])
@Index('ix_report_deliveries_subscription', ['subscriptionId'])
export class ReportDelivery {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  runId: number;

  @Column({ type: 'int' })
  subscriptionId: number;

  @Column({ type: 'varchar', length: 10 })
  periodName: string;

  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ type: 'varchar', length: 8 })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'datetime', precision: 3 })
  nextAttemptAt: Date;

  @Column({ type: 'varchar', length: 100, nullable: true })
  lockedBy: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  lastError: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  messageId: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  sentAt: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}

/**
 * The rendered message of a run (html, text, the XLSX in base64), in pieces: a TEXT column holds
 * 64 KB on MySQL and a province's report is larger, and one portable column type keeps the
 * schema the same on MySQL and SQLite.
 */
@Entity('report_run_parts')
@Index('uq_report_run_parts', ['runId', 'part', 'seq'], { unique: true })
export class ReportRunPart {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  runId: number;

  @Column({ type: 'varchar', length: 12 })
  part: 'html' | 'text' | 'attachment';

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'text' })
  chunk: string;
}
