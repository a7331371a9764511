import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiProperty, ApiQuery, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { LocalDate } from '../common/local-time';
import { PathParam, QueryParam } from '../http/api-docs';
import { ApiErrors } from '../http/api-errors';
import { CHANNELS, Channel, DossierStatus, STATUSES } from '../dossiers/classification';
import { MAX_OPEN_PAGE, MAX_PAGE_SIZE } from '../dossiers/open-dossiers.service';
import { COST_REASONS, CostReason, LISTED_INDICATORS, ListedIndicator } from './indicator-dossiers';
import { DEFAULT_INDICATOR_PAGE_SIZE, IndicatorDossierItem, IndicatorDossiersAnswer } from './indicator-dossiers.service';
import { UnitRef } from './index766.service';

/** The dossiers behind an indicator of the 766 scorecard, for the OpenAPI document (checked against real answers by the e2e suites). */

class Index766DossiersUnitBody implements UnitRef {
  @ApiProperty({ example: 'xa-tu-ky' }) code: string;
  @ApiProperty({ example: 'Xã Tứ Kỳ' }) name: string;
  @ApiProperty({ example: 'commune' }) level: string;
}

class Index766DossiersPeriodBody {
  @ApiProperty({ type: String, format: 'date', example: '2026-11-01' }) from: LocalDate;
  @ApiProperty({ type: String, format: 'date', example: '2026-11-30' }) to: LocalDate;
  @ApiProperty({ example: '2026-11', description: 'The period as asked: YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY, or from/to.' }) label: string;
}

class Index766DossiersIndicatorBody {
  @ApiProperty({ enum: LISTED_INDICATORS, example: '2.1' }) id: ListedIndicator;
  @ApiProperty({ example: 'Hồ sơ xử lý trước hạn, đúng hạn' }) name: string;
}

class Index766CostlyDossierBody implements IndicatorDossierItem {
  @ApiProperty({ example: 'xa-tu-ky' }) unitCode: string;
  @ApiProperty({ example: 'Xã Tứ Kỳ' }) unitName: string;
  @ApiProperty({ example: '000.00.21.H23-261103-0004' }) code: string;
  @ApiProperty({ type: String, nullable: true, example: '1.001193' }) procedureCode: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Đăng ký khai sinh' }) procedureName: string | null;
  @ApiProperty({ example: 'Hộ tịch' }) field: string;
  @ApiProperty({ enum: CHANNELS, example: 'direct' }) channel: Channel;
  @ApiProperty({ enum: STATUSES, example: 'resolved', description: 'The status today (a dossier open at the period’s end may be settled since).' }) status: DossierStatus;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-03T01:00:00.000Z' }) receivedAt: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-10T16:59:59.999Z' }) dueAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-12T03:20:00.000Z', description: 'resolvedAt of a settled dossier, withdrawnAt of a withdrawn one; null while open.' }) finishedAt: string | null;
  @ApiProperty({ enum: COST_REASONS, isArray: true, example: ['late'], description: 'Why it costs points (5.4: late, a complaint, or both).' }) reasons: CostReason[];
  @ApiProperty({ example: 'giải quyết trễ hạn', description: 'The reasons in words (lang), joined by "; ".' }) reason: string;
}

class Index766DossiersBody implements IndicatorDossiersAnswer {
  @ApiProperty({ type: Index766DossiersUnitBody }) unit: Index766DossiersUnitBody;
  @ApiProperty({ type: Index766DossiersPeriodBody }) period: Index766DossiersPeriodBody;
  @ApiProperty({ example: true }) includeChildren: boolean;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-30T16:59:59.999Z', description: 'The moment open dossiers were judged at, as the scorecard judges them.' }) judgedAt: string;
  @ApiProperty({ type: Index766DossiersIndicatorBody }) indicator: Index766DossiersIndicatorBody;
  @ApiProperty({ type: 'integer', example: 1 }) page: number;
  @ApiProperty({ type: 'integer', example: DEFAULT_INDICATOR_PAGE_SIZE }) pageSize: number;
  @ApiProperty({ type: 'integer', example: 1, description: 'All pages: the indicator’s denominator less its numerator (5.4: the late ones and those with a complaint, each once).' }) total: number;
  @ApiProperty({ type: () => [Index766CostlyDossierBody] }) items: Index766CostlyDossierBody[];
}

