import { BadRequestException } from '@nestjs/common';
import { deriveFigures, zeroCounts } from '../stats/figures';
import { StatsAnswer } from '../stats/stats.service';
import { parseResultsQuery, periodName, periodOptions, rankedRows, resultsCsv, resultsQueryString, sortRows } from './results-view';

const NOW = new Date('2026-11-15T03:00:00Z');

function answer(groups: { code: string; name: string; onTime: number; late: number; overdue?: number }[]): StatsAnswer {
  const figures = (onTime: number, late: number, overdue = 0) => deriveFigures({ ...zeroCounts(), onTime, late, openOverdue: overdue, onTime766: onTime, late766: late, openLate766: overdue });
  return {
    unit: { code: 'tinh-a', name: 'Tỉnh A', level: 'province' },
    period: { from: '2026-01-01', to: '2026-12-31' },
    includeChildren: true,
    judgedAt: NOW.toISOString(),
    dataUpdatedAt: null,
    ...figures(0, 0),
    groups: groups.map((group) => ({ key: group.code, label: group.name, ...figures(group.onTime, group.late, group.overdue) })),
  };
}

describe('parseResultsQuery', () => {
  it('defaults to the current year, ranked, in Vietnamese', () => {
    expect(parseResultsQuery({}, NOW)).toEqual({
      period: { from: '2026-01-01', to: '2026-12-31', label: '2026' }, sort: 'rank', order: 'asc', lang: 'vi', decimals: undefined, periodGiven: false,
      defaults: { lang: 'vi', decimals: undefined },
    });
  });

  it('takes a month, a quarter, a half; each column sorts first in its own order', () => {
    expect(parseResultsQuery({ period: '2026-Q2', sort: 'late' }, NOW)).toMatchObject({ period: { from: '2026-04-01', to: '2026-06-30' }, sort: 'late', order: 'desc', periodGiven: true });
    expect(parseResultsQuery({ period: '2025-07', sort: 'name', order: 'desc', lang: 'en', decimals: '1' }, NOW)).toMatchObject({ period: { from: '2025-07-01', to: '2025-07-31' }, order: 'desc', lang: 'en', decimals: 1 });
  });

  it.each`
    query                        | message
    ${{ period: '2026-13' }}     | ${/^period: must be/}
    ${{ period: '2027' }}        | ${/has not begun yet/}
    ${{ sort: 'cost' }}          | ${/^sort: must be one of rank, name/}
    ${{ order: 'up' }}           | ${/^order: must be asc or desc/}
    ${{ lang: 'fr' }}            | ${/^lang: must be one of vi, en/}
    ${{ sort: ['late', 'name'] }} | ${/^sort: must be given once/}
    ${{ decimals: '9' }}         | ${/^decimals/}
  `('refuses $query, naming the parameter', ({ query, message }) => {
    expect(() => parseResultsQuery(query, NOW)).toThrow(BadRequestException);
    expect(() => parseResultsQuery(query, NOW)).toThrow(message);
  });
});

describe('rankedRows and sortRows', () => {
  const given = answer([
    { code: 'tinh-a', name: 'Tỉnh A', onTime: 5, late: 5 },
    { code: 'xa-b', name: 'Xã Bình', onTime: 9, late: 1 },
    { code: 'xa-a', name: 'Xã An', onTime: 9, late: 1 },
    { code: 'xa-c', name: 'Xã Cường', onTime: 10, late: 0 },
    { code: 'xa-d', name: 'Xã Đông', onTime: 0, late: 0 },
    { code: 'xa-e', name: 'Xã Én', onTime: 9, late: 1, overdue: 2 },
  ]);

  it('ranks the units below by the progress score, equal scores sharing a rank; the own dossiers and a unit with nothing to score get none', () => {
    const rows = rankedRows(given);

    expect(rows.map((row) => [row.code, row.rank, row.own])).toEqual([
      ['tinh-a', null, true], ['xa-b', 2, false], ['xa-a', 2, false], ['xa-c', 1, false], ['xa-d', null, false], ['xa-e', 4, false],
    ]);
  });

  it('sorts as asked with ties by name as Vietnamese sorts it, nothing-to-show last either way, the own dossiers always last', () => {
    const rows = rankedRows(given);
    const codes = (sort: Parameters<typeof sortRows>[1], order: 'asc' | 'desc') => sortRows(rows, sort, order).map((row) => row.code);

    expect(codes('rank', 'asc')).toEqual(['xa-c', 'xa-a', 'xa-b', 'xa-e', 'xa-d', 'tinh-a']);
    expect(codes('rank', 'desc')).toEqual(['xa-e', 'xa-a', 'xa-b', 'xa-c', 'xa-d', 'tinh-a']);
    expect(codes('name', 'asc')).toEqual(['xa-a', 'xa-b', 'xa-c', 'xa-d', 'xa-e', 'tinh-a']);
    expect(codes('name', 'desc')).toEqual(['xa-e', 'xa-d', 'xa-c', 'xa-b', 'xa-a', 'tinh-a']);
    expect(codes('overdue', 'desc')).toEqual(['xa-e', 'xa-a', 'xa-b', 'xa-c', 'xa-d', 'tinh-a']);
    expect(codes('latePercent', 'asc')).toEqual(['xa-c', 'xa-a', 'xa-b', 'xa-e', 'xa-d', 'tinh-a']);
    expect(codes('latePercent', 'desc')).toEqual(['xa-a', 'xa-b', 'xa-e', 'xa-c', 'xa-d', 'tinh-a']);
  });
});

