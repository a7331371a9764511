import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { PathParam, QueryParam } from '../http/api-docs';
import { ApiErrors } from '../http/api-errors';
import { LocalDate } from '../common/local-time';
import { Figures, Period } from './figures';
import { StatsAnswer, StatsGroupAnswer } from './stats.service';
import { GROUP_BYS } from './stats.dto';

/** The figures of a unit and a period (docs/figures.md §5), for the OpenAPI document (checked against real answers by the e2e suites). */

class SettledBody {
  @ApiProperty({ type: 'integer', example: 750 })
  total: number;

  @ApiProperty({ type: 'integer', example: 700 })
  early: number;

  @ApiProperty({ type: 'integer', example: 49 })
  onTime: number;

  @ApiProperty({ type: 'integer', example: 1 })
  late: number;
}

class ReceivedBody {
  @ApiProperty({ type: 'integer', example: 790 })
  total: number;

  @ApiProperty({ type: 'integer', example: 500 })
  direct: number;

  @ApiProperty({ type: 'integer', example: 260 })
  online: number;

  @ApiProperty({ type: 'integer', example: 30 })
  postal: number;
}

class OpenFiguresBody {
  @ApiProperty({ type: 'integer', example: 40 })
  total: number;

  @ApiProperty({ type: 'integer', example: 36, description: 'Open and not past due (waiting ones included).' })
  onTrack: number;

  @ApiProperty({ type: 'integer', example: 4 })
  overdue: number;

  @ApiProperty({ type: 'integer', example: 6, description: 'Paused, waiting for the applicant.' })
  waiting: number;
}

class Progress766Body {
  @ApiProperty({ type: 'integer', example: 748, description: 'Finished in the period (settled or withdrawn) on time by 2.1’s rules.' })
  finishedOnTime: number;

  @ApiProperty({ type: 'integer', example: 2, description: 'Finished in the period late by 2.1 (a second supplement request makes a dossier late).' })
  finishedLate: number;

  @ApiProperty({ type: 'integer', example: 4, description: 'Open at the end and overdue by 2.1 (one waiting for papers is judged at the request).' })
  openLate: number;
}

/** The figures every answer about a unit and a period carries (the stats API, the widget's JSON). */
export class FiguresBody implements Figures {
  @ApiProperty({ type: SettledBody })
  settled: SettledBody;

  @ApiProperty({ type: Number, nullable: true, example: 0.9986684420772304, description: 'Early and on time over settled; null when nothing was settled.' })
  onTimeRate: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 0.0013315579227696406 })
  lateRate: number | null;

  @ApiProperty({ type: String, nullable: true, example: '99.87', description: 'onTimeRate in percent with `decimals` digits, rounded so the two percents add up to 100.' })
  onTimePercent: string | null;

  @ApiProperty({ type: String, nullable: true, example: '0.13' })
  latePercent: string | null;

  @ApiProperty({ type: ReceivedBody })
  received: ReceivedBody;

  @ApiProperty({ type: 'integer', example: 54, description: 'Received before the period and not settled at its start.' })
  carriedOver: number;

  @ApiProperty({ type: 'integer', example: 14 })
  withdrawn: number;

  @ApiProperty({ type: 'integer', example: 4 })
  denied: number;

  @ApiProperty({ type: OpenFiguresBody })
  open: OpenFiguresBody;

  @ApiProperty({
    type: Number, nullable: true, example: 0.9924,
    description: 'Decision 766 indicator 2.1 "tiến độ giải quyết" by DVCQG’s rules: (finishedOnTime + open − openLate) / (finishedOnTime + finishedLate + open); the scorecard’s 2.1. Null when nothing was finished or open.',
  })
  progressIndex: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 19.85, description: 'progressIndex × 20 points, two decimals.' })
  progressScore: number | null;

  @ApiProperty({ type: Progress766Body, description: 'The counts progressIndex is the ratio of.' })
  progress766: Progress766Body;
}

class StatsUnitBody {
  @ApiProperty({ example: 'xa-tu-ky' })
  code: string;

  @ApiProperty({ example: 'Xã Tứ Kỳ' })
  name: string;

