import { formatScore } from '../common/locale';
import { deriveFigures, zeroCounts } from '../stats/figures';
import {
  countsOf, daysLeftText, embedSnippets, figureCells, monthLabel, pageUrl, pager, periodText,
  publicOrigin, readWidgetForm, sumFigures, trendChart, unitPath, unitTree,
} from './dashboard-view';

const TREE = [
  { code: 'tinh', name: 'Tỉnh Thử', parentCode: null },
  { code: 'huyen-b', name: 'Huyện Bình', parentCode: 'tinh' },
  { code: 'huyen-a', name: 'Huyện An', parentCode: 'tinh' },
  { code: 'xa-c', name: 'Xã Cường', parentCode: 'huyen-a' },
  { code: 'xa-a', name: 'Xã Ấp', parentCode: 'huyen-a' },
];

describe('unitTree', () => {
  it('lists the tree depth first, each level by its Vietnamese name, indented', () => {
    const sut = unitTree(TREE);

    expect(sut.map((option) => [option.code, option.depth])).toEqual([
      ['tinh', 0], ['huyen-a', 1], ['xa-a', 2], ['xa-c', 2], ['huyen-b', 1],
    ]);
    expect(sut[2].label).toBe('\u00a0'.repeat(6) + 'Xã Ấp');
  });

  it('starts at the account\'s unit when its parent is not in the list', () => {
    const sut = unitTree([
      { code: 'xa-a', name: 'Xã A', parentCode: 'huyen' },
      { code: 'thon', name: 'Thôn', parentCode: 'xa-a' },
    ]);

    expect(sut.map((option) => [option.code, option.depth])).toEqual([['xa-a', 0], ['thon', 1]]);
  });

  it('is empty without units', () => {
    expect(unitTree([])).toEqual([]);
  });
});

describe('unitPath', () => {
  it.each`
    code         | expected
    ${'xa-c'}    | ${['tinh', 'huyen-a', 'xa-c']}
    ${'tinh'}    | ${['tinh']}
    ${'unknown'} | ${[]}
  `('walks from the top down to $code', ({ code, expected }) => {
    expect(unitPath(TREE, code).map((unit) => unit.code)).toEqual(expected);
  });
});

describe('figureCells', () => {
  const portal = deriveFigures({ ...zeroCounts(), early: 600, onTime: 149, late: 1, receivedOnline: 4674, openOverdue: 3, openOnTrack: 8, openWaiting: 3, onTime766: 749, late766: 1, openLate766: 3 });

  it.each`
    lang    | settled | onTimePercent | latePercent | received   | open    | overdue | score
    ${'vi'} | ${'750'} | ${'99,87%'}  | ${'0,13%'}  | ${'4.674'} | ${'14'} | ${'3'}  | ${'19,90'}
    ${'en'} | ${'750'} | ${'99.87%'}  | ${'0.13%'}  | ${'4,674'} | ${'14'} | ${'3'}  | ${'19.90'}
  `('prints the portal case in $lang', ({ lang, ...expected }) => {
    const sut = figureCells(portal, lang);

    expect(sut).toMatchObject({ ...expected, onTimeCount: '749', late: '1', hasLate: true, hasOverdue: true });
  });

  it('prints "—" for rates when nothing is settled or open, never 0 % or 100 %', () => {
    const sut = figureCells(deriveFigures(zeroCounts()), 'vi');

    expect(sut).toMatchObject({ settled: '0', onTimePercent: '—', latePercent: '—', score: '—', hasLate: false, hasOverdue: false });
  });
});

describe('formatScore', () => {
  it.each`
    score    | lang    | expected
    ${20}    | ${'vi'} | ${'20,00'}
    ${19.5}  | ${'en'} | ${'19.50'}
    ${0}     | ${'vi'} | ${'0,00'}
    ${null}  | ${'vi'} | ${'—'}
  `('$score in $lang → $expected', ({ score, lang, expected }) => {
    expect(formatScore(score, lang)).toBe(expected);
  });
});

