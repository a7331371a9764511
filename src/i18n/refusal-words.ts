import { DomainError, Phrase } from '../common/domain-error';
import { Locale } from '../common/locale';
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
