import { Body, Controller, HttpCode, PayloadTooLargeException, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { IsArray } from 'class-validator';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { DossiersService, IngestResult, MAX_RECORDS_PER_REQUEST } from './dossiers.service';

export class IngestDossiersDto {
  /** Checked record by record by the service, so one bad record never fails the others. */
  @IsArray({ message: 'dossiers must be an array of dossier records' })
  dossiers: unknown[];
}

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('api/v1/dossiers')
@UseGuards(ApiKeyGuard)
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Post()
  @HttpCode(200)
  @ApiBody({
    description: `Up to ${MAX_RECORDS_PER_REQUEST} dossier records (SPEC §2).`,
    schema: {
      example: {
        dossiers: [
          { code: 'HS-2025-000123', unitCode: 'xa-van-to', procedureCode: '1.001193', field: 'Hộ tịch', channel: 'online', status: 'resolved', receivedAt: '2025-06-02T08:15:00', dueAt: '2025-06-05', resolvedAt: '2025-06-04T10:00:00' },
        ],
      },
    },
  })
  async ingest(@Body() body: IngestDossiersDto, @Req() request: AuthenticatedRequest): Promise<IngestResult> {
    if (body.dossiers.length > MAX_RECORDS_PER_REQUEST) {
      throw new PayloadTooLargeException(
        `at most ${MAX_RECORDS_PER_REQUEST} dossiers per request (got ${body.dossiers.length}); send them in several requests`,
      );
    }
    return this.dossiers.ingest(body.dossiers, request.caller);
  }
}
