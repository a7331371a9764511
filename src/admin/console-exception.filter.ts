import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { httpExceptionOf } from '../common/domain-error.filter';
import { Locale } from '../common/locale';
import { refusalIn } from '../i18n/refusal-words';
import type { Request, Response } from 'express';
import { ConsoleRequest, SignInRequired } from './console.guard';
import { FormRefused } from './form-origin';
import { ConsoleViews } from './console-views';
import { consoleLanguage } from '../i18n/console-language';
import { t, wordsOf } from '../i18n/i18n';

/**
 * Console errors as pages, not JSON: no session → the sign-in page (coming back afterwards);
 * a role or scope refusal → a readable page with status 403; form errors → the message.
 */
@Catch(HttpException, DomainError)
export class ConsoleExceptionFilter implements ExceptionFilter {
  constructor(private readonly views: ConsoleViews) {}

  catch(thrown: HttpException | DomainError, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request & Partial<ConsoleRequest>>();
    const response = host.switchToHttp().getResponse<Response>();
    const lang = consoleLanguage(request);
    const exception = consoleException(thrown, lang) as HttpException;
    if (exception instanceof SignInRequired) {
      response.redirect(303, `/admin/sign-in?next=${encodeURIComponent(exception.next)}`);
      return;
    }
    if (exception instanceof FormRefused) {
      const heading = t(lang, 'console.formRefused');
      response.status(403).type('html').send(this.views.render('message', { heading, message: wordsOf(lang, 'console')[exception.reason] }, { staff: request.staff ?? null, lang, title: heading }));
      return;
    }
    const status = exception.getStatus();
    const body = exception.getResponse() as { message?: string | string[]; errors?: string[] } | string;
    const message = typeof body === 'string' ? body : [body.message, ...(body.errors ?? [])].flat().filter(Boolean).join(' · ');
    const heading = t(lang, status === 403 ? 'console.forbidden' : status === 404 ? 'console.notFound' : 'console.failed');
    response.status(status).type('html').send(this.views.render('message', { heading, message }, { staff: request.staff ?? null, lang, title: heading }));
  }
}

/**
 * A service's refusal as the HTTP exception it stands for, its message and reasons in the
 * console's language (refusal-words.ts); anything else as it is.
 */
export function consoleException(thrown: unknown, lang: Locale): unknown {
  return thrown instanceof DomainError ? httpExceptionOf(thrown, refusalIn(lang, thrown)) : thrown;
}
