/**
 * What a refusal is in the domain's terms, whoever asked: an HTTP controller maps it to a status
 * (setup-app's filter), the command line to an exit code and a line on stderr. A service throws
 * these and never knows it is behind HTTP.
 */
export type Refusal =
  /** The input is wrong (a record, a parameter, a form): 400. */
  | 'invalid'
  /** What was named does not exist, or the caller may not know it does: 404. */
  | 'not-found'
  /** It exists but the act clashes with what is stored (a duplicate, a stale state): 409. */
  | 'conflict'
  /** The caller is known but may not do this: 403. */
  | 'forbidden'
  /** The input is past a bound (a file, a field): 413. */
  | 'too-large'
  /** Well formed, but it names what is not there (a parent unit that does not exist): 422. */
  | 'unprocessable'
  /** The service cannot take it now (a full queue): 503, to be tried again. */
  | 'busy';

export class DomainError extends Error {
  constructor(
    readonly refusal: Refusal,
    message: string,
    /** More to say, as fields of the JSON answer (e.g. `errors`, `retryAfterSeconds`). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
