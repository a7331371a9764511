import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { AuditService, keyActor } from '../auth/audit.service';
import { Clock } from '../common/clock';
import { IdParam } from '../common/query-params';
import { latestDuePeriod } from './periods';
import { ReportBuilder } from './report-builder.service';
import { ReportPeriod } from './report-model';
import { renderReport } from './render/render-report';
import { ReportRun, ReportSubscription } from './report.entities';
import { ReportsApi } from './reports.api';
import { ReportsService, schedule } from './reports.service';
import { SubscriptionInput, SubscriptionsService } from './subscriptions.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/report-subscriptions')
@UseGuards(ApiKeyGuard)
export class ReportsController {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly reports: ReportsService,
    private readonly builder: ReportBuilder,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @ReportsApi.create()
  async create(@Body() body: SubscriptionInput, @Req() request: AuthenticatedRequest) {
    const view = await this.subscriptions.create(request.caller, body);
    await this.audit.record(keyActor(request.caller), 'subscription-created', `#${view.id} ${view.periodKind} for ${view.unitCode} to ${view.recipients.length} recipient(s)`);
    return view;
  }

  @Get()
  @ReportsApi.list()
  async list(@Req() request: AuthenticatedRequest, @Query('unitCode') unitCode?: string) {
    return { subscriptions: await this.subscriptions.list(request.caller, unitCode || undefined) };
  }

  @Get(':id')
  @ReportsApi.get()
  async get(@IdParam() id: number, @Req() request: AuthenticatedRequest) {
    return (await this.subscriptions.get(request.caller, id)).view;
  }

  @Patch(':id')
  @ReportsApi.update()
  async update(@IdParam() id: number, @Body() body: SubscriptionInput, @Req() request: AuthenticatedRequest) {
    const view = await this.subscriptions.update(request.caller, id, body);
    await this.audit.record(keyActor(request.caller), 'subscription-changed', `#${id}`);
    return view;
  }

  @Delete(':id')
  @HttpCode(204)
  @ReportsApi.remove()
  async remove(@IdParam() id: number, @Req() request: AuthenticatedRequest): Promise<void> {
    await this.subscriptions.remove(request.caller, id);
    await this.audit.record(keyActor(request.caller), 'subscription-deleted', `#${id}`);
  }

  /** The e-mail as it would be sent for `period` (default: the latest closed one), as HTML. */
  @Get(':id/preview')
  @ReportsApi.preview()
  async preview(@IdParam() id: number, @Req() request: AuthenticatedRequest, @Res() response: Response, @Query('period') period?: string) {
    const { subscription, unit } = await this.subscriptions.get(request.caller, id);
    const model = await this.builder.build(subscription, unit.code, this.period(subscription, period));
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', 'private, no-store');
    response.send(renderReport(model).html);
  }

  /** Sends `period` now — still once per recipient: a period already sent is not sent again. */
  @Post(':id/send')
  @HttpCode(200)
  @ReportsApi.send()
  async send(@IdParam() id: number, @Req() request: AuthenticatedRequest, @Query('period') period?: string) {
    const { subscription } = await this.subscriptions.get(request.caller, id);
    const target = this.period(subscription, period);
    await this.reports.ensureRun(subscription, target);
    const run = await this.dataSource.getRepository(ReportRun).findOneBy({ subscriptionId: subscription.id, periodName: target.name });
    if (run) await this.reports.deliverDue(run.id);
    const deliveries = (await this.subscriptions.deliveries(request.caller, id)).filter((delivery) => delivery.period === target.name);
    return { period: target.name, run: run ? run.status : null, deliveries };
  }

  @Get(':id/deliveries')
  @ReportsApi.deliveries()
  async deliveries(@IdParam() id: number, @Req() request: AuthenticatedRequest) {
    return { deliveries: await this.subscriptions.deliveries(request.caller, id) };
  }

  private period(subscription: ReportSubscription, name?: string): ReportPeriod {
    if (!name) return latestDuePeriod(subscription.periodKind, schedule(subscription), this.clock.now());
    try {
      return this.reports.periodOf(subscription, name);
    } catch (error) {
      throw new BadRequestException(error instanceof Error ? error.message : String(error));
    }
  }
}
