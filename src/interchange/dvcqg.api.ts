import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { SchemaBody } from '../http/api-docs';
import { ApiErrorBody } from '../http/api-errors';
import { DATABASE_UNAVAILABLE_MESSAGE } from '../http/database-unavailable.filter';
import { MAX_RECORDS_PER_REQUEST } from '../dossiers/dossiers.service';
import { DossiersResult, ProgressResult, RefusedItem } from './dvcqg-answer';
import { LookupJsonBody } from './lookup.api';

/** The DVCQG routes' requests and answers, for the OpenAPI document (checked against real answers by the e2e suites). */

class DvcqgErrorBody {
  @ApiProperty({ type: 'integer', example: 2, description: '1 some records refused, 2 the envelope is wrong, 3 not signed in, 4 not allowed, 9 send again later.' })
  error_code: number;

  @ApiProperty({ example: 'service: "XoaHoSo" is not a service of this endpoint (one of DongBoHoSoMC, CapNhatTienDoHoSoMC, TraCuuHoSo)' })
  message: string;
}

class RefusedItemBody implements RefusedItem {
  @ApiProperty({ type: 'integer', example: 1, description: 'The record’s index in `data`.' }) index: number;
  @ApiProperty({ type: String, nullable: true, example: '000.00.21.H23-250610-0002' }) code: string | null;
  @ApiProperty({ type: [String], example: ['NgayKetThucXuLy (resolvedAt): is required when status is resolved'] }) errors: string[];
}

class WarnedItemBody {
  @ApiProperty({ type: 'integer', example: 0 }) index: number;
  @ApiProperty({ example: '000.00.21.H23-250601-0020' }) code: string;
  @ApiProperty({ type: [String], example: ['MaHoSo: the code says the dossier was received on 2025-06-01, NgayTiepNhan says 2025-06-10'] }) warnings: string[];
}

class StepCountsBody {
  @ApiProperty({ type: 'integer', example: 1 }) created: number;
  @ApiProperty({ type: 'integer', example: 0 }) updated: number;
  @ApiProperty({ type: 'integer', example: 0 }) unchanged: number;
}

class DossiersResultBody implements DossiersResult {
  @ApiProperty({ type: 'integer', example: 1 }) received: number;
  @ApiProperty({ type: 'integer', example: 1 }) created: number;
  @ApiProperty({ type: 'integer', example: 0 }) updated: number;
  @ApiProperty({ type: 'integer', example: 0 }) unchanged: number;
  @ApiProperty({ type: 'integer', example: 0 }) stale: number;
  @ApiProperty({ type: 'integer', example: 0, description: 'TrangThaiHoSo 1: registered, not yet received — not stored.' }) skipped: number;
  @ApiProperty({ type: () => [RefusedItemBody] }) rejected: RefusedItemBody[];
  @ApiProperty({ type: () => [WarnedItemBody] }) warnings: WarnedItemBody[];
  @ApiProperty({ type: StepCountsBody, description: 'The supplement rounds the records list, as steps.' }) steps: StepCountsBody;
}

class ProgressResultBody implements ProgressResult {
  @ApiProperty({ type: 'integer', example: 2 }) received: number;
  @ApiProperty({ type: 'integer', example: 2 }) created: number;
  @ApiProperty({ type: 'integer', example: 0 }) updated: number;
  @ApiProperty({ type: 'integer', example: 0 }) unchanged: number;
  @ApiProperty({ type: 'integer', example: 0, description: 'Steps of dossiers not here yet: kept, theirs once they arrive.' }) waitingForDossier: number;
  @ApiProperty({ type: () => [RefusedItemBody] }) rejected: RefusedItemBody[];
}

class TraCuuFoundBody extends LookupJsonBody {
  @ApiProperty({ enum: [true], example: true }) found: true;
}

class TraCuuNotFoundBody {
  @ApiProperty({ enum: [false], example: false }) found: false;
  @ApiProperty({ example: 'Không tìm thấy hồ sơ' }) message: string;
}

class DvcqgAnswerBody {
  @ApiProperty({ type: 'integer', enum: [0, 1], example: 0, description: '0 every record stored; 1 some refused, every valid one stored.' })
  error_code: number;

  @ApiProperty({ example: 'Thành công' })
  message: string;

  @ApiPropertyOptional({
    description: 'DongBoHoSoMC: the dossiers’ counts; CapNhatTienDoHoSoMC: the steps’ counts; TraCuuHoSo: one answer a code.',
    oneOf: [
      { $ref: getSchemaPath(DossiersResultBody) },
      { $ref: getSchemaPath(ProgressResultBody) },
      { type: 'array', items: { oneOf: [{ $ref: getSchemaPath(TraCuuFoundBody) }, { $ref: getSchemaPath(TraCuuNotFoundBody) }] } },
    ],
  })
  result?: unknown;
}

