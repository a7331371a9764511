import { BadRequestException, Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiTags } from '@nestjs/swagger';
import { parseBoolean } from '../common/query-params';
import { Lang } from './indicators';
import { Index766Api } from './index766.api';
import { Index766Service, RankingAnswer, ScorecardAnswer, ScorecardRequest } from './index766.service';

/** Public reads like the stats: the scorecard of a unit and the ranking of the units below it. */
@ApiTags('index766')
@Controller('api/v1/units')
@UseGuards(ThrottlerGuard)
export class Index766Controller {
  constructor(private readonly index766: Index766Service) {}

  @Get(':code/index766')
  @Index766Api.scorecard()
  async scorecard(
    @Param('code') code: string,
    @Query('period') period?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('includeChildren') includeChildren?: string,
    @Query('includePredecessors') includePredecessors?: string,
    @Query('lang') lang?: string,
  ): Promise<ScorecardAnswer> {
    return this.index766.scorecard({
      ...request(code, period, from, to, includePredecessors, lang),
      includeChildren: parseBoolean(includeChildren, 'includeChildren', true),
    });
  }

  @Get(':code/index766/ranking')
  @Index766Api.ranking()
  async ranking(
    @Param('code') code: string,
    @Query('period') period?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('includePredecessors') includePredecessors?: string,
    @Query('lang') lang?: string,
  ): Promise<RankingAnswer> {
    return this.index766.ranking(request(code, period, from, to, includePredecessors, lang));
  }
}

function request(code: string, period?: string, from?: string, to?: string, includePredecessors?: string, lang?: string): ScorecardRequest {
  if (lang !== undefined && lang !== '' && lang !== 'vi' && lang !== 'en') throw new BadRequestException('lang: must be vi or en');
  return { unitCode: code, period, from, to, includePredecessors: parseBoolean(includePredecessors, 'includePredecessors', true), lang: (lang || 'vi') as Lang };
}
