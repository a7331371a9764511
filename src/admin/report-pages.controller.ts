import { BadRequestException, Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AuditService } from '../auth/audit.service';
import { Clock } from '../common/clock';
import { formatLocalDate } from '../common/local-time';
import { Locale } from '../common/locale';
import { latestDuePeriod } from '../reports/periods';
import { ReportBuilder } from '../reports/report-builder.service';
import { ReportPeriod } from '../reports/report-model';
import { renderReport } from '../reports/render/render-report';
import { ReportRun, ReportSubscription } from '../reports/report.entities';
import { ReportsService, schedule } from '../reports/reports.service';
import { PERIOD_KINDS, SubscriptionInput, SubscriptionView, SubscriptionsService } from '../reports/subscriptions.service';
import { UnitsService } from '../units/units.service';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleGuard, ConsoleRequest, ConsoleRole, actorOf, callerOf } from './console.guard';
import { ConsoleViews } from './console-views';
import { IdParam } from '../common/query-params';
import { lookup, t, wordsOf } from '../i18n/i18n';
import { WorkScope, formErrors, pageLang, sendPage, text, ticked, wholeNumber } from './work-pages.support';

/** The e-mail's own styles are inline: its preview gets a policy of its own, nothing else. */
const PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** What the form shows: the fields as text, as they were sent or stored. */
interface SubscriptionForm {
  unitCode: string;
  includeChildren: boolean;
  recipients: string;
  periodKind: string;
  monthStartDay: string;
  sendAt: string;
  sendDay: string;
  locale: string;
  skipWhenEmpty: boolean;
  enabled: boolean;
}

/** Report subscriptions: list, form, preview, send now, and the delivery history. */
@ApiExcludeController()
@Controller('admin/reports')
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleExceptionFilter)
export class ReportPagesController {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly reports: ReportsService,
    private readonly builder: ReportBuilder,
    private readonly scope: WorkScope,
    private readonly views: ConsoleViews,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly units: UnitsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ConsoleRole('staff')
  async list(@Req() request: ConsoleRequest, @Res() response: Response, @Query('deleted') deleted?: string): Promise<void> {
    const lang = pageLang(request, response);
    const words = wordsOf(lang, 'work');
    const items = await this.subscriptions.list(callerOf(request.staff));
    const names = new Map((await this.scope.unitsOf(request.staff)).map((unit) => [unit.code, unit.name]));
    sendPage(
      this.views,
      request,
      response,
      'reports',
      {
        deleted: deleted === '1',
        items: items.map((item) => ({
          ...item,
          unitName: names.get(item.unitCode) ?? item.unitCode,
          periodLabel: words[`period_${item.periodKind}`] ?? item.periodKind,
          localeLabel: words[`locale_${item.locale}`] ?? item.locale,
          stoppedLine: item.stopped === null ? null : t(lang, 'work.stoppedRetired', { lastDay: formatLocalDate(item.stopped.lastDay), lastPeriod: item.stopped.lastPeriod }),
        })),
      },
      { title: 'reports', current: 'reports', lang },
    );
  }

  @Get('new')
  @ConsoleRole('staff')
  async newForm(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const lang = pageLang(request, response);
    const form: SubscriptionForm = {
      unitCode: request.staff.unit?.code ?? '',
      includeChildren: request.staff.unit !== null && request.staff.unit.level !== 'commune',
      recipients: '',
      periodKind: 'month',
      monthStartDay: '1',
      sendAt: '07:30',
      sendDay: '1',
      locale: lang,
      skipWhenEmpty: false,
      enabled: true,
    };
    await this.sendForm(request, response, lang, { form });
  }

  @Post()
  @ConsoleRole('staff')
  async create(@Body() body: Record<string, string>, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const lang = pageLang(request, response);
    try {
      const saved = await this.subscriptions.create(callerOf(request.staff), inputOf(body));
      await this.audit.record(actorOf(request.staff), 'subscription-created', describe(saved), await this.unitIdOf(saved.unitCode));
      response.redirect(303, `/admin/reports/${saved.id}/edit?saved=1`);
    } catch (error) {
      const errors = formErrors(error, lang);
      if (!errors) throw error;
      await this.sendForm(request, response, lang, { form: formOf(body), errors, status: 400 });
    }
  }

  @Get(':id/edit')
  @ConsoleRole('staff')
  async editForm(
    @IdParam() id: number,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Query('saved') saved?: string,
    @Query('sent') sent?: string,
  ): Promise<void> {
    const lang = pageLang(request, response);
    const { view } = await this.subscriptions.get(callerOf(request.staff), id);
    await this.sendForm(request, response, lang, { form: formOfView(view), view, saved: saved === '1', sent: /^[0-9A-Z-]{4,10}$/.test(sent ?? '') ? sent : undefined });
  }

  @Post(':id')
  @ConsoleRole('staff')
  async update(@IdParam() id: number, @Body() body: Record<string, string>, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const lang = pageLang(request, response);
    const caller = callerOf(request.staff);
    const { view } = await this.subscriptions.get(caller, id);
    try {
      const saved = await this.subscriptions.update(caller, id, inputOf(body));
      await this.audit.record(actorOf(request.staff), 'subscription-changed', describe(saved), await this.unitIdOf(saved.unitCode));
      response.redirect(303, `/admin/reports/${saved.id}/edit?saved=1`);
    } catch (error) {
      const errors = formErrors(error, lang);
      if (!errors) throw error;
      await this.sendForm(request, response, lang, { form: formOf(body), view, errors, status: 400 });
    }
  }

