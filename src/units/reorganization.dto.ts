import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Allow, ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length } from 'class-validator';
import { IsWellFormedText } from '../common/text';
import { CHANGE_SCHEMA } from './reorganization-changes.api';

/** The national act of 2025 has some ten thousand changes; more than this in one act is a mistake. */
export const MAX_CHANGES_PER_ACT = 20_000;

export class ReorganizationDto {
  /** Checked by the service, so that a bad date is named with the act's other faults. */
  @ApiProperty({ type: String, format: 'date', example: '2025-07-01', description: 'The first day of the new tree (YYYY-MM-DD), not after today.' })
  @Allow()
  effectiveOn: unknown;

  @ApiProperty({ example: 'Nghị quyết 1669/NQ-UBTVQH15' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value))
  @IsString()
  @IsWellFormedText()
  @Length(1, 500)
  reference: string;

  /** Each checked by the service, so that every fault is named with its change's index. */
  @ApiProperty({ type: 'array', items: CHANGE_SCHEMA, minItems: 1, maxItems: MAX_CHANGES_PER_ACT, description: 'create, merge, split, move, rename, retire (see README, Units over time), applied in order.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHANGES_PER_ACT)
  changes: unknown[];
}
