import { BadRequestException, Controller, Get, Headers, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { parseBoolean, parseIntegerParam } from '../common/query-params';
import { MAX_OPEN_PAGE, MAX_PAGE_SIZE } from '../dossiers/open-dossiers.service';
import { Lang } from './indicators';
import { indicatorDossiersCsv, indicatorDossiersCsvFilename } from './indicator-dossiers-csv';
import { IndicatorDossiersApi } from './indicator-dossiers.api';
import { IndicatorDossiersAnswer, IndicatorDossiersService } from './indicator-dossiers.service';

/** Staff key of the unit (or above): the dossiers behind one indicator of the scorecard. `Accept: text/csv` for a file. */
@ApiTags('index766')
@ApiBearerAuth()
@Controller('api/v1/units')
@UseGuards(ThrottlerGuard, ApiKeyGuard)
export class IndicatorDossiersController {
  constructor(private readonly dossiers: IndicatorDossiersService) {}

  @Get(':code/index766/dossiers')
  @IndicatorDossiersApi.list()
  async list(
    @Param('code') code: string,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
    @Headers('accept') accept?: string,
    @Query('indicator') indicator?: string,
    @Query('period') period?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('includeChildren') includeChildren?: string,
    @Query('includePredecessors') includePredecessors?: string,
    @Query('page') page?: string,
    @Query('pageSize') pageSize?: string,
    @Query('lang') lang?: string,
  ): Promise<IndicatorDossiersAnswer | string> {
    const csv = /text\/csv/i.test(accept ?? '');
    if (lang !== undefined && lang !== '' && lang !== 'vi' && lang !== 'en') throw new BadRequestException('lang: must be vi or en');
    const list = await this.dossiers.list(
      request.caller,
      {
        unitCode: code,
        indicator,
        period,
        from,
        to,
        includeChildren: parseBoolean(includeChildren, 'includeChildren', true),
        includePredecessors: parseBoolean(includePredecessors, 'includePredecessors', true),
        page: parseIntegerParam(page, 'page', { min: 1, max: MAX_OPEN_PAGE }),
        pageSize: parseIntegerParam(pageSize, 'pageSize', { min: 1, max: MAX_PAGE_SIZE }),
        lang: (lang || 'vi') as Lang,
      },
      { csv },
    );
    response.setHeader('Cache-Control', 'private, no-store');
    if (!csv) return list;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${indicatorDossiersCsvFilename(list)}"`);
    return indicatorDossiersCsv(list);
  }
}