describe('resultsQueryString', () => {
  it('carries only what differs from the defaults, in a fixed order', () => {
    const query = parseResultsQuery({ period: '2026-Q3', sort: 'late', lang: 'en' }, NOW);

    expect(resultsQueryString(query)).toBe('period=2026-Q3&sort=late&lang=en');
    expect(resultsQueryString(query, { sort: 'late', order: 'asc' })).toBe('period=2026-Q3&sort=late&order=asc&lang=en');
    expect(resultsQueryString(query, { sort: 'name' })).toBe('period=2026-Q3&sort=name&lang=en');
    expect(resultsQueryString(query, { lang: 'vi' })).toBe('period=2026-Q3&sort=late');
    expect(resultsQueryString(parseResultsQuery({}, NOW))).toBe('');
  });

  it('leaves out the unit’s own settings, and carries Vietnamese over to a unit whose page is in English', () => {
    const english = parseResultsQuery({}, NOW, { lang: 'en', decimals: 1 });

    expect([english.lang, english.decimals]).toEqual(['en', 1]);
    expect(resultsQueryString(english)).toBe('');
    expect(resultsQueryString(english, { lang: 'vi' })).toBe('lang=vi');
    expect(resultsQueryString(parseResultsQuery({ decimals: '2' }, NOW, { lang: 'en', decimals: 1 }))).toBe('decimals=2');
  });
});

describe('periods', () => {
  it('names a period in either language', () => {
    expect(['2026', '2026-Q4', '2026-H1', '2026-H2', '2026-07'].map((label) => periodName(label, 'vi'))).toEqual([
      'Năm 2026', 'Quý IV/2026', '6 tháng đầu năm 2026', '6 tháng cuối năm 2026', 'Tháng 07/2026',
    ]);
    expect(['2026', '2026-Q4', '2026-H1', '2026-07'].map((label) => periodName(label, 'en'))).toEqual(['Year 2026', 'Q4 2026', 'First half of 2026', 'July 2026']);
  });

  it('offers three years, the quarters begun this year and last year’s, the last twelve months; and the one asked for when it is not among them', () => {
    const groups = periodOptions('2026-11-15', '2026-Q4', 'vi');

    expect(groups.map((group) => group.options.map((option) => option.value))).toEqual([
      ['2026', '2025', '2024'],
      ['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2', '2025-Q1'],
      ['2026-11', '2026-10', '2026-09', '2026-08', '2026-07', '2026-06', '2026-05', '2026-04', '2026-03', '2026-02', '2026-01', '2025-12'],
    ]);
    expect(groups.flatMap((group) => group.options).filter((option) => option.selected).map((option) => option.value)).toEqual(['2026-Q4']);
    expect(periodOptions('2026-11-15', '2019-H2', 'vi').at(-1)).toEqual({ label: 'Kỳ đã chọn', options: [{ value: '2019-H2', label: '6 tháng cuối năm 2019', selected: true }] });
  });
});

describe('resultsCsv', () => {
  it('writes a BOM, the headings in the page’s language, a row per unit with counts as numbers, then the total', () => {
    const given = answer([{ code: 'xa-a', name: '=Xã An', onTime: 9, late: 1 }]);
    const csv = resultsCsv(rankedRows(given), given, 'Tỉnh A', 'vi');
    const lines = csv.split(/\r?\n/);

    expect(csv.startsWith('\uFEFFHạng,Mã đơn vị,Đơn vị,Tiếp nhận,Đã giải quyết,')).toBe(true);
    // A name that would be a formula is written as text.
    expect(lines[1]).toBe("1,xa-a,\"'=Xã An\",0,10,0,9,1,90.00,10.00,0,0,18");
    expect(lines[2]).toBe(',,Tổng cộng – Tỉnh A,0,0,0,0,0,,,0,0,');
  });
});
