import { LOCALES } from '../common/locale';
import { lookup, wordsOf } from './i18n';

/** Every dotted key of a table, with its sentence. */
function sentences(node: unknown, prefix = ''): [string, string][] {
  if (typeof node === 'string') return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => sentences(value, prefix ? `${prefix}.${key}` : key));
}
const slots = (sentence: string) => [...sentence.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

describe('the report words', () => {
  it('give every English sentence only slots its Vietnamese source has values for', () => {
    for (const [key, sentence] of sentences(wordsOf('vi', 'report'), 'report')) {
      const english = lookup('en', key);
      expect([key, typeof english]).toEqual([key, 'string']);
      expect([key, slots(english!).filter((slot) => !slots(sentence).includes(slot))]).toEqual([key, []]);
    }
  });

  // The renderer composes these keys from a period's name, so the compiler cannot check them.
  it('name every month, quarter and half, with its year, in both languages', () => {
    const keys = [
      ...Array.from({ length: 12 }, (_, index) => `month.m${String(index + 1).padStart(2, '0')}`),
      ...[1, 2, 3, 4].map((quarter) => `quarter.q${quarter}`),
      'halfYear.h1',
      'halfYear.h2',
    ];
    for (const locale of LOCALES) {
      for (const key of keys) expect([locale, key, slots(lookup(locale, `report.periodNames.${key}`) ?? '')]).toEqual([locale, key, ['year']]);
    }
  });
});
