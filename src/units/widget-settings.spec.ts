import { refusalIn } from '../i18n/refusal-words';
import { widgetSettingsProblems, widgetSettingsRefusal } from './widget-settings';

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

describe('widgetSettingsRefusal', () => {
  it('answers the API its English and a Vietnamese page its words', () => {
    const sut = widgetSettingsRefusal({ decimals: 9, locale: 'de' })!;
    expect([sut.refusal, sut.message, sut.details]).toEqual(['invalid', 'the widget settings were not saved', { errors: ['decimals: must be an integer 0–4', 'locale: must be one of vi, en'] }]);
    expect(refusalIn('vi', sut)).toEqual({
      message: 'Chưa lưu được cài đặt của tiện ích. (the widget settings were not saved)',
      errors: [
        'Số chữ số thập phân phải là số nguyên từ 0 đến 4. (decimals: must be an integer 0–4)',
        'Ngôn ngữ mặc định phải là một trong: vi, en. (locale: must be one of vi, en)',
      ],
    });
    expect(widgetSettingsRefusal({ decimals: 2, locale: null })).toBeNull();
  });
});
