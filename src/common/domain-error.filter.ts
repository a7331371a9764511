import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ConflictException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { DomainError, Refusal } from './domain-error';

const EXCEPTION_OF: Record<Refusal, new (body: string | Record<string, unknown>) => HttpException> = {
  invalid: BadRequestException,
  'not-found': NotFoundException,
  conflict: ConflictException,
  forbidden: ForbiddenException,
  'too-large': PayloadTooLargeException,
  unprocessable: UnprocessableEntityException,
  busy: ServiceUnavailableException,
};

/**
 * The HTTP answer of a refusal: the exception a controller would have thrown for it, so the API
 * answers as it always has. A bare message gives Nest's `{ statusCode, message, error }`; a
 * refusal with details gives `{ message, ...details }`, as an exception made from an object does.
 */
export function httpExceptionOf(error: DomainError, said?: { message: string; errors?: string[] }): HttpException {
  const Exception = EXCEPTION_OF[error.refusal];
  const message = said?.message ?? error.message;
  const details = said?.errors ? { ...error.details, errors: said.errors } : error.details;
  return Object.keys(details).length === 0 ? new Exception(message) : new Exception({ message, ...details });
}

/** A refusal as an HTTP exception; anything else as it is (a page's own error handling reads both). */
export function asHttpException(error: unknown): unknown {
  return error instanceof DomainError ? httpExceptionOf(error) : error;
}

/** The seconds a refusal asks the client to wait before sending again (a busy database), or null. */
export function retryAfterOf(error: unknown): number | null {
  const seconds = error instanceof DomainError ? error.details.retryAfterSeconds : undefined;
  return typeof seconds === 'number' ? seconds : null;
}

/** A refusal thrown by a service reaches an HTTP client as its exception would have (see httpExceptionOf). */
@Catch(DomainError)
export class DomainErrorFilter extends BaseExceptionFilter {
  catch(exception: DomainError, host: ArgumentsHost): void {
    const seconds = retryAfterOf(exception);
    if (seconds !== null) host.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>().setHeader('Retry-After', String(seconds));
    super.catch(httpExceptionOf(exception), host);
  }
}
