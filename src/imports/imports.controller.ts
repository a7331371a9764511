import {
  BadRequestException, Body, Controller, Get, HttpCode, Post, Query, Req, Res, ServiceUnavailableException, UploadedFile, UseGuards, UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { rm } from 'node:fs/promises';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { AuditService, keyActor } from '../auth/audit.service';
import { CsvCell, toSafeCsv } from '../common/csv';
import { IdParam, parseBoolean } from '../common/query-params';
import { DomainError } from '../common/domain-error';
import { quoteForError, textProblem } from '../common/text';
import { phrase, textPhrase } from '../i18n/refusal-words';
import { MappingFile, MappingFileError, parseMappingFile } from './mapping-file';
import { UploadQueueFull } from './import-queue';
import { RejectedRow } from './import-runner.service';
import { ImportsApi } from './imports.api';
import { ImportsService } from './imports.service';
import { ImportFormat, formatOf } from './row-readers';
import { ExportUploadInterceptor } from './upload.interceptor';

/**
 * The uploaded file's name (multer gives it as latin1) and the format it says, or a 400 that
 * quotes it capped: the name is stored with the import, so it must be valid text too.
 */
export function uploadedFile(file: Express.Multer.File): { originalName: string; format: ImportFormat } {
  const originalName = Buffer.from(file.originalname, 'latin1').toString('utf8');
  const problem = textProblem(originalName);
  if (problem) throw new DomainError('invalid', `file: the file name ${problem}`, {}, { message: textPhrase('fileName', originalName) });
  const format = formatOf(originalName);
  if (!format) {
    throw new DomainError('invalid', `file: ${quoteForError(originalName)} is not a .csv or .xlsx file`, {}, { message: phrase('errors.imports.fileType', { name: quoteForError(originalName) }) });
  }
  return { originalName, format };
}

/** The mapping file given with an upload, or a 400 `mapping: …` naming its mistake (mapping-file.ts). */
export function uploadedMapping(json: string): MappingFile {
  try {
    return parseMappingFile(json);
  } catch (error) {
    if (error instanceof MappingFileError) throw new DomainError('invalid', `mapping: ${error.message}`, {}, { message: error.words });
    throw new BadRequestException(`mapping: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The service's answer to an upload the line of imports cannot take (import-queue.ts): 503 with
 * Retry-After, as while the database is away; any other error as it is.
 */
export function queueFullAnswer(error: unknown, response: Response): unknown {
  if (!(error instanceof UploadQueueFull)) return error;
  response.setHeader('Retry-After', String(error.retryAfterSeconds));
  return new ServiceUnavailableException(error.message);
}

/**
 * The refused rows as a CSV Excel opens as UTF-8 (BOM, CRLF): line, code, reasons. The codes and
 * quoted values come from the uploaded file: written as text, never as a formula.
 */
/**
 * `rejected` is the import's count of refused rows: past the rows kept (MAX_STORED_REFUSED_ROWS),
 * a last line says how many more were refused, so the file never looks complete when it is not.
 */
export function rejectedRowsCsv(rows: RejectedRow[], rejected = rows.length): string {
  const cells: CsvCell[][] = rows.map((row) => [row.line, row.code, row.errors.join('; ')]);
  const untold = rejected - rows.length;
  if (untold > 0) {
    const count = untold.toLocaleString('vi-VN');
    cells.push(['', '', `… và ${count} dòng bị từ chối khác không được lưu: sửa các lỗi trên rồi nạp lại tệp (${untold.toLocaleString('en-US')} more refused rows were not kept: mend the errors above and load the file again)`]);
  }
  return toSafeCsv(['Dòng', 'Mã hồ sơ', 'Lỗi'], cells);
}

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/v1/imports')
@UseGuards(ApiKeyGuard)
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * A CSV or XLSX export of the one-stop system (≤ 100 MB), as multipart field `file`; optional
   * fields `unitCode`, `mapping` (the mapping file's JSON, ≤ 256 KB) and `dryRun`. Answers at
   * once with the import's id; `GET /api/v1/imports/{id}` follows it. An instance loads one
   * upload at a time, the others wait `queued` (with their `queuePosition`); past 20 waiting,
   * 503 with Retry-After.
   */
  @Post()
  @HttpCode(202)
  @ImportsApi.upload()
  @UseInterceptors(ExportUploadInterceptor)
  async upload(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: Record<string, string>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (!file) throw new BadRequestException('file: attach the export as the multipart field "file"');
    try {
      const { originalName, format } = uploadedFile(file);
      let mapping: MappingFile | undefined;
      if (body.mapping) mapping = uploadedMapping(body.mapping);
      const started = await this.imports.start(request.caller, { path: file.path, originalName, format }, {
        unitCode: body.unitCode || undefined,
        mapping,
        dryRun: parseBoolean(body.dryRun, 'dryRun', false),
      });
      await this.audit.record(keyActor(request.caller), 'import-started', `${started.fileName} (#${started.id}${started.dryRun ? ', dry run' : ''})`, request.caller.unit?.id ?? null);
      return { ...started, links: { self: `/api/v1/imports/${started.id}`, errors: `/api/v1/imports/${started.id}/errors.csv` } };
    } catch (error) {
      await rm(file.path, { force: true });
      throw queueFullAnswer(error, response);
    }
  }

  @Get()
  @ImportsApi.history()
  async history(@Req() request: AuthenticatedRequest, @Query('unitCode') unitCode?: string) {
    return { imports: await this.imports.history(request.caller, unitCode || undefined) };
  }

  /** Progress while it runs; counts and the first 100 refused rows when done. */
  @Get(':id')
  @ImportsApi.get()
  get(@IdParam() id: number, @Req() request: AuthenticatedRequest) {
    return this.imports.get(request.caller, id);
  }

  /** Every refused row, with its line in the file and the reasons, for Excel. */
  @Get(':id/errors.csv')
  @ImportsApi.errorsCsv()
  async errorsCsv(@IdParam() id: number, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    const { record } = await this.imports.readable(request.caller, id);
    const rows = await this.imports.rejectedRows(id);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="loi-nhap-${record.id}.csv"`);
    response.send(rejectedRowsCsv(rows, record.rejected));
  }
}