  @Post(':id/delete')
  @ConsoleRole('staff')
  async remove(@IdParam() id: number, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const caller = callerOf(request.staff);
    const { view, unit } = await this.subscriptions.get(caller, id);
    await this.subscriptions.remove(caller, id);
    await this.audit.record(actorOf(request.staff), 'subscription-deleted', describe(view), unit.id);
    response.redirect(303, '/admin/reports?deleted=1');
  }

  /** The e-mail as it would be sent for `period` (default: the latest closed one). */
  @Get(':id/preview')
  @ConsoleRole('staff')
  async preview(@IdParam() id: number, @Req() request: ConsoleRequest, @Res() response: Response, @Query('period') period?: string): Promise<void> {
    const { subscription, unit } = await this.subscriptions.get(callerOf(request.staff), id);
    const model = await this.builder.build(subscription, unit.code, this.period(subscription, period));
    response.setHeader('Content-Security-Policy', PREVIEW_POLICY);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', 'private, no-store');
    response.send(renderReport(model).html);
  }

  /** Sends a period now, as the API does: still once per recipient. */
  @Post(':id/send')
  @ConsoleRole('staff')
  async send(
    @IdParam() id: number,
    @Body() body: Record<string, string>,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Query('period') period?: string,
  ): Promise<void> {
    const { subscription, unit } = await this.subscriptions.get(callerOf(request.staff), id);
    const target = this.period(subscription, (period || text(body.period)).trim() || undefined);
    await this.reports.ensureRun(subscription, target);
    const run = await this.dataSource.getRepository(ReportRun).findOneBy({ subscriptionId: subscription.id, periodName: target.name });
    if (run) await this.reports.deliverDue(run.id);
    await this.audit.record(actorOf(request.staff), 'subscription-sent', `#${subscription.id} ${unit.code} ${target.name} (${run?.status ?? 'no run'})`, unit.id);
    response.redirect(303, `/admin/reports/${subscription.id}/edit?sent=${encodeURIComponent(target.name)}#deliveries`);
  }

  private async sendForm(
    request: ConsoleRequest,
    response: Response,
    lang: Locale,
    page: { form: SubscriptionForm; view?: SubscriptionView; errors?: string[]; status?: number; saved?: boolean; sent?: string },
  ): Promise<void> {
    const words = wordsOf(lang, 'work');
    const deliveries = page.view ? await this.subscriptions.deliveries(callerOf(request.staff), page.view.id) : [];
    sendPage(
      this.views,
      request,
      response,
      'report-form',
      {
        ...page,
        heading: page.view ? t(lang, 'work.editSubscription', { id: page.view.id }) : words.newSubscription,
        action: page.view ? `/admin/reports/${page.view.id}` : '/admin/reports',
        units: await this.scope.optionsOf(request.staff),
        periodKinds: PERIOD_KINDS.map((kind) => ({ value: kind, label: words[`period_${kind}`] })),
        locales: (['vi', 'en'] as const).map((value) => ({ value, label: words[`locale_${value}`] })),
        sentNotice: page.sent ? t(lang, 'work.sentNotice', { period: page.sent }) : null,
        deliveries: deliveries.map((delivery) => ({ ...delivery, statusLabel: words[`delivery_${delivery.status}`] ?? delivery.status, failed: delivery.status === 'failed' })),
      },
      { title: 'reports', current: 'reports', status: page.status, lang },
    );
  }

  private period(subscription: ReportSubscription, name?: string): ReportPeriod {
    if (!name) return latestDuePeriod(subscription.periodKind, schedule(subscription), this.clock.now());
    try {
      return this.reports.periodOf(subscription, name);
    } catch (error) {
      throw new BadRequestException(`period: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async unitIdOf(code: string): Promise<number> {
    return (await this.units.getByCode(code)).id;
  }
}

/** The form's fields as the service's input: recipients one per line, checkboxes ticked or not. */
function inputOf(body: Record<string, string>): SubscriptionInput {
  return {
    unitCode: text(body.unitCode),
    includeChildren: ticked(body.includeChildren),
    recipients: text(body.recipients)
      .split(/[\r\n,;]+/)
      .map((line) => line.trim())
      .filter(Boolean),
    periodKind: text(body.periodKind),
    monthStartDay: wholeNumber(body.monthStartDay) ?? 1,
    sendAt: text(body.sendAt).trim(),
    sendDay: wholeNumber(body.sendDay),
    locale: text(body.locale),
    skipWhenEmpty: ticked(body.skipWhenEmpty),
    enabled: ticked(body.enabled),
  };
}

function formOf(body: Record<string, string>): SubscriptionForm {
  return {
    unitCode: text(body.unitCode),
    includeChildren: ticked(body.includeChildren),
    recipients: text(body.recipients),
    periodKind: text(body.periodKind),
    monthStartDay: text(body.monthStartDay) || '1',
    sendAt: text(body.sendAt),
    sendDay: text(body.sendDay),
    locale: text(body.locale),
    skipWhenEmpty: ticked(body.skipWhenEmpty),
    enabled: ticked(body.enabled),
  };
}

function formOfView(view: SubscriptionView): SubscriptionForm {
  return {
    unitCode: view.unitCode,
    includeChildren: view.includeChildren,
    recipients: view.recipients.join('\n'),
    periodKind: view.periodKind,
    monthStartDay: String(view.monthStartDay),
    sendAt: view.sendAt,
    sendDay: String(view.sendDay),
    locale: view.locale,
    skipWhenEmpty: view.skipWhenEmpty,
    enabled: view.enabled,
  };
}

function describe(view: SubscriptionView): string {
  return `#${view.id} ${view.unitCode}${view.includeChildren ? '+' : ''} ${view.periodKind} → ${view.recipients.join(', ')}${view.enabled ? '' : ' (disabled)'}`;
}
