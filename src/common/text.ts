import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * The form in which Vietnamese headings and words are compared: accents, case, punctuation and
 * spacing vary between exporting systems ("Mã hồ sơ", "MÃ HỒ SƠ", "Ma ho so (*)", NFC or NFD),
 * the words do not. NFD, combining marks stripped, đ → d, lower case, every run of other
 * characters → one space, trimmed: "Ngày  tiếp nhận (*)" → "ngay tiep nhan". "Ð" (U+00D0), which
 * text converted from the old TCVN3 fonts often has in place of "Đ", is a d too.
 */
export function plainText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐðÐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Text from outside: well-formed, and quoted in errors only in part

/** U+FFFD, what a decoder puts in place of bytes that are not UTF-8. */
const REPLACEMENT_CHARACTER = '\uFFFD';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isWellFormed: (text: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (text) => (text as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (text) => !LONE_SURROGATE.test(text);

/** Why text cannot be stored, with the place of its first fault (1 = the first character). */
export interface TextFault {
  reason: string;
  at: number;
}

/**
 * Why `text` cannot be stored as text, or null when it can: an unpaired UTF-16 surrogate (a
 * JSON `"\ud800"`, which SQLite would write as bytes that are not UTF-8 and MySQL refuses), or
 * U+FFFD, which the readers of CSV, XLSX and JSON bodies put where the bytes were not UTF-8 (so
 * the value is already damaged; no Vietnamese text has it). The reason names the first fault
 * and its place, never the text: `is not valid UTF-8 text (a lone surrogate U+D800 at character 5)`.
 */
export function textProblem(text: string): string | null {
  return textFault(text)?.reason ?? null;
}

/** textProblem's fault with its place apart, for a page that says it in other words. */
export function textFault(text: string): TextFault | null {
  if (!isWellFormed(text)) {
    const at = LONE_SURROGATE.exec(text)!.index;
    const unit = text.charCodeAt(at).toString(16).toUpperCase();
    return { reason: `is not valid UTF-8 text (a lone surrogate U+${unit} at character ${at + 1})`, at: at + 1 };
  }
  const replaced = text.indexOf(REPLACEMENT_CHARACTER);
  if (replaced !== -1) {
    return { reason: `is not valid UTF-8 text (U+FFFD, left where bytes were not UTF-8, at character ${replaced + 1})`, at: replaced + 1 };
  }
  return null;
}

const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** `text` with each unpaired surrogate replaced by U+FFFD, which textProblem then refuses by name. */
export function withoutLoneSurrogates(text: string): string {
  return isWellFormed(text) ? text : text.replace(LONE_SURROGATES, REPLACEMENT_CHARACTER);
}

/**
 * `text` cut to at most `max` UTF-16 code units, for a column of bounded length, without cutting
 * a surrogate pair in half: `slice` would leave the high half of an emoji at the end, a lone
 * surrogate that SQLite stores as bytes that are not UTF-8 (and MySQL refuses).
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** How many characters of a rejected value an error message shows. */
export const QUOTE_LIMIT = 60;

/** Characters an error shows escaped: C0/C1 controls, DEL, bidirectional and line-separator marks. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A value from outside as an error message shows it: at most `limit` characters (then `…` and
 * the value's full length), with control and invisible characters and lone surrogates written as
 * `\n`, `\u0000`, `\uD800`, so a 1 MB value is not echoed whole and a message is itself valid text
 * that prints on one line. Non-strings are shown as JSON.
 */
export function textForError(value: unknown, limit = QUOTE_LIMIT): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  let shown = '';
  let index = 0;
  for (; index < text.length && shown.length < limit; index++) {
    const unit = text.charCodeAt(index);
    const char = text[index];
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        shown += char + text[++index];
        continue;
      }
    }
    if ((unit >= 0xd800 && unit <= 0xdfff) || INVISIBLE.test(char)) {
      shown += SHORT_ESCAPES[char] ?? `\\u${unit.toString(16).toUpperCase().padStart(4, '0')}`;
    } else {
      shown += char;
    }
  }
  return index < text.length ? `${shown}…(${text.length} characters)` : shown;
}

/** `textForError` in double quotes: `"Đang xử lý"`, `"xxxx…(1048576 characters)"`. */
export function quoteForError(value: unknown, limit = QUOTE_LIMIT): string {
  return typeof value === 'string' ? `"${textForError(value, limit)}"` : textForError(value, limit);
}

/**
 * class-validator's form of `textProblem` for request DTOs: a string property that is not valid
 * text answers 400 `name: is not valid UTF-8 text (…)`. Other types pass (IsString says so).
 */
export function IsWellFormedText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWellFormedText',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || textProblem(value) === null,
        defaultMessage: (args) => `${args?.property ?? 'value'}: ${typeof args?.value === 'string' ? textProblem(args.value) : 'is not valid UTF-8 text'}`,
      },
    },
    options,
  );
}
