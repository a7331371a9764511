import { HttpException } from '@nestjs/common';
import { DomainError, Refusal } from '../common/domain-error';

/**
 * How a command that could not run ends: one place for every command. The usage text promises
 * exit code 2 when a command could not run (1 is an import that refused rows, 0 success), so
 * every refusal is 2 today; this table is where one would get a code of its own.
 */
const EXIT_CODES: Record<Refusal, number> = {
  invalid: 2,
  'not-found': 2,
  conflict: 2,
  forbidden: 2,
  'too-large': 2,
  busy: 2,
  unprocessable: 2,
};

/** An exception that is neither a refusal nor an HTTP answer: a file that cannot be read, a database that does not answer. */
export const CANNOT_RUN = 2;

/** Writes why to stderr (after `prefix`) and answers the exit code. */
export function reportFailure(error: unknown, prefix = ''): number {
  process.stderr.write(`${prefix}${reasonOf(error)}\n`);
  return exitCodeOf(error);
}

export function exitCodeOf(error: unknown): number {
  return error instanceof DomainError ? EXIT_CODES[error.refusal] : CANNOT_RUN;
}

/** The refusal's list of problems, one a line, when it has one; otherwise its message. */
export function reasonOf(error: unknown): string {
  if (error instanceof DomainError) {
    const problems = error.details.errors;
    return Array.isArray(problems) ? problems.join('\n') : error.message;
  }
  // Services not yet speaking in refusals still throw Nest's HTTP exceptions: read their
  // answer the way the command line always has, until the last of them is converted.
  if (error instanceof HttpException) {
    const answer = error.getResponse() as { errors?: unknown; message?: unknown } | string;
    if (typeof answer === 'object' && answer !== null) {
      if (Array.isArray(answer.errors)) return answer.errors.join('\n');
      if (answer.message !== undefined) return String(answer.message);
    }
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
