import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PathParam, QueryParam } from '../http/api-docs';
import { ApiErrors } from '../http/api-errors';
import { LOCALES } from '../common/locale';
import { FIGURES_EXAMPLE, FiguresBody } from '../stats/stats.api';
import { RESULT_SORTS, ResultSort, ResultsRow } from './results-view';
import { ResultsJson } from './results.service';

/** The public results page's routes, for the OpenAPI document (its JSON checked against real answers by the e2e suites). */

class ResultsUnitBody {
  @ApiProperty({ example: 'tinh-hai-hung' })
  code: string;

  @ApiProperty({ example: 'Tỉnh Hải Hưng' })
  name: string;

  @ApiProperty({ example: 'province' })
  level: string;
}

class ResultsPeriodBody {
  @ApiProperty({ type: String, format: 'date', example: '2026-01-01' })
  from: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-12-31' })
  to: string;

  @ApiProperty({ example: '2026', description: 'As asked: YYYY, YYYY-Qn, YYYY-Hn or YYYY-MM.' })
  label: string;
}

class ResultsSortBody {
  @ApiProperty({ enum: [...RESULT_SORTS], example: 'rank' })
  by: ResultSort;

  @ApiProperty({ enum: ['asc', 'desc'], example: 'asc' })
  order: 'asc' | 'desc';
}

class ResultsRowBody extends FiguresBody implements ResultsRow {
  @ApiProperty({ type: Number, nullable: true, example: 1, description: 'By the 766 progress score (progressScore), highest first; equal scores share a rank. Null for the unit’s own dossiers and a unit with nothing to score.' })
  rank: number | null;

  @ApiProperty({ example: 'xa-tu-ky' })
  code: string;

  @ApiProperty({ example: 'Xã Tứ Kỳ' })
  name: string;

  @ApiProperty({ example: false, description: 'The unit’s own dossiers (and those of retired units no row below carries), not a unit below.' })
  own: boolean;
}

class ResultsJsonBody implements ResultsJson {
  @ApiProperty({ type: ResultsUnitBody })
  unit: ResultsUnitBody;

  @ApiProperty({ type: ResultsPeriodBody })
  period: ResultsPeriodBody;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-12-01T03:07:03.000Z', description: 'The moment open dossiers were judged at (the end of the period, or now).' })
  judgedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-12-01T03:07:03.000Z' })
  dataUpdatedAt: string | null;

  @ApiProperty({ type: ResultsSortBody })
  sort: ResultsSortBody;

  @ApiProperty({ type: FiguresBody, description: 'The unit with every unit below: the rows add up to it.' })
  total: FiguresBody;

  @ApiProperty({ type: () => [ResultsRowBody], description: 'Today’s units directly below (each with the units it was formed from), sorted as asked; the unit’s own dossiers last.' })
  units: ResultsRowBody[];
}

export const ResultsApi = {
  results: () =>
    applyDecorators(
      PathParam('name', 'tinh-hai-hung', '`{unitCode}` (HTML), `{unitCode}.json` or `{unitCode}.csv`'),
      QueryParam('period', '2026', 'YYYY, YYYY-Qn, YYYY-Hn or YYYY-MM; default the current year.'),
      QueryParam('sort', 'rank', 'default: rank (by the 766 progress score).', { enum: [...RESULT_SORTS] }),
      QueryParam('order', 'asc', 'default: the column’s own (ascending for rank and name, descending for the others).', { enum: ['asc', 'desc'] }),
      QueryParam('decimals', 2, 'Digits of the percents, 0–4; default 2.', { minimum: 0, maximum: 4 }),
      QueryParam('lang', 'vi', 'default: vi', { enum: [...LOCALES] }),
      ApiExtraModels(ResultsJsonBody),
      ApiResponse({
        status: 200,
        description: 'The units below side by side: a page (HTML), its figures (JSON) or a spreadsheet (CSV, UTF-8 with a BOM).',
        content: {
          'text/html': {},
          'application/json': {
            schema: { $ref: getSchemaPath(ResultsJsonBody) },
            example: {
              unit: { code: 'tinh-hai-hung', name: 'Tỉnh Hải Hưng', level: 'province' },
              period: { from: '2026-01-01', to: '2026-12-31', label: '2026' },
              judgedAt: '2026-12-01T03:07:03.000Z',
              dataUpdatedAt: '2026-12-01T03:07:03.000Z',
              sort: { by: 'rank', order: 'asc' },
              total: FIGURES_EXAMPLE,
              units: [{ rank: 1, code: 'xa-tu-ky', name: 'Xã Tứ Kỳ', own: false, ...FIGURES_EXAMPLE }],
            },
          },
          'text/csv': {},
        },
      }),
      ApiResponse({ status: 304, description: 'If-None-Match named the current ETag.' }),
      ApiErrors(
        { status: 400, example: { statusCode: 400, message: 'period: must be YYYY-MM, YYYY-Qn (1–4), YYYY-Hn (1–2) or YYYY, e.g. 2026-11, 2026-Q4, 2026-H2, 2026', error: 'Bad Request' } },
        { status: 404, example: { statusCode: 404, message: 'unit "no-such-unit" does not exist', error: 'Not Found' } },
        429,
        { status: 503, types: ['application/json', 'text/html'], description: 'The database is away and no earlier answer is at hand: JSON for `.json` and `.csv`, a page otherwise.' },
      ),
    ),
};
