import { ThrottlerGuard } from '@nestjs/throttler';
import { BadRequestException, Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { GROUP_BYS, GroupBy } from './stats.dto';
import { StatsAnswer, StatsService } from './stats.service';

export function parseBoolean(raw: unknown, name: string, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new BadRequestException(`${name}: must be true or false`);
}

export function parseDecimals(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 4) throw new BadRequestException('decimals: must be an integer 0–4');
  return value;
}

@ApiTags('stats')
@Controller('api/v1/units')
@UseGuards(ThrottlerGuard)
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  /** Public read: the same figures the widget shows. */
  @Get(':code/stats')
  @ApiQuery({ name: 'from', required: false, example: '2025-01-01' })
  @ApiQuery({ name: 'to', required: false, example: '2025-06-30' })
  @ApiQuery({ name: 'includeChildren', required: false, type: Boolean })
  @ApiQuery({ name: 'groupBy', required: false, enum: GROUP_BYS })
  @ApiQuery({ name: 'decimals', required: false, example: 2 })
  async unitStats(
    @Param('code') code: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('includeChildren') includeChildren?: string,
    @Query('groupBy') groupBy?: string,
    @Query('decimals') decimals?: string,
  ): Promise<StatsAnswer> {
    if (groupBy !== undefined && groupBy !== '' && !(GROUP_BYS as readonly string[]).includes(groupBy)) {
      throw new BadRequestException(`groupBy: must be one of ${GROUP_BYS.join(', ')}`);
    }
    return this.stats.stats({
      unitCode: code,
      from,
      to,
      includeChildren: parseBoolean(includeChildren, 'includeChildren', false),
      groupBy: (groupBy || null) as GroupBy | null,
      decimals: parseDecimals(decimals),
    });
  }
}