class DvcqgLoginBody {
  @ApiPropertyOptional({ example: 'tthc_3f0c…', description: 'The session to send in envelopes: the key itself.' }) session?: string;
  @ApiProperty({ type: 'integer', example: 0 }) error_code: number;
  @ApiProperty({ example: 'Thành công' }) message: string;
}

const DVCQG_ERRORS = [
  ApiResponse({ status: 400, description: 'The envelope is wrong (error_code 2), or the body is not JSON.', content: { 'application/json': { schema: { anyOf: [{ $ref: getSchemaPath(DvcqgErrorBody) }, { $ref: getSchemaPath(ApiErrorBody) }] }, example: { error_code: 2, message: 'data: is required, a list of records' } } } }),
  ApiResponse({ status: 401, description: 'No session, or an unknown or revoked key (error_code 3).', content: { 'application/json': { schema: { $ref: getSchemaPath(DvcqgErrorBody) }, example: { error_code: 3, message: 'the session is not valid: the key is unknown or was revoked' } } } }),
  ApiResponse({ status: 413, description: 'A body over 10 MB (error_code 2).', content: { 'application/json': { schema: { $ref: getSchemaPath(DvcqgErrorBody) }, example: { error_code: 2, message: 'the body is larger than 10mb; send the records in several requests' } } } }),
  ApiResponse({ status: 503, description: 'The database is away: send again after Retry-After (error_code 9).', content: { 'application/json': { schema: { $ref: getSchemaPath(DvcqgErrorBody) }, example: { error_code: 9, message: DATABASE_UNAVAILABLE_MESSAGE } } } }),
];

const DOSSIER = {
  MaHoSo: '000.00.21.H23-260602-0001', MaTTHC: '1.001193', TenTTHC: 'Đăng ký khai sinh', TenLinhVuc: 'Hộ tịch', KenhThucHien: 2, TrangThaiHoSo: 10,
  NgayTiepNhan: '20260602081500', NgayHenTra: '20260603170000', NgayKetThucXuLy: '20260603102000', NgayTra: '20260603143000',
  DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', Gia: 8000 }], DuocThanhToanTrucTuyen: 1,
};

export const DvcqgApi = {
  login: () =>
    applyDecorators(
      ApiExtraModels(DvcqgErrorBody, ApiErrorBody),
      SchemaBody(
        { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string', description: 'The API key’s name' }, password: { type: 'string', description: 'The API key' } } },
        { username: 'hệ thống một cửa tỉnh', password: 'tthc_3f0c…' },
      ),
      ApiOkResponse({ type: DvcqgLoginBody, description: 'The session (error_code 0), or error_code 2 when a field is missing.', example: { session: 'tthc_3f0c…', error_code: 0, message: 'Thành công' } }),
      ...DVCQG_ERRORS,
    ),
  receive: () =>
    applyDecorators(
      ApiExtraModels(DvcqgErrorBody, ApiErrorBody, DossiersResultBody, ProgressResultBody, TraCuuFoundBody, TraCuuNotFoundBody),
      SchemaBody(
        {
          type: 'object',
          required: ['service', 'data'],
          properties: {
            session: { type: 'string', description: 'From /login, or an API key; or send Authorization: Bearer.' },
            madonvi: { type: 'string', description: 'The agency code of the unit (else the agency part of MaHoSo).' },
            service: { type: 'string', enum: ['DongBoHoSoMC', 'CapNhatTienDoHoSoMC', 'TraCuuHoSo'] },
            isUpdating: { type: 'string', enum: ['True', 'False'] },
            data: { type: 'array', maxItems: MAX_RECORDS_PER_REQUEST, items: { type: 'object', additionalProperties: true }, description: 'Dossiers, progress rows or {MaHoSo} to look up, in DVCQG’s fields (README “The national interchange”).' },
          },
        },
        { session: 'tthc_3f0c…', madonvi: '000.00.21.H23', service: 'DongBoHoSoMC', isUpdating: 'False', data: [DOSSIER] },
      ),
      ApiOkResponse({
        type: DvcqgAnswerBody,
        description: 'error_code 0 "Thành công", or 1 with every refused record named by MaHoSo and field.',
        example: { error_code: 0, message: 'Thành công', result: { received: 1, created: 1, updated: 0, unchanged: 0, stale: 0, skipped: 0, rejected: [], warnings: [], steps: { created: 0, updated: 0, unchanged: 0 } } },
      }),
      ...DVCQG_ERRORS,
    ),
};
