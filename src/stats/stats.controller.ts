import { ThrottlerGuard } from '@nestjs/throttler';
import { BadRequestException, Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { parseBoolean } from '../common/query-params';
import { GROUP_BYS, GroupBy, parseDecimals } from './stats.dto';
import { StatsAnswer, StatsService } from './stats.service';
import { StatsApi } from './stats.api';

/** Digits after the decimal point of the percentages: 0–4. */
@ApiTags('stats')
@Controller('api/v1/units')
@UseGuards(ThrottlerGuard)
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  /** Public read: the same figures the widget shows. */
  @Get(':code/stats')
  @StatsApi.unitStats()
  async unitStats(
    @Param('code') code: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('includeChildren') includeChildren?: string,
    @Query('groupBy') groupBy?: string,
    @Query('includePredecessors') includePredecessors?: string,
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
      includePredecessors: parseBoolean(includePredecessors, 'includePredecessors', true),
      groupBy: (groupBy || null) as GroupBy | null,
      decimals: parseDecimals(decimals),
    });
  }
}
