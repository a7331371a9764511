import { ArgumentsHost, Catch, HttpServer, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { consoleLanguage } from '../i18n/console-language';
import { wordsOf } from '../i18n/i18n';
import { Locale } from '../common/locale';
import { setsPublicHeaders } from './public-headers';
import { DATABASE_RETRY_AFTER_SECONDS, databaseErrorReason, isDatabaseUnavailable } from '../common/database-errors';

/** The JSON message: the API speaks English, like its other errors. */
export const DATABASE_UNAVAILABLE_MESSAGE = `the database is temporarily unavailable; retry in ${DATABASE_RETRY_AFTER_SECONDS} seconds`;

/** Renders a console page for an error (the staff console's own layout); null: plain HTML. */
export type ErrorPageRenderer = (request: Request, heading: string, message: string) => string | null;

/** At most one log line per this many ms while the database is away: load must not flood the log. */
const LOG_EVERY_MS = 10_000;

/**
 * Every request that failed because the database cannot be reached answers 503 with
 * Retry-After and a clear message — a console page, a widget page or JSON — instead of a 500
 * with a stack. Every other error goes on to Nest's default handling unchanged.
 */
@Catch()
export class DatabaseUnavailableFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Database');
  private lastLogAt = 0;

  constructor(
    httpAdapter: HttpServer,
    private readonly consolePage: ErrorPageRenderer = () => null,
  ) {
    super(httpAdapter);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http' || !isDatabaseUnavailable(exception)) return super.catch(exception, host);
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    this.log(exception);
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(HttpStatus.SERVICE_UNAVAILABLE);
    response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    response.setHeader('Cache-Control', 'no-store');
    const path = request.path ?? '';
    // The console's language (its cookie only reaches /admin); a widget page's is its ?lang=.
    const lang = consoleLanguage(request);
    const text = wordsOf(lang, 'errors').databaseUnavailable;
    if (path === '/admin' || path.startsWith('/admin/')) {
      const page = this.consolePage(request, text.heading, text.message);
      response.type('html').send(page ?? plainPage(lang));
      return;
    }
    if (setsPublicHeaders(path)) {
      // Portals frame the widget and the lookup page and read the widget's JSON from other origins: keep that possible.
      response.setHeader('Access-Control-Allow-Origin', '*');
      response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      // A page gets a page; the JSON and the CSV (a client reading data) the JSON answer.
      if (!path.endsWith('.json') && !path.endsWith('.csv')) {
        response.type('html').send(plainPage(lang));
        return;
      }
    }
    response.json({
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      error: 'Service Unavailable',
      message: DATABASE_UNAVAILABLE_MESSAGE,
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    });
  }

  private log(exception: unknown): void {
    const now = Date.now();
    if (now - this.lastLogAt < LOG_EVERY_MS) return;
    this.lastLogAt = now;
    this.logger.warn(`database unavailable (${databaseErrorReason(exception)}): answering 503 with Retry-After ${DATABASE_RETRY_AFTER_SECONDS}`);
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small page that stands alone (no stylesheet, no script): it also fits inside the widget's iframe. */
function plainPage(lang: Locale): string {
  const first = wordsOf(lang, 'errors').databaseUnavailable;
  const second = wordsOf(lang === 'vi' ? 'en' : 'vi', 'errors').databaseUnavailable;
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(first.heading)}</title></head>`,
    '<body style="font-family: sans-serif; margin: 1em;">',
    `<h1 style="font-size: 1.1em;">${escapeHtml(first.heading)}</h1><p>${escapeHtml(first.message)}</p>`,
    `<p lang="${lang === 'vi' ? 'en' : 'vi'}" style="color: #555;">${escapeHtml(second.heading)}. ${escapeHtml(second.message)}</p>`,
    '</body></html>',
  ].join('');
}
