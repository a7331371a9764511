import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConsoleRequest, SignInRequired } from './console.guard';
import { FormRefused } from './form-origin';
import { ConsoleViews, consoleLang } from './console-views';
import { CONSOLE_TEXT } from './console-text';

/**
 * Console errors as pages, not JSON: no session → the sign-in page (coming back afterwards);
 * a role or scope refusal → a readable page with status 403; form errors → the message.
 */
@Catch(HttpException)
export class ConsoleExceptionFilter implements ExceptionFilter {
  constructor(private readonly views: ConsoleViews) {}

  catch(exception: HttpException, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request & Partial<ConsoleRequest>>();
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof SignInRequired) {
      response.redirect(303, `/admin/sign-in?next=${encodeURIComponent(exception.next)}`);
      return;
    }
    const lang = consoleLang(request.query?.lang, request.cookies?.tthc_lang);
    if (exception instanceof FormRefused) {
      const heading = CONSOLE_TEXT[lang].formRefused;
      response.status(403).type('html').send(this.views.render('message', { heading, message: CONSOLE_TEXT[lang][exception.reason] }, { staff: request.staff ?? null, lang, title: heading }));
      return;
    }
    const status = exception.getStatus();
    const body = exception.getResponse() as { message?: string | string[]; errors?: string[] } | string;
    const message = typeof body === 'string' ? body : [body.message, ...(body.errors ?? [])].flat().filter(Boolean).join(' · ');
    const heading = status === 403 ? CONSOLE_TEXT[lang].forbidden : status === 404 ? (lang === 'vi' ? 'Không tìm thấy' : 'Not found') : lang === 'vi' ? 'Không thực hiện được' : 'That did not work';
    response.status(status).type('html').send(this.views.render('message', { heading, message }, { staff: request.staff ?? null, lang, title: heading }));
  }
}
