import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PathParam, QueryParam } from '../http/api-docs';
import { ApiErrors } from '../http/api-errors';
import { LOCALES } from '../common/locale';
import { LocalDate } from '../common/local-time';
import { FIGURES_EXAMPLE, FigureQuery, StatsBody } from '../stats/stats.api';
import { WidgetDisplay } from './widget-display';
import { RetiredWidget, WidgetJson } from './widget.service';

/**
 * The public widget's routes, for the OpenAPI document (checked against real answers by the e2e
 * suites). Its HTML and scripts are described by their media type only; its JSON in full.
 */

class WidgetDisplayBody implements WidgetDisplay {
  @ApiProperty({ example: 'Kết quả giải quyết TTHC' })
  title: string;

  @ApiProperty({ example: 'Đến tháng 06 đã giải quyết: 99,87%' })
  monthLine: string;

  @ApiProperty({ example: '750' })
  settled: string;

  @ApiProperty({ example: '749' })
  onTimeCount: string;

  @ApiProperty({ example: '1' })
  late: string;

  @ApiProperty({ example: '0,13%' })
  lateRate: string;

  @ApiPropertyOptional({
    example: 'Điểm tiến độ (Chỉ số 766, chỉ tiêu 2.1): 19,85/20',
    description: 'Only with `showScore=true`: the Decision 766 progress score (`progressScore`, indicator 2.1) out of 20; "…: —" when there is nothing to score.',
  })
  scoreLine?: string;

  @ApiProperty({ example: '10/06/2025 10:07:03', description: 'Vietnam’s local time; "—" when the scope has no data yet.' })
  updatedAt: string;

  @ApiProperty({ example: '/widget/xa-tu-ky/detail' })
  detailUrl: string;
}

class CarrierBody {
  @ApiProperty({ example: 'xa-tu-ky' })
  code: string;

  @ApiProperty({ example: 'Xã Tứ Kỳ' })
  name: string;

  @ApiProperty({ type: String, format: 'date', example: '2025-07-01' })
  since: LocalDate;

  @ApiProperty({ example: false, description: 'The retired unit was split: the carrier has only part of it.' })
  split: boolean;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: null })
  lastDay: LocalDate | null;
}

class RetiredWidgetBody implements RetiredWidget {
  @ApiProperty({ example: 'xa-van-to' })
  code: string;

  @ApiProperty({ example: 'Xã Văn Tố' })
  name: string;

  @ApiProperty({ type: String, format: 'date', example: '2025-06-30' })
  lastDay: LocalDate;

  @ApiProperty({ type: CarrierBody, nullable: true, description: 'Who carries its history now; null: no one (its own figures up to its last day).' })
  carrier: CarrierBody | null;
}

class WidgetNoticeBody {
  @ApiProperty({ example: 'Đã hợp nhất vào Xã Tứ Kỳ từ 01/07/2025' })
  text: string;

  @ApiProperty({ type: RetiredWidgetBody, nullable: true })
  retired: RetiredWidgetBody | null;
}

export class WidgetJsonBody extends StatsBody implements WidgetJson {
  @ApiProperty({ type: WidgetDisplayBody, description: 'The exact strings the widget shows, in the language asked.' })
  display: WidgetDisplayBody;

  @ApiPropertyOptional({ type: WidgetNoticeBody, description: 'Only for a retired unit: the line its widget shows.' })
  notice?: WidgetNoticeBody;
}

const QUERY = [
  FigureQuery('default: true when the unit has units below it'),
  QueryParam('lang', 'vi', 'default: vi', { enum: [...LOCALES] }),
  QueryParam('showScore', false, 'default: false; true adds the Decision 766 progress score’s line to the block (`display.scoreLine` in the JSON); the detail page only carries it in its links.'),
];
const NOT_MODIFIED = ApiResponse({ status: 304, description: 'If-None-Match named the current ETag.' });
const ERRORS = [
  { status: 400 as const, example: { statusCode: 400, message: 'decimals: must be an integer 0–4', error: 'Bad Request' } },
  { status: 404 as const, example: { statusCode: 404, message: 'unit "no-such-unit" does not exist', error: 'Not Found' } },
  429 as const,
];

export const WidgetApi = {
  widget: () =>
    applyDecorators(
      PathParam('name', 'xa-tu-ky.json', '`{unitCode}` (HTML), `{unitCode}.json`, `embed.js` or `resize.js`'),
      ...QUERY,
      ApiExtraModels(WidgetJsonBody),
      ApiResponse({
        status: 200,
        description: 'The widget block (HTML), its figures with the strings shown (JSON), or a script.',
        content: {
          'text/html': {},
          'application/json': {
            schema: { $ref: getSchemaPath(WidgetJsonBody) },
            example: {
              unit: { code: 'xa-tu-ky', name: 'Xã Tứ Kỳ', level: 'commune' }, period: { from: '2025-01-01', to: '2025-06-10' }, includeChildren: false,
              judgedAt: '2025-06-10T03:07:03.000Z', dataUpdatedAt: '2025-06-10T03:07:03.000Z', ...FIGURES_EXAMPLE, groups: [],
              display: { title: 'Kết quả giải quyết TTHC', monthLine: 'Đến tháng 06 đã giải quyết: 99,87%', settled: '750', onTimeCount: '749', late: '1', lateRate: '0,13%', updatedAt: '10/06/2025 10:07:03', detailUrl: '/widget/xa-tu-ky/detail' },
            },
          },
          'application/javascript': {},
        },
      }),
      NOT_MODIFIED,
      ApiErrors(...ERRORS, { status: 503, types: ['application/json', 'text/html'], description: 'The database is away and no earlier answer is at hand: JSON for `.json`, a page otherwise.' }),
    ),
  detail: () =>
    applyDecorators(
      PathParam('unit', 'xa-tu-ky', 'The unit’s code.'),
      ...QUERY,
      ApiResponse({ status: 200, description: 'Headline figures and tables by field, month, channel (and unit), as HTML.', content: { 'text/html': {} } }),
      NOT_MODIFIED,
      ApiErrors(...ERRORS, { status: 503, types: ['text/html'], description: 'The database is away: a page saying so.' }),
    ),
};
