import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PathParam, QueryParam, SchemaBody } from '../http/api-docs';
import { ApiErrors } from '../http/api-errors';
import { CHANNELS, Channel, DossierStatus, OpenState, STATUSES } from './classification';
import { IngestResult, MAX_RECORDS_PER_REQUEST, RejectedRecord } from './dossiers.service';
import { MAX_OPEN_PAGE, MAX_PAGE_SIZE, OPEN_STATES, OpenDossierItem, OpenList } from './open-dossiers.service';

/** The dossier routes' requests and answers, for the OpenAPI document (checked against real answers by the e2e suites). */

const TIME = 'An ISO 8601 date (`2025-06-10`) or date-time; without an offset it is Vietnam’s local time (UTC+7).';

/** One record of docs/figures.md §2, as the service checks it (dossier-record.ts). */
export class DossierRecordBody {
  @ApiProperty({ minLength: 1, maxLength: 64, example: '000.00.21.H23-260602-0001', description: 'Unique within the unit; sent again, it updates that dossier.' })
  code: string;

  @ApiProperty({ example: 'xa-tu-ky', description: 'The unit must exist and the key must be allowed to write it.' })
  unitCode: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 64, example: '1.001193' })
  procedureCode?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 500, example: 'Thủ tục đăng ký khai sinh' })
  procedureName?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200, example: 'Hộ tịch', default: 'Khác' })
  field?: string;

  @ApiPropertyOptional({ enum: CHANNELS, default: 'direct', example: 'online' })
  channel?: Channel;

  @ApiProperty({ enum: STATUSES, example: 'resolved' })
  status: DossierStatus;

  @ApiProperty({ example: '2025-06-02T08:15:00', description: TIME })
  receivedAt: string;

  @ApiPropertyOptional({ example: '2025-06-03', description: `Required unless procedureCode is in the catalogue (then computed). ${TIME}` })
  dueAt?: string;

  @ApiPropertyOptional({ example: '2025-06-03T10:20:00+07:00', description: `Required for resolved and refused, refused for other statuses. ${TIME}` })
  resolvedAt?: string;

  @ApiPropertyOptional({ example: '2025-06-10', description: `Kept for information. ${TIME}` })
  extendedDueAt?: string;

  @ApiPropertyOptional({ example: '2025-06-04T09:00:00', description: `Only for withdrawn. ${TIME}` })
  withdrawnAt?: string;

  @ApiPropertyOptional({ example: '2025-06-05T09:00:00', description: `The sending system’s version time: an older one than stored is reported as stale. ${TIME}` })
  sourceUpdatedAt?: string;

  @ApiPropertyOptional({ example: '2025-06-03T14:30:00', description: `The result handed to the applicant; resolved and refused only, not before resolvedAt. ${TIME}` })
  returnedAt?: string;

  @ApiPropertyOptional({ type: Boolean, nullable: true, example: true, description: 'An electronic result was issued (docs/figures.md §11). Left out or null: not said.' })
  electronicResult?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, example: true, description: 'The dossier’s components were digitised.' })
  digitized?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, example: false, description: 'The result was digitised.' })
  resultDigitized?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, example: false, description: 'Data already held was reused.' })
  reusedData?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, example: false, description: 'Components were taken from the citizen’s national repository.' })
  citizenRepository?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, example: true, description: 'The applicant’s account is verified with VNeID.' })
  vneidVerified?: boolean | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: 1e12, example: 8000, description: 'Fees and charges, VND.' })
  feeAmount?: number | null;

  @ApiPropertyOptional({ type: String, enum: ['dvcqg', 'gateway'], nullable: true, example: 'dvcqg', description: 'Paid online on DVCQG, or through a provincial or ministry gateway.' })
  paidOnline?: 'dvcqg' | 'gateway' | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, example: false, description: 'A complaint or dislike about this dossier.' })
  complaint?: boolean | null;
}

class RejectedRecordBody implements RejectedRecord {
  @ApiProperty({ type: 'integer', example: 2, description: 'The record’s index in `dossiers`.' })
  index: number;

