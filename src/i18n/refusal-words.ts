import { DomainError, Phrase, Problems } from '../common/domain-error';
import { Locale } from '../common/locale';
import { OUTSIDE_THE_RANGE, localDateProblem } from '../common/local-time';
import { quoteForError, textFault } from '../common/text';
import { ERRORS_VI } from './errors.vi';
import { WordArguments, WordKey, fill, lookup } from './i18n';

/** A refusal's sentence in the store, checked like t(): the key exists, its slots get values. */
export function phrase<K extends WordKey>(key: K, ...values: WordArguments<K>): Phrase {
  return values.length === 0 ? { key } : { key, values: values[0] as Record<string, string | number> };
}

/**
 * A refusal as a console page shows it. English pages show the service's own English, exactly
 * as the API answers it. Other languages show the sentence in their words, followed by that
 * English in brackets: the field names and quoted values in it are what the API, its
 * documentation and the import files call them, and staff quote that line when they ask for
 * help. A line without words keeps its English alone.
 */
export function refusalIn(lang: Locale, error: DomainError): { message: string; errors?: string[] } {
  const errors = Array.isArray(error.details.errors) ? (error.details.errors as string[]) : undefined;
  if (lang === 'en') return { message: error.message, errors };
  return {
    message: said(lang, error.words.message, error.message),
    errors: errors?.map((line, index) => said(lang, error.words.errors?.[index] ?? undefined, line)),
  };
}

function said(lang: Locale, words: Phrase | undefined, english: string): string {
  const sentence = words ? lookup(lang, words.key) : undefined;
  if (sentence === undefined) return english;
  return `${fill(sentence, words?.values ?? {})} (${english})`;
}

/** The reasons of a form, one line each, as a page in `lang` shows them (see refusalIn). */
export function linesIn(lang: Locale, problems: Problems): string[] {
  if (lang === 'en') return [...problems.lines];
  return problems.lines.map((line, index) => said(lang, problems.phrases[index] ?? undefined, line));
}

/** The fields whose text is checked to be valid UTF-8 (common/text.ts), by their words in `errors.text`. */
export type TextField = keyof typeof ERRORS_VI.text;

/**
 * The words of textProblem's line for `text` given as `field`, or none when the text is valid:
 * the place of the fault is said as a character count, as the English says it.
 */
export function textPhrase(field: TextField, text: string, values: Record<string, string | number> = {}): Phrase | undefined {
  const fault = textFault(text);
  return fault ? { key: `errors.text.${field}`, values: { ...values, at: fault.at } } : undefined;
}

/**
 * The words of localDateProblem's line for `value` given as `field`, or none when it is a date
 * the service takes. The value is quoted as the English quotes it.
 */
export function datePhrase(field: keyof typeof ERRORS_VI.dates, value: unknown): Phrase | undefined {
  const problem = localDateProblem(value);
  if (problem === null) return undefined;
  const outside = problem.endsWith(OUTSIDE_THE_RANGE);
  return { key: `errors.dates.${field}.${outside ? 'outOfRange' : 'invalid'}`, values: { value: outside ? String(value) : quoteForError(value) } };
}
