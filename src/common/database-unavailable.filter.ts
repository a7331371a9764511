import { ArgumentsHost, Catch, HttpServer, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DATABASE_RETRY_AFTER_SECONDS, databaseErrorReason, isDatabaseUnavailable } from './database-errors';

export const DATABASE_UNAVAILABLE_TEXT = {
  vi: {
    heading: 'Tạm thời không truy cập được cơ sở dữ liệu',
    message: 'Máy chủ cơ sở dữ liệu đang tạm ngừng hoặc khởi động lại. Vui lòng thử lại sau vài giây; dữ liệu đã lưu không bị mất.',
  },
  en: {
    heading: 'The database is temporarily unavailable',
    message: 'The database server is stopped or restarting. Please try again in a few seconds; stored data is not lost.',
  },
} as const;

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
    const lang = requestLang(request);
    const text = DATABASE_UNAVAILABLE_TEXT[lang];
    if (path === '/admin' || path.startsWith('/admin/')) {
      const page = this.consolePage(request, text.heading, text.message);
      response.type('html').send(page ?? plainPage(lang));
      return;
    }
    if (path.startsWith('/widget/')) {
      // Portals frame the widget and read its JSON from other origins: keep that possible.
      response.setHeader('Access-Control-Allow-Origin', '*');
      response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      if (!path.endsWith('.json')) {
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

function requestLang(request: Request): 'vi' | 'en' {
  const asked = request.query?.lang ?? (request as Request & { cookies?: Record<string, string> }).cookies?.tthc_lang;
  return asked === 'en' ? 'en' : 'vi';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small page that stands alone (no stylesheet, no script): it also fits inside the widget's iframe. */
function plainPage(lang: 'vi' | 'en'): string {
  const first = DATABASE_UNAVAILABLE_TEXT[lang];
  const second = DATABASE_UNAVAILABLE_TEXT[lang === 'vi' ? 'en' : 'vi'];
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
