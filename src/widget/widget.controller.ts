import { ThrottlerGuard } from '@nestjs/throttler';
import { Controller, Get, NotFoundException, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { quoteForError } from '../common/text';
import { EnvironmentVariables } from '../config/configuration';
import { UNIT_CODE_PATTERN } from '../units/units.dto';
import { SCRIPT_MAX_AGE, WidgetResource, sendCacheable, strongEtag, widgetHeaders } from './widget-http';
import { EMBED_JS, RESIZE_JS } from './widget-scripts';
import { WidgetApi } from './widget.api';
import { RenderedWidget, WidgetFormat, WidgetService } from './widget.service';

/** Names under /widget/ that are files, not units: a unit with such a code has no widget. */
const SCRIPTS: Record<string, RenderedWidget> = {
  'embed.js': { body: EMBED_JS, etag: strongEtag(EMBED_JS) },
  'resize.js': { body: RESIZE_JS, etag: strongEtag(RESIZE_JS) },
};

const JSON_SUFFIX = '.json';

/**
 * The public widget (docs/figures.md §6–7). One `:name` route serves `embed.js`, `resize.js`,
 * `{unit}.json` and `{unit}`: Express 5's path syntax has no reliable `:unit.json`.
 */
@ApiTags('widget')
@Controller('widget')
@UseGuards(ThrottlerGuard)
export class WidgetController {
  private readonly maxAge: number;

  constructor(
    private readonly widgets: WidgetService,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.maxAge = config.get('WIDGET_MAX_AGE', { infer: true });
  }

  @Get(':name')
  @WidgetApi.widget()
  async widget(
    @Param('name') name: string,
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const script = Object.hasOwn(SCRIPTS, name) ? SCRIPTS[name] : undefined;
    if (script) return this.send(request, response, 'script', script, SCRIPT_MAX_AGE);
    const json = name.endsWith(JSON_SUFFIX);
    const unitCode = json ? name.slice(0, -JSON_SUFFIX.length) : name;
    return this.render(request, response, unitCode, query, json ? 'json' : 'html');
  }

  @Get(':unit/detail')
  @WidgetApi.detail()
  async detail(
    @Param('unit') unitCode: string,
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.render(request, response, unitCode, query, 'detail');
  }

  private async render(
    request: Request,
    response: Response,
    unitCode: string,
    query: Record<string, unknown>,
    format: WidgetFormat,
  ): Promise<void> {
    if (!UNIT_CODE_PATTERN.test(unitCode)) throw new NotFoundException(`unit ${quoteForError(unitCode)} does not exist`);
    const rendered = await this.widgets.render(unitCode, query, format);
    this.send(request, response, format === 'json' ? 'json' : 'html', rendered, this.maxAge, rendered.stale);
  }

  private send(request: Request, response: Response, resource: WidgetResource, rendered: RenderedWidget, maxAge: number, stale = false): void {
    response.set(widgetHeaders(resource, maxAge));
    sendCacheable(request, response, rendered, stale);
  }
}

