import { applyDecorators } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConsumes, ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { PathParam, QueryParam, SchemaBody, TextAnswer } from '../http/api-docs';
import { ApiErrors } from '../http/api-errors';
import { ImportStatus } from './import.entity';
import { RejectedRow } from './import-runner.service';
import { ImportView } from './imports.service';
import { ImportFormat } from './row-readers';

/** The import routes' requests and answers, for the OpenAPI document (checked against real answers by the e2e suites). */

const IMPORT_STATUSES: ImportStatus[] = ['queued', 'running', 'done', 'failed'];
const FORMATS: ImportFormat[] = ['csv', 'xlsx'];

class ImportCountsBody {
  @ApiProperty({ type: 'integer', example: 60 })
  created: number;

  @ApiProperty({ type: 'integer', example: 0 })
  updated: number;

  @ApiProperty({ type: 'integer', example: 0 })
  unchanged: number;

  @ApiProperty({ type: 'integer', example: 0 })
  stale: number;

  @ApiProperty({ type: 'integer', example: 4 })
  rejected: number;
}

export class ImportBody implements ImportView {
  @ApiProperty({ type: 'integer', example: 12 })
  id: number;

  @ApiProperty({ enum: IMPORT_STATUSES, example: 'done' })
  status: ImportStatus;

  @ApiProperty({ example: 'xuat-mot-cua.xlsx' })
  fileName: string;

  @ApiProperty({ enum: FORMATS, example: 'xlsx' })
  format: ImportFormat;

  @ApiProperty({ example: false, description: 'Checked and counted only: nothing written.' })
  dryRun: boolean;

  @ApiProperty({ type: String, nullable: true, example: 'xa-tu-ky' })
  unitCode: string | null;

  @ApiProperty({ type: 'integer', example: 64 })
  rowsRead: number;

  @ApiProperty({ type: 'integer', nullable: true, example: 64, description: 'Rows the file holds, when known.' })
  rowsExpected: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: null, description: 'While queued on the instance that answers: imports it runs before this one (0: starting). Null once it runs, or when another instance holds it.' })
  queuePosition: number | null;

  @ApiProperty({ type: ImportCountsBody })
  counts: ImportCountsBody;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why a failed import stopped.' })
  error: string | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2025-06-10T03:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2025-06-10T03:00:04.000Z' })
  finishedAt: string | null;
}

class RejectedRowBody implements RejectedRow {
  @ApiProperty({ type: 'integer', example: 14, description: 'The line in the file.' })
  line: number;

  @ApiProperty({ type: String, nullable: true, example: 'HS-000003' })
  code: string | null;

  @ApiProperty({ type: [String], example: ['receivedAt: "31/02/2025 08:00" is not a date dd/MM/yyyy [HH:mm[:ss]]'] })
  errors: string[];
}

export class ImportDetailBody extends ImportBody {
  @ApiProperty({ type: () => [RejectedRowBody], description: 'The first 100 refused rows; every one in errors.csv.' })
  rejectedRows: RejectedRowBody[];
}

class ImportLinksBody {
  @ApiProperty({ example: '/api/v1/imports/12' })
  self: string;

  @ApiProperty({ example: '/api/v1/imports/12/errors.csv' })
  errors: string;
}

export class StartedImportBody extends ImportBody {
  @ApiProperty({ type: ImportLinksBody })
  links: ImportLinksBody;
}

export class ImportListBody {
  @ApiProperty({ type: () => [ImportBody], description: 'The latest 50, newest first.' })
  imports: ImportBody[];
}

const IMPORT: ImportView = {
  id: 12, status: 'done', fileName: 'xuat-mot-cua.xlsx', format: 'xlsx', dryRun: false, unitCode: 'xa-tu-ky', rowsRead: 64, rowsExpected: 64, queuePosition: null,
  counts: { created: 60, updated: 0, unchanged: 0, stale: 0, rejected: 4 }, error: null, createdAt: '2025-06-10T03:00:00.000Z', finishedAt: '2025-06-10T03:00:04.000Z',
};
const ID_ERRORS = [
  { status: 400 as const, example: { statusCode: 400, message: 'id: must be an integer 1–2147483647', error: 'Bad Request' } },
  401 as const,
  403 as const,
  { status: 404 as const, example: { statusCode: 404, message: 'import 6 does not exist', error: 'Not Found' } },
  503 as const,
];

export const ImportsApi = {
  upload: () =>
    applyDecorators(
      ApiConsumes('multipart/form-data'),
      SchemaBody(
        {
          type: 'object',
          required: ['file'],
          properties: {
            file: { type: 'string', format: 'binary', description: 'The export, .csv or .xlsx, at most 100 MB.' },
            unitCode: { type: 'string', description: 'The unit the rows belong to when the file does not say it.' },
            mapping: { type: 'string', description: 'The mapping file’s JSON (at most 256 KB): which column is which field.' },
            dryRun: { type: 'boolean', description: 'Check and count only.' },
          },
        },
        { file: '(xuat-mot-cua.xlsx)', unitCode: 'xa-tu-ky', dryRun: false },
      ),
      ApiAcceptedResponse({
        type: StartedImportBody,
        description: 'Taken: it loads in the background; follow `links.self`.',
        example: { ...IMPORT, status: 'queued', rowsRead: 0, queuePosition: 0, counts: { created: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0 }, finishedAt: null, links: { self: '/api/v1/imports/12', errors: '/api/v1/imports/12/errors.csv' } },
      }),
      ApiErrors(
        { status: 400, example: { statusCode: 400, message: 'file: "notes.pdf" is not a .csv or .xlsx file', error: 'Bad Request' } },
        401,
        { status: 403, example: { statusCode: 403, message: 'this key may not load dossiers for "tinh-hai-hung"', error: 'Forbidden' } },
        404,
        { status: 413, example: { statusCode: 413, message: 'mapping: longer than 262,144 bytes, the most a form field may hold', error: 'Payload Too Large' } },
        {
          status: 503,
          description: 'The line of uploads is full (or the database is unavailable): retry after Retry-After seconds.',
          example: { statusCode: 503, message: 'this service already holds 20 uploads waiting to be loaded; send this one again later', error: 'Service Unavailable' },
        },
      ),
    ),
  history: () =>
    applyDecorators(
      QueryParam('unitCode', 'xa-tu-ky', 'The imports of this unit and those below; default the key’s unit (all for an admin key).'),
      ApiOkResponse({ type: ImportListBody, description: 'The latest imports, newest first.', example: { imports: [IMPORT] } }),
      ApiErrors(401, 403, 404, 503),
    ),
  get: () =>
    applyDecorators(
      PathParam('id', 12),
      ApiOkResponse({ type: ImportDetailBody, description: 'Progress while it runs; counts and the first refused rows when done.', example: { ...IMPORT, rejectedRows: [{ line: 14, code: 'HS-000003', errors: ['status: "Chờ phê duyệt" is not a known status'] }] } }),
      ApiErrors(...ID_ERRORS),
    ),
  errorsCsv: () =>
    applyDecorators(
      PathParam('id', 12),
      TextAnswer(200, 'Every refused row (line, code, reasons) as a CSV file Excel opens as UTF-8.', ['text/csv']),
      ApiErrors(...ID_ERRORS),
    ),
};
