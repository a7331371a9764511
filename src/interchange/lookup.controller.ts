import { ThrottlerGuard } from '@nestjs/throttler';
import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiTags } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { Locale, parseLocale } from '../common/locale';
import { EnvironmentVariables } from '../config/configuration';
import { publicBaseOf, publicHeaders } from '../http/public-headers';
import { LookupAnswer } from './lookup-answer';
import { LookupLinks, loadLookupPage, lookupJson, lookupPageView, notFoundJson } from './lookup-view';
import { LookupService } from './lookup.service';
import { LookupApi } from './lookup.api';

/** Both answers may be cached a minute by browsers and proxies: an open dossier turns overdue within a minute of its deadline. */
export const LOOKUP_CACHE_CONTROL = 'public, max-age=60';

/** The one answer of the JSON route for every code that finds nothing. */
function sendNotFound(response: Response, locale: Locale): void {
  response.set(publicHeaders('json', LOOKUP_CACHE_CONTROL));
  response.status(404).send(JSON.stringify(notFoundJson(locale)));
}

const LOOKUP_CODE_PATH = /^\/api\/v1\/lookup\/(.+)$/i;

/**
 * A code whose percent-encoding is not UTF-8 (`%ED%A0%80`, `%C3%28`, a cut `%E0%A4%A`) would be
 * refused by the router's own decoding with a 400 of its own, which tells "malformed" from
 * "unknown". Such a request is sent on to the route without a code, so it gets the same answer
 * as every code that finds nothing — the same controller, headers, rate limit and all.
 */
export function undecodableLookupCode(request: Request, _response: Response, next: NextFunction): void {
  const code = request.method === 'GET' || request.method === 'HEAD' ? LOOKUP_CODE_PATH.exec(request.path)?.[1] : undefined;
  if (code !== undefined) {
    try {
      decodeURIComponent(code);
    } catch {
      const query = request.url.indexOf('?');
      request.url = `/api/v1/lookup${query < 0 ? '' : request.url.slice(query)}`;
    }
  }
  next();
}

/**
 * The citizen lookup (README "Citizen lookup (/tra-cuu)"): public, limited per address like the
 * widget, safe to show and frame anywhere. Every code that finds nothing (unknown, malformed,
 * another province's) gets one answer, byte for byte.
 */
@ApiTags('lookup')
@Controller()
@UseGuards(ThrottlerGuard)
export class LookupController {
  private readonly render = loadLookupPage();
  private readonly publicBase: string;

  constructor(
    private readonly lookups: LookupService,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.publicBase = publicBaseOf(config);
  }

  @Get('api/v1/lookup/*code')
  @LookupApi.json()
  async json(@Param('code') code: unknown, @Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    const locale = parseLocale(lang);
    // Express 5 gives a wildcard's path segments as a list: `a/b` is one code with a slash.
    const answer = await this.lookups.lookup(Array.isArray(code) ? code.join('/') : String(code ?? ''));
    if (answer === null) return sendNotFound(response, locale);
    response.set(publicHeaders('json', LOOKUP_CACHE_CONTROL));
    response.status(200).send(JSON.stringify(lookupJson(answer, locale)));
  }

  /** `/api/v1/lookup/` without a code answers as a code that finds nothing. */
  @Get('api/v1/lookup')
  @LookupApi.noCode()
  noCode(@Query('lang') lang: unknown, @Res() response: Response): void {
    sendNotFound(response, parseLocale(lang));
  }

  @Get('tra-cuu')
  @LookupApi.page()
  async page(@Query('ma') code: unknown, @Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    const locale = parseLocale(lang);
    const found = code === undefined ? 'no-code' : await this.lookups.lookup(typeof code === 'string' ? code : '');
    const body = this.render(lookupPageView(found, locale, this.links(found, locale)));
    response.set(publicHeaders('html', LOOKUP_CACHE_CONTROL, { forms: true }));
    response.status(found === null ? 404 : 200).send(body);
  }

  private links(found: LookupAnswer | null | 'no-code', lang: Locale): LookupLinks {
    const code = found !== null && found !== 'no-code' ? found.code : null;
    const other: Locale = lang === 'vi' ? 'en' : 'vi';
    const pageQuery = new URLSearchParams([...(code === null ? [] : [['ma', code]]), ...(other === 'vi' ? [] : [['lang', other]])]).toString();
    const langQuery = lang === 'vi' ? '' : `?lang=${lang}`;
    return {
      otherLanguage: `${this.publicBase}/tra-cuu${pageQuery === '' ? '' : `?${pageQuery}`}`,
      json: code === null ? null : `${this.publicBase}/api/v1/lookup/${encodeURIComponent(code)}${langQuery}`,
    };
  }
}
