import { Locale } from '../common/locale';
import { CONSOLE_EN } from './console.en';
import { CONSOLE_VI } from './console.vi';
import { DASHBOARD_EN } from './dashboard.en';
import { DASHBOARD_VI } from './dashboard.vi';
import { DRILLDOWN_EN } from './drilldown.en';
import { DRILLDOWN_VI } from './drilldown.vi';
import { ERRORS_EN } from './errors.en';
import { ERRORS_VI } from './errors.vi';
import { LOOKUP_EN } from './lookup.en';
import { LOOKUP_VI } from './lookup.vi';
import { REPORT_EN } from './report.en';
import { RESULTS_EN } from './results.en';
import { RESULTS_VI } from './results.vi';
import { REPORT_VI } from './report.vi';
import { SCORECARD_EN } from './scorecard.en';
import { SCORECARD_VI } from './scorecard.vi';
import { WIDGET_EN } from './widget.en';
import { WIDGET_VI } from './widget.vi';
import { WORK_EN } from './work.en';
import { WORK_VI } from './work.vi';
import { Placeholders, WordAt, WordPath, Words } from './words';

/**
 * Every word shown to people, by area. An area is one `<area>.vi.ts` (the source) and one
 * `<area>.en.ts` typed against it; a new area (the scorecard's, say) is one more line in
 * each of these two objects.
 */
const VI = {
  console: CONSOLE_VI,
  work: WORK_VI,
  dashboard: DASHBOARD_VI,
  widget: WIDGET_VI,
  errors: ERRORS_VI,
  report: REPORT_VI,
  lookup: LOOKUP_VI,
  drilldown: DRILLDOWN_VI,
  scorecard: SCORECARD_VI,
  results: RESULTS_VI,
} as const;

const EN: Words<typeof VI> = {
  console: CONSOLE_EN,
  work: WORK_EN,
  dashboard: DASHBOARD_EN,
  widget: WIDGET_EN,
  errors: ERRORS_EN,
  report: REPORT_EN,
  lookup: LOOKUP_EN,
  drilldown: DRILLDOWN_EN,
  scorecard: SCORECARD_EN,
  results: RESULTS_EN,
};

type Source = typeof VI;
export type Area = keyof Source;
/** The words of one area in one locale, as a page template reads them (`{{w.upload}}`). */
export type AreaWords<A extends Area> = Words<Source[A]>;
export type WordKey = WordPath<Source>;
/** The `{{name}}` slots of a sentence's Vietnamese source. */
export type WordSlots<K extends WordKey> = Placeholders<WordAt<Source, K>>;
/** The values a sentence needs: one per slot. */
export type WordValues<K extends WordKey> = Record<WordSlots<K>, string | number>;
/** Nothing more for a sentence without slots, its values for one with them. */
export type WordArguments<K extends WordKey> = WordSlots<K> extends never ? [] : [WordValues<K>];

const STORE: Record<Locale, Words<Source>> = { vi: VI, en: EN };

/** An area's table, for a template that picks its words itself. */
export function wordsOf<A extends Area>(locale: Locale, area: A): AreaWords<A> {
  return STORE[locale][area] as AreaWords<A>;
}

/**
 * The sentence at `key` in `locale`, its `{{name}}` slots filled from `values`. A sentence with
 * slots cannot be asked for without their values (a compile error), so a slot without a value
 * can only come from a key composed at run time ({@link lookup}); it then stays as written,
 * `{{name}}`, so the gap shows on the page instead of a sentence that silently lost a word.
 * A value is inserted as it is, never read again for slots, and the page escapes the result.
 */
export function t<K extends WordKey>(locale: Locale, key: K, ...values: WordArguments<K>): string {
  const sentence = lookup(locale, key);
  if (sentence === undefined) throw new Error(`no words at "${key}"`);
  return values.length === 0 ? sentence : fill(sentence, values[0] as Record<string, string | number>);
}

/**
 * The sentence at a key composed at run time (`work.status_${status}`), or undefined when there
 * is none; the caller says what to show instead.
 */
export function lookup(locale: Locale, key: string): string | undefined {
  let node: unknown = STORE[locale];
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The one fill rule (see {@link t}): a slot with a value takes it, one without stays `{{name}}`. */
export function fill(sentence: string, values: Record<string, string | number>): string {
  return sentence.replace(/\{\{(\w+)\}\}/g, (slot, name: string) => (Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : slot));
}
