import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PathParam, QueryParam } from '../http/api-docs';
import { ApiErrors } from '../http/api-errors';
import { LocalDate } from '../common/local-time';
import { zeroCounts } from '../stats/figures';
import { GroupId, GroupResult, IndicatorResult, scorecardOf } from './indicators';
import { RankingAnswer, RankingRow, ScorecardAnswer, UnitRef } from './index766.service';

/** The Decision 766 scorecard and ranking (docs/figures.md §11), for the OpenAPI document (checked against real answers by the e2e suites). */

const GROUP_IDS: GroupId[] = ['1', '2', '3', 'pay', '4', '5'];

class Index766UnitRefBody implements UnitRef {
  @ApiProperty({ example: 'tinh-hai-duong' }) code: string;
  @ApiProperty({ example: 'Tỉnh Hải Dương' }) name: string;
  @ApiProperty({ example: 'province' }) level: string;
}

class Index766PeriodBody {
  @ApiProperty({ type: String, format: 'date', example: '2026-11-01' }) from: LocalDate;
  @ApiProperty({ type: String, format: 'date', example: '2026-11-30' }) to: LocalDate;
  @ApiProperty({ example: '2026-11', description: 'The period as asked: YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY, or from/to.' }) label: string;
}

class Index766OnePointBody {
  @ApiProperty({ type: 'integer', example: 12 }) dossiers: number;
  @ApiProperty({ example: '12 hồ sơ trễ hạn' }) text: string;
}

class Index766ComponentsBody {
  @ApiProperty({ type: Number, nullable: true, example: 0.05 }) lateRate: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.01 }) complaintRate: number | null;
}

class Index766IndicatorBody implements IndicatorResult {
  @ApiProperty({ example: '2.1' }) id: string;
  @ApiProperty({ example: 'Hồ sơ xử lý trước hạn, đúng hạn' }) name: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 760, description: 'Null for 5.4 (a difference of two rates; see components).' }) numerator: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 764 }) denominator: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.9947643979057592, description: 'numerator / denominator (2.2: the average in days); null when the denominator is 0 ("—").' }) ratio: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 19.9, description: 'maxPoints × ratio ÷ target, capped at maxPoints, two decimals; null with no ratio; 2.2 is not scored (null).' }) points: number | null;
  @ApiProperty({ type: 'integer', example: 20 }) maxPoints: number;
  @ApiProperty({ type: Number, nullable: true, example: 1, description: 'The ratio from which full points are given.' }) target: number | null;
  @ApiPropertyOptional({ type: Index766ComponentsBody, description: 'Only 5.4: 100 % − (lateRate + complaintRate).' }) components?: Index766ComponentsBody;
  @ApiProperty({ type: Index766OnePointBody, nullable: true, description: 'How many more dossiers one more point would take (or the rest of the way); null when nothing is to gain.' }) onePointMore: Index766OnePointBody | null;
}

class Index766GroupBody implements GroupResult {
  @ApiProperty({ enum: GROUP_IDS, example: '2' }) id: GroupId;
  @ApiProperty({ example: 'Tiến độ, kết quả giải quyết' }) name: string;
  @ApiProperty({ type: Number, nullable: true, example: 19.9 }) points: number | null;
  @ApiProperty({ type: 'integer', example: 20, description: 'The points of the indicators computed here.' }) maxPoints: number;
  @ApiProperty({ type: 'integer', example: 20, description: 'The group’s points in the national index.' }) nationalMaxPoints: number;
  @ApiProperty({ type: [Index766IndicatorBody] }) indicators: Index766IndicatorBody[];
}

class Index766NotComputedBody {
  @ApiProperty({ example: '1.1' }) id: string;
  @ApiProperty({ example: 'TTHC công bố đúng hạn' }) name: string;
  @ApiProperty({ enum: GROUP_IDS, example: '1' }) group: GroupId;
  @ApiProperty({ type: 'integer', example: 6 }) maxPoints: number;
  @ApiProperty({ example: 'cần Cơ sở dữ liệu quốc gia về TTHC' }) reason: string;
}

class ScorecardBody implements ScorecardAnswer {
  @ApiProperty({ type: Index766UnitRefBody }) unit: Index766UnitRefBody;
  @ApiProperty({ type: Index766PeriodBody }) period: Index766PeriodBody;
  @ApiProperty({ example: true }) includeChildren: boolean;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-30T16:59:59.999Z' }) judgedAt: string;
  @ApiProperty({ type: Number, nullable: true, example: 41.37, description: 'The sum of the computed indicators’ points; null when none could be scored.' }) points: number | null;
  @ApiProperty({ type: 'integer', example: 50, description: 'The sum of the computed indicators’ maximums.' }) maxPoints: number;
  @ApiProperty({ type: [Index766GroupBody] }) groups: Index766GroupBody[];
  @ApiProperty({ type: [Index766NotComputedBody] }) notComputed: Index766NotComputedBody[];
}