  @ApiProperty({ type: String, nullable: true, example: '000.00.21.H23-260605-0003' })
  code: string | null;

  @ApiProperty({ type: [String], example: ['status: is required, one of processing, waiting, resolved, refused, withdrawn, denied'] })
  errors: string[];
}

export class IngestResultBody implements IngestResult {
  @ApiProperty({ type: 'integer', example: 2, description: 'New codes in their unit.' })
  created: number;

  @ApiProperty({ type: 'integer', example: 0, description: 'Known codes whose content changed.' })
  updated: number;

  @ApiProperty({ type: 'integer', example: 0, description: 'The same content as stored.' })
  unchanged: number;

  @ApiProperty({ type: 'integer', example: 0, description: 'Ignored: the stored version has a newer sourceUpdatedAt.' })
  stale: number;

  @ApiProperty({ type: () => [RejectedRecordBody] })
  rejected: RejectedRecordBody[];
}

class OpenUnitBody {
  @ApiProperty({ example: 'xa-tu-ky' })
  code: string;

  @ApiProperty({ example: 'Xã Tứ Kỳ' })
  name: string;
}

class OpenListCountsBody {
  @ApiProperty({ type: 'integer', example: 12 })
  total: number;

  @ApiProperty({ type: 'integer', example: 2 })
  overdue: number;

  @ApiProperty({ type: 'integer', example: 3 })
  dueSoon: number;

  @ApiProperty({ type: 'integer', example: 6 })
  onTrack: number;

  @ApiProperty({ type: 'integer', example: 1 })
  waiting: number;
}

class OpenDossierBody implements OpenDossierItem {
  @ApiProperty({ example: '000.00.21.H23-260604-0017' })
  code: string;

  @ApiProperty({ example: 'xa-tu-ky' })
  unitCode: string;

  @ApiProperty({ example: 'Xã Tứ Kỳ' })
  unitName: string;

  @ApiProperty({ type: String, nullable: true, example: '2.000815' })
  procedureCode: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản' })
  procedureName: string | null;

  @ApiProperty({ example: 'Chứng thực' })
  field: string;

  @ApiProperty({ enum: CHANNELS, example: 'direct' })
  channel: Channel;

  @ApiProperty({ enum: STATUSES, example: 'processing' })
  status: DossierStatus;

  @ApiProperty({ enum: OPEN_STATES, example: 'overdue' })
  state: OpenState;

  @ApiProperty({ type: String, format: 'date-time', example: '2025-06-02T01:00:00.000Z' })
  receivedAt: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2025-06-05T16:59:59.999Z' })
  dueAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  extendedDueAt: string | null;

  @ApiProperty({ type: 'integer', example: -3, description: 'Working days from today to the deadline; negative: working days since it passed.' })
  workingDaysLeft: number;
}

export class OpenListBody implements OpenList {
  @ApiProperty({ type: OpenUnitBody })
  unit: OpenUnitBody;

  @ApiProperty({ example: false })
  includeChildren: boolean;

  @ApiProperty({ type: String, format: 'date-time', example: '2025-06-10T03:00:00.000Z' })
  asOf: string;

  @ApiProperty({ enum: [...OPEN_STATES, 'all'], example: 'all' })
  state: OpenState | 'all';

  @ApiProperty({ type: OpenListCountsBody })
  counts: OpenListCountsBody;

  @ApiProperty({ type: 'integer', example: 1 })
  page: number;

  @ApiProperty({ type: 'integer', example: 50 })
  pageSize: number;

  @ApiProperty({ type: 'integer', example: 12, description: 'Dossiers in the chosen state (all pages).' })
  total: number;

  @ApiProperty({ type: () => [OpenDossierBody] })
  items: OpenDossierBody[];
}

