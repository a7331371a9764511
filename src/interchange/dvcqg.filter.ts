import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../common/database-errors';
import { DomainError } from '../common/domain-error';
import { retryAfterOf } from '../common/domain-error.filter';
import { httpExceptionOf } from '../common/domain-error.filter';
import { DATABASE_UNAVAILABLE_MESSAGE } from '../http/database-unavailable.filter';
import { DVCQG_BAD_ENVELOPE, DVCQG_NOT_SIGNED_IN } from './dvcqg-answer';

/** Not allowed to write the unit named. */
export const DVCQG_FORBIDDEN = 4;
/** The service cannot answer now (the database is away, or a fault): send again later. */
export const DVCQG_TRY_LATER = 9;

/**
 * Every failure of the DVCQG routes in the shape their senders read, `{error_code, message}`,
 * with the HTTP status it would have had: a sender that only looks at `error_code` still sees
 * a failure, one that looks at the status sees which.
 */
@Catch()
export class DvcqgExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('DVCQG');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const http = exception instanceof DomainError ? httpExceptionOf(exception) : exception;
    if (isDatabaseUnavailable(exception)) {
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({ error_code: DVCQG_TRY_LATER, message: DATABASE_UNAVAILABLE_MESSAGE });
      return;
    }
    if (!(http instanceof HttpException)) {
      // The request body is never logged: it carries the applicant's personal data.
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
      response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ error_code: DVCQG_TRY_LATER, message: 'internal error; send the envelope again later' });
      return;
    }
    const status = http.getStatus();
    const wait = retryAfterOf(exception);
    if (wait !== null) response.setHeader('Retry-After', String(wait));
    const body = http.getResponse();
    const said = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const message = Array.isArray(said) ? said.join('; ') : String(said ?? http.message);
    const code = status === 401 ? DVCQG_NOT_SIGNED_IN : status === 403 ? DVCQG_FORBIDDEN : status >= 500 ? DVCQG_TRY_LATER : DVCQG_BAD_ENVELOPE;
    response.status(status).json({ error_code: code, message });
  }
}
