import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MAX_BODY_DEPTH, depthBeyond } from '../http/body-depth';
import { DVCQG_BAD_ENVELOPE } from './dvcqg-answer';
import { DVCQG_TRY_LATER } from './dvcqg.filter';

/** Where the DVCQG envelope and its login are posted (dvcqg.controller.ts). */
export const DVCQG_PATH = '/api/v1/dvcqg';

/**
 * A body the DVCQG routes cannot read — not JSON, larger than the body limit, nested too deep —
 * is refused before the routes' own filter can see it, by the body parser or the depth check
 * every route shares. These answer it on the DVCQG paths as their senders read every failure,
 * `{error_code, message}` with the HTTP status, and never quote the body: it carries the
 * applicant's personal data. Mounted on DVCQG_PATH after the body parsers (setup-app.ts).
 */
export function dvcqgUnreadableBody(limit: string) {
  return (error: unknown, request: Request, response: Response, next: NextFunction): void => {
    const failure = error as { status?: unknown; type?: unknown };
    const status = typeof failure?.status === 'number' && failure.status >= 400 && failure.status < 600 ? failure.status : 500;
    if (response.headersSent) return next(error);
    if (status >= 500) new Logger('DVCQG').error(error instanceof Error ? (error.stack ?? error.message) : String(failure?.type));
    const message =
      failure?.type === 'entity.parse.failed'
        ? 'the body is not valid JSON: send the envelope {session, madonvi, service, isUpdating, data} as JSON'
        : failure?.type === 'entity.too.large'
          ? `the body is larger than ${limit}; send the records in several requests`
          : status < 500
            ? 'the body could not be read; send the envelope as JSON in UTF-8'
            : 'internal error; send the envelope again later';
    response.status(status).json({ error_code: status < 500 ? DVCQG_BAD_ENVELOPE : DVCQG_TRY_LATER, message });
  };
}

/** refuseDeepBodies (http/body-depth.ts) in the DVCQG shape. */
export function dvcqgDeepBody(request: Request, response: Response, next: NextFunction): void {
  if (request.body !== null && typeof request.body === 'object' && depthBeyond(request.body, MAX_BODY_DEPTH)) {
    response.status(400).json({ error_code: DVCQG_BAD_ENVELOPE, message: `body: nested more than ${MAX_BODY_DEPTH} levels deep` });
    return;
  }
  next();
}