const RECORD = {
  code: '000.00.21.H23-260602-0001', unitCode: 'xa-tu-ky', procedureCode: '1.001193', procedureName: 'Thủ tục đăng ký khai sinh', field: 'Hộ tịch',
  channel: 'online', status: 'resolved', receivedAt: '2025-06-02T08:15:00', dueAt: '2025-06-03', resolvedAt: '2025-06-03T10:20:00+07:00',
};

export const DossiersApi = {
  ingest: () =>
    applyDecorators(
      ApiExtraModels(DossierRecordBody),
      SchemaBody(
        { type: 'object', required: ['dossiers'], properties: { dossiers: { type: 'array', maxItems: MAX_RECORDS_PER_REQUEST, items: { $ref: getSchemaPath(DossierRecordBody) } } } },
        { dossiers: [RECORD] },
        `Up to ${MAX_RECORDS_PER_REQUEST} dossier records (docs/figures.md §2). Each is checked on its own: a bad record is listed in \`rejected\`, the others are stored.`,
      ),
      ApiOkResponse({
        type: IngestResultBody,
        description: 'What became of each record.',
        example: { created: 1, updated: 0, unchanged: 0, stale: 0, rejected: [{ index: 1, code: 'HS-2', errors: ['resolvedAt: is before receivedAt'] }] },
      }),
      ApiErrors(
        { status: 400, example: { statusCode: 400, message: ['dossiers must be an array of dossier records'], error: 'Bad Request' } },
        401,
        { status: 403, description: 'A record names a unit outside the key’s subtree: nothing is stored.', example: { statusCode: 403, message: 'this key may not write unit(s): xa-gia-tan', error: 'Forbidden' } },
        { status: 413, example: { statusCode: 413, message: 'at most 5000 dossiers per request (got 5001); send them in several requests', error: 'Payload Too Large' } },
        503,
      ),
    ),
  open: () =>
    applyDecorators(
      PathParam('code', 'xa-tu-ky', 'The unit’s code; the key must be of this unit or above.'),
      ApiHeader({ name: 'accept', required: false, description: '`text/csv` for every open dossier as a CSV file; otherwise JSON, a page at a time.', schema: { type: 'string', example: 'application/json' } }),
      QueryParam('state', 'overdue', 'default: all', { enum: [...OPEN_STATES, 'all'] }),
      QueryParam('includeChildren', false),
      QueryParam('page', 1, undefined, { minimum: 1, maximum: MAX_OPEN_PAGE }),
      QueryParam('pageSize', 50, undefined, { minimum: 1, maximum: MAX_PAGE_SIZE }),
      ApiResponse({
        status: 200,
        description: 'The open dossiers, most urgent first; with `Accept: text/csv` every one of them as a CSV file.',
        content: {
          'application/json': {
            schema: { $ref: getSchemaPath(OpenListBody) },
            example: {
              unit: { code: 'xa-tu-ky', name: 'Xã Tứ Kỳ' }, includeChildren: false, asOf: '2025-06-10T03:00:00.000Z', state: 'all',
              counts: { total: 1, overdue: 1, dueSoon: 0, onTrack: 0, waiting: 0 }, page: 1, pageSize: 50, total: 1,
              items: [{
                code: '000.00.21.H23-260604-0017', unitCode: 'xa-tu-ky', unitName: 'Xã Tứ Kỳ', procedureCode: '2.000815', procedureName: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', field: 'Chứng thực',
                channel: 'direct', status: 'processing', state: 'overdue', receivedAt: '2025-06-02T01:00:00.000Z', dueAt: '2025-06-05T16:59:59.999Z', extendedDueAt: null, workingDaysLeft: -3,
              }],
            },
          },
          'text/csv': {},
        },
      }),
      ApiExtraModels(OpenListBody),
      ApiErrors(
        { status: 400, example: { statusCode: 400, message: 'pageSize: must be an integer 1–500', error: 'Bad Request' } },
        401,
        { status: 403, example: { statusCode: 403, message: 'this key may not read the dossiers of "xa-tu-ky"', error: 'Forbidden' } },
        404,
        503,
      ),
    ),
};
