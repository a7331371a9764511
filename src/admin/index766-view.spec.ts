import { scorecardOf } from '../index766/indicators';
import { RankingAnswer, ScorecardAnswer } from '../index766/index766.service';
import { zeroCounts } from '../stats/figures';
import { daysText, drillDownUrl, groupBar, indicatorRow, pointsText, rankingRows, ratioText, scorecardView, targetText } from './index766-view';

const UNIT = { code: 'xa-tu-ky', name: 'Xã Tứ Kỳ', level: 'commune' };
const PERIOD = { from: '2026-11-01', to: '2026-11-30', label: '2026-11' };

/** A commune's month: 12 late of 932 finished, a few open, facts on some dossiers. */
const COUNTS = {
  ...zeroCounts(), receivedDirect: 600, receivedOnline: 380, receivedPostal: 20, onTime766: 920, late766: 12, openOnTrack: 70, openWaiting: 8, openOverdue: 6, openLate766: 9,
  results: 900, electronicResults: 810, digitizedResults: 640, reusedData: 500, citizenRepository: 300, vneidVerified: 700, feePayable: 400, paidOnline: 250,
  complaints: 3, resolvedReceived: 850, resolutionMinutes: 850 * 4.25 * 1440,
};

function answerOf(counts = COUNTS, lang: 'vi' | 'en' = 'vi'): ScorecardAnswer {
  return { unit: UNIT, period: PERIOD, includeChildren: true, judgedAt: '2026-11-30T16:59:59.999Z', ...scorecardOf(counts, lang) };
}
const indicatorOf = (answer: ScorecardAnswer, id: string) => answer.groups.flatMap((group) => group.indicators).find((item) => item.id === id)!;

describe('ratioText', () => {
  it.each`
    ratio                   | vi           | en
    ${0.99874}              | ${'99,87%'}  | ${'99.87%'}
    ${0.998999999}          | ${'99,90%'}  | ${'99.90%'}
    ${1}                    | ${'100,00%'} | ${'100.00%'}
    ${0}                    | ${'0,00%'}   | ${'0.00%'}
    ${2 / 3}                | ${'66,67%'}  | ${'66.67%'}
    ${null}                 | ${'—'}       | ${'—'}
    ${Number.NaN}           | ${'—'}       | ${'—'}
  `('prints $ratio as $vi / $en: two decimals, never a float’s tail', ({ ratio, vi, en }) => {
    expect(ratioText(ratio, 'vi')).toBe(vi);
    expect(ratioText(ratio, 'en')).toBe(en);
  });

  it('prints targets with the digits they need', () => {
    expect([targetText(1, 'vi'), targetText(0.8, 'vi'), targetText(0.5, 'en'), targetText(null, 'vi')]).toEqual(['100%', '80%', '50%', '—']);
  });
});

describe('points and days', () => {
  it('prints points of the maximum, "—" for none (never 0)', () => {
    expect(pointsText(19.9, 20, 'vi')).toBe('19,90 / 20 điểm');
    expect(pointsText(0, 6, 'vi')).toBe('0,00 / 6 điểm');
    expect(pointsText(null, 20, 'vi')).toBe('— / 20 điểm');
    expect(pointsText(1234.5, 1000, 'en')).toBe('1,234.50 / 1,000 points');
  });

  it('prints 2.2 in days', () => {
    expect(daysText(4.25, 'vi')).toBe('4,25 ngày');
    expect(daysText(1 / 3, 'en')).toBe('0.33 days');
    expect(daysText(null, 'vi')).toBe('—');
  });
});

