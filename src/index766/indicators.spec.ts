import { FigureCounts, deriveFigures, zeroCounts } from '../stats/figures';
import { INDICATORS, dossiersForOnePoint, pointsFor, ratioOf, scorecardOf, weakestIndicator } from './indicators';

const counts = (more: Partial<FigureCounts>): FigureCounts => ({ ...zeroCounts(), ...more });
const indicator = (id: string) => INDICATORS.find((definition) => definition.id === id)!;
/** 100 received (30 online), 20 finished (18 on time by 2.1), 8 open at the end (3 overdue by 2.1). */
const MONTH = counts({
  receivedDirect: 65, receivedOnline: 30, receivedPostal: 5, onTime766: 18, late766: 2, openOnTrack: 4, openWaiting: 1, openOverdue: 3, openLate766: 3,
  results: 50, electronicResults: 45, digitizedResults: 35, reusedData: 40, citizenRepository: 25, vneidVerified: 60,
  feePayable: 4, paidOnline: 3, complaints: 7, resolvedReceived: 3, resolutionMinutes: 4320,
});

describe('the 766 indicators on hand-worked counts', () => {
  it.each`
    id        | given                                                                  | ratio                   | points   | why
    ${'2.1'}  | ${MONTH}                                                               | ${23 / 28}              | ${16.43} | ${'(18 + 8 − 3) / (20 + 8) × 20 = 16.4286'}
    ${'2.1'}  | ${counts({ onTime766: 10 })}                                           | ${1}                    | ${20}    | ${'all on time: full points'}
    ${'2.1'}  | ${counts({ openWaiting: 2, openLate766: 2 })}                          | ${0}                    | ${0}     | ${'two waiting, asked after their deadline: 0, not "—"'}
    ${'2.1'}  | ${counts({})}                                                          | ${null}                 | ${null}  | ${'nothing finished or open: "—", never 0 or 20'}
    ${'2.2'}  | ${MONTH}                                                               | ${1}                    | ${null}  | ${'4,320 minutes over 3 dossiers: one day each, shown, not scored'}
    ${'2.2'}  | ${counts({ receivedOnline: 3 })}                                       | ${null}                 | ${null}  | ${'none resolved'}
    ${'3.3'}  | ${MONTH}                                                               | ${0.3}                  | ${0}     | ${'30 of 100 online: its own points are not published (0 of 0)'}
    ${'3.6'}  | ${MONTH}                                                               | ${0.75}                 | ${4.5}   | ${'3 of 4 with a fee paid online: 6 × 0.75'}
    ${'3.6'}  | ${counts({ receivedDirect: 5 })}                                       | ${null}                 | ${null}  | ${'no fee anywhere: "—"'}
    ${'4.1'}  | ${MONTH}                                                               | ${0.9}                  | ${5.4}   | ${'45 of 50 results electronic: 6 × 0.9'}
    ${'4.2'}  | ${MONTH}                                                               | ${0.7}                  | ${3.5}   | ${'35 of 50, full at 80 %: 4 × 0.7 / 0.8'}
    ${'4.2'}  | ${counts({ results: 10, digitizedResults: 8 })}                        | ${0.8}                  | ${4}     | ${'at the target: full points'}
    ${'4.2'}  | ${counts({ results: 10, digitizedResults: 9 })}                        | ${0.9}                  | ${4}     | ${'above it: capped'}
    ${'4.3'}  | ${MONTH}                                                               | ${0.4}                  | ${1}     | ${'40 of 100, full at 80 %: 2 × 0.4 / 0.8'}
    ${'4.4'}  | ${MONTH}                                                               | ${0.25}                 | ${1}     | ${'25 of 100: 4 × 0.25'}
    ${'4.5b'} | ${MONTH}                                                               | ${0.6}                  | ${1.2}   | ${'60 of 100: 2 × 0.6'}
    ${'5.4'}  | ${MONTH}                                                               | ${1 - 5 / 28 - 0.07}    | ${5.01}  | ${'1 − (5/28 late + 7/100 complaints) = 0.7514; full at 90 %: 6 × 0.7514 / 0.9'}
    ${'5.4'}  | ${counts({ onTime766: 9, receivedDirect: 10, complaints: 0 })}         | ${1}                    | ${6}     | ${'none late, none complained of'}
    ${'5.4'}  | ${counts({ late766: 5, receivedDirect: 5, complaints: 5 })}            | ${0}                    | ${0}     | ${'all late and complained of: 0, not below'}
    ${'5.4'}  | ${counts({})}                                                          | ${null}                 | ${null}  | ${'no dossiers: "—"'}
  `('$id: $why', ({ id, given, ratio, points }) => {
    const definition = indicator(id);
    const got = ratioOf(definition, given);
    if (ratio === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(ratio, 12);
    expect(pointsFor(definition, got)).toBe(points);
  });

  it.each`
    id       | given                                      | more    | why
    ${'2.1'} | ${MONTH}                                   | ${2}    | ${'16.43 → 17.43 needs 24.4 of 28 on time: 2 more (25/28 gives 17.86, 24/28 only 17.14)'}
    ${'4.2'} | ${MONTH}                                   | ${5}    | ${'3.5 → 4 (less than a point left: the rest of the way): 40 of 50, 5 more'}
    ${'4.1'} | ${counts({ results: 10, electronicResults: 10 })} | ${null} | ${'full points: nothing to gain'}
    ${'3.3'} | ${MONTH}                                   | ${null} | ${'no points at stake'}
  `('one more point of $id: $why', ({ id, given, more }) => {
    expect(dossiersForOnePoint(indicator(id), given)).toBe(more);
  });

  it('sums the groups and the total over what it computes, and names what it does not', () => {
    const card = scorecardOf(MONTH);

    expect(card.maxPoints).toBe(50);
    expect(card.groups.map((group) => [group.id, group.maxPoints, group.nationalMaxPoints])).toEqual([
      ['1', 0, 18], ['2', 20, 20], ['3', 0, 12], ['pay', 6, 10], ['4', 18, 22], ['5', 6, 18],
    ]);
    expect(card.points).toBe(Math.round((16.43 + 0 + 0 + 4.5 + 5.4 + 3.5 + 1 + 1 + 1.2 + 5.01) * 100) / 100);
    expect(card.groups[0].points).toBeNull();
    expect(card.notComputed.map((item) => item.id)).toEqual(['1.1', '1.2', '1.3', '1.4', '3.1', '3.2', '3.5', '3.5b', '4.5a', '4.6', '5.2', '5.3']);
    expect(weakestIndicator(card)?.id).toBe('2.1');
    expect(card.groups[1].indicators[0].onePointMore?.text).toBe('2 hồ sơ trễ hạn');
    expect(scorecardOf(MONTH, 'en').groups[1].indicators[0].onePointMore?.text).toBe('2 late dossiers');
  });

  it('shows "—" everywhere for a period without dossiers, never 0 or full points', () => {
    const card = scorecardOf(zeroCounts());

    expect(card.points).toBeNull();
    for (const item of card.groups.flatMap((group) => group.indicators)) expect([item.id, item.ratio, item.points]).toEqual([item.id, null, null]);
    expect(weakestIndicator(card)).toBeNull();
  });
});

describe('2.1 is one number in the stats and on the scorecard', () => {
  it.each`
    onTime | late   | why
    ${201} | ${599} | ${'201/800 of 20 points is 5.025: half up, 5.03 in both (rounding 0.25125 × 2000 alone gave 5.02)'}
    ${23}  | ${5}   | ${'23/28: 16.43'}
    ${7}   | ${0}   | ${'all on time: 20'}
  `('$why', ({ onTime, late }) => {
    const given = counts({ onTime766: onTime, late766: late });
    const progress = scorecardOf(given).groups.find((group) => group.id === '2')!.indicators[0];

    expect(progress.id).toBe('2.1');
    expect(deriveFigures(given).progressScore).toBe(progress.points);
    expect(deriveFigures(given).progressIndex).toBe(progress.ratio);
  });

  it('agrees for every ratio of up to 1,000 dossiers', () => {
    const disagree: string[] = [];
    const given = zeroCounts();
    for (let denominator = 1; denominator <= 1000; denominator++) {
      for (let numerator = 0; numerator <= denominator; numerator++) {
        given.onTime766 = numerator;
        given.late766 = denominator - numerator;
        if (deriveFigures(given).progressScore !== pointsFor(indicator('2.1'), ratioOf(indicator('2.1'), given))) disagree.push(`${numerator}/${denominator}`);
      }
    }
    expect(disagree).toEqual([]);
  });
});
