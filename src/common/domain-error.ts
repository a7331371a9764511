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

/** A sentence of the word store (its dotted key, e.g. `errors.units.exists`) and the values of its slots. */
export interface Phrase {
  key: string;
  values?: Record<string, string | number>;
}

/**
 * How a page says a refusal in its reader's language: the message, and the lines of
 * `details.errors` one for one (null: that line has only its English). The API answers the
 * English `message` and `details` whatever these say.
 */
export interface RefusalWords {
  message?: Phrase;
  errors?: (Phrase | null)[];
}

export class DomainError extends Error {
  constructor(
    readonly refusal: Refusal,
    message: string,
    /** More to say, as fields of the JSON answer (e.g. `errors`, `retryAfterSeconds`). */
    readonly details: Record<string, unknown> = {},
    readonly words: RefusalWords = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The reasons an input is refused, gathered line by line: each in English (the API's `errors`)
 * and, where it has them, in the words a page shows instead.
 */
export class Problems {
  readonly lines: string[] = [];
  readonly phrases: (Phrase | null)[] = [];

  add(line: string, phrase: Phrase | null = null): void {
    this.lines.push(line);
    this.phrases.push(phrase);
  }

  addAll(other: Problems): void {
    this.lines.push(...other.lines);
    this.phrases.push(...other.phrases);
  }

  get length(): number {
    return this.lines.length;
  }

  /** The refusal that lists them: `{ message, errors }` over HTTP. */
  refusal(refusal: Refusal, message: string, phrase?: Phrase): DomainError {
    return new DomainError(refusal, message, { errors: this.lines }, { message: phrase, errors: this.phrases });
  }
}