describe('groupBar', () => {
  it('draws the points on the national maximum, the part not computed beside them', () => {
    const sut = groupBar({ points: 19.9, maxPoints: 20, nationalMaxPoints: 20 }, 'vi');
    expect(sut).toMatchObject({ earned: 99.5, lost: 0.5, noDossiers: 0, notComputed: 0, at: { lost: 99.5, noDossiers: 100, notComputed: 100 } });
    expect(sut.text).toBe('Đạt 19,90 trên 20 điểm tính được; cả nhóm 20 điểm, 0 điểm chưa tính được.');

    const digitisation = groupBar({ points: 11, maxPoints: 18, nationalMaxPoints: 22 }, 'vi');
    expect(digitisation).toMatchObject({ earned: 50, lost: 31.82, noDossiers: 0, notComputed: 18.18 });
    expect(digitisation.earned + digitisation.lost + digitisation.notComputed).toBeCloseTo(100, 5);
  });

  it('shows a group without dossiers as empty, not as 0 points nor as full', () => {
    const sut = groupBar({ points: null, maxPoints: 6, nationalMaxPoints: 10 }, 'vi');
    expect(sut).toMatchObject({ earned: 0, lost: 0, noDossiers: 60, notComputed: 40, at: { notComputed: 60 } });
    expect(sut.text).toBe('Chưa có hồ sơ để tính điểm; tính được 6 trên 10 điểm của nhóm.');
  });

  it('shows a group with nothing computable as wholly not computed', () => {
    expect(groupBar({ points: null, maxPoints: 0, nationalMaxPoints: 18 }, 'en')).toMatchObject({ earned: 0, lost: 0, noDossiers: 0, notComputed: 100, text: 'None of the group’s 18 points can be computed yet.' });
    // 3.3 is scored 0 of 0: the group still has nothing computed, not "0 points earned".
    expect(groupBar({ points: 0, maxPoints: 0, nationalMaxPoints: 12 }, 'vi')).toMatchObject({ earned: 0, lost: 0, notComputed: 100, text: 'Chưa tính được điểm nào trong 12 điểm của nhóm.' });
  });
});

describe('indicatorRow', () => {
  const answer = answerOf();

  it('prints 2.1 with its counts, points, target, what one more point takes and its link', () => {
    const sut = indicatorRow(indicatorOf(answer, '2.1'), UNIT.code, PERIOD.label, 'vi');
    const expected = indicatorOf(answer, '2.1');
    expect(sut).toMatchObject({
      id: '2.1',
      ratio: ratioText(expected.ratio, 'vi'),
      counts: `${expected.numerator!.toLocaleString('vi-VN')} / ${expected.denominator!.toLocaleString('vi-VN')}`,
      points: pointsText(expected.points, 20, 'vi'),
      target: '100%',
      more: `Cần thêm: ${expected.onePointMore!.text}`,
      missing: true,
      url: '/admin/index766/dossiers?unit=xa-tu-ky&indicator=2.1&period=2026-11',
    });
    expect(sut.more).toMatch(/^Cần thêm: \d+ hồ sơ trễ hạn$/);
  });

  it('prints 2.2 in days, unscored and without a link', () => {
    const sut = indicatorRow(indicatorOf(answer, '2.2'), UNIT.code, PERIOD.label, 'vi');
    expect(sut).toMatchObject({ ratio: '4,25 ngày', counts: '850 hồ sơ đã giải quyết', points: 'Không tính điểm', target: '—', more: '—', url: null });
  });

  it('prints 5.4 with its two components', () => {
    const sut = indicatorRow(indicatorOf(answer, '5.4'), UNIT.code, PERIOD.label, 'vi');
    const { lateRate, complaintRate } = indicatorOf(answer, '5.4').components!;
    expect(sut.counts).toBe('100% − (tỉ lệ trễ hạn + tỉ lệ phản ánh)');
    expect(sut.components).toEqual([`Trễ hạn: ${ratioText(lateRate, 'vi')}`, `Phản ánh, kiến nghị: ${ratioText(complaintRate, 'vi')}`]);
    expect(sut.url).toBe(drillDownUrl(UNIT.code, '5.4', PERIOD.label));
  });

  it('says 3.3 has no points of its own, and a full indicator that it is full', () => {
    expect(indicatorRow(indicatorOf(answer, '3.3'), UNIT.code, PERIOD.label, 'vi')).toMatchObject({ points: 'Không tính điểm riêng', target: '50%', more: '—' });
    const full = answerOf({ ...COUNTS, paidOnline: 400 });
    expect(indicatorRow(indicatorOf(full, '3.6'), UNIT.code, PERIOD.label, 'vi')).toMatchObject({ points: '6,00 / 6 điểm', more: 'Đã đủ điểm', missing: false });
  });

  it('prints "—" for every figure of an empty month, never 0 or full', () => {
    const empty = answerOf(zeroCounts());
    for (const id of ['2.1', '3.6', '4.1', '4.2', '5.4']) {
      expect(indicatorRow(indicatorOf(empty, id), UNIT.code, PERIOD.label, 'vi')).toMatchObject({ ratio: '—', more: '—', missing: false });
    }
    expect(indicatorRow(indicatorOf(empty, '2.1'), UNIT.code, PERIOD.label, 'vi')).toMatchObject({ counts: '0 / 0', points: '— / 20 điểm' });
    expect(indicatorRow(indicatorOf(empty, '2.2'), UNIT.code, PERIOD.label, 'vi')).toMatchObject({ ratio: '—', counts: '0 hồ sơ đã giải quyết' });
    expect(indicatorRow(indicatorOf(empty, '5.4'), UNIT.code, PERIOD.label, 'vi').components).toEqual(['Trễ hạn: —', 'Phản ánh, kiến nghị: —']);
  });
});

