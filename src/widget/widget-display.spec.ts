import { deriveFigures, zeroCounts } from '../stats/figures';
import { StatsAnswer } from '../stats/stats.service';
import { DisplayedFigures, detailHeadline, detailTable, figureRow, scoreLine, widgetDisplay } from './widget-display';

function figures(overrides: { early?: number; onTime?: number; late?: number; to?: string; dataUpdatedAt?: string | null; decimals?: number; progressScore?: number | null }): DisplayedFigures {
  const counts = { ...zeroCounts(), early: overrides.early ?? 0, onTime: overrides.onTime ?? 0, late: overrides.late ?? 0 };
  const derived = deriveFigures(counts, overrides.decimals);
  return {
    period: { from: '2023-01-01', to: overrides.to ?? '2023-06-10' },
    dataUpdatedAt: overrides.dataUpdatedAt === undefined ? '2023-06-09T21:07:03.000Z' : overrides.dataUpdatedAt,
    settled: derived.settled,
    onTimePercent: derived.onTimePercent,
    latePercent: derived.latePercent,
    progressScore: overrides.progressScore === undefined ? derived.progressScore : overrides.progressScore,
  };
}

function answer(groups: { key: string; label?: string; late?: number; onTime?: number }[], unitCode = 'xa-van-to'): StatsAnswer {
  const derived = (onTime: number, late: number) => deriveFigures({ ...zeroCounts(), onTime, late });
  return {
    unit: { code: unitCode, name: 'Xã Văn Tố', level: 'commune' },
    period: { from: '2023-01-01', to: '2023-06-10' },
    includeChildren: false,
    judgedAt: '2023-06-10T00:00:00.000Z',
    dataUpdatedAt: null,
    ...derived(groups.reduce((sum, g) => sum + (g.onTime ?? 0), 0), groups.reduce((sum, g) => sum + (g.late ?? 0), 0)),
    groups: groups.map((g) => ({ key: g.key, label: g.label ?? g.key, ...derived(g.onTime ?? 0, g.late ?? 0) })),
  };
}

describe('widgetDisplay (docs/figures.md §7 block)', () => {
  it('writes the portal case 749 of 750 exactly as the portal block', () => {
    const sut = widgetDisplay(figures({ early: 600, onTime: 149, late: 1 }), 'vi', '/widget/xa-van-to/detail');

    expect(sut).toEqual({
      title: 'Kết quả giải quyết TTHC',
      monthLine: 'Đến tháng 06 đã giải quyết: 99,87%',
      settled: '750',
      onTimeCount: '749',
      late: '1',
      lateRate: '0,13%',
      updatedAt: '10/06/2023 04:07:03',
      detailUrl: '/widget/xa-van-to/detail',
    });
  });

  it.each`
    given                                                       | lang    | field            | expected                                        | why
    ${{ early: 749, late: 1 }}                                  | ${'en'} | ${'monthLine'}   | ${'Up to month 06, settled on time: 99.87%'}    | ${'English, decimal point'}
    ${{ early: 749, late: 1 }}                                  | ${'en'} | ${'lateRate'}    | ${'0.13%'}                                      | ${'English late rate'}
    ${{ early: 749, late: 1, decimals: 1 }}                     | ${'vi'} | ${'monthLine'}   | ${'Đến tháng 06 đã giải quyết: 99,9%'}          | ${'one decimal'}
    ${{ early: 749, late: 1, decimals: 0 }}                     | ${'vi'} | ${'lateRate'}    | ${'1%'}                                         | ${'never 0 % late while one is late'}
    ${{}}                                                       | ${'vi'} | ${'monthLine'}   | ${'Đến tháng 06 đã giải quyết: —'}              | ${'nothing settled: undefined, not 0 % or 100 %'}
    ${{}}                                                       | ${'vi'} | ${'lateRate'}    | ${'—'}                                          | ${'nothing settled: late rate undefined too'}
    ${{}}                                                       | ${'vi'} | ${'settled'}     | ${'0'}                                          | ${'the count itself is a plain 0'}
    ${{ early: 4000, onTime: 674 }}                             | ${'vi'} | ${'settled'}     | ${'4.674'}                                      | ${'vi-VN thousands'}
    ${{ early: 4000, onTime: 674 }}                             | ${'en'} | ${'onTimeCount'} | ${'4,674'}                                      | ${'en thousands'}
    ${{ early: 10 }}                                            | ${'vi'} | ${'monthLine'}   | ${'Đến tháng 06 đã giải quyết: 100,00%'}        | ${'none late'}
    ${{ early: 10, to: '2023-12-31' }}                          | ${'vi'} | ${'monthLine'}   | ${'Đến tháng 12 đã giải quyết: 100,00%'}        | ${'month of the period end, two digits'}
    ${{ early: 10, to: '2024-01-01' }}                          | ${'vi'} | ${'monthLine'}   | ${'Đến tháng 01 đã giải quyết: 100,00%'}        | ${'January'}
    ${{ early: 1, dataUpdatedAt: null }}                        | ${'vi'} | ${'updatedAt'}   | ${'—'}                                          | ${'no data yet'}
    ${{ early: 1, dataUpdatedAt: '2023-12-31T17:00:00.000Z' }}  | ${'en'} | ${'updatedAt'}   | ${'01/01/2024 00:00:00'}                        | ${'Vietnam time, across the new year'}
  `('$why: $field = "$expected"', ({ given, lang, field, expected }) => {
    const sut = widgetDisplay(figures(given), lang, '/d');

    expect(sut[field as keyof typeof sut]).toBe(expected);
  });
});

