import { applyDecorators } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { JsonBody } from '../http/api-docs';
import { ApiErrors } from '../http/api-errors';
import { LocalDate } from '../common/local-time';
import { CHANGE_MODELS, CHANGE_SCHEMA } from './reorganization-changes.api';
import { ReorganizationDto } from './reorganization.dto';
import { ReorganizationView } from './reorganizations.service';

/**
 * The answers of /api/v1/reorganizations, for the OpenAPI document (checked against real answers
 * by the e2e suites). An applied act gives back each change with every field, absent optional
 * ones as null.
 */

export class ReorganizationBody implements ReorganizationView {
  @ApiProperty({ type: 'integer', example: 1 })
  id: number;

  @ApiProperty({ type: String, format: 'date', example: '2025-07-01' })
  effectiveOn: LocalDate;

  @ApiProperty({ example: 'Nghị quyết 1669/NQ-UBTVQH15' })
  reference: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2025-07-10T03:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ type: 'array', items: CHANGE_SCHEMA, description: 'The changes as applied, in order; absent optional fields as null.' })
  changes: Record<string, unknown>[];
}

export class ReorganizationListBody {
  @ApiProperty({ type: () => [ReorganizationBody] })
  reorganizations: ReorganizationBody[];
}

/** The act is applied already: `reorganizationId` names it. */
export class AlreadyAppliedBody {
  @ApiProperty({ example: 'this act was already applied as reorganization #1 (effectiveOn 2025-07-01); it is not applied twice' })
  message: string;

  @ApiProperty({ type: 'integer', example: 1 })
  reorganizationId: number;
}

const ACT = {
  effectiveOn: '2025-07-01',
  reference: 'Nghị quyết 1669/NQ-UBTVQH15',
  changes: [
    { op: 'create', code: 'tinh-hai-hung', name: 'Tỉnh Hải Hưng', level: 'province' },
    { op: 'merge', from: ['xa-van-to', 'xa-quang-phuc'], into: 'xa-tu-ky' },
    { op: 'move', code: 'xa-tu-ky', parentCode: 'tinh-hai-hung' },
    { op: 'retire', code: 'huyen-tu-ky' },
  ],
};

const APPLIED = {
  id: 1,
  effectiveOn: ACT.effectiveOn,
  reference: ACT.reference,
  createdAt: '2025-07-10T03:00:00.000Z',
  changes: [
    { op: 'create', code: 'tinh-hai-hung', name: 'Tỉnh Hải Hưng', level: 'province', kind: null, parentCode: null, agencyCode: null },
    ...ACT.changes.slice(1),
  ],
};

export const ReorganizationsApi = {
  apply: () =>
    applyDecorators(
      ApiExtraModels(...CHANGE_MODELS),
      JsonBody(ReorganizationDto, ACT, 'An act of reorganization: its first day, its reference and its changes, applied in order, all or nothing.'),
      ApiCreatedResponse({ type: ReorganizationBody, description: 'The act as applied.', example: APPLIED }),
      ApiErrors(
        400,
        401,
        403,
        { status: 409, description: 'This act (the same day and changes) was applied before.', schema: { $ref: getSchemaPath(AlreadyAppliedBody) }, example: { message: 'this act was already applied as reorganization #1 (effectiveOn 2025-07-01); it is not applied twice', reorganizationId: 1 } },
        {
          status: 422,
          description: 'The act cannot be applied to the tree as it stands: every fault named, nothing written.',
          example: { message: 'the reorganization was not applied: nothing of it was written', errors: ['changes[2]: code: unit "xa-khong-co" does not exist'] },
        },
        503,
      ),
      ApiExtraModels(AlreadyAppliedBody),
    ),
  list: () => applyDecorators(ApiOkResponse({ type: ReorganizationListBody, description: 'Every act applied, the latest day first.', example: { reorganizations: [APPLIED] } }), ApiErrors(401, 403, 503)),
};
