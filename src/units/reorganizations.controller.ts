import { Body, Controller, Get, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Allow, ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length } from 'class-validator';
import { AdminOnly, ApiKeyRequired } from '../common/api-key-check';
import { IsWellFormedText } from '../common/text';
import { ReorganizationView, ReorganizationsService } from './reorganizations.service';

/** The national act of 2025 has some ten thousand changes; more than this in one act is a mistake. */
export const MAX_CHANGES_PER_ACT = 20_000;

export class ReorganizationDto {
  /** Checked by the service, so that a bad date is named with the act's other faults. */
  @ApiProperty({ example: '2025-07-01', description: 'The first day of the new tree (YYYY-MM-DD), not after today.' })
  @Allow()
  effectiveOn: unknown;

  @ApiProperty({ example: 'Nghị quyết 1669/NQ-UBTVQH15' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value))
  @IsString()
  @IsWellFormedText()
  @Length(1, 500)
  reference: string;

  /** Each checked by the service, so that every fault is named with its change's index. */
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'create, merge, split, move, rename, retire (see README, Units over time).' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHANGES_PER_ACT)
  changes: unknown[];
}

@ApiTags('units')
@ApiBearerAuth()
@UseGuards(ApiKeyRequired)
@AdminOnly()
@Controller('api/v1/reorganizations')
export class ReorganizationsController {
  constructor(private readonly reorganizations: ReorganizationsService) {}

  @Post()
  async apply(@Body() dto: ReorganizationDto): Promise<ReorganizationView> {
    return this.reorganizations.apply(dto);
  }

  /** Every act applied, the latest day first. */
  @Get()
  async list(): Promise<{ reorganizations: ReorganizationView[] }> {
    return { reorganizations: await this.reorganizations.list() };
  }
}
