import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Caller } from '../auth/api-keys.service';
import { Clock } from '../common/clock';
import { LOCALES, Locale } from '../common/locale';
import { quoteForError, textProblem } from '../common/text';
import { Unit } from '../units/unit.entity';
import { UnitsService, isWithin } from '../units/units.service';
import { MonthStartDay, checkSchedule, latestDuePeriod, sendMomentOf } from './periods';
import { lastPeriodOf, upcomingPeriod } from './retired-units';
import { LocalDate } from '../common/local-time';
import { PeriodKind } from './report-model';
import { ReportDelivery, ReportSubscription } from './report.entities';
import { schedule } from './reports.service';
import { DomainError, Phrase, Problems } from '../common/domain-error';
import { phrase, textPhrase } from '../i18n/refusal-words';

export const PERIOD_KINDS: readonly PeriodKind[] = ['week', 'month', 'quarter', 'half-year', 'year'];
export const MAX_RECIPIENTS = 50;
/** Deliberately plain: a syntactically sound address; the mail server is the final judge. */
const EMAIL = /^[^\s@<>(),;:"\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export interface SubscriptionInput {
  unitCode?: unknown;
  includeChildren?: unknown;
  includePredecessors?: unknown;
  recipients?: unknown;
  periodKind?: unknown;
  monthStartDay?: unknown;
  sendAt?: unknown;
  sendDay?: unknown;
  locale?: unknown;
  skipWhenEmpty?: unknown;
  enabled?: unknown;
}

export interface SubscriptionView {
  id: number;
  unitCode: string;
  includeChildren: boolean;
  includePredecessors: boolean;
  recipients: string[];
  periodKind: PeriodKind;
  monthStartDay: MonthStartDay;
  sendAt: string;
  sendDay: number;
  locale: Locale;
  skipWhenEmpty: boolean;
  enabled: boolean;
  /** The next period to be sent and when (ISO); null once a retired unit's last period is sent. */
  next: { period: string; sendAt: string } | null;
  /** Why it sends no more: its unit was retired (its last day), after the period holding that day. */
  stopped: { reason: 'unit-retired'; lastDay: LocalDate; lastPeriod: string } | null;
  createdAt: string;
}