const EXAMPLE = {
  unit: { code: 'xa-tu-ky', name: 'Xã Tứ Kỳ', level: 'commune' },
  period: { from: '2026-11-01', to: '2026-11-30', label: '2026-11' },
  includeChildren: true,
  judgedAt: '2026-11-30T16:59:59.999Z',
  indicator: { id: '2.1', name: 'Hồ sơ xử lý trước hạn, đúng hạn' },
  page: 1,
  pageSize: DEFAULT_INDICATOR_PAGE_SIZE,
  total: 1,
  items: [{
    unitCode: 'xa-tu-ky', unitName: 'Xã Tứ Kỳ', code: '000.00.21.H23-261103-0004', procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', field: 'Hộ tịch',
    channel: 'direct', status: 'resolved', receivedAt: '2026-11-03T01:00:00.000Z', dueAt: '2026-11-10T16:59:59.999Z', finishedAt: '2026-11-12T03:20:00.000Z',
    reasons: ['late'], reason: 'giải quyết trễ hạn',
  }],
};

export const IndicatorDossiersApi = {
  list: () =>
    applyDecorators(
      PathParam('code', 'xa-tu-ky', 'The unit’s code; the key must be of this unit or above.'),
      ApiHeader({ name: 'accept', required: false, description: '`text/csv` for every dossier of the list as a CSV file; otherwise JSON, a page at a time.', schema: { type: 'string', example: 'application/json' } }),
      ApiQuery({ name: 'indicator', required: true, description: 'A scored indicator of the scorecard (2.2 is an average: no dossier costs it points).', schema: { type: 'string', enum: [...LISTED_INDICATORS], example: '2.1' } }),
      QueryParam('period', '2026-11', 'YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY; default the current month, as the scorecard.'),
      QueryParam('from', '2026-11-01', 'Instead of period: first day (YYYY-MM-DD).', { format: 'date' }),
      QueryParam('to', '2026-11-30', 'Instead of period: last day (YYYY-MM-DD).', { format: 'date' }),
      QueryParam('includeChildren', true, 'default: true, as the scorecard counts a unit'),
      QueryParam('includePredecessors', true, 'default: true'),
      QueryParam('page', 1, undefined, { minimum: 1, maximum: MAX_OPEN_PAGE }),
      QueryParam('pageSize', DEFAULT_INDICATOR_PAGE_SIZE, `default: ${DEFAULT_INDICATOR_PAGE_SIZE}`, { minimum: 1, maximum: MAX_PAGE_SIZE }),
      QueryParam('lang', 'vi', 'The indicator’s name and the reasons in vi (default) or en (the CSV is in Vietnamese).', { enum: ['vi', 'en'] }),
      ApiResponse({
        status: 200,
        description: 'The dossiers of the scope that cost the indicator points in the period, by receipt; with `Accept: text/csv` all of them as a CSV file.',
        content: { 'application/json': { schema: { $ref: getSchemaPath(Index766DossiersBody) }, example: EXAMPLE }, 'text/csv': {} },
      }),
      ApiExtraModels(Index766DossiersBody),
      ApiErrors(
        { status: 400, example: { statusCode: 400, message: 'indicator: 2.2 is an average time, no dossier costs it points; must be one of 2.1, 3.3, 3.6, 4.1, 4.2, 4.3, 4.4, 4.5b, 5.4', error: 'Bad Request' } },
        401,
        { status: 403, example: { statusCode: 403, message: 'this key may not read the dossiers of "xa-tu-ky"', error: 'Forbidden' } },
        404,
        429,
        503,
      ),
    ),
};