describe('scorecardView', () => {
  it('gives the total of the computed maximum and the share of the index not computed', () => {
    const answer = answerOf();
    const sut = scorecardView(answer, 'vi');
    expect(sut.total).toBe(pointsText(answer.points, 50, 'vi'));
    expect(sut.totalNote).toBe('Tính được 50 trong 100 điểm của bộ chỉ số; 50 điểm còn lại cần dữ liệu khác (xem danh sách cuối trang).');
    expect(sut.groups.map((group) => group.id)).toEqual(['1', '2', '3', 'pay', '4', '5']);
    expect(sut.groups[0]).toMatchObject({ points: 'Chưa tính được', national: 'Cả nhóm: 18 điểm', indicators: [] });
    expect(sut.groups[2]).toMatchObject({ points: 'Chưa tính được', national: 'Cả nhóm: 12 điểm' });
    expect(sut.groups[1].points).toBe(pointsText(answer.groups[1].points, 20, 'vi'));
    expect(sut.notComputed.find((item) => item.id === '5.2')).toEqual({ id: '5.2', name: 'Phản ánh, kiến nghị xử lý đúng hạn', group: 'Mức độ hài lòng', maxPoints: '6', reason: 'cần dữ liệu Hệ thống phản ánh, kiến nghị' });
  });

  it('is "—" throughout for a month without dossiers', () => {
    const sut = scorecardView(answerOf(zeroCounts()), 'en');
    expect(sut.total).toBe('— / 50 points');
    expect(sut.groups.filter((group) => group.bar.earned > 0)).toEqual([]);
  });
});

describe('rankingRows', () => {
  const answer: RankingAnswer = {
    unit: { code: 'huyen', name: 'Huyện Thử', level: 'district' },
    period: PERIOD,
    judgedAt: '2026-11-30T16:59:59.999Z',
    units: [
      { rank: 1, unit: { code: 'xa-b', name: 'Xã B', level: 'commune' }, points: 44.1, maxPoints: 50, progressIndex: 0.99, weakest: { id: '4.2', name: 'Hồ sơ số hóa thành phần và kết quả', points: 3.1, maxPoints: 4, onePointMore: { dossiers: 18, text: '18 hồ sơ chưa số hóa' } } },
      { rank: 2, unit: { code: 'xa-a', name: 'Xã A', level: 'commune' }, points: null, maxPoints: 50, progressIndex: null, weakest: null },
    ],
  };

  it('links each unit to its scorecard for the period, with its weakest indicator and what it takes', () => {
    expect(rankingRows(answer, 'vi')).toEqual([
      {
        rank: '1', code: 'xa-b', name: 'Xã B', url: '/admin/index766?unit=xa-b&period=2026-11', points: '44,10 / 50 điểm', progressIndex: '99,00%',
        weakest: '4.2 Hồ sơ số hóa thành phần và kết quả', weakestPoints: '3,10 / 4 điểm', weakestUrl: '/admin/index766/dossiers?unit=xa-b&indicator=4.2&period=2026-11', more: 'Cần thêm: 18 hồ sơ chưa số hóa',
      },
      { rank: '2', code: 'xa-a', name: 'Xã A', url: '/admin/index766?unit=xa-a&period=2026-11', points: '— / 50 điểm', progressIndex: '—', weakest: '—', weakestPoints: null, weakestUrl: null, more: '—' },
    ]);
  });
});
