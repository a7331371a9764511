import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsWellFormedText } from '../common/text';
import { UNIT_LEVELS, UnitLevel } from './unit.entity';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value);

export const UNIT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

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
}

export interface UnitView {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
}