class Index766WeakestBody {
  @ApiProperty({ example: '4.2' }) id: string;
  @ApiProperty({ example: 'Hồ sơ số hóa thành phần và kết quả' }) name: string;
  @ApiProperty({ type: Number, nullable: true, example: 1.5 }) points: number | null;
  @ApiProperty({ type: 'integer', example: 4 }) maxPoints: number;
  @ApiProperty({ type: Index766OnePointBody, nullable: true }) onePointMore: Index766OnePointBody | null;
}

class Index766RankingRowBody implements RankingRow {
  @ApiProperty({ type: 'integer', example: 1, description: 'Equal points share a rank.' }) rank: number;
  @ApiProperty({ type: Index766UnitRefBody }) unit: Index766UnitRefBody;
  @ApiProperty({ type: Number, nullable: true, example: 44.1 }) points: number | null;
  @ApiProperty({ type: 'integer', example: 50 }) maxPoints: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.97 }) progressIndex: number | null;
  @ApiProperty({ type: Index766WeakestBody, nullable: true, description: 'The scored indicator that lost most points.' }) weakest: Index766WeakestBody | null;
}

class RankingBody implements RankingAnswer {
  @ApiProperty({ type: Index766UnitRefBody }) unit: Index766UnitRefBody;
  @ApiProperty({ type: Index766PeriodBody }) period: Index766PeriodBody;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-30T16:59:59.999Z' }) judgedAt: string;
  @ApiProperty({ type: [Index766RankingRowBody] }) units: Index766RankingRowBody[];
}

/** A province's month, worked out by the same code the answers come from. */
const SAMPLE = scorecardOf({
  ...zeroCounts(), receivedDirect: 600, receivedOnline: 380, receivedPostal: 20, onTime766: 920, late766: 12, openOnTrack: 70, openWaiting: 8, openOverdue: 6, openLate766: 9,
  results: 900, electronicResults: 810, digitizedResults: 640, reusedData: 500, citizenRepository: 300, vneidVerified: 700, feePayable: 400, paidOnline: 250,
  complaints: 3, resolvedReceived: 850, resolutionMinutes: 850 * 4 * 1440,
});
const UNIT = { code: 'tinh-hai-duong', name: 'Tỉnh Hải Dương', level: 'province' };
const PERIOD = { from: '2026-11-01', to: '2026-11-30', label: '2026-11' };
const JUDGED = '2026-11-30T16:59:59.999Z';

const QUERY = [
  QueryParam('period', '2026-11', 'YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY; default the current month. A period not begun yet is refused.'),
  QueryParam('from', '2026-11-01', 'Instead of period: first day (YYYY-MM-DD).', { format: 'date' }),
  QueryParam('to', '2026-11-30', 'Instead of period: last day (YYYY-MM-DD).', { format: 'date' }),
  QueryParam('includePredecessors', true, 'default: true, the dossiers of every unit whose history a counted unit carries count too'),
  QueryParam('lang', 'vi', 'Names and texts in vi (default) or en.', { enum: ['vi', 'en'] }),
];
const ERRORS = ApiErrors(
  { status: 400, example: { statusCode: 400, message: 'period: 2027-01 has not begun yet (today is 2026-12-01)', error: 'Bad Request' } },
  { status: 404, example: { statusCode: 404, message: 'unit "nowhere" does not exist', error: 'Not Found' } },
  429,
  503,
);

export const Index766Api = {
  scorecard: () =>
    applyDecorators(
      PathParam('code', 'tinh-hai-duong', 'The unit’s code.'),
      ...QUERY,
      QueryParam('includeChildren', true, 'default: true (DVCQG scores a unit with the units below it)'),
      ApiOkResponse({
        type: ScorecardBody,
        description: 'The indicators of Decision 766 that dossiers decide, with what is not computed and why.',
        example: { unit: UNIT, period: PERIOD, includeChildren: true, judgedAt: JUDGED, ...SAMPLE },
      }),
      ERRORS,
    ),
  ranking: () =>
    applyDecorators(
      PathParam('code', 'tinh-hai-duong', 'The unit’s code.'),
      ...QUERY,
      ApiOkResponse({
        type: RankingBody,
        description: 'The units directly below, by points, each with its weakest indicator.',
        example: {
          unit: UNIT, period: PERIOD, judgedAt: JUDGED,
          units: [
            { rank: 1, unit: { code: 'xa-tu-ky', name: 'Xã Tứ Kỳ', level: 'commune' }, points: 44.1, maxPoints: 50, progressIndex: 0.99, weakest: { id: '4.2', name: 'Hồ sơ số hóa thành phần và kết quả', points: 3.1, maxPoints: 4, onePointMore: { dossiers: 18, text: '18 hồ sơ chưa số hóa' } } },
            { rank: 2, unit: { code: 'xa-van-to', name: 'Xã Văn Tố', level: 'commune' }, points: 38.6, maxPoints: 50, progressIndex: 0.91, weakest: { id: '2.1', name: 'Hồ sơ xử lý trước hạn, đúng hạn', points: 18.2, maxPoints: 20, onePointMore: { dossiers: 12, text: '12 hồ sơ trễ hạn' } } },
          ],
        },
      }),
      ERRORS,
    ),
};