@Injectable()
export class SubscriptionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly clock: Clock,
  ) {}

  private get repository() {
    return this.dataSource.getRepository(ReportSubscription);
  }

  async create(caller: Caller, input: SubscriptionInput): Promise<SubscriptionView> {
    const unit = await this.writableUnit(caller, input.unitCode);
    const fields = checkInput(input, null);
    const now = this.clock.now();
    const saved = await this.repository.save(
      this.repository.create({ ...fields, unitId: unit.id, apiKeyId: caller.keyId || null, createdAt: now, updatedAt: now } as ReportSubscription),
    );
    return this.view(saved, unit);
  }

  async update(caller: Caller, id: number, input: SubscriptionInput): Promise<SubscriptionView> {
    const { subscription } = await this.get(caller, id);
    const unit = input.unitCode !== undefined ? await this.writableUnit(caller, input.unitCode) : await this.units.findById(subscription.unitId);
    const fields = checkInput(input, subscription);
    Object.assign(subscription, fields, { unitId: unit!.id, updatedAt: this.clock.now() });
    await this.repository.save(subscription);
    return this.view(subscription, unit!);
  }

  async remove(caller: Caller, id: number): Promise<void> {
    const { subscription } = await this.get(caller, id);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(ReportDelivery, { subscriptionId: subscription.id, status: In(['pending']) }, { status: 'failed', lastError: 'cancelled: the subscription was deleted' });
      await manager.delete(ReportSubscription, subscription.id);
    });
  }

  async list(caller: Caller, unitCode?: string): Promise<SubscriptionView[]> {
    const unit = unitCode ? await this.units.getByCode(unitCode) : caller.unit;
    if (unit && !mayManage(caller, unit)) throw new DomainError('forbidden', `this key may not read the subscriptions of ${quoteForError(unit.code)}`, {}, { message: phrase('errors.subscriptions.mayNotRead', { unit: quoteForError(unit.code) }) });
    const scope = unit ? await this.units.scope(unit, true) : null;
    const rows = scope
      ? await this.repository.find({ where: { unitId: In(scope.map((member) => member.id)) }, order: { id: 'ASC' } })
      : await this.repository.find({ order: { id: 'ASC' } });
    const unitsById = new Map((scope ?? (await this.dataSource.getRepository(Unit).find())).map((member) => [member.id, member]));
    return rows.map((row) => this.view(row, unitsById.get(row.unitId)!));
  }

  /** The subscription if this key may manage it; 404 otherwise (its existence is not told). */
  async get(caller: Caller, id: number): Promise<{ subscription: ReportSubscription; unit: Unit; view: SubscriptionView }> {
    const subscription = Number.isInteger(id) ? await this.repository.findOneBy({ id }) : null;
    const unit = subscription ? await this.units.findById(subscription.unitId) : null;
    if (!subscription || !unit || !mayManage(caller, unit)) throw new DomainError('not-found', `report subscription ${id} does not exist`, {}, { message: phrase('errors.subscriptions.notFound', { id }) });
    return { subscription, unit, view: this.view(subscription, unit) };
  }

  async deliveries(caller: Caller, id: number) {
    await this.get(caller, id);
    const rows = await this.dataSource.getRepository(ReportDelivery).find({ where: { subscriptionId: id }, order: { periodName: 'DESC', recipient: 'ASC' } });
    return rows.map((row) => ({
      period: row.periodName,
      recipient: row.recipient,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
      sentAt: row.sentAt ? row.sentAt.toISOString() : null,
    }));
  }

  private async writableUnit(caller: Caller, unitCode: unknown): Promise<Unit> {
    if (typeof unitCode !== 'string' || unitCode === '') throw new DomainError('invalid', 'unitCode: is required', {}, { message: phrase('errors.subscriptions.unitRequired') });
    const unit = await this.units.getByCode(unitCode);
    if (!mayManage(caller, unit)) throw new DomainError('forbidden', `this key may not manage the reports of ${quoteForError(unit.code)}`, {}, { message: phrase('errors.subscriptions.mayNotManage', { unit: quoteForError(unit.code) }) });
    return unit;
  }

  private view(subscription: ReportSubscription, unit: Unit): SubscriptionView {
    const now = this.clock.now();
    const plan = schedule(subscription);
    const latest = latestDuePeriod(subscription.periodKind, plan, now);
    const upcoming = upcomingPeriod(latest, unit.validTo, subscription.periodKind, plan.monthStartDay);
    const stopped =
      upcoming === null && unit.validTo !== null
        ? { reason: 'unit-retired' as const, lastDay: unit.validTo, lastPeriod: lastPeriodOf(unit.validTo, subscription.periodKind, plan.monthStartDay).name }
        : null;
    return {
      id: subscription.id,
      unitCode: unit.code,
      includeChildren: subscription.includeChildren,
      includePredecessors: subscription.includePredecessors,
      recipients: subscription.recipients.split('\n').filter(Boolean),
      periodKind: subscription.periodKind,
      monthStartDay: plan.monthStartDay,
      sendAt: subscription.sendAt,
      sendDay: subscription.sendDay,
      locale: subscription.locale,
      skipWhenEmpty: subscription.skipWhenEmpty,
      enabled: subscription.enabled,
      next: upcoming === null ? null : { period: upcoming.name, sendAt: sendMomentOf(upcoming, plan).toISOString() },
      stopped,
      createdAt: subscription.createdAt.toISOString(),
    };
  }
}

/**
 * The words of periods.ts's schedule lines, by their English: the check stays a plain function
 * of its own; subscription-words.spec.ts fails when a line there has no words here.
 */
export const SCHEDULE_WORDS = new Map<string, Phrase>([
  ['sendAt: must be a time HH:mm from 00:00 to 23:59 (Asia/Ho_Chi_Minh)', phrase('errors.subscriptions.sendAt')],
  ['sendDay: must be an ISO weekday from 1 (Monday) to 7 (Sunday) for weekly reports', phrase('errors.subscriptions.sendWeekday')],
  ['sendDay: must be a whole number of days from 1 to 28 after the period closes (1 = the first day of the next period)', phrase('errors.subscriptions.sendDay')],
  ['monthStartDay: must be 1 (calendar months) or 15 (months from the 15th to the 14th)', phrase('errors.subscriptions.monthStartDay')],
]);