describe('the 766 score line (showScore)', () => {
  it('is left out of the block unless asked for, and asked for adds that one string only', () => {
    const given = figures({ early: 600, onTime: 149, late: 1, progressScore: 19.85 });
    const block = widgetDisplay(given, 'vi', '/d');

    expect(block).not.toHaveProperty('scoreLine');
    expect(widgetDisplay(given, 'vi', '/d', false)).toEqual(block);
    expect(widgetDisplay(given, 'vi', '/d', true)).toEqual({ ...block, scoreLine: 'Điểm tiến độ (Chỉ số 766, chỉ tiêu 2.1): 19,85/20' });
  });

  it.each`
    score    | lang    | expected                                                               | why
    ${19.85} | ${'vi'} | ${'Điểm tiến độ (Chỉ số 766, chỉ tiêu 2.1): 19,85/20'}                 | ${'decimal comma'}
    ${19.85} | ${'en'} | ${'Progress score (Decision 766, indicator 2.1): 19.85/20'}            | ${'decimal point'}
    ${19.5}  | ${'vi'} | ${'Điểm tiến độ (Chỉ số 766, chỉ tiêu 2.1): 19,50/20'}                 | ${'always two decimals'}
    ${20}    | ${'en'} | ${'Progress score (Decision 766, indicator 2.1): 20.00/20'}            | ${'full marks'}
    ${0}     | ${'vi'} | ${'Điểm tiến độ (Chỉ số 766, chỉ tiêu 2.1): 0,00/20'}                  | ${'a real zero is shown as one'}
    ${null}  | ${'vi'} | ${'Điểm tiến độ (Chỉ số 766, chỉ tiêu 2.1): —'}                        | ${'nothing to score: no figure, never 0 or 20'}
    ${null}  | ${'en'} | ${'Progress score (Decision 766, indicator 2.1): —'}                   | ${'nothing to score in English'}
  `('$why: $score in $lang', ({ score, lang, expected }) => {
    expect(scoreLine(score, lang)).toBe(expected);
    expect(widgetDisplay(figures({ early: 1, progressScore: score }), lang, '/d', true).scoreLine).toBe(expected);
  });

  it('shows the figures\' own progressScore, not one recomputed from the percentages', () => {
    // 397 of 400 finished on time by 2.1 → 0.9925 × 20 = 19.85, whatever the settled split says.
    const derived = deriveFigures({ ...zeroCounts(), early: 10, onTime766: 397, late766: 3 });
    const given = { ...figures({ early: 10 }), progressScore: derived.progressScore };

    expect(derived.progressScore).toBe(19.85);
    expect(widgetDisplay(given, 'vi', '/d', true).scoreLine).toBe('Điểm tiến độ (Chỉ số 766, chỉ tiêu 2.1): 19,85/20');
    expect(widgetDisplay({ ...given, progressScore: deriveFigures(zeroCounts()).progressScore }, 'vi', '/d', true).scoreLine).toMatch(/: —$/);
  });
});

