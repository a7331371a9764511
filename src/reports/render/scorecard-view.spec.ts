import { RANKED_BEFORE, RANKED_NOW, rankingRow, reportModel, reportScorecard, scored } from '../report-rows.fixture';
import { signedScoreChange } from './numbers';
import { biggestLosers, scorecardView } from './scorecard-view';

describe('signedScoreChange', () => {
  it.each`
    current  | previous | locale  | text       | direction
    ${41.37} | ${40.12} | ${'vi'} | ${'+1,25'} | ${'up'}
    ${19.6}  | ${20}    | ${'vi'} | ${'−0,40'} | ${'down'}
    ${19.6}  | ${20}    | ${'en'} | ${'−0.40'} | ${'down'}
    ${6}     | ${6}     | ${'vi'} | ${'0,00'}  | ${'same'}
    ${0}     | ${12.5}  | ${'vi'} | ${'−12,50'} | ${'down'}
    ${0.3}   | ${0.1}   | ${'vi'} | ${'+0,20'} | ${'up'}
    ${null}  | ${40}    | ${'vi'} | ${'—'}     | ${'none'}
    ${40}    | ${null}  | ${'vi'} | ${'—'}     | ${'none'}
    ${null}  | ${null}  | ${'vi'} | ${'—'}     | ${'none'}
  `('$previous → $current ($locale): $text', ({ current, previous, locale, text, direction }) => {
    expect(signedScoreChange(current, previous, locale)).toEqual({ text, direction });
  });

  it('writes a real minus sign, and counts in hundredths (0.3 − 0.1 is not 0.19999…)', () => {
    expect(signedScoreChange(1, 2, 'vi').text.charCodeAt(0)).toBe(0x2212);
    expect(signedScoreChange(0.3, 0.1, 'en').text).toBe('+0.20');
  });
});

describe('biggestLosers', () => {
  it('names the three units that lost most, most first, with their points then and now', () => {
    expect(biggestLosers(RANKED_NOW, RANKED_BEFORE)).toEqual([
      { code: 'x-ha-hoa', name: 'Xã Hạ Hòa', before: 25, now: 22, change: -300 },
      { code: 'x-tu-ky', name: 'Xã Tứ Kỳ', before: 44.1, now: 41.35, change: -275 },
      { code: 'x-bm', name: 'Xã <script>alert(1)</script> & Bình Minh', before: 38.2, now: 36, change: -220 },
    ]);
  });

  it('leaves out a unit that gained or kept its points, and one without a score in either period', () => {
    const now = [rankingRow('a', 'Xã A', 30), rankingRow('b', 'Xã B', 30), rankingRow('c', 'Xã C', null), rankingRow('d', 'Xã D', 10), rankingRow('e', 'Xã E', 5)];
    const before = [rankingRow('a', 'Xã A', 29), rankingRow('b', 'Xã B', 30), rankingRow('c', 'Xã C', 40), rankingRow('d', 'Xã D', null), rankingRow('e', 'Xã E', 5.01)];

    expect(biggestLosers(now, before)).toEqual([{ code: 'e', name: 'Xã E', before: 5.01, now: 5, change: -1 }]);
  });

  it('leaves out a unit not ranked in the previous period (new after a reorganization), and one ranked only then', () => {
    expect(biggestLosers([rankingRow('new', 'Xã Mới', 10)], [rankingRow('old', 'Xã Cũ', 40)])).toEqual([]);
  });

  it('orders equal losses by name as Vietnamese sorts it', () => {
    const now = [rankingRow('3', 'Xã Đông', 9), rankingRow('1', 'Xã Ân', 9), rankingRow('2', 'Xã Bình', 9), rankingRow('4', 'Xã Yên', 9)];
    const before = now.map((row) => ({ ...row, points: 10 }));

    expect(biggestLosers(now, before).map((loss) => loss.name)).toEqual(['Xã Ân', 'Xã Bình', 'Xã Đông']);
  });
});

