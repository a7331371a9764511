import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '../auth/audit.service';
import { asHttpException } from '../common/domain-error.filter';
import { Locale } from '../common/locale';
import { formatLocalDate } from '../common/local-time';
import { lookup } from '../i18n/i18n';
import { Unit } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleGuard, ConsoleRequest, ConsoleRole, actorOf } from './console.guard';
import { ConsoleViews } from './console-views';
import { formErrors, pageLang, sendPage, text } from './work-pages.support';

const PAGE = '/admin/units/agency-code';

/**
 * A unit's agency code (madonvi), the code the DVCQG stream names it by: seen and set here, as
 * `PATCH /api/v1/units/{code}` sets it, by the same service and with the same refusals. Admin
 * only, as the API route and every page that changes the units' identity (the tree, the official
 * list): the code decides which unit a national record lands on.
 */
@ApiExcludeController()
@Controller('admin/units/agency-code')
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleExceptionFilter)
export class AgencyCodePagesController {
  constructor(
    private readonly units: UnitsService,
    private readonly views: ConsoleViews,
    private readonly audit: AuditService,
  ) {}

  /** `?unit=` the unit's page (404 for an unknown one); without it, only the field to name one. */
  @Get()
  @ConsoleRole('admin')
  async page(@Req() request: ConsoleRequest, @Res() response: Response, @Query('unit') unitQuery?: unknown, @Query('saved') saved?: unknown): Promise<void> {
    const lang = pageLang(request, response);
    const code = text(unitQuery).trim();
    const unit = code === '' ? null : await this.units.getByCode(code);
    await this.send(request, response, lang, unit, { saved: saved === '1' });
  }

  @Post()
  @ConsoleRole('admin')
  async save(@Body() body: Record<string, unknown>, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const lang = pageLang(request, response);
    const unit = await this.units.getByCode(text(body.unit).trim());
    try {
      // As sent: a field given twice, or not at all, is refused by the service, never read as "clear".
      const { unit: changed, before } = await this.units.setAgencyCode(unit.code, body.agencyCode);
      await this.audit.record(actorOf(request.staff), 'agency-code-changed', `${changed.code}: ${before ?? 'none'} → ${changed.agencyCode ?? 'none'}`, changed.id);
      response.redirect(303, `${PAGE}?${new URLSearchParams({ unit: changed.code, saved: '1' }).toString()}`);
    } catch (error) {
      const errors = formErrors(error, lang, [400, 409]);
      if (!errors) throw error;
      const http = asHttpException(error) as { getStatus(): number };
      await this.send(request, response, lang, unit, { errors, value: text(body.agencyCode), status: http.getStatus() });
    }
  }

  private async send(request: ConsoleRequest, response: Response, lang: Locale, unit: Unit | null, state: { saved?: boolean; errors?: string[]; value?: string; status?: number }): Promise<void> {
    const view = unit ? await this.units.viewOf(unit) : null;
    const notice = state.saved && unit ? lookup(lang, unit.agencyCode ? 'work.agencyCodeSaved' : 'work.agencyCodeCleared') : null;
    sendPage(
      this.views,
      request,
      response,
      'agency-code',
      {
        unit: view && {
          ...view,
          levelLabel: lookup(lang, `work.level_${view.level}`) ?? view.level,
          since: view.validFrom ? formatLocalDate(view.validFrom) : null,
          lastDay: view.validTo ? formatLocalDate(view.validTo) : null,
        },
        value: state.value ?? view?.agencyCode ?? '',
        notice,
        errors: state.errors ?? [],
      },
      { title: 'agencyCode', current: 'settings', status: state.status, lang },
    );
  }
}
