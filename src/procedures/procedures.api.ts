import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { JsonBody, PathParam } from '../http/api-docs';
import { ApiErrors } from '../http/api-errors';
import { MAX_PROCEDURE_ROWS, MAX_PROCESSING_DAYS } from './procedure-input';
import { BulkResult, ProcedureView } from './procedures.service';

/** The catalogue's requests and answers, for the OpenAPI document (checked against real answers by the e2e suites). */

export class ProcedureBody implements ProcedureView {
  @ApiProperty({ example: '1.001193' })
  code: string;

  @ApiProperty({ example: 'Thủ tục đăng ký khai sinh' })
  name: string;

  @ApiProperty({ example: 'Hộ tịch' })
  field: string;

  @ApiProperty({ type: 'integer', example: 1, description: 'Working days from receipt to the deadline (docs/figures.md §4).' })
  processingDays: number;
}

/** One procedure as PUT takes it (its code is the path's). */
export class ProcedureInputBody {
  @ApiProperty({ minLength: 1, maxLength: 500, example: 'Thủ tục đăng ký khai sinh' })
  name: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200, example: 'Hộ tịch', default: 'Khác' })
  field?: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_PROCESSING_DAYS, example: 1 })
  processingDays: number;
}

export class ProcedureEntryBody extends ProcedureInputBody {
  @ApiProperty({ minLength: 1, maxLength: 64, example: '1.001193' })
  code: string;
}

export class ProcedureListBody {
  @ApiProperty({ type: () => [ProcedureBody] })
  procedures: ProcedureBody[];
}

export class ProcedureStoredBody {
  @ApiProperty({ type: ProcedureBody })
  procedure: ProcedureBody;

  @ApiProperty({ type: 'integer', example: 2, description: 'Computed deadlines of open dossiers that moved.' })
  movedDeadlines: number;
}

class RejectedProcedureBody {
  @ApiProperty({ type: 'integer', example: 2, description: 'Index in `procedures` (or among the CSV’s rows).' })
  index: number;

  @ApiPropertyOptional({ type: 'integer', example: 4, description: 'The CSV line, for a file.' })
  line?: number;

  @ApiProperty({ type: String, nullable: true, example: '1.003003' })
  code: string | null;

  @ApiProperty({ type: [String], example: ['processingDays: is required, a whole number of working days 0–365'] })
  errors: string[];
}

export class ProcedureBulkBody implements BulkResult {
  @ApiProperty({ type: 'integer', example: 2 })
  created: number;

  @ApiProperty({ type: 'integer', example: 0 })
  updated: number;

  @ApiProperty({ type: 'integer', example: 0 })
  unchanged: number;

  @ApiProperty({ type: () => [RejectedProcedureBody] })
  rejected: RejectedProcedureBody[];

  @ApiProperty({ type: 'integer', example: 0 })
  movedDeadlines: number;
}

const PROCEDURE: ProcedureView = { code: '1.001193', name: 'Thủ tục đăng ký khai sinh', field: 'Hộ tịch', processingDays: 1 };
const NOT_IN_CATALOGUE = { status: 404 as const, example: { statusCode: 404, message: 'procedure "9.001" is not in the catalogue', error: 'Not Found' } };
const NOT_STORED = { status: 400 as const, example: { message: 'the procedure was not stored', errors: ['processingDays: is required, a whole number of working days 0–365'] } };

/** POST /api/v1/procedures takes JSON or a CSV file: its request body, said by hand. */
const BULK_BODY = {
  description: `At most ${MAX_PROCEDURE_ROWS} procedures: \`{ "procedures": [...] }\` as JSON, or a CSV export (headings such as Mã thủ tục; Tên thủ tục; Lĩnh vực; Thời hạn giải quyết).`,
  content: {
    'application/json': {
      schema: { type: 'object', required: ['procedures'], properties: { procedures: { type: 'array', maxItems: MAX_PROCEDURE_ROWS, items: { $ref: getSchemaPath(ProcedureEntryBody) } } } },
      example: { procedures: [{ ...PROCEDURE }] },
    },
    'text/csv': { schema: { type: 'string' }, example: 'Mã thủ tục;Tên thủ tục;Lĩnh vực;Thời hạn giải quyết\n1.001193;Thủ tục đăng ký khai sinh;Hộ tịch;1\n' },
  },
};

export const ProceduresApi = {
  list: () => applyDecorators(ApiOkResponse({ type: ProcedureListBody, description: 'The catalogue.', example: { procedures: [PROCEDURE] } }), ApiErrors(503)),
  get: () => applyDecorators(PathParam('code', '1.001193'), ApiOkResponse({ type: ProcedureBody, description: 'The procedure.', example: PROCEDURE }), ApiErrors(NOT_IN_CATALOGUE, 503)),
  put: () =>
    applyDecorators(
      PathParam('code', '1.001193'),
      JsonBody(ProcedureInputBody, { name: 'Thủ tục đăng ký khai sinh', field: 'Hộ tịch', processingDays: 1 }),
      ApiOkResponse({ type: ProcedureStoredBody, description: 'Stored; the computed deadlines of open dossiers follow.', example: { procedure: PROCEDURE, movedDeadlines: 2 } }),
      ApiErrors(NOT_STORED, 401, 403, 503),
    ),
  bulk: () =>
    applyDecorators(
      ApiExtraModels(ProcedureEntryBody),
      // Two media types, each its own schema: ApiBody would give both the same one.
      ApiOperation({ requestBody: BULK_BODY }),
      ApiOkResponse({
        type: ProcedureBulkBody,
        description: 'What became of each entry; deadlines of open dossiers follow.',
        example: { created: 1, updated: 0, unchanged: 0, rejected: [{ index: 1, code: '1.003003', errors: ['processingDays: is required, a whole number of working days 0–365'] }], movedDeadlines: 0 },
      }),
      ApiErrors({ status: 400, example: { message: 'the CSV could not be read', errors: ['header: no column for processingDays (found: Mã thủ tục, Tên thủ tục)'] } }, 401, 403, 503),
    ),
};

