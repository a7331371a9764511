import { DomainError } from '../common/domain-error';
import { periodChoice, periodName, periodRefusal, trendMonthKeys, trendSvg } from './index766-periods';

describe('periodName', () => {
  it.each`
    label        | vi                         | en
    ${'2026-03'} | ${'Tháng 03/2026'}         | ${'Month 03/2026'}
    ${'2026-Q4'} | ${'Quý 4/2026'}            | ${'Quarter 4/2026'}
    ${'2026-H1'} | ${'6 tháng đầu năm 2026'}  | ${'First half of 2026'}
    ${'2026-H2'} | ${'6 tháng cuối năm 2026'} | ${'Second half of 2026'}
    ${'2026'}    | ${'Năm 2026'}              | ${'Year 2026'}
    ${'tháng 3'} | ${'tháng 3'}               | ${'tháng 3'}
  `('names $label', ({ label, vi, en }) => {
    expect(periodName(label, 'vi')).toBe(vi);
    expect(periodName(label, 'en')).toBe(en);
  });
});

describe('periodChoice', () => {
  it('offers only periods that have begun, newest first, and marks the one shown', () => {
    const sut = periodChoice('2026-05-10', '2026-Q2', 'vi');
    const [months, quarters, halves, years] = sut.groups;

    expect(sut.groups.map((group) => group.label)).toEqual(['Tháng', 'Quý', '6 tháng', 'Năm']);
    expect(months.options).toHaveLength(24);
    expect(months.options.slice(0, 6).map((option) => option.value)).toEqual(['2026-05', '2026-04', '2026-03', '2026-02', '2026-01', '2025-12']);
    expect(months.options[23].value).toBe('2024-06');
    expect(quarters.options.slice(0, 3).map((option) => option.value)).toEqual(['2026-Q2', '2026-Q1', '2025-Q4']);
    expect(quarters.options).toHaveLength(2 + 4 + 4);
    expect(halves.options.map((option) => option.value)).toEqual(['2026-H1', '2025-H2', '2025-H1', '2024-H2', '2024-H1']);
    expect(years.options.map((option) => option.value)).toEqual(['2026', '2025', '2024']);
    expect(sut.groups.flatMap((group) => group.options).filter((option) => option.selected).map((option) => option.value)).toEqual(['2026-Q2']);
    expect(sut.extra).toBeNull();
  });

  it('adds an older period asked for, and nothing for a malformed one', () => {
    expect(periodChoice('2026-05-10', '2019-03', 'vi').extra).toEqual({ value: '2019-03', label: 'Tháng 03/2019', selected: true });
    expect(periodChoice('2026-05-10', '2026-13x', 'vi').extra).toBeNull();
    expect(periodChoice('2026-07-01', '', 'en').groups[2].options[0]).toEqual({ value: '2026-H2', label: 'Second half of 2026', selected: false });
  });
});

describe('trendMonthKeys', () => {
  it.each`
    to              | today           | first        | last
    ${'2026-05-31'} | ${'2026-05-10'} | ${'2025-06'} | ${'2026-05'}
    ${'2026-12-31'} | ${'2026-05-10'} | ${'2025-06'} | ${'2026-05'}
    ${'2025-03-31'} | ${'2026-05-10'} | ${'2024-04'} | ${'2025-03'}
    ${'2026-01-31'} | ${'2026-01-02'} | ${'2025-02'} | ${'2026-01'}
  `('gives twelve months up to the period’s last month ($to), never past today', ({ to, today, first, last }) => {
    const sut = trendMonthKeys(to, today);
    expect(sut).toHaveLength(12);
    expect([sut[0], sut[11]]).toEqual([first, last]);
    expect(new Set(sut).size).toBe(12);
  });
});

describe('trendSvg', () => {
  const months = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
  const points = [null, null, null, 30, 35.5, null, 40, 41.37, 50, 0, null, 45];
  const sut = trendSvg(months.map((key, i) => ({ key, points: points[i], maxPoints: 50 })), 'vi');

  it('breaks the line at every month without points, never drawing them as 0', () => {
    expect(sut.lines).toHaveLength(2);
    expect(sut.lines.map((line) => line.split(' ').length)).toEqual([2, 4]);
    // The month with 0 points is a point on the axis; the months with none are not drawn at all.
    expect(sut.dots).toHaveLength(7);
    expect(sut.dots.find((dot) => dot.title.startsWith('04/2026'))!.cy).toBe(sut.plot.bottom);
    expect(sut.dots.map((dot) => dot.title)).toContain('02/2026: 41,37 điểm');
    expect(sut.dots.find((dot) => dot.title.startsWith('03/2026'))!.cy).toBe(sut.plot.top);
  });

  it('has a table of the same figures, "—" for the gaps, and axis labels', () => {
    expect(sut.rows[0]).toEqual({ key: '2025-07', label: '07/2025', points: '— / 50 điểm' });
    expect(sut.rows[7]).toEqual({ key: '2026-02', label: '02/2026', points: '41,37 / 50 điểm' });
    expect(sut.grid.map((line) => line.label)).toEqual(['0', '10', '20', '30', '40', '50']);
    expect(sut.months.filter((month) => month.year).map((month) => month.year)).toEqual(['2025', '2026']);
    expect(sut.title).toContain('từ 07/2025 đến 06/2026');
    expect(sut.hasPoints).toBe(true);
  });

  it('draws an isolated month as a dot only, and knows when there is nothing at all', () => {
    const lone = trendSvg(months.map((key, i) => ({ key, points: i === 5 ? 20 : null, maxPoints: 50 })), 'en');
    expect([lone.lines, lone.dots.length]).toEqual([[], 1]);
    const none = trendSvg(months.map((key) => ({ key, points: null, maxPoints: 50 })), 'en');
    expect([none.hasPoints, none.lines, none.dots]).toEqual([false, [], []]);
  });
});

describe('periodRefusal', () => {
  it('says a period not begun yet in the reader’s words, with the service’s message', () => {
    const error = new DomainError('invalid', 'period: 2026-07 has not begun yet (today is 2026-06-10)');
    expect(periodRefusal(error, '2026-07', 'vi')).toEqual({
      message: 'Tháng 07/2026 chưa bắt đầu nên chưa có hồ sơ để tính điểm. Hãy chọn một kỳ đã bắt đầu.',
      detail: 'Thông báo của hệ thống: period: 2026-07 has not begun yet (today is 2026-06-10)',
    });
  });

  it('tells a malformed period apart, and leaves other errors to the error page', () => {
    const error = new DomainError('invalid', 'period: must be YYYY-MM, …');
    expect(periodRefusal(error, '2026-13', 'en')!.message).toBe('The period “2026-13” is not one the console knows. Choose a month, quarter, half or year from the list.');
    expect(periodRefusal(new DomainError('not-found', 'unit "x" does not exist'), '2026-05', 'vi')).toBeNull();
    expect(periodRefusal(new Error('boom'), '2026-05', 'vi')).toBeNull();
  });
});
