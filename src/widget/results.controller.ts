import { ThrottlerGuard } from '@nestjs/throttler';
import { Controller, Get, NotFoundException, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { quoteForError } from '../common/text';
import { EnvironmentVariables } from '../config/configuration';
import { publicHeaders } from '../http/public-headers';
import { UNIT_CODE_PATTERN } from '../units/units.dto';
import { STALE_WHILE_REVALIDATE, sendCacheable } from './widget-http';
import { ResultsApi } from './results.api';
import { ResultsFormat, ResultsService } from './results.service';

const SUFFIXES: [string, ResultsFormat][] = [['.json', 'json'], ['.csv', 'csv']];

/**
 * A unit's public results page (README "The public results page"): `/cong-khai/{unit}`, its
 * `.json` and `.csv`. Public and cacheable like the widget, framed by any portal.
 */
@ApiTags('widget')
@Controller('cong-khai')
@UseGuards(ThrottlerGuard)
export class ResultsController {
  private readonly maxAge: number;

  constructor(
    private readonly results: ResultsService,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.maxAge = config.get('WIDGET_MAX_AGE', { infer: true });
  }

  @Get(':name')
  @ResultsApi.results()
  async page(@Param('name') name: string, @Query() query: Record<string, unknown>, @Req() request: Request, @Res() response: Response): Promise<void> {
    const [suffix, format] = SUFFIXES.find(([end]) => name.endsWith(end)) ?? ['', 'html' as const];
    const unitCode = name.slice(0, name.length - suffix.length);
    if (!UNIT_CODE_PATTERN.test(unitCode)) throw new NotFoundException(`unit ${quoteForError(unitCode)} does not exist`);
    const rendered = await this.results.render(unitCode, query, format);
    // The page has the period picker, a form sent to this site: its policy lets it.
    response.set(publicHeaders(format, `public, max-age=${this.maxAge}, stale-while-revalidate=${STALE_WHILE_REVALIDATE}`, { forms: true }));
    // The unit and the period in the name: two downloads of two periods never overwrite each other.
    if (format === 'csv') response.set('Content-Disposition', `attachment; filename="${rendered.filename}"`);
    sendCacheable(request, response, rendered, rendered.stale);
  }
}
