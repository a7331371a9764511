import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { PathParam } from '../http/api-docs';
import { ApiErrors } from '../http/api-errors';
import { CHANNELS, PAID_ONLINE, STATUSES } from './classification';
import { DossierView } from './dossier-view.service';

/** GET /api/v1/dossiers/{unitCode}/{code}, for the OpenAPI document (checked against real answers by the e2e suites). */

const INSTANT = { type: String, format: 'date-time' } as const;
const MAYBE_INSTANT = { ...INSTANT, nullable: true } as const;
const FLAG = { type: Boolean, nullable: true } as const;

class DossierFactsBody implements Required<DossierView['facts']> {
  @ApiProperty({ ...FLAG, example: true }) electronicResult: boolean | null;
  @ApiProperty({ ...FLAG, example: true }) digitized: boolean | null;
  @ApiProperty({ ...FLAG, example: true }) resultDigitized: boolean | null;
  @ApiProperty({ ...FLAG, example: null }) reusedData: boolean | null;
  @ApiProperty({ ...FLAG, example: null }) citizenRepository: boolean | null;
  @ApiProperty({ ...FLAG, example: null }) vneidVerified: boolean | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 8000, description: 'VND' }) feeAmount: number | null;
  @ApiProperty({ type: String, enum: PAID_ONLINE, nullable: true, example: 'dvcqg' }) paidOnline: 'dvcqg' | 'gateway' | null;
  @ApiProperty({ ...FLAG, example: null }) complaint: boolean | null;
}

class DossierStepBody {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10, example: 4, description: 'The DVCQG status code of the step (NATIONAL.md §3).' }) statusCode: number;
  @ApiProperty({ ...INSTANT, example: '2025-06-10T02:30:00.000Z' }) at: string;
  @ApiProperty({ ...MAYBE_INSTANT, example: '2025-06-10T02:30:00.000Z' }) startedAt: string | null;
  @ApiProperty({ ...MAYBE_INSTANT, example: '2025-06-12T10:00:00.000Z', description: 'The step’s own deadline.' }) stepDueAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Chuyển xử lý', description: 'As sent, runs of nine or more digits masked; never shown to the public.' }) content: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Bộ phận một cửa' }) department: string | null;
  @ApiProperty({ enum: ['progress', 'record'], example: 'progress', description: 'A progress row (CapNhatTienDoHoSoMC), or a supplement round the record listed.' }) origin: string;
}

class SupplementRoundBody {
  @ApiProperty({ ...INSTANT, example: '2025-06-10T02:30:00.000Z' }) requestedAt: string;
  @ApiProperty({ ...MAYBE_INSTANT, example: '2025-06-10T08:00:00.000Z' }) completedAt: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 5.5, description: 'Hours the applicant held the dossier; null while still with them.' }) heldHours: number | null;
}

export class DossierViewBody implements DossierView {
  @ApiProperty({ example: 'xa-tu-ky' }) unitCode: string;
  @ApiProperty({ example: '000.00.21.H23-250610-0002' }) code: string;
  @ApiProperty({ type: String, nullable: true, example: '1.001193' }) procedureCode: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Đăng ký khai sinh' }) procedureName: string | null;
  @ApiProperty({ example: 'Hộ tịch' }) field: string;
  @ApiProperty({ enum: CHANNELS, example: 'online' }) channel: string;
  @ApiProperty({ enum: STATUSES, example: 'processing' }) status: string;
  @ApiProperty({ ...INSTANT, example: '2025-06-10T02:00:00.000Z' }) receivedAt: string;
  @ApiProperty({ ...INSTANT, example: '2025-06-13T10:00:00.000Z' }) dueAt: string;
  @ApiProperty({ example: false, description: 'The deadline was computed from the procedure’s processing days.' }) dueAtComputed: boolean;
  @ApiProperty({ ...MAYBE_INSTANT, example: null }) extendedDueAt: string | null;
  @ApiProperty({ ...MAYBE_INSTANT, example: null }) resolvedAt: string | null;
  @ApiProperty({ ...MAYBE_INSTANT, example: null }) returnedAt: string | null;
  @ApiProperty({ ...MAYBE_INSTANT, example: null }) withdrawnAt: string | null;
  @ApiProperty({ type: String, enum: ['early', 'onTime', 'late'], nullable: true, example: null }) timeliness: string | null;
  @ApiProperty({ ...MAYBE_INSTANT, example: null }) sourceUpdatedAt: string | null;
  @ApiProperty({ type: DossierFactsBody }) facts: DossierFactsBody;
  @ApiProperty({ type: () => [DossierStepBody], description: 'In the order the steps were taken.' }) events: DossierStepBody[];
  @ApiProperty({ type: () => [SupplementRoundBody] }) supplements: SupplementRoundBody[];
  @ApiProperty({ ...INSTANT, example: '2025-06-10T08:00:00.000Z' }) updatedAt: string;
}

const EXAMPLE: DossierView = {
  unitCode: 'xa-tu-ky', code: '000.00.21.H23-250610-0002', procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', field: 'Hộ tịch', channel: 'online',
  status: 'processing', receivedAt: '2025-06-10T02:00:00.000Z', dueAt: '2025-06-13T10:00:00.000Z', dueAtComputed: false, extendedDueAt: null, resolvedAt: null,
  returnedAt: null, withdrawnAt: null, timeliness: null, sourceUpdatedAt: null,
  facts: { electronicResult: null, digitized: true, resultDigitized: null, reusedData: false, citizenRepository: true, vneidVerified: true, feeAmount: null, paidOnline: null, complaint: null },
  events: [
    { statusCode: 2, at: '2025-06-10T02:00:00.000Z', startedAt: '2025-06-10T02:00:00.000Z', stepDueAt: null, content: 'Tiếp nhận hồ sơ', department: 'Bộ phận một cửa', origin: 'progress' },
    { statusCode: 5, at: '2025-06-10T02:30:00.000Z', startedAt: null, stepDueAt: null, content: 'Yêu cầu bổ sung', department: 'Bộ phận một cửa', origin: 'progress' },
    { statusCode: 4, at: '2025-06-10T08:00:00.000Z', startedAt: null, stepDueAt: '2025-06-13T10:00:00.000Z', content: null, department: null, origin: 'record' },
  ],
  supplements: [{ requestedAt: '2025-06-10T02:30:00.000Z', completedAt: '2025-06-10T08:00:00.000Z', heldHours: 5.5 }],
  updatedAt: '2025-06-10T08:00:00.000Z',
};

export const DossierViewApi = {
  view: () =>
    applyDecorators(
      PathParam('unitCode', 'xa-tu-ky'),
      PathParam('code', '000.00.21.H23-250610-0002', 'The dossier’s code in that unit.'),
      ApiOkResponse({ type: DossierViewBody, description: 'Every stored field, the steps in order and the supplement rounds derived from them.', example: EXAMPLE }),
      ApiErrors(
        401,
        { status: 403, example: { statusCode: 403, message: 'this key may not read dossiers of unit "xa-gia-tan"', error: 'Forbidden' } },
        { status: 404, example: { statusCode: 404, message: 'unit "xa-tu-ky" has no dossier "HS-1"', error: 'Not Found' } },
        503,
      ),
    ),
};
