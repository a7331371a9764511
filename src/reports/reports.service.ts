import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { cutText } from '../common/text';
import { retryOnDeadlock } from '../common/database-retry';
import { Clock } from '../common/clock';
import { EnvironmentVariables } from '../config/configuration';
import { Unit } from '../units/unit.entity';
import { MailerService, PermanentMailError } from './mailer.service';
import { MonthStartDay, latestDuePeriod, periodByName, sendMomentOf } from './periods';
import { ReportBuilder } from './report-builder.service';
import { periodToSend } from './retired-units';
import { ReportPeriod } from './report-model';
import { renderReport } from './render/render-report';
import { buildReportXlsx, reportXlsxFileName } from './report-xlsx';
import { ReportDelivery, ReportRun, ReportRunPart, ReportSubscription } from './report.entities';

/** After this many failed attempts a delivery is given up and shown as failed. */
export const MAX_ATTEMPTS = 8;
/** A claim (render or send) older than this belongs to an instance that stopped: take it over. */
export const CLAIM_TIMEOUT_MS = 5 * 60 * 1000;
const PART_SIZE = 16_000;

export function backoffMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/**
 * Report delivery, exactly once per (subscription, period, recipient) across restarts, retries
 * and several instances: a run is claimed by its unique key and rendered once; each recipient's
 * delivery is an outbox row claimed by a conditional update before it is sent.
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);
  readonly instanceId: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly builder: ReportBuilder,
    private readonly mailer: MailerService,
    private readonly clock: Clock,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.instanceId = config.get('INSTANCE_ID', { infer: true }) ?? `${hostname()}-${process.pid}`;
  }

  /** One scheduler tick: make sure every due period has its run, then send what is due. */
  async tick(): Promise<{ runs: number; sent: number }> {
    const now = this.clock.now();
    const subscriptions = await this.dataSource.getRepository(ReportSubscription).findBy({ enabled: true });
    const unitIds = [...new Set(subscriptions.map((subscription) => subscription.unitId))];
    const units = unitIds.length === 0 ? [] : await this.dataSource.getRepository(Unit).findBy({ id: In(unitIds) });
    const lastDays = new Map(units.map((unit) => [unit.id, unit.validTo]));
    let runs = 0;
    for (const subscription of subscriptions) {
      // Only the latest due period: a service that was down catches up once, not with a flood;
      // and never a period whose send moment came before the subscription existed. A retired
      // unit's subscription goes no further than the period holding its last day.
      const plan = schedule(subscription);
      const period = periodToSend(latestDuePeriod(subscription.periodKind, plan, now), lastDays.get(subscription.unitId) ?? null, subscription.periodKind, plan.monthStartDay);
      if (sendMomentOf(period, schedule(subscription)).getTime() < subscription.createdAt.getTime()) continue;
      try {
        if (await this.ensureRun(subscription, period)) runs++;
      } catch (error) {
        this.logger.error(`report ${subscription.id} ${period.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const sent = await this.deliverDue();
    return { runs, sent };
  }

  /**
   * Claims and renders the run of (subscription, period) unless it exists; returns true when
   * this call rendered it. The unique key makes a second instance's insert fail: it moves on.
   */
  async ensureRun(subscription: ReportSubscription, period: ReportPeriod): Promise<boolean> {
    const runs = this.dataSource.getRepository(ReportRun);
    const now = this.clock.now();
    let run = await runs.findOneBy({ subscriptionId: subscription.id, periodName: period.name });
    if (run && run.status !== 'rendering') return false;
    let takenOver = false;
    if (run) {
      // Left half-rendered by an instance that stopped: take it over once its claim has expired.
      const taken = await runs.update(
        { id: run.id, status: 'rendering', claimedAt: LessThanOrEqual(new Date(now.getTime() - CLAIM_TIMEOUT_MS)) },
        { claimedBy: this.instanceId, claimedAt: now },
      );
      if (!taken.affected) return false;
      takenOver = true;
    } else {
      // The claim: an insert that a second instance's identical insert cannot repeat.
      await runs
        .createQueryBuilder()
        .insert()
        .values({ subscriptionId: subscription.id, periodName: period.name, status: 'rendering', claimedBy: this.instanceId, claimedAt: now, createdAt: now })
        .orIgnore()
        .updateEntity(false)
        .execute();
      run = await runs.findOneByOrFail({ subscriptionId: subscription.id, periodName: period.name });
      if (run.claimedBy !== this.instanceId || run.claimedAt.getTime() !== now.getTime()) return false;
    }
    await this.render(subscription, period, run, takenOver);
    return true;
  }

  private async render(subscription: ReportSubscription, period: ReportPeriod, run: ReportRun, takenOver: boolean): Promise<void> {
    const unit = await this.dataSource.getRepository(Unit).findOneByOrFail({ id: subscription.unitId });
    const model = await this.builder.build(subscription, unit.code, period);
    if (subscription.skipWhenEmpty && ReportBuilder.isEmpty(model)) {
      await this.dataSource.getRepository(ReportRun).update(run.id, { status: 'skipped' });
      return;
    }
    const rendered = renderReport(model);
    const attachment = (await buildReportXlsx(model)).toString('base64');
    const now = this.clock.now();
    await retryOnDeadlock(() => this.dataSource.transaction(async (manager) => {
      const parts: Partial<ReportRunPart>[] = [];
      for (const [part, content] of [['html', rendered.html], ['text', rendered.text], ['attachment', attachment]] as const) {
        for (let seq = 0; seq * PART_SIZE < content.length || seq === 0; seq++) {
          parts.push({ runId: run.id, part, seq, chunk: content.slice(seq * PART_SIZE, (seq + 1) * PART_SIZE) });
        }
      }
      // Only a run taken over from a stopped instance can have parts already (a delete of
      // nothing would take gap locks that deadlock with another instance's inserts).
      if (takenOver) await manager.delete(ReportRunPart, { runId: run.id });
      await manager.insert(ReportRunPart, parts);
      await manager.update(ReportRun, run.id, { status: 'ready', subject: cutText(rendered.subject, 300), attachmentName: reportXlsxFileName(model) });
      const recipients = recipientsOf(subscription);
      await manager
        .createQueryBuilder()
        .insert()
        .into(ReportDelivery)
        .values(recipients.map((recipient) => ({ runId: run.id, subscriptionId: subscription.id, periodName: period.name, recipient, status: 'pending' as const, attempts: 0, nextAttemptAt: now, createdAt: now })))
        .orIgnore()
        .execute();
    }));
  }

  /** Sends every delivery that is due (or whose sender stopped), each claimed before it is sent. */
  async deliverDue(runId?: number): Promise<number> {
    const now = this.clock.now();
    const query = this.dataSource
      .getRepository(ReportDelivery)
      .createQueryBuilder('d')
      .where("((d.status = 'pending' AND d.nextAttemptAt <= :now) OR (d.status = 'sending' AND d.lockedUntil <= :now))", { now })
      .orderBy('d.nextAttemptAt', 'ASC')
      .limit(200);
    if (runId !== undefined) query.andWhere('d.runId = :runId', { runId });
    let sent = 0;
    for (const delivery of await query.getMany()) {
      if (await this.deliver(delivery)) sent++;
    }
    return sent;
  }

  private async deliver(candidate: ReportDelivery): Promise<boolean> {
    const deliveries = this.dataSource.getRepository(ReportDelivery);
    const now = this.clock.now();
    // The claim: only one instance's update matches the row as it was read.
    const claimed = await deliveries
      .createQueryBuilder()
      .update(ReportDelivery)
      .set({ status: 'sending', lockedBy: this.instanceId, lockedUntil: new Date(now.getTime() + CLAIM_TIMEOUT_MS), attempts: candidate.attempts + 1 })
      .where('id = :id AND attempts = :attempts', { id: candidate.id, attempts: candidate.attempts })
      .andWhere("((status = 'pending' AND nextAttemptAt <= :now) OR (status = 'sending' AND lockedUntil <= :now))", { now })
      .execute();
    if (!claimed.affected) return false;
    const attempts = candidate.attempts + 1;
    const run = await this.dataSource.getRepository(ReportRun).findOneByOrFail({ id: candidate.runId });
    const content = await this.parts(run.id);
    const messageId = `<report-${run.subscriptionId}-${run.periodName}-${candidate.id}@tthc-monitor>`;
    try {
      await this.mailer.send({
        to: candidate.recipient,
        subject: run.subject ?? '',
        html: content.html,
        text: content.text,
        messageId,
        attachment: run.attachmentName ? { filename: run.attachmentName, content: Buffer.from(content.attachment, 'base64') } : undefined,
      });
      await deliveries.update({ id: candidate.id, lockedBy: this.instanceId }, { status: 'sent', sentAt: this.clock.now(), messageId, lastError: null, lockedUntil: null });
      return true;
    } catch (error) {
      const message = cutText(error instanceof Error ? error.message : String(error), 2000);
      const permanent = error instanceof PermanentMailError || attempts >= MAX_ATTEMPTS;
      await deliveries.update(
        { id: candidate.id, lockedBy: this.instanceId },
        permanent
          ? { status: 'failed', lastError: message, lockedUntil: null }
          : { status: 'pending', lastError: message, lockedUntil: null, nextAttemptAt: new Date(this.clock.now().getTime() + backoffMs(attempts)) },
      );
      this.logger.warn(`delivery ${candidate.id} to ${candidate.recipient} (${run.periodName}) ${permanent ? 'failed' : 'will be retried'}: ${message}`);
      return false;
    }
  }

  private async parts(runId: number): Promise<{ html: string; text: string; attachment: string }> {
    const rows = await this.dataSource.getRepository(ReportRunPart).find({ where: { runId }, order: { part: 'ASC', seq: 'ASC' } });
    const joined = { html: '', text: '', attachment: '' };
    for (const row of rows) joined[row.part] += row.chunk;
    return joined;
  }

  periodOf(subscription: ReportSubscription, name: string): ReportPeriod {
    return periodByName(subscription.periodKind, name, subscription.monthStartDay as MonthStartDay);
  }
}

export function schedule(subscription: ReportSubscription): { sendAt: string; sendDay: number; monthStartDay: MonthStartDay } {
  return { sendAt: subscription.sendAt, sendDay: subscription.sendDay, monthStartDay: subscription.monthStartDay as MonthStartDay };
}

export function recipientsOf(subscription: ReportSubscription): string[] {
  return subscription.recipients.split('\n').map((line) => line.trim()).filter(Boolean);
}
