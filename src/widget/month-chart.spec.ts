import { deriveFigures, zeroCounts } from '../stats/figures';
import { StatsGroupAnswer } from '../stats/stats.service';
import { BAR_SPAN, BAR_START, monthChart } from './month-chart';

function month(key: string, early: number, onTime: number, late: number): StatsGroupAnswer {
  return { key, label: key, ...deriveFigures({ ...zeroCounts(), early, onTime, late }) };
}

const width = (text: string) => Number(text.replace('%', ''));

describe('monthChart', () => {
  it('draws each month against the busiest, split into on time and late, with the month row’s own strings', () => {
    const sut = monthChart([month('2025-05', 600, 149, 1), month('2025-06', 100, 50, 225), month('2025-07', 0, 0, 0)], 'vi');

    expect(sut.rows.map(({ label, settled, onTimePercent, late, figures }) => [label, settled, onTimePercent, late, figures])).toEqual([
      ['05/2025', '750', '99,87%', '1', '750 · 99,87%'],
      ['06/2025', '375', '40,00%', '225', '375 · 40,00%'],
      ['07/2025', '0', '—', '0', '0 · —'],
    ]);
    const [may, june, july] = sut.rows;
    // The busiest month fills the span; the others are in proportion, on time then late.
    expect(width(may.onTimeWidth) + width(may.lateWidth)).toBeCloseTo(BAR_SPAN, 2);
    expect(width(may.lateWidth)).toBeCloseTo((BAR_SPAN * 1) / 750, 2);
    expect(width(june.onTimeWidth)).toBeCloseTo((BAR_SPAN * 150) / 750, 2);
    expect(width(june.lateWidth)).toBeCloseTo((BAR_SPAN * 225) / 750, 2);
    expect(width(june.lateX)).toBeCloseTo(BAR_START + (BAR_SPAN * 150) / 750, 2);
    expect([july.onTimeWidth, july.lateWidth]).toEqual(['0%', '0%']);
    expect(july.sentence).toBe('Tháng 07/2025: chưa có hồ sơ đã giải quyết.');
    // The busiest bar ends where the figures beside it still fit at 320 px.
    expect(BAR_START + BAR_SPAN).toBeLessThanOrEqual(60);
    // One row below the other, and the picture as tall as its rows.
    expect(june.y - may.y).toBe(july.y - june.y);
    expect(sut.height).toBeGreaterThan(july.y);
  });

  it('says in words what it draws, month by month, in the page’s language', () => {
    const vi = monthChart([month('2025-05', 600, 149, 1)], 'vi');
    const en = monthChart([month('2025-05', 600, 149, 1)], 'en');

    expect(vi.description).toBe('Tháng 05/2025: 750 hồ sơ đã giải quyết, 99,87% trước & đúng hạn, 1 trễ hạn.');
    expect(en.description).toBe('05/2025: 750 dossiers settled, 99.87% early & on time, 1 late.');
    expect(en.rows[0].sentence).toBe(en.description);
  });

  it('draws no bar at all when nothing was settled in any month, rather than dividing by zero', () => {
    const sut = monthChart([month('2025-05', 0, 0, 0), month('2025-06', 0, 0, 0)], 'vi');

    expect(sut.rows.every((row) => row.onTimeWidth === '0%' && row.lateWidth === '0%' && row.lateX === `${BAR_START}%`)).toBe(true);
  });
});
