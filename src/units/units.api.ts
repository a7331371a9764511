import { applyDecorators } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { JsonBody, PathParam, QueryParam } from '../http/api-docs';
import { ApiErrors } from '../http/api-errors';
import { UNIT_KINDS, UNIT_LEVELS, UnitKind, UnitLevel } from './unit.entity';
import { LocalDate } from '../common/local-time';
import { SuccessionView } from './unit-timeline';
import { ChangeUnitDto, CreateUnitDto, UnitHistoryView, UnitView } from './units.dto';

/** The answers of /api/v1/units, for the OpenAPI document (checked against real answers by the e2e suites). */

export class UnitBody implements UnitView {
  @ApiProperty({ example: 'xa-tu-ky' })
  code: string;

  @ApiProperty({ example: 'Xã Tứ Kỳ' })
  name: string;

  @ApiProperty({ enum: UNIT_LEVELS, example: 'commune' })
  level: UnitLevel;

  @ApiProperty({ type: String, nullable: true, example: 'tinh-hai-hung', description: 'The parent on the day asked (null: a root).' })
  parentCode: string | null;

  @ApiProperty({ enum: UNIT_KINDS, nullable: true, example: 'xa', description: 'A commune’s kind; null for other levels or when not said.' })
  kind: UnitKind | null;

  @ApiProperty({ type: String, nullable: true, example: '000.00.21.H23' })
  agencyCode: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2025-07-01', description: 'First day of the unit; null: since always.' })
  validFrom: LocalDate | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: null, description: 'Last day of the unit; null: it goes on.' })
  validTo: LocalDate | null;
}

export class SuccessionBody implements SuccessionView {
  @ApiProperty({ example: 'xa-van-to' })
  code: string;

  @ApiProperty({ example: true, description: 'Whether the successor carries this unit’s history (its dossiers count for it).' })
  carriesHistory: boolean;

  @ApiProperty({ type: String, format: 'date', example: '2025-07-01' })
  effectiveOn: LocalDate;
}

export class ParentSpanBody {
  @ApiProperty({ type: String, nullable: true, example: 'huyen-tu-ky' })
  parentCode: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: null })
  validFrom: LocalDate | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2025-06-30' })
  validTo: LocalDate | null;
}

export class UnitHistoryBody extends UnitBody implements UnitHistoryView {
  @ApiProperty({ type: () => [ParentSpanBody] })
  parents: ParentSpanBody[];

  @ApiProperty({ type: () => [SuccessionBody] })
  predecessors: SuccessionBody[];

  @ApiProperty({ type: () => [SuccessionBody] })
  successors: SuccessionBody[];
}

export class UnitTreeBody {
  @ApiProperty({ type: String, format: 'date', example: '2025-07-01', description: 'The day whose tree this is.' })
  at: LocalDate;

  @ApiProperty({ type: () => [UnitBody] })
  units: UnitBody[];
}

export class UnitHistoryListBody {
  @ApiProperty({ type: () => [UnitHistoryBody] })
  units: UnitHistoryBody[];
}

const TU_KY: UnitView = {
  code: 'xa-tu-ky', name: 'Xã Tứ Kỳ', level: 'commune', parentCode: 'tinh-hai-hung', kind: 'xa', agencyCode: null, validFrom: '2025-07-01' as LocalDate, validTo: null,
};

export const UnitsApi = {
  create: () =>
    applyDecorators(
      JsonBody(CreateUnitDto, { code: 'xa-ha-ky', name: 'Xã Hà Kỳ', level: 'commune', parentCode: 'tinh-hai-hung', kind: 'xa' }),
      ApiCreatedResponse({ type: UnitBody, description: 'The unit as stored.', example: { ...TU_KY, code: 'xa-ha-ky', name: 'Xã Hà Kỳ', validFrom: null } }),
      ApiErrors(400, 401, 403, { status: 409, example: { statusCode: 409, message: 'unit "xa-ha-ky" already exists', error: 'Conflict' } }, 422, 503),
    ),
  change: () =>
    applyDecorators(
      PathParam('code', 'xa-tu-ky', 'The unit whose agency code to set.'),
      JsonBody(ChangeUnitDto, { agencyCode: '000.00.21.H23' }, 'The agency’s electronic code, the `madonvi` its DVCQG stream sends; null or "" clears it.'),
      ApiOkResponse({ type: UnitBody, description: 'The unit as stored, with its new code.', example: { ...TU_KY, agencyCode: '000.00.21.H23' } }),
      ApiErrors(
        { status: 400, example: { statusCode: 400, message: 'agencyCode must be 1–32 letters, digits or "."', error: 'Bad Request' } },
        401,
        403,
        { status: 404, example: { statusCode: 404, message: 'unit "xa-khong-co" does not exist', error: 'Not Found' } },
        { status: 409, example: { statusCode: 409, message: 'agencyCode: "000.00.21.H23" is already the agency code of unit "xa-gia-tan"', error: 'Conflict' } },
        503,
      ),
    ),
  list: () =>
    applyDecorators(
      QueryParam('at', '2025-07-01', 'The day whose tree to show (YYYY-MM-DD); default today.', { format: 'date' }),
      QueryParam('all', false, 'Every unit ever, retired ones too, with validity, parents, predecessors and successors.'),
      ApiExtraModels(UnitTreeBody, UnitHistoryListBody),
      ApiOkResponse({
        description: 'The tree of one day; with `all=true` every unit there ever was, with its history.',
        schema: { oneOf: [{ $ref: getSchemaPath(UnitTreeBody) }, { $ref: getSchemaPath(UnitHistoryListBody) }] },
        example: { at: '2025-07-01', units: [{ ...TU_KY, parentCode: null, code: 'tinh-hai-hung', name: 'Tỉnh Hải Hưng', level: 'province', kind: null }, TU_KY] },
      }),
      ApiErrors(400, 503),
    ),
};
