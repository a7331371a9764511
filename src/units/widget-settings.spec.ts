import { widgetSettingsProblems } from './widget-settings';

describe('widgetSettingsProblems', () => {
  it.each`
    decimals | locale
    ${0}     | ${'vi'}
    ${4}     | ${'en'}
    ${2}     | ${null}
    ${null}  | ${'en'}
    ${null}  | ${null}
  `('accepts $decimals decimals and locale $locale', ({ decimals, locale }) => {
    expect(widgetSettingsProblems({ decimals, locale })).toEqual([]);
  });

  it.each`
    decimals     | locale       | problems
    ${5}         | ${'vi'}      | ${['decimals: must be an integer 0–4']}
    ${-1}        | ${'vi'}      | ${['decimals: must be an integer 0–4']}
    ${1.5}       | ${'vi'}      | ${['decimals: must be an integer 0–4']}
    ${'2'}       | ${'vi'}      | ${['decimals: must be an integer 0–4']}
    ${Number.NaN} | ${'vi'}     | ${['decimals: must be an integer 0–4']}
    ${2}         | ${'fr'}      | ${['locale: must be one of vi, en']}
    ${2}         | ${'VI'}      | ${['locale: must be one of vi, en']}
    ${9}         | ${'de'}      | ${['decimals: must be an integer 0–4', 'locale: must be one of vi, en']}
  `('refuses $decimals decimals and locale $locale', ({ decimals, locale, problems }) => {
    expect(widgetSettingsProblems({ decimals, locale })).toEqual(problems);
  });
});
