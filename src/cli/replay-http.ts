import { DVCQG_BAD_ENVELOPE, DvcqgAnswer } from '../interchange/dvcqg-answer';

/** What sends one envelope and answers as the service does; throws when the replay must stop. */
export type EnvelopeSender = (envelope: Record<string, unknown>) => Promise<DvcqgAnswer>;

/** The replay cannot go on (a refused key, no such endpoint, a service away too long). */
export class SenderStopped extends Error {}

export interface HttpSenderOptions {
  /** The service's base address; the envelopes go to `<base>/api/v1/dvcqg`. */
  base: URL;
  key: string;
  /** Tries of one envelope while the service is away or overloaded, the first one included. */
  tries?: number;
  /** Injected by specs. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

const TRIES = 6;
/** 1, 2, 4, 8, 16 s between tries: half a minute for a restart, then the replay stops. */
const FIRST_DELAY_MS = 1000;
/** A Retry-After longer than this is not waited for whole. */
const MAX_DELAY_MS = 60_000;
/** An answer taking longer is taken as lost and the envelope sent again (a resend is harmless: it comes back unchanged). */
const ANSWER_TIMEOUT_MS = 300_000;
/** Answers that mean the replay is pointed at the wrong place or with the wrong key: every line would fail alike. */
const STOPS = new Set([401, 403, 404, 405]);
/** Longest part of an answer's message kept for the summary (an answer is the service's, but may be a proxy's page). */
const MESSAGE_CHARS = 500;

/** Where the envelopes of `base` go. */
export function endpointOf(base: URL): URL {
  // The path is set on the base's own host: resolving "//x/api/…" against it would change host.
  const endpoint = new URL(base.href);
  endpoint.pathname = `${base.pathname.replace(/\/+$/, '')}/api/v1/dvcqg`;
  endpoint.search = '';
  endpoint.hash = '';
  return endpoint;
}

/**
 * Sends each envelope to a running service as a provincial system would, with the replay's key
 * as `Authorization: Bearer` (the envelope carries no session). 429, a 5xx, a lost connection or
 * no answer in time are tried again after a wait that doubles (or the service's Retry-After);
 * past the last try, and at once on 401, 403, 404 or 405, the replay stops. Any other answer is
 * the envelope's: a DVCQG answer, or a refusal of the line (400 bad envelope, 413 too large).
 */
export function httpSender(options: HttpSenderOptions): EnvelopeSender {
  const endpoint = endpointOf(options.base);
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const tries = options.tries ?? TRIES;
  return async (envelope) => {
    const body = JSON.stringify(envelope);
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await doFetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${options.key}` },
          body,
          signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
        });
      } catch (error) {
        if (attempt >= tries) throw new SenderStopped(`${endpoint.origin} does not answer (${networkReason(error)}), ${tries} tries`);
        await sleep(delayBefore(attempt + 1, null));
        continue;
      }
      const { dvcqg, said } = await readAnswer(response);
      const status = `${response.status}${said ? `: ${said}` : ''}`;
      if (STOPS.has(response.status)) throw new SenderStopped(`${endpoint.origin} answered ${status}`);
      if (response.status === 429 || response.status >= 500) {
        if (attempt >= tries) throw new SenderStopped(`${endpoint.origin} answered ${status} (${tries} tries)`);
        await sleep(delayBefore(attempt + 1, response.headers.get('retry-after')));
        continue;
      }
      if (dvcqg) return dvcqg;
      if (response.ok) throw new SenderStopped(`${endpoint.href} answers, but not as the DVCQG endpoint does: is --url the service's address?`);
      // Not the DVCQG filter's answer (the body parser's 413, a proxy's 4xx): a refusal of the line.
      return { error_code: DVCQG_BAD_ENVELOPE, message: `HTTP ${status}` };
    }
  };
}

/** The wait before try `attempt` (2, 3, …): doubling from 1 s, or the service's Retry-After when longer, never over a minute. */
export function delayBefore(attempt: number, retryAfter: string | null): number {
  const doubling = FIRST_DELAY_MS * 2 ** (attempt - 2);
  const asked = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter.trim()) * 1000 : 0;
  return Math.min(Math.max(doubling, asked), MAX_DELAY_MS);
}

/**
 * The answer as the DVCQG filter writes it, `{error_code, message, result}`, and its message;
 * a body that is not JSON (a proxy's page) is never printed: only the status names it.
 */
async function readAnswer(response: Response): Promise<{ dvcqg: DvcqgAnswer | null; said: string }> {
  const text = await response.text().catch(() => '');
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: named by its status.
  }
  const given = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  const message = Array.isArray(given.message) ? given.message.join('; ') : typeof given.message === 'string' ? given.message : '';
  const said = message.length > MESSAGE_CHARS ? `${message.slice(0, MESSAGE_CHARS)}…` : message;
  return { dvcqg: typeof given.error_code === 'number' ? ({ ...given, message: said } as unknown as DvcqgAnswer) : null, said };
}

/** Why a request got no answer: Node's fetch puts the socket's code (or its words) in `cause`. */
function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer in ${ANSWER_TIMEOUT_MS / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
