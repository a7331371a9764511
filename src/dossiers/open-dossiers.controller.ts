import { Controller, Get, Headers, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { parseBoolean, parseIntegerParam } from '../common/query-params';
import { openDossiersCsvFilename, toCsv } from './open-dossiers-csv';
import { DossiersApi } from './dossiers.api';
import { MAX_OPEN_PAGE, MAX_PAGE_SIZE, OpenDossiersService, OpenList } from './open-dossiers.service';

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('api/v1/units')
@UseGuards(ApiKeyGuard)
export class OpenDossiersController {
  constructor(private readonly open: OpenDossiersService) {}

  /** Staff key of the unit (or above): the open dossiers to follow up. `Accept: text/csv` for a file. */
  @Get(':code/open')
  @DossiersApi.open()
  async list(
    @Param('code') code: string,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
    @Headers('accept') accept?: string,
    @Query('state') state?: string,
    @Query('includeChildren') includeChildren?: string,
    @Query('page') page?: string,
    @Query('pageSize') pageSize?: string,
  ): Promise<OpenList | string> {
    const csv = /text\/csv/i.test(accept ?? '');
    const list = await this.open.list(
      request.caller,
      {
        unitCode: code,
        state,
        includeChildren: parseBoolean(includeChildren, 'includeChildren', false),
        page: parseIntegerParam(page, 'page', { min: 1, max: MAX_OPEN_PAGE }),
        pageSize: parseIntegerParam(pageSize, 'pageSize', { min: 1, max: MAX_PAGE_SIZE }),
      },
      { csv },
    );
    response.setHeader('Cache-Control', 'private, no-store');
    if (!csv) return list;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${openDossiersCsvFilename(list)}"`);
    return toCsv(list);
  }
}
