import { formatPercent } from '../common/locale';
import { percentPair } from './percent';

describe('percentPair (docs/figures.md §5 percent display)', () => {
  it.each`
    onTime    | late     | decimals | expectedOnTime | expectedLate | why
    ${749}    | ${1}     | ${2}     | ${'99.87'}     | ${'0.13'}    | ${'the portal bug: 749 of 750'}
    ${749}    | ${1}     | ${1}     | ${'99.9'}      | ${'0.1'}     | ${'749 of 750 at one decimal'}
    ${749}    | ${1}     | ${0}     | ${'99'}        | ${'1'}       | ${'0 % late is forbidden while one is late'}
    ${99999}  | ${1}     | ${2}     | ${'99.99'}     | ${'0.01'}    | ${'100.00 on time is forbidden while one is late'}
    ${99999}  | ${1}     | ${1}     | ${'99.9'}      | ${'0.1'}     | ${'same at one decimal'}
    ${0}      | ${10}    | ${2}     | ${'0.00'}      | ${'100.00'}  | ${'all late'}
    ${10}     | ${0}     | ${2}     | ${'100.00'}    | ${'0.00'}    | ${'none late'}
    ${1}      | ${2}     | ${2}     | ${'33.33'}     | ${'66.67'}   | ${'thirds sum to 100'}
    ${2}      | ${1}     | ${2}     | ${'66.67'}     | ${'33.33'}   | ${'thirds the other way'}
    ${1}      | ${1}     | ${0}     | ${'50'}        | ${'50'}      | ${'exact halves'}
    ${101}    | ${99}    | ${0}     | ${'51'}        | ${'49'}      | ${'both .5: tie, the late one gives way' /* 50.5 + 49.5 */}
    ${1}      | ${99999} | ${2}     | ${'0.01'}      | ${'99.99'}   | ${'one on time is never shown as 0'}
    ${4674}   | ${0}     | ${2}     | ${'100.00'}    | ${'0.00'}    | ${'large round count'}
    ${1}      | ${7}     | ${3}     | ${'12.500'}    | ${'87.500'}  | ${'three decimals'}
  `('$onTime on time, $late late, $decimals decimals → $expectedOnTime / $expectedLate ($why)', ({ onTime, late, decimals, expectedOnTime, expectedLate }) => {
    const sut = percentPair(onTime, late, decimals);
    expect(sut).toEqual({ onTime: expectedOnTime, late: expectedLate });
  });

  it('is undefined (null) when nothing was settled, never 0 % or 100 %', () => {
    expect(percentPair(0, 0)).toBeNull();
    expect(formatPercent(null, 'vi')).toBe('—');
  });

  it('always sums to exactly 100 and respects the late guards, for every split of 1..120', () => {
    for (let total = 1; total <= 120; total++) {
      for (let late = 0; late <= total; late++) {
        for (const decimals of [0, 1, 2]) {
          const sut = percentPair(total - late, late, decimals)!;
          const steps = (text: string) => Number(text.replace('.', ''));
          expect(steps(sut.onTime) + steps(sut.late)).toBe(100 * 10 ** decimals);
          if (late > 0) expect(steps(sut.late)).toBeGreaterThan(0);
          if (late > 0) expect(steps(sut.onTime)).toBeLessThan(100 * 10 ** decimals);
          // Never further than one step from the exact value.
          const exact = (100 * (total - late)) / total;
          expect(Math.abs(Number(sut.onTime) - exact)).toBeLessThanOrEqual(10 ** -decimals + 1e-9);
        }
      }
    }
  });

  it.each([
    [-1, 0, 2],
    [1.5, 0, 2],
    [1, 0, 7],
  ])('refuses counts %p/%p or decimals %p that cannot be shown', (onTime, late, decimals) => {
    expect(() => percentPair(onTime, late, decimals)).toThrow(RangeError);
  });
});

describe('formatPercent (locale)', () => {
  it.each`
    value       | locale  | expected
    ${'99.87'}  | ${'vi'} | ${'99,87%'}
    ${'0.13'}   | ${'vi'} | ${'0,13%'}
    ${'99.87'}  | ${'en'} | ${'99.87%'}
    ${'100.00'} | ${'vi'} | ${'100,00%'}
    ${'99'}     | ${'vi'} | ${'99%'}
  `('$value in $locale → $expected', ({ value, locale, expected }) => {
    expect(formatPercent(value, locale)).toBe(expected);
  });
});
