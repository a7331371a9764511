import { parseRecordTime } from '../common/local-time';
import { quoteForError } from '../common/text';

/**
 * The value conventions of the DVCQG stream (NATIONAL.md §3), read strictly: a value that is not
 * in the convention is an error naming the DVCQG field, never a guess. `""` is empty everywhere.
 */

export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = (reason: string): Read<never> => ({ ok: false, reason });

export const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/;
const ISO_START = /^\d{4}-\d{2}-\d{2}/;

/**
 * `yyyyMMddHHmmss` in Vietnam time (also `yyyyMMdd` and `yyyyMMddHHmm`, which some systems send
 * for dates), or ISO 8601 as our own record takes it: given to the record checker as local ISO
 * text, which then checks that the day and the time are real.
 */
export function readTime(value: unknown): Read<string | null> {
  if (isEmpty(value)) return ok(null);
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return fail('must be a time yyyyMMddHHmmss (e.g. 20250602081500)');
  const trimmed = text.trim();
  const compact = COMPACT.exec(trimmed);
  if (compact) {
    const [, y, mo, d, h, mi, s] = compact;
    return ok(h === undefined ? `${y}-${mo}-${d}` : `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}`);
  }
  if (ISO_START.test(trimmed)) return ok(trimmed);
  return fail(`${quoteForError(text)} is not a time yyyyMMddHHmmss (e.g. 20250602081500) or ISO 8601`);
}

/** A whole number from a number or its digits in a string ("4", 4). */
function wholeNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value)) return Number(value);
  return null;
}

/** TrangThaiHoSo / TrangThai, 1–10. */
export function readStatusCode(value: unknown): Read<number> {
  const code = wholeNumber(value);
  if (code === null || code < 1 || code > 10) return fail(`${isEmpty(value) ? 'is required' : `${quoteForError(value)} is not a status code`}, one of 1–10`);
  return ok(code);
}

/** A code among `allowed`, or null when empty. */
export function readCode(value: unknown, allowed: readonly number[]): Read<number | null> {
  if (isEmpty(value)) return ok(null);
  const code = wholeNumber(value);
  if (code === null || !allowed.includes(code)) return fail(`${quoteForError(value)} is not one of ${allowed.join(', ')}`);
  return ok(code);
}

/** Flags come as 1/0, "1"/"0", true/false or "True"/"False" depending on the system. */
export function readFlag(value: unknown): Read<boolean | null> {
  if (isEmpty(value)) return ok(null);
  if (value === true || value === 1) return ok(true);
  if (value === false || value === 0) return ok(false);
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === '1' || word === 'true') return ok(true);
    if (word === '0' || word === 'false') return ok(false);
  }
  return fail(`${quoteForError(value)} is not 1/0 or true/false`);
}

/**
 * An amount in VND: a number, or its digits in a string. Vietnamese systems group thousands with
 * dots, so "1.000" and "1.250.000" are a thousand and 1,250,000 đồng, as a file import reads
 * them; a dot before one or two last digits ("50000.00") is a decimal point.
 */
export function readAmount(value: unknown): Read<number | null> {
  if (isEmpty(value)) return ok(null);
  if (typeof value === 'number' && Number.isFinite(value)) return ok(value);
  const text = typeof value === 'string' ? value.trim() : null;
  if (text !== null && /^\d{1,3}(?:\.\d{3})+$/.test(text)) return ok(Number(text.replace(/\./g, '')));
  if (text !== null && /^\d+(?:\.\d{1,2})?$/.test(text)) return ok(Number(text));
  return fail(`${quoteForError(value)} is not a number of VND`);
}

/** A text field, trimmed; a number is read as its digits (MaTTHC sent as 1001193, say). */
export function readText(value: unknown): Read<string | null> {
  if (isEmpty(value)) return ok(null);
  if (typeof value === 'string') return ok(value.trim());
  if (typeof value === 'number') return ok(String(value));
  return fail('must be text');
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A step's moment more than a day after `now`, refused as the record refuses such a receipt or
 * result (docs/figures.md §2): a step not yet taken. The lookup shows steps in order of time,
 * so one dated 2199 would stay the dossier's last step on the public page for good.
 */
export function futureProblem(at: Date, now: Date): string | null {
  return at.getTime() > now.getTime() + DAY_MS ? 'is more than one day in the future' : null;
}

/**
 * A step's time as an instant (null when empty): a `moment` (when something happened) may not be
 * more than a day ahead; a deadline given as a date is the end of that day, as the record's
 * NgayHenTra is (docs/figures.md §2).
 */
export function readInstant(value: unknown, kind: 'moment' | 'deadline', now: Date): Read<Date | null> {
  const text = readTime(value);
  if (!text.ok || text.value === null) return text as Read<null>;
  const parsed = parseRecordTime(text.value, kind === 'moment' ? 'start' : 'end');
  if (!parsed.ok) return fail(parsed.reason);
  const future = kind === 'moment' ? futureProblem(parsed.value, now) : null;
  return future ? fail(future) : ok(parsed.value);
}