describe('detailTable', () => {
  it('names the channels in the reader language, in the fixed order direct, online, postal', () => {
    const sut = detailTable('channel', answer([{ key: 'postal', onTime: 1 }, { key: 'direct', onTime: 2 }, { key: 'online', onTime: 3 }]), 'vi');

    expect(sut.rows.map((row) => row.label)).toEqual(['Trực tiếp', 'Trực tuyến', 'Bưu chính công ích']);
    expect(sut.caption).toBe('Theo hình thức tiếp nhận');
  });

  it.each`
    grouping   | key             | label                   | lang    | expected
    ${'month'} | ${'2023-06'}    | ${'2023-06'}            | ${'vi'} | ${'06/2023'}
    ${'field'} | ${'Hộ tịch'}    | ${'Hộ tịch'}            | ${'en'} | ${'Hộ tịch'}
    ${'field'} | ${''}           | ${''}                   | ${'vi'} | ${'(Chưa phân loại)'}
    ${'unit'}  | ${'xa-khac'}    | ${'Xã Khác'}            | ${'vi'} | ${'Xã Khác'}
  `('labels a $grouping group "$key" as "$expected" ($lang)', ({ grouping, key, label, lang, expected }) => {
    const sut = detailTable(grouping, answer([{ key, label, onTime: 1 }]), lang);

    expect(sut.rows[0].label).toBe(expected);
  });

  it("marks the unit's own row when units below it have rows too", () => {
    const sut = detailTable('unit', answer([{ key: 'huyen', label: 'Huyện A', onTime: 1 }, { key: 'xa', label: 'Xã B', late: 1 }], 'huyen'), 'vi');

    expect(sut.rows.map((row) => row.label)).toEqual(['Huyện A (hồ sơ của chính đơn vị)', 'Xã B']);
  });

  it('totals with the answer’s own figures, and says when it is empty', () => {
    const sut = detailTable('field', answer([]), 'vi');

    expect(sut.empty).toBe(true);
    expect(sut.total).toMatchObject({ label: 'Tổng cộng', settled: '0', onTimePercent: '—', latePercent: '—' });
  });
});

describe('figureRow', () => {
  it('formats every cell in the locale and flags late and overdue', () => {
    const figures = deriveFigures({ ...zeroCounts(), early: 4000, onTime: 673, late: 1, openOverdue: 2, receivedOnline: 5000 });

    const sut = figureRow('Hộ tịch', figures, 'vi');

    expect(sut).toEqual({
      label: 'Hộ tịch',
      received: '5.000',
      settled: '4.674',
      early: '4.000',
      onTime: '673',
      late: '1',
      onTimePercent: '99,98%',
      latePercent: '0,02%',
      open: '2',
      overdue: '2',
      hasLate: true,
      hasOverdue: true,
    });
  });
});

describe('detailHeadline', () => {
  it('shows the counts with their rates, late and overdue right after the settled ones', () => {
    const figures = deriveFigures({ ...zeroCounts(), early: 600, onTime: 149, late: 1, openOverdue: 3, openOnTrack: 11 });

    const sut = detailHeadline(figures, 'vi');

    expect(sut.map(({ key, value, sub }) => [key, value, sub])).toEqual([
      ['settled', '750', null],
      ['onTime', '749', '99,87%'],
      ['late', '1', '0,13%'],
      ['overdue', '3', 'trong 14 hồ sơ đang giải quyết'],
      ['open', '14', null],
      ['received', '0', null],
      ['carriedOver', '0', null],
    ]);
    expect(sut.filter((card) => card.alert).map((card) => card.key)).toEqual(['late', 'overdue']);
  });
});