describe('scorecardView', () => {
  it('is null for a report without the section (weeks, halves, years)', () => {
    expect(scorecardView(reportModel({ scorecard: null }))).toBeNull();
  });

  it('gives the total and each group with points at stake, of their maximum, then and the change, in vi-VN', () => {
    const sut = scorecardView(reportModel({ scorecard: reportScorecard() }))!;

    expect(sut.rows.map((row) => [row.label, row.points, row.previous, row.change])).toEqual([
      ['Tiến độ, kết quả giải quyết', '19,80 / 20', '19,62', '+0,18'],
      ['Thanh toán trực tuyến', '3,00 / 6', '—', '—'],
      ['Số hóa hồ sơ', '12,20 / 18', '12,80', '−0,60'],
      ['Mức độ hài lòng', '6,00 / 6', '6,00', '0,00'],
    ]);
    expect(sut.total).toMatchObject({ label: 'Tổng điểm', points: '41,00 / 50', previous: '38,42', change: '+2,58' });
    expect(sut.rows.map((row) => row.changeColor)).toEqual(['#1a7f37', '#52606d', '#b42318', '#52606d']);
    expect(sut.note).toContain('cho 50 trên 100 điểm');
    expect(sut.note).toContain('“Chỉ số 766”');
    expect(sut.losers).toBeNull();
  });

  it('shows "—" for a period without a score, never 0, and keeps the maximum', () => {
    const sut = scorecardView(reportModel({ scorecard: { current: scored({}), previous: scored({ onTime766: 3 }), ranking: null } }))!;

    expect(sut.total).toMatchObject({ points: '— / 50', previous: '26,00', change: '—' }); // 2.1 and 5.4 full then
    expect(sut.rows[0]).toMatchObject({ points: '— / 20', previous: '20,00', change: '—' });
    for (const row of [...sut.rows, sut.total]) expect(`${row.points} ${row.previous} ${row.change}`).not.toMatch(/(^|\s)0,00/);
  });

  it('shows a 0 that is one as 0,00 (every dossier late is 0 points, not "—")', () => {
    const sut = scorecardView(reportModel({ scorecard: { current: scored({ late766: 4 }), previous: scored({}), ranking: null } }))!;

    expect(sut.rows[0]).toMatchObject({ points: '0,00 / 20', previous: '—', change: '—' });
  });

  it('lists the three units below that lost most, numbered, with then → now and the change', () => {
    const sut = scorecardView(reportModel({ scorecard: reportScorecard({ ranked: true }) }))!;

    expect(sut.losers).toMatchObject({ title: 'Đơn vị trực thuộc giảm điểm nhiều nhất so với kỳ trước', none: null });
    expect(sut.losers!.items).toEqual([
      { number: '1', name: 'Xã Hạ Hòa', points: '25,00 → 22,00', change: '−3,00' },
      { number: '2', name: 'Xã Tứ Kỳ', points: '44,10 → 41,35', change: '−2,75' },
      { number: '3', name: 'Xã <script>alert(1)</script> & Bình Minh', points: '38,20 → 36,00', change: '−2,20' },
    ]);
  });

  it('says so when no unit below lost points', () => {
    const sut = scorecardView(reportModel({ scorecard: { ...reportScorecard(), ranking: { current: RANKED_BEFORE, previous: RANKED_NOW.map((row) => ({ ...row, points: 0 })) } } }))!;

    expect(sut.losers).toMatchObject({ items: [], none: 'Không có đơn vị trực thuộc nào giảm điểm so với kỳ trước.' });
  });

  it('is in English with English numbers', () => {
    const sut = scorecardView(reportModel({ locale: 'en', scorecard: reportScorecard({ lang: 'en', ranked: true }) }))!;

    expect(sut.title).toBe('Decision 766 index (the part dossiers decide)');
    expect(sut.rows[0]).toMatchObject({ label: 'Progress and results', points: '19.80 / 20', previous: '19.62', change: '+0.18' });
    expect(sut.total).toMatchObject({ label: 'Total', points: '41.00 / 50', change: '+2.58' });
    expect(sut.losers!.items[1]).toEqual({ number: '2', name: 'Xã Tứ Kỳ', points: '44.10 → 41.35', change: '−2.75' });
  });
});
