import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { PathParam, QueryParam, TextAnswer } from '../http/api-docs';
import { ApiErrors } from '../http/api-errors';
import { CHANNELS, Channel, DossierStatus, STATUSES } from '../dossiers/classification';
import { LookupTimeliness } from './lookup-answer';
import { LookupJson } from './lookup-view';

/** The citizen lookup's answers, for the OpenAPI document (checked against real answers by the e2e suites). */

const INSTANT = { type: String, format: 'date-time' } as const;
const MAYBE_INSTANT = { ...INSTANT, nullable: true } as const;
const TIMELINESS: LookupTimeliness[] = ['early', 'onTime', 'late', 'onTrack', 'overdue'];

class LookupProcedureBody {
  @ApiProperty({ type: String, nullable: true, example: '1.001193' }) code: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Đăng ký khai sinh' }) name: string | null;
}

class LookupUnitBody {
  @ApiProperty({ example: 'xa-tu-ky' }) code: string;
  @ApiProperty({ example: 'Xã Tứ Kỳ' }) name: string;
}

class LookupStatusBody {
  @ApiProperty({ enum: STATUSES, example: 'resolved' }) code: DossierStatus;
  @ApiProperty({ example: 'Đã trả kết quả' }) text: string;
}

class LookupChannelBody {
  @ApiProperty({ enum: CHANNELS, example: 'online' }) code: Channel;
  @ApiProperty({ example: 'Trực tuyến' }) text: string;
}

class LookupTimelinessBody {
  @ApiProperty({ enum: TIMELINESS, example: 'early' }) code: LookupTimeliness;
  @ApiProperty({ example: 'Trước hạn' }) text: string;
  @ApiProperty({ example: false }) late: boolean;
}

class LookupStepBody {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10, example: 2 }) statusCode: number;
  @ApiProperty({ example: 'Được tiếp nhận' }) text: string;
  @ApiProperty({ ...INSTANT, example: '2025-06-02T01:00:00.000Z' }) at: string;
  @ApiProperty({ type: String, nullable: true, example: 'Bộ phận một cửa' }) department: string | null;
  @ApiProperty({ ...MAYBE_INSTANT, example: null }) stepDueAt: string | null;
}

export class LookupJsonBody implements LookupJson {
  @ApiProperty({ example: '000.00.21.H23-250602-0001' }) code: string;
  @ApiProperty({ type: LookupProcedureBody }) procedure: LookupProcedureBody;
  @ApiProperty({ example: 'Hộ tịch' }) field: string;
  @ApiProperty({ type: LookupUnitBody }) unit: LookupUnitBody;
  @ApiProperty({ type: LookupStatusBody }) status: LookupStatusBody;
  @ApiProperty({ type: LookupChannelBody }) channel: LookupChannelBody;
  @ApiProperty({ ...INSTANT, example: '2025-06-02T01:00:00.000Z' }) receivedAt: string;
  @ApiProperty({ ...INSTANT, example: '2025-06-09T16:59:59.999Z' }) dueAt: string;
  @ApiProperty({ ...MAYBE_INSTANT, example: null }) extendedDueAt: string | null;
  @ApiProperty({ ...MAYBE_INSTANT, example: '2025-06-05T08:00:00.000Z' }) resolvedAt: string | null;
  @ApiProperty({ ...MAYBE_INSTANT, example: '2025-06-06T01:15:00.000Z' }) returnedAt: string | null;
  @ApiProperty({ type: LookupTimelinessBody, nullable: true }) timeliness: LookupTimelinessBody | null;
  @ApiProperty({ type: () => [LookupStepBody], description: 'The steps in order of time: status, moment, department; never the text or a name.' }) steps: LookupStepBody[];
  @ApiProperty({ ...INSTANT, example: '2025-06-10T03:07:03.000Z' }) judgedAt: string;
}

const EXAMPLE: LookupJson = {
  code: '000.00.21.H23-250602-0001', procedure: { code: '1.001193', name: 'Đăng ký khai sinh' }, field: 'Hộ tịch', unit: { code: 'xa-tu-ky', name: 'Xã Tứ Kỳ' },
  status: { code: 'resolved', text: 'Đã trả kết quả' }, channel: { code: 'online', text: 'Trực tuyến' },
  receivedAt: '2025-06-02T01:00:00.000Z', dueAt: '2025-06-09T16:59:59.999Z', extendedDueAt: null, resolvedAt: '2025-06-05T08:00:00.000Z', returnedAt: '2025-06-06T01:15:00.000Z',
  timeliness: { code: 'early', text: 'Trước hạn', late: false },
  steps: [{ statusCode: 2, text: 'Được tiếp nhận', at: '2025-06-02T01:00:00.000Z', department: 'Bộ phận một cửa', stepDueAt: null }],
  judgedAt: '2025-06-10T03:07:03.000Z',
};

const NOT_FOUND = { status: 404 as const, description: 'No dossier found: the same body for an unknown, a malformed and another province’s code.', example: { statusCode: 404, error: 'Not Found', message: 'Không tìm thấy hồ sơ' } };
const LANG = QueryParam('lang', 'en', 'The language of the words: vi (default) or en.', { enum: ['vi', 'en'] });

export const LookupApi = {
  json: () =>
    applyDecorators(
      PathParam('code', '000.00.21.H23-250602-0001', 'The dossier code (MaHoSo), URL-encoded.'),
      LANG,
      ApiOkResponse({ type: LookupJsonBody, description: 'Procedure, unit, status, dates, timeliness and steps of the dossier, with their words; never personal data.', example: EXAMPLE }),
      ApiErrors(NOT_FOUND, 429, 503),
    ),
  noCode: () => applyDecorators(ApiExtension('x-never-succeeds', 'Without a code nothing is found: the answer of every code that finds nothing.'), LANG, ApiErrors(NOT_FOUND, 429, 503)),
  page: () =>
    applyDecorators(
      QueryParam('ma', '000.00.21.H23-250602-0001', 'The dossier code (MaHoSo); without it, the form alone.'),
      LANG,
      TextAnswer(200, 'The lookup form, and the dossier found.', ['text/html']),
      TextAnswer(404, 'The form and "Không tìm thấy hồ sơ": the same page for every code that finds nothing.', ['text/html']),
      ApiErrors(429, { status: 503, types: ['text/html'] }),
    ),
};
