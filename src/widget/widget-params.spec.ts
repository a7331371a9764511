import { BadRequestException } from '@nestjs/common';
import { parseWidgetParams, widgetQueryString, withQuery } from './widget-params';

describe('parseWidgetParams', () => {
  it.each`
    query                                                                | expected
    ${{}}                                                                | ${{ lang: 'vi' }}
    ${{ lang: 'en' }}                                                    | ${{ lang: 'en' }}
    ${{ lang: '' }}                                                      | ${{ lang: 'vi' }}
    ${{ from: '2025-01-01', to: '2025-06-30' }}                          | ${{ from: '2025-01-01', to: '2025-06-30', lang: 'vi' }}
    ${{ includeChildren: 'false' }}                                      | ${{ includeChildren: false, lang: 'vi' }}
    ${{ includeChildren: '1' }}                                          | ${{ includeChildren: true, lang: 'vi' }}
    ${{ includePredecessors: 'false' }}                                  | ${{ includePredecessors: false, lang: 'vi' }}
    ${{ includePredecessors: 'true' }}                                   | ${{ includePredecessors: true, lang: 'vi' }}
    ${{ decimals: '0' }}                                                 | ${{ decimals: 0, lang: 'vi' }}
    ${{ decimals: '4', utm_source: 'x' }}                                | ${{ decimals: 4, lang: 'vi' }}
    ${{ showScore: 'true' }}                                             | ${{ showScore: true, lang: 'vi' }}
    ${{ showScore: '1' }}                                                | ${{ showScore: true, lang: 'vi' }}
    ${{ showScore: 'false' }}                                            | ${{ showScore: false, lang: 'vi' }}
    ${{ showScore: '' }}                                                 | ${{ lang: 'vi' }}
  `('reads $query', ({ query, expected }) => {
    const sut = parseWidgetParams(query);

    expect(JSON.parse(JSON.stringify(sut))).toEqual(expected);
  });

  it.each`
    query                              | defaults                           | expected
    ${{}}                              | ${{ decimals: 1, lang: 'en' }}     | ${{ decimals: 1, lang: 'en', defaults: { decimals: 1, lang: 'en' } }}
    ${{ decimals: '3', lang: 'vi' }}   | ${{ decimals: 1, lang: 'en' }}     | ${{ decimals: 3, lang: 'vi', defaults: { decimals: 1, lang: 'en' } }}
    ${{ decimals: '0' }}               | ${{ decimals: 4, lang: null }}     | ${{ decimals: 0, lang: 'vi', defaults: { decimals: 4 } }}
    ${{}}                              | ${{ decimals: null, lang: null }}  | ${{ lang: 'vi' }}
  `('reads $query over the unit\'s defaults $defaults', ({ query, defaults, expected }) => {
    const sut = parseWidgetParams(query, defaults);

    expect(JSON.parse(JSON.stringify(sut))).toEqual(expected);
  });

  it('refuses a malformed value even when the unit has a default for it', () => {
    expect(() => parseWidgetParams({ decimals: '9' }, { decimals: 1 })).toThrow(/decimals/);
    expect(() => parseWidgetParams({ lang: 'fr' }, { lang: 'en' })).toThrow(/lang/);
  });

  it.each`
    query                              | message
    ${{ lang: 'fr' }}                  | ${/lang/}
    ${{ lang: 'VI' }}                  | ${/lang/}
    ${{ decimals: '5' }}               | ${/decimals/}
    ${{ decimals: '1.5' }}             | ${/decimals/}
    ${{ includeChildren: 'yes' }}      | ${/includeChildren/}
    ${{ includePredecessors: 'no' }}   | ${/includePredecessors: must be true or false/}
    ${{ from: ['2025-01-01', 'x'] }}   | ${/from: must be given once/}
    ${{ to: { nested: 'x' } }}         | ${/to: must be given once/}
    ${{ showScore: 'yes' }}            | ${/showScore: must be true or false/}
    ${{ showScore: 'TRUE' }}           | ${/showScore: must be true or false/}
    ${{ showScore: ['true', 'true'] }} | ${/showScore: must be given once/}
  `('refuses $query with a 400', ({ query, message }) => {
    expect(() => parseWidgetParams(query)).toThrow(BadRequestException);
    expect(() => parseWidgetParams(query)).toThrow(message);
  });
});

describe('widgetQueryString', () => {
  it.each`
    params                                                                                       | lang         | expected
    ${{ lang: 'vi' }}                                                                            | ${undefined} | ${''}
    ${{ lang: 'en' }}                                                                            | ${undefined} | ${'lang=en'}
    ${{ lang: 'en' }}                                                                            | ${'vi'}      | ${''}
    ${{ lang: 'vi' }}                                                                            | ${'en'}      | ${'lang=en'}
    ${{ to: '2025-06-30', from: '2025-01-01', decimals: 1, includeChildren: false, lang: 'en' }} | ${undefined} | ${'from=2025-01-01&to=2025-06-30&includeChildren=false&decimals=1&lang=en'}
    ${{ decimals: 1, lang: 'en', defaults: { decimals: 1, lang: 'en' } }}                         | ${undefined} | ${''}
    ${{ decimals: 1, lang: 'en', defaults: { decimals: 1, lang: 'en' } }}                         | ${'vi'}      | ${'lang=vi'}
    ${{ decimals: 3, lang: 'vi', defaults: { decimals: 1 } }}                                     | ${undefined} | ${'decimals=3'}
    ${{ includeChildren: true, includePredecessors: false, lang: 'vi' }}                          | ${undefined} | ${'includeChildren=true&includePredecessors=false'}
    ${{ lang: 'en', showScore: true }}                                                            | ${'vi'}      | ${'showScore=true'}
    ${{ decimals: 1, lang: 'en', showScore: true }}                                               | ${undefined} | ${'decimals=1&lang=en&showScore=true'}
    ${{ lang: 'vi', showScore: false }}                                                           | ${undefined} | ${''}
  `('carries $params over (lang → $lang) as "$expected"', ({ params, lang, expected }) => {
    expect(widgetQueryString(params, lang ? { lang } : {})).toBe(expected);
  });

  it('adds a query to a path only when there is one', () => {
    expect(withQuery('/widget/x/detail', '')).toBe('/widget/x/detail');
    expect(withQuery('/widget/x/detail', 'lang=en')).toBe('/widget/x/detail?lang=en');
  });
});
