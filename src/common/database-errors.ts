/**
 * Tells "the database cannot be reached right now" apart from every other failure: a server
 * stopped, restarting, out of connections or behind a broken network answers 503 with
 * Retry-After (the caller may simply try again), never a 500.
 */

/** Seconds a client is asked to wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Codes of mysql2 (and of Node's sockets beneath it) that mean "unreachable", not "wrong query". */
const UNAVAILABLE_CODES = new Set([
  // Sockets: refused, reset, timed out, network or name resolution gone.
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  // mysql2's protocol layer: the server closed the connection, or it was already dead.
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  // The server's own answers while stopping, starting or full.
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_CONNECTION_KILLED',
  'ER_QUERY_INTERRUPTED',
  'ER_CLIENT_INTERACTION_TIMEOUT',
  'CR_CONNECTION_ERROR',
  'CR_CONN_HOST_ERROR',
  'CR_SERVER_GONE_ERROR',
  'CR_SERVER_LOST',
]);

/** The same failures by MySQL/MariaDB error number, for drivers that give only the number. */
const UNAVAILABLE_ERRNOS = new Set([1040, 1053, 1203, 1317, 1927, 2002, 2003, 2006, 2013, 4031]);

/** Messages of failures that carry no code (mysql2 on a connection it already knows is dead). */
const UNAVAILABLE_MESSAGES = [/in closed state/i, /connection lost/i, /pool is full/i, /queue limit reached/i];

/**
 * True when `error` — a mysql2 error, or a TypeORM wrapper (QueryFailedError, a transaction
 * error…) carrying one as `driverError` or `cause` — says the database cannot be reached.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return errorChain(error).some((candidate) => {
    if (typeof candidate.code === 'string' && UNAVAILABLE_CODES.has(candidate.code)) return true;
    if (typeof candidate.errno === 'number' && UNAVAILABLE_ERRNOS.has(candidate.errno)) return true;
    if (typeof candidate.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(candidate.message as string))) return true;
    // mysql2 marks as fatal every error after which the connection is unusable (network, protocol).
    return candidate.fatal === true && typeof candidate.code !== 'string';
  });
}

/** What a failure and the errors it wraps say of themselves. */
export interface ChainedError {
  code?: unknown;
  errno?: unknown;
  fatal?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

/**
 * `error` and the errors it wraps, outermost first: wrappers nest (TypeORM's QueryFailedError →
 * `driverError`, an Error → `cause`), so a few levels are followed, each object once.
 */
export function errorChain(error: unknown): ChainedError[] {
  const chain: ChainedError[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object' && !chain.includes(current as ChainedError); depth++) {
    chain.push(current as ChainedError);
    current = (current as ChainedError).driverError ?? (current as ChainedError).cause;
  }
  return chain;
}

/** A short reason for logs and messages: the code when there is one, else the message. */
export function databaseErrorReason(error: unknown): string {
  const coded = errorChain(error).find((candidate) => typeof candidate.code === 'string');
  if (coded) return coded.code as string;
  return error instanceof Error ? error.message : String(error);
}