describe('sumFigures', () => {
  it('adds the integers of disjoint scopes and derives the rates again', () => {
    const a = deriveFigures({ ...zeroCounts(), early: 300, onTime: 49, late: 1, openWaiting: 2, openOnTrack: 1, openOverdue: 1, receivedDirect: 5 });
    const b = deriveFigures({ ...zeroCounts(), early: 400, late: 0, openOnTrack: 4, receivedPostal: 2, carriedOver: 7, withdrawn: 1, denied: 3 });

    const sut = sumFigures([a, b]);

    expect(sut).toEqual(deriveFigures({
      ...zeroCounts(), early: 700, onTime: 49, late: 1, openWaiting: 2, openOnTrack: 5, openOverdue: 1,
      receivedDirect: 5, receivedPostal: 2, carriedOver: 7, withdrawn: 1, denied: 3,
    }));
    expect([sut.onTimePercent, sut.latePercent]).toEqual(['99.87', '0.13']);
  });

  it('gives back the counts a Figures came from', () => {
    const counts = { ...zeroCounts(), early: 1, onTime: 2, late: 3, receivedDirect: 4, receivedOnline: 5, receivedPostal: 6, carriedOver: 7, withdrawn: 8, denied: 9, openOverdue: 10, openWaiting: 11, openOnTrack: 12 };

    expect(countsOf(deriveFigures(counts))).toEqual(counts);
  });

  it('is all zero and "—" for no scopes', () => {
    expect(sumFigures([]).onTimePercent).toBeNull();
  });
});

describe('trendChart', () => {
  const month = (key: string, early: number, late: number) => ({ key, ...deriveFigures({ ...zeroCounts(), early, late }) });

  it('gives the chart the same numbers as the table, null for a month with nothing settled', () => {
    const sut = trendChart([month('2025-01', 749, 1), month('2025-02', 0, 0), month('2025-03', 3, 1)], 'vi');

    expect(sut).toEqual({
      labels: ['01/2025', '02/2025', '03/2025'],
      onTime: [99.87, null, 75],
      settled: [750, 0, 4],
      locale: 'vi-VN',
      names: { onTime: 'Tỉ lệ trước & đúng hạn (%)', settled: 'Số hồ sơ đã giải quyết' },
    });
  });

  it('names the series in English on request', () => {
    expect(trendChart([], 'en')).toMatchObject({ labels: [], locale: 'en-US', names: { onTime: 'Early & on time (%)' } });
  });
});

describe('small formats', () => {
  it.each`
    key          | expected
    ${'2025-01'} | ${'01/2025'}
    ${'2024-12'} | ${'12/2024'}
  `('month $key → $expected', ({ key, expected }) => {
    expect(monthLabel(key)).toBe(expected);
  });

  it.each`
    lang    | expected
    ${'vi'} | ${'Từ ngày 01/01/2025 đến ngày 10/06/2025'}
    ${'en'} | ${'From 01/01/2025 to 10/06/2025'}
  `('period in $lang', ({ lang, expected }) => {
    expect(periodText({ from: '2025-01-01', to: '2025-06-10' }, lang)).toBe(expected);
  });

  it.each`
    state         | workingDaysLeft | lang    | expected
    ${'onTrack'}  | ${5}            | ${'vi'} | ${'còn 5 ngày'}
    ${'dueSoon'}  | ${1}            | ${'vi'} | ${'còn 1 ngày'}
    ${'dueSoon'}  | ${0}            | ${'vi'} | ${'đến hạn hôm nay'}
    ${'overdue'}  | ${-2}           | ${'vi'} | ${'quá 2 ngày'}
    ${'overdue'}  | ${0}            | ${'vi'} | ${'quá 1 ngày'}
    ${'waiting'}  | ${-4}           | ${'vi'} | ${'tạm dừng'}
    ${'overdue'}  | ${-3}           | ${'en'} | ${'3 days overdue'}
  `('$state with $workingDaysLeft working days left in $lang → "$expected"', ({ state, workingDaysLeft, lang, expected }) => {
    expect(daysLeftText({ state, workingDaysLeft }, lang)).toBe(expected);
  });
});

