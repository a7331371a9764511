import { BadRequestException, Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Staff } from '../auth/staff-auth.service';
import { parseBoolean, parseIntegerParam } from '../common/query-params';
import { MAX_OPEN_PAGE } from '../dossiers/open-dossiers.service';
import { indicatorDossiersCsv, indicatorDossiersCsvFilename } from '../index766/indicator-dossiers-csv';
import { IndicatorDossiersRequest, IndicatorDossiersService } from '../index766/indicator-dossiers.service';
import { switchConsoleLanguage } from '../i18n/console-language';
import { t, wordsOf } from '../i18n/i18n';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleGuard, ConsoleRequest, callerOf } from './console.guard';
import { ConsoleViews } from './console-views';
import { indicatorDossiersView } from './index766-dossiers-view';

const PAGE_SIZE = 100;

/**
 * The dossiers that cost an indicator of the 766 scorecard its points, for a signed-in account
 * of the unit or above: the API's list (IndicatorDossiersService, called with the account as its
 * caller, so a unit outside the account's subtree is a 403 here too) a page at a time, and its file.
 */
@ApiExcludeController()
@Controller('admin/index766')
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleExceptionFilter)
export class Index766DossiersPagesController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly dossiers: IndicatorDossiersService,
  ) {}

  @Get('dossiers')
  async page(@Req() request: ConsoleRequest, @Res() response: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const lang = switchConsoleLanguage(request, response);
    const list = await this.dossiers.list(callerOf(request.staff), { ...listRequest(query, request.staff), pageSize: PAGE_SIZE, lang });
    const title = `${t(lang, 'drilldown.title')} – ${list.unit.name}`;
    response.setHeader('Cache-Control', 'no-store');
    response.type('html').send(this.views.render('index766-dossiers', { ...indicatorDossiersView(list, lang), d: wordsOf(lang, 'dashboard'), k: wordsOf(lang, 'drilldown') }, { staff: request.staff, lang, title, current: 'index766' }));
  }

  /** The same list as the API's CSV, for a browser that has a session instead of a key. */
  @Get('dossiers.csv')
  async csv(@Req() request: ConsoleRequest, @Res() response: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const list = await this.dossiers.list(callerOf(request.staff), { ...listRequest(query, request.staff), page: undefined }, { csv: true });
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${indicatorDossiersCsvFilename(list)}"`);
    response.send(indicatorDossiersCsv(list));
  }
}

/** The page's query: the unit (the account's own unless named), the indicator (2.1 unless named), the period as the scorecard takes it. */
function listRequest(query: Record<string, unknown>, staff: Staff): IndicatorDossiersRequest {
  const unit = query.unit === undefined || query.unit === '' ? staff.unit?.code : query.unit;
  if (unit === undefined) throw new BadRequestException('unit: is required');
  if (typeof unit !== 'string') throw new BadRequestException('unit: must be given once');
  return {
    unitCode: unit,
    indicator: query.indicator === undefined || query.indicator === '' ? '2.1' : query.indicator,
    period: query.period,
    from: query.from,
    to: query.to,
    includeChildren: parseBoolean(query.includeChildren, 'includeChildren', true),
    page: parseIntegerParam(query.page, 'page', { min: 1, max: MAX_OPEN_PAGE, fallback: 1 }),
  };
}
