import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { ApiKeyRole } from './api-key.entity';

export const API_KEY_ROLES: readonly ApiKeyRole[] = ['unit', 'admin'];

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Một cửa Xã Văn Tố' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ enum: API_KEY_ROLES, default: 'unit', example: 'unit' })
  @IsOptional()
  @IsIn(API_KEY_ROLES)
  role?: ApiKeyRole;

  @ApiPropertyOptional({ example: 'xa-van-to', description: 'Required for a unit key: the key may write this unit and those below.' })
  @ValidateIf((dto: CreateApiKeyDto) => (dto.role ?? 'unit') === 'unit')
  @IsString({ message: 'unitCode is required for a unit key' })
  unitCode?: string;
}