  @ApiProperty({ example: 'commune' })
  level: string;
}

export class PeriodBody implements Period {
  @ApiProperty({ type: String, format: 'date', example: '2025-01-01' })
  from: LocalDate;

  @ApiProperty({ type: String, format: 'date', example: '2025-06-30' })
  to: LocalDate;
}

class StatsGroupBody extends FiguresBody implements StatsGroupAnswer {
  @ApiProperty({ example: 'Hộ tịch', description: 'The field, channel, month (YYYY-MM) or unit code.' })
  key: string;

  @ApiProperty({ example: 'Hộ tịch', description: 'For unit groups the unit’s name; otherwise the key.' })
  label: string;
}

export class StatsBody extends FiguresBody implements StatsAnswer {
  @ApiProperty({ type: StatsUnitBody })
  unit: StatsUnitBody;

  @ApiProperty({ type: PeriodBody })
  period: PeriodBody;

  @ApiProperty({ example: false })
  includeChildren: boolean;

  @ApiProperty({ type: String, format: 'date-time', example: '2025-06-30T16:59:59.999Z', description: 'The moment open dossiers were judged at (the end of the period, or now).' })
  judgedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2025-06-10T03:07:03.000Z', description: 'When the data counted last changed; null: never.' })
  dataUpdatedAt: string | null;

  @ApiProperty({ type: () => [StatsGroupBody], description: 'One per group with `groupBy`; empty otherwise.' })
  groups: StatsGroupBody[];
}

export const FIGURES_EXAMPLE: Figures = {
  settled: { total: 750, early: 700, onTime: 49, late: 1 },
  onTimeRate: 0.9986666666666667,
  lateRate: 0.0013333333333333333,
  onTimePercent: '99.87',
  latePercent: '0.13',
  received: { total: 790, direct: 500, online: 260, postal: 30 },
  carriedOver: 0,
  withdrawn: 0,
  denied: 0,
  open: { total: 40, onTrack: 36, overdue: 4, waiting: 6 },
  progressIndex: 0.9924,
  progressScore: 19.85,
  progress766: { finishedOnTime: 748, finishedLate: 2, openLate: 4 },
};

/** `from`, `to`, `includeChildren`, `includePredecessors` and `decimals`, as the stats API and the widget take them. */
export const FigureQuery = (includeChildren: string) =>
  applyDecorators(
    QueryParam('from', '2025-01-01', 'First day (YYYY-MM-DD); default 1 January of `to`’s year.', { format: 'date' }),
    QueryParam('to', '2025-06-30', 'Last day (YYYY-MM-DD); default today.', { format: 'date' }),
    QueryParam('includeChildren', true, includeChildren),
    QueryParam('includePredecessors', true, 'default: true, the dossiers of every unit whose history a counted unit carries count too'),
    QueryParam('decimals', 2, 'Digits of the percents, 0–4; default 2.', { minimum: 0, maximum: 4 }),
  );

export const StatsApi = {
  unitStats: () =>
    applyDecorators(
      PathParam('code', 'xa-tu-ky', 'The unit’s code.'),
      FigureQuery('default: false; true counts the units below too'),
      QueryParam('groupBy', 'field', 'Adds `groups`: the figures per field, channel, month or unit below.', { enum: [...GROUP_BYS] }),
      ApiOkResponse({
        type: StatsBody,
        description: 'The figures of the unit for the period.',
        example: {
          unit: { code: 'xa-tu-ky', name: 'Xã Tứ Kỳ', level: 'commune' },
          period: { from: '2025-01-01', to: '2025-06-30' },
          includeChildren: false,
          judgedAt: '2025-06-30T16:59:59.999Z',
          dataUpdatedAt: '2025-06-10T03:07:03.000Z',
          ...FIGURES_EXAMPLE,
          groups: [],
        },
      }),
      ApiErrors(
        { status: 400, example: { statusCode: 400, message: 'decimals: must be an integer 0–4', error: 'Bad Request' } },
        { status: 404, example: { statusCode: 404, message: 'unit "nowhere" does not exist', error: 'Not Found' } },
        429,
        503,
      ),
    ),
};