function mayManage(caller: Caller, unit: Unit): boolean {
  return caller.role === 'admin' || (caller.unit !== null && isWithin(unit, caller.unit));
}

/** Every field checked at once, each failure named; `current` fills what a PATCH leaves out. */
function checkInput(input: SubscriptionInput, current: ReportSubscription | null): Partial<ReportSubscription> {
  const errors = new Problems();
  const pick = <T>(value: unknown, fallback: T | undefined): unknown => (value === undefined ? fallback : value);
  const bool = (name: 'includeChildren' | 'includePredecessors' | 'skipWhenEmpty' | 'enabled', value: unknown, fallback: boolean): boolean => {
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') errors.add(`${name}: must be true or false`, phrase(`errors.subscriptions.${name}`));
    return value === true;
  };
  const periodKind = pick(input.periodKind, current?.periodKind);
  if (!PERIOD_KINDS.includes(periodKind as PeriodKind)) errors.add(`periodKind: must be one of ${PERIOD_KINDS.join(', ')}`, phrase('errors.subscriptions.periodKind', { kinds: PERIOD_KINDS.join(', ') }));
  const recipientsRaw = pick(input.recipients, current ? current.recipients.split('\n').filter(Boolean) : undefined);
  let recipients: string[] = [];
  if (!Array.isArray(recipientsRaw) || recipientsRaw.length === 0) errors.add('recipients: must be a list of one or more e-mail addresses', phrase('errors.subscriptions.recipientsRequired'));
  else if (recipientsRaw.length > MAX_RECIPIENTS) errors.add(`recipients: at most ${MAX_RECIPIENTS} addresses`, phrase('errors.subscriptions.recipientsTooMany', { max: MAX_RECIPIENTS }));
  else {
    recipients = [...new Set(recipientsRaw.map((value) => (typeof value === 'string' ? value.trim().toLowerCase() : value)))] as string[];
    recipients.forEach((value, i) => {
      const problem = typeof value === 'string' ? textProblem(value) : null;
      if (problem) errors.add(`recipients[${i}]: ${problem}`, textPhrase('recipient', value as string, { n: i + 1 }));
      else if (typeof value !== 'string' || value.length > 254 || !EMAIL.test(value)) errors.add(`recipients[${i}]: ${quoteForError(value)} is not an e-mail address`, phrase('errors.subscriptions.recipientNotAddress', { value: quoteForError(value) }));
    });
  }
  const monthStartDay = pick(input.monthStartDay, current?.monthStartDay ?? 1);
  const sendAt = pick(input.sendAt, current?.sendAt);
  const sendDay = pick(input.sendDay, current?.sendDay);
  for (const line of checkSchedule(periodKind, { sendAt, sendDay, monthStartDay })) errors.add(line, SCHEDULE_WORDS.get(line) ?? null);
  const locale = pick(input.locale, current?.locale ?? 'vi');
  if (!(LOCALES as readonly unknown[]).includes(locale)) errors.add(`locale: must be one of ${LOCALES.join(', ')}`, phrase('errors.subscriptions.locale', { locales: LOCALES.join(', ') }));
  const fields: Partial<ReportSubscription> = {
    includeChildren: bool('includeChildren', input.includeChildren, current?.includeChildren ?? false),
    includePredecessors: bool('includePredecessors', input.includePredecessors, current?.includePredecessors ?? true),
    skipWhenEmpty: bool('skipWhenEmpty', input.skipWhenEmpty, current?.skipWhenEmpty ?? false),
    enabled: bool('enabled', input.enabled, current?.enabled ?? true),
    recipients: recipients.join('\n'),
    periodKind: periodKind as PeriodKind,
    monthStartDay: monthStartDay as 1 | 15,
    sendAt: sendAt as string,
    sendDay: sendDay as number,
    locale: locale as Locale,
  };
  if (errors.length > 0) throw errors.refusal('invalid', 'the subscription was not saved', phrase('errors.subscriptions.notSaved'));
  return fields;
}
