import { LOCALES } from '../common/locale';
import { fill, lookup, t, wordsOf } from './i18n';
import { consoleLanguage, switchConsoleLanguage } from './console-language';

/** Every dotted key of a table, with its sentence. */
function sentences(node: unknown, prefix = ''): [string, string][] {
  if (typeof node === 'string') return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => sentences(value, prefix ? `${prefix}.${key}` : key));
}
const slots = (sentence: string) => [...sentence.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

describe('the word store', () => {
  it('fills each slot with its value, once, without reading the value again', () => {
    expect(t('vi', 'dashboard.pageOf', { page: 2, pages: 7 })).toBe('Trang 2/7');
    expect(t('en', 'widget.detail.ownDossiers', { name: 'Xã {{to}}' })).toBe('Xã {{to}} (own dossiers)');
  });

  it('leaves a slot without a value as written, so the gap shows', () => {
    expect(fill('Từ {{from}} đến {{to}}', { from: '01/01/2025' })).toBe('Từ 01/01/2025 đến {{to}}');
  });

  it('answers undefined for a composed key it does not know, and never an inherited property', () => {
    expect(lookup('en', 'work.status_done')).toBe('Done');
    expect(lookup('en', 'work.status_lost')).toBeUndefined();
    expect(lookup('vi', 'work.constructor')).toBeUndefined();
    expect(lookup('vi', 'widget.detail')).toBeUndefined();
  });

  it('gives every English sentence only slots its Vietnamese source has values for', () => {
    const vi = new Map(sentences({ console: wordsOf('vi', 'console'), work: wordsOf('vi', 'work'), dashboard: wordsOf('vi', 'dashboard'), widget: wordsOf('vi', 'widget'), errors: wordsOf('vi', 'errors'), report: wordsOf('vi', 'report'), lookup: wordsOf('vi', 'lookup'), drilldown: wordsOf('vi', 'drilldown'), scorecard: wordsOf('vi', 'scorecard') }));
    for (const locale of LOCALES) {
      for (const [key, sentence] of vi) {
        const english = lookup(locale, key);
        expect([key, typeof english]).toEqual([key, 'string']);
        expect([key, slots(english!).filter((slot) => !slots(sentence).includes(slot))]).toEqual([key, []]);
      }
    }
  });
});

describe('the console language', () => {
  it('takes ?lang=, then the cookie, then Vietnamese', () => {
    expect(consoleLanguage({ query: { lang: 'en' }, cookies: { tthc_lang: 'vi' } })).toBe('en');
    expect(consoleLanguage({ query: { lang: 'fr' }, cookies: { tthc_lang: 'en' } })).toBe('en');
    expect(consoleLanguage({ query: {}, cookies: {} })).toBe('vi');
    expect(consoleLanguage({})).toBe('vi');
  });

  it('remembers a language asked for, and only then', () => {
    const set: unknown[] = [];
    const response = { cookie: (...args: unknown[]) => set.push(args) };
    expect(switchConsoleLanguage({ query: { lang: 'en' } }, response)).toBe('en');
    expect(switchConsoleLanguage({ query: {}, cookies: { tthc_lang: 'en' } }, response)).toBe('en');
    expect(set).toEqual([['tthc_lang', 'en', { path: '/admin', sameSite: 'lax', httpOnly: true }]]);
  });
});