describe('pager', () => {
  it.each`
    page | pageSize | total  | expected
    ${1} | ${50}    | ${0}   | ${{ page: 1, pages: 1, first: 0, last: 0, previous: null, next: null }}
    ${1} | ${50}    | ${120} | ${{ page: 1, pages: 3, first: 1, last: 50, previous: null, next: 2 }}
    ${3} | ${50}    | ${120} | ${{ page: 3, pages: 3, first: 101, last: 120, previous: 2, next: null }}
    ${9} | ${50}    | ${120} | ${{ page: 9, pages: 3, first: 120, last: 120, previous: 3, next: null }}
  `('page $page of $total by $pageSize', ({ page, pageSize, total, expected }) => {
    expect(pager(page, pageSize, total)).toEqual(expected);
  });
});

describe('pageUrl', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(pageUrl('/admin/open', { unit: 'xã a', state: undefined, includeChildren: 'false', page: null, lang: '' })).toBe('/admin/open?unit=x%C3%A3+a&includeChildren=false');
    expect(pageUrl('/admin', {})).toBe('/admin');
  });
});

describe('embed snippets', () => {
  it.each`
    configured                         | protocol   | host                | expected
    ${'https://tthc.example.gov.vn/'}  | ${'http'}  | ${'localhost:3000'} | ${'https://tthc.example.gov.vn'}
    ${undefined}                       | ${'http'}  | ${'localhost:3000'} | ${'http://localhost:3000'}
    ${''}                              | ${'https'} | ${'tthc.local'}     | ${'https://tthc.local'}
  `('use PUBLIC_BASE_URL $configured, else the request\'s own origin', ({ configured, protocol, host, expected }) => {
    expect(publicOrigin(configured, protocol, host)).toBe(expected);
  });

  it('are the README\'s two snippets for the unit, with its name escaped in the title', () => {
    const sut = embedSnippets('https://tthc.example.gov.vn', { code: 'xa-van-to', name: 'Xã "Văn" Tố & <b>' }, 'vi');

    expect(sut.script).toBe('<script src="https://tthc.example.gov.vn/widget/embed.js" data-unit="xa-van-to" async></script>');
    expect(sut.iframe).toBe(
      '<iframe src="https://tthc.example.gov.vn/widget/xa-van-to"\n' +
        '        title="Kết quả giải quyết TTHC – Xã &quot;Văn&quot; Tố &amp; &lt;b&gt;"\n' +
        '        loading="lazy" style="border:0;width:100%;height:300px"></iframe>',
    );
  });
});

describe('readWidgetForm', () => {
  it.each`
    body                                      | expected
    ${{ decimals: '0', locale: 'vi' }}        | ${{ ok: true, decimals: 0, locale: 'vi' }}
    ${{ decimals: '4', locale: 'en' }}        | ${{ ok: true, decimals: 4, locale: 'en' }}
    ${{ decimals: '5', locale: 'en' }}        | ${{ ok: false, errors: ['decimals: must be an integer 0–4'] }}
    ${{ decimals: '1.0', locale: 'vi' }}      | ${{ ok: false, errors: ['decimals: must be an integer 0–4'] }}
    ${{ decimals: ['1', '2'], locale: 'vi' }} | ${{ ok: false, errors: ['decimals: must be an integer 0–4'] }}
    ${{ decimals: '2', locale: 'fr' }}        | ${{ ok: false, errors: ['locale: must be vi or en'] }}
    ${{}}                                     | ${{ ok: false, errors: ['decimals: must be an integer 0–4', 'locale: must be vi or en'] }}
  `('reads $body', ({ body, expected }) => {
    expect(readWidgetForm(body)).toEqual(expected);
  });
});

describe('readWidgetForm on a Vietnamese page', () => {
  it('says each reason in Vietnamese, the English after it', () => {
    expect(readWidgetForm({ decimals: '7', locale: 'fr' }, 'vi')).toEqual({
      ok: false,
      errors: [
        'Số chữ số thập phân phải là số nguyên từ 0 đến 4. (decimals: must be an integer 0–4)',
        'Ngôn ngữ mặc định phải là Tiếng Việt hoặc English. (locale: must be vi or en)',
      ],
    });
  });
});
