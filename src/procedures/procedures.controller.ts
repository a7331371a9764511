import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Put, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { AuditService, keyActor } from '../auth/audit.service';
import { MAX_PROCEDURE_ROWS, readProcedureCsv } from './procedure-input';
import { ProceduresApi } from './procedures.api';
import { ProceduresService } from './procedures.service';

export const MAX_PROCEDURES_PER_REQUEST = MAX_PROCEDURE_ROWS;

@ApiTags('procedures')
@Controller('api/v1/procedures')
export class ProceduresController {
  constructor(
    private readonly procedures: ProceduresService,
    private readonly audit: AuditService,
  ) {}

  /** Public: the catalogue with each procedure's processing time. */
  @Get()
  @ProceduresApi.list()
  async list() {
    return { procedures: await this.procedures.list() };
  }

  @Get(':code')
  @ProceduresApi.get()
  get(@Param('code') code: string) {
    return this.procedures.get(code);
  }

  @Put(':code')
  @ApiBearerAuth()
  @UseGuards(ApiKeyGuard)
  @AdminOnly()
  @ProceduresApi.put()
  async put(@Param('code') code: string, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest) {
    const result = await this.procedures.put({ ...body, code });
    await this.audit.record(keyActor(request.caller), 'procedure', `${code}: ${String(body.processingDays)} working day(s); ${result.movedDeadlines} deadline(s) moved`);
    return { procedure: await this.procedures.get(code), movedDeadlines: result.movedDeadlines };
  }

  /**
   * Bulk: `{ "procedures": [...] }` as JSON, or a CSV export (`Content-Type: text/csv`) with
   * headings such as Mã thủ tục; Tên thủ tục; Lĩnh vực; Thời hạn giải quyết.
   */
  @Post()
  @HttpCode(200)
  @ApiBearerAuth()
  @UseGuards(ApiKeyGuard)
  @AdminOnly()
  @ProceduresApi.bulk()
  async bulk(@Body() body: unknown, @Req() request: AuthenticatedRequest) {
    let raws: { raw: unknown; line?: number }[];
    if (typeof body === 'string') {
      const csv = readProcedureCsv(body);
      if (csv.errors.length > 0) throw new BadRequestException({ message: 'the CSV could not be read', errors: csv.errors });
      raws = csv.rows;
    } else if (body && typeof body === 'object' && Array.isArray((body as { procedures?: unknown }).procedures)) {
      raws = ((body as { procedures: unknown[] }).procedures).map((raw) => ({ raw }));
    } else {
      throw new BadRequestException('send { "procedures": [...] } as JSON, or a CSV file with Content-Type: text/csv');
    }
    if (raws.length > MAX_PROCEDURES_PER_REQUEST) {
      throw new BadRequestException(`at most ${MAX_PROCEDURES_PER_REQUEST} procedures per request`);
    }
    const result = await this.procedures.upsert(raws);
    await this.audit.record(keyActor(request.caller), 'procedures-loaded', `${result.created} created, ${result.updated} updated, ${result.rejected.length} rejected; ${result.movedDeadlines} deadline(s) moved`);
    return result;
  }
}
