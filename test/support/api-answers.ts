import type { NextFunction, Request, Response } from 'express';
import { RecordedAnswer, isJson } from './openapi-check';

/** Bodies past this are kept cut (and reported as not JSON): no answer of the API comes near it. */
const MAX_KEPT_BODY = 8 * 1024 * 1024;

/**
 * Every answer the app sends, whoever asked (supertest, a browser, another instance's client):
 * an Express middleware the test app puts before everything else, so it sees the body parser's
 * refusals too. Only JSON bodies are kept; of the others the status and content type suffice.
 */
export class AnswerLog {
  readonly answers: RecordedAnswer[] = [];

  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    const chunks: Buffer[] = [];
    let kept = 0;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function' || kept > MAX_KEPT_BODY) return;
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      kept += buffer.length;
      chunks.push(buffer);
    };
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => Response;
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as Response['write'];
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as Response['end'];
    response.on('finish', () => {
      const contentType = String(response.getHeader('content-type') ?? '').split(';')[0].trim().toLowerCase() || null;
      this.answers.push({
        method: request.method,
        path: request.originalUrl.split('?')[0],
        route: routeTemplateOf(request),
        status: response.statusCode,
        contentType,
        body: request.method === 'HEAD' || !isJson(contentType) ? (kept > 0 ? '(body)' : '') : Buffer.concat(chunks).toString('utf8'),
      });
    });
    next();
  };
}

/** Express's route path (`/api/v1/units/:code/stats`) in OpenAPI's words (`/api/v1/units/{code}/stats`). */
function routeTemplateOf(request: Request): string | null {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string') return null;
  return `${request.baseUrl}${path}`.replace(/[:*](\w+)/g, '{$1}');
}

/**
 * What the drift check found in the apps a suite closed, reported once the suite file ends (the
 * afterAll of test/support/check-answers.ts, which runs after every hook of the file's own
 * describe blocks). Not thrown by `close()` itself: a suite's afterAll goes on to close its other
 * apps, its SMTP server and its browser, which a throw would skip, leaving the run hanging.
 */
export class DriftReport {
  private readonly unreported: string[] = [];
  private ended = false;

  /** Keeps the problems of an app just closed for the end of the suite (or throws them, past its end). */
  add(problems: string[]): void {
    if (problems.length === 0) return;
    if (this.ended) throw driftError(problems);
    this.unreported.push(...problems);
  }

  /** Fails the suite with every problem its apps' answers had. */
  end(): void {
    this.ended = true;
    const problems = this.unreported.splice(0);
    if (problems.length > 0) throw driftError(problems);
  }
}

function driftError(problems: string[]): Error {
  const lines = [...new Set(problems)].map((line) => `  ${line}`).join('\n');
  return new Error(`answers that /api/docs-json does not describe (fix the schema in the route's *.api.ts, or the route):\n${lines}`);
}

/** The report of the suite file that is running (jest loads the modules anew for each file). */
export const driftReport = new DriftReport();
