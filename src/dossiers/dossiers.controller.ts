import { BadRequestException, Body, Controller, Get, HttpCode, Param, PayloadTooLargeException, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { DossiersApi } from './dossiers.api';
import { DossierViewApi } from './dossier-view.api';
import { DossiersService, IngestResult, MAX_RECORDS_PER_REQUEST } from './dossiers.service';
import { DossierView, DossierViewService } from './dossier-view.service';

/**
 * `{ "dossiers": [...] }`. The records are checked one by one by the service (so one bad record
 * never fails the others); the body is taken as plain JSON, without the global pipe's
 * class-transformer pass, which walked every field of thousands of records for nothing.
 */
function dossiersOf(body: unknown): unknown[] {
  const dossiers = body && typeof body === 'object' ? (body as { dossiers?: unknown }).dossiers : undefined;
  if (!Array.isArray(dossiers)) throw new BadRequestException(['dossiers must be an array of dossier records']);
  return dossiers;
}

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('api/v1/dossiers')
@UseGuards(ApiKeyGuard)
export class DossiersController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly views: DossierViewService,
  ) {}

  @Post()
  @HttpCode(200)
  @DossiersApi.ingest()
  async ingest(@Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest): Promise<IngestResult> {
    const dossiers = dossiersOf(body);
    if (dossiers.length > MAX_RECORDS_PER_REQUEST) {
      throw new PayloadTooLargeException(
        `at most ${MAX_RECORDS_PER_REQUEST} dossiers per request (got ${dossiers.length}); send them in several requests`,
      );
    }
    return this.dossiers.ingest(dossiers, request.caller);
  }

  /** One dossier with its steps and supplement rounds, for a key of its unit or above. */
  @Get(':unitCode/:code')
  @DossierViewApi.view()
  async view(@Param('unitCode') unitCode: string, @Param('code') code: string, @Req() request: AuthenticatedRequest): Promise<DossierView> {
    return this.views.view(unitCode, code, request.caller);
  }
}
