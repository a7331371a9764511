import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Allow, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { LocalDate } from '../common/local-time';
import { IsWellFormedText } from '../common/text';
import { UNIT_KINDS, UNIT_LEVELS, UnitKind, UnitLevel } from './unit.entity';
import { SuccessionView } from './unit-timeline';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value);
/** An agency code is kept trimmed and compared as written in capitals, so `…h23` cannot pass for another unit's `…H23`. */
export const agencyCodeAsKept = (value: string): string => value.trim().toUpperCase();
const agencyCodeText = ({ value }: { value: unknown }) => (typeof value === 'string' ? agencyCodeAsKept(value) : value);

export const UNIT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** The agency's electronic code (mã định danh), e.g. `000.00.21.H23`. */
export const AGENCY_CODE_PATTERN = /^[A-Za-z0-9.]{1,32}$/;
/** What a create and a change of a unit answer for an agency code that does not read. */
export const AGENCY_CODE_RULE = 'agencyCode must be 1–32 letters, digits or "."';

export class CreateUnitDto {
  @ApiProperty({ example: 'xa-van-to', description: 'Letters, digits, ".", "_" and "-"; unique.' })
  @Transform(trimmed)
  @IsString()
  @Matches(UNIT_CODE_PATTERN, { message: 'code must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  code: string;

  @ApiProperty({ example: 'Xã Văn Tố' })
  @Transform(trimmed)
  @IsString()
  @IsWellFormedText()
  @Length(1, 255)
  name: string;

  @ApiProperty({ enum: UNIT_LEVELS })
  @IsIn(UNIT_LEVELS)
  level: UnitLevel;

  @ApiPropertyOptional({ example: 'huyen-tu-ky' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsWellFormedText()
  parentCode?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS, description: 'A commune’s kind (xã, phường, đặc khu), for its title; only for level commune.' })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind | null;

  @ApiPropertyOptional({ example: '000.00.21.H23', description: 'The agency’s electronic code: 1–32 letters, digits and "."; kept in capitals; unique among the units valid on any day.' })
  @IsOptional()
  @Transform(agencyCodeText)
  @IsString()
  @Matches(AGENCY_CODE_PATTERN, { message: AGENCY_CODE_RULE })
  agencyCode?: string | null;

  /** Checked by the service with every other local date from outside (common/local-time.ts). */
  @ApiPropertyOptional({ example: '2025-07-01', description: 'The first day the unit exists (YYYY-MM-DD); absent or null: since always.' })
  @IsOptional()
  validFrom?: LocalDate | null;
}

/**
 * `PATCH /api/v1/units/{code}`: the agency code, the one thing of a unit changed outside a
 * reorganization. Read by the service (unit-rules.ts agencyCodeChange), as the console's form is,
 * so both refuse with the same words; anything else in the body is left out.
 */
export class ChangeUnitDto {
  @ApiProperty({ type: String, nullable: true, example: '000.00.21.H23', description: 'The agency’s electronic code (madonvi of the DVCQG stream), read as on create; null or "" clears it.' })
  @Allow()
  agencyCode?: unknown;
}

export interface UnitView {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  kind: UnitKind | null;
  agencyCode: string | null;
  validFrom: LocalDate | null;
  validTo: LocalDate | null;
}

/** A unit with its history: every parent it had, whom it succeeded and who succeeded it. */
export interface UnitHistoryView extends UnitView {
  parents: { parentCode: string | null; validFrom: LocalDate | null; validTo: LocalDate | null }[];
  predecessors: SuccessionView[];
  successors: SuccessionView[];
}
