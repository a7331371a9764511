import { addLocalDays } from '../common/local-time';
import { lunarNewYear, lunarNewYearsEve, lunarToSolar, solarToLunar } from './lunar';

describe('lunarNewYear (mùng 1 Tết, Vietnamese calendar at UTC+7)', () => {
  it.each`
    year    | expected        | note
    ${2020} | ${'2020-01-25'} | ${''}
    ${2021} | ${'2021-02-12'} | ${''}
    ${2022} | ${'2022-02-01'} | ${''}
    ${2023} | ${'2023-01-22'} | ${''}
    ${2024} | ${'2024-02-10'} | ${''}
    ${2025} | ${'2025-01-29'} | ${''}
    ${2026} | ${'2026-02-17'} | ${''}
    ${2027} | ${'2027-02-06'} | ${''}
    ${2028} | ${'2028-01-26'} | ${''}
    ${2029} | ${'2029-02-13'} | ${''}
    ${2030} | ${'2030-02-02'} | ${'new moon 2/2 16:07 UTC: 23:07 in Vietnam, 00:07 on 3/2 in China'}
    ${2007} | ${'2007-02-17'} | ${'new moon 17/2 16:14 UTC: China has 18/2'}
    ${1985} | ${'1985-01-21'} | ${'a month before China (20/2): month 11 differs'}
  `('Tết $year is $expected $note', ({ year, expected }) => {
    expect(lunarNewYear(year)).toBe(expected);
  });

  it.each`
    year    | expected
    ${2020} | ${'2020-01-24'}
    ${2022} | ${'2022-01-31'}
    ${2025} | ${'2025-01-28'}
    ${2026} | ${'2026-02-16'}
  `('giao thừa before Tết $year is $expected', ({ year, expected }) => {
    expect(lunarNewYearsEve(year)).toBe(expected);
  });

  it('giao thừa is the day before Tết, the last day of month 12 of the year before', () => {
    for (let year = 2000; year <= 2040; year++) {
      const eve = lunarNewYearsEve(year);
      expect(addLocalDays(eve, 1)).toBe(lunarNewYear(year));
      const lunar = solarToLunar(eve);
      expect(lunar).toEqual({ day: lunar.day, month: 12, year: year - 1, leap: false });
      expect([29, 30]).toContain(lunar.day);
    }
  });
});

describe('lunarToSolar', () => {
  it.each`
    day   | month | year    | leap     | expected        | what
    ${10} | ${3}  | ${2023} | ${false} | ${'2023-04-29'} | ${'Giỗ Tổ Hùng Vương 2023'}
    ${10} | ${3}  | ${2024} | ${false} | ${'2024-04-18'} | ${'Giỗ Tổ Hùng Vương 2024'}
    ${10} | ${3}  | ${2025} | ${false} | ${'2025-04-07'} | ${'Giỗ Tổ Hùng Vương 2025'}
    ${10} | ${3}  | ${2026} | ${false} | ${'2026-04-26'} | ${'Giỗ Tổ Hùng Vương 2026'}
    ${10} | ${3}  | ${2027} | ${false} | ${'2027-04-16'} | ${'Giỗ Tổ Hùng Vương 2027'}
    ${1}  | ${4}  | ${2020} | ${true}  | ${'2020-05-23'} | ${'leap month 4 of 2020 starts'}
    ${1}  | ${2}  | ${2023} | ${true}  | ${'2023-03-22'} | ${'leap month 2 of 2023 starts (new moon 00:23 local)'}
    ${1}  | ${3}  | ${2023} | ${false} | ${'2023-04-20'} | ${'month 3 of 2023 follows the leap month 2'}
    ${1}  | ${6}  | ${2025} | ${true}  | ${'2025-07-25'} | ${'leap month 6 of 2025 starts'}
    ${1}  | ${7}  | ${2025} | ${false} | ${'2025-08-23'} | ${'month 7 of 2025 follows the leap month 6'}
    ${15} | ${8}  | ${2025} | ${false} | ${'2025-10-06'} | ${'Tết Trung thu 2025'}
    ${1}  | ${11} | ${2025} | ${false} | ${'2025-12-20'} | ${'month 11 holds the solstice (21/12), after the leap month 6'}
    ${23} | ${12} | ${2025} | ${false} | ${'2026-02-10'} | ${'ông Công ông Táo of lunar 2025 falls in 2026'}
  `('$day/$month$leap/$year → $expected ($what)', ({ day, month, year, leap, expected }) => {
    expect(lunarToSolar(day, month, year, leap)).toBe(expected);
  });

  it.each`
    day   | month | year    | leap     | why
    ${1}  | ${2}  | ${2024} | ${true}  | ${'2024 has no leap month'}
    ${1}  | ${5}  | ${2025} | ${true}  | ${'2025’s leap month is 6, not 5'}
    ${30} | ${12} | ${2021} | ${false} | ${'month 12 of 2021 has 29 days (giao thừa 31/1/2022)'}
    ${0}  | ${1}  | ${2025} | ${false} | ${'day 0'}
    ${31} | ${1}  | ${2025} | ${false} | ${'day 31'}
    ${1}  | ${13} | ${2025} | ${false} | ${'month 13'}
    ${1.5} | ${1} | ${2025} | ${false} | ${'a fractional day'}
    ${1}  | ${1}  | ${1800} | ${false} | ${'a year outside 1900–2199'}
  `('rejects $day/$month/$year (leap $leap): $why', ({ day, month, year, leap }) => {
    expect(() => lunarToSolar(day, month, year, leap)).toThrow(RangeError);
  });
});

describe('solarToLunar', () => {
  it.each`
    date            | expected
    ${'2025-01-29'} | ${{ day: 1, month: 1, year: 2025, leap: false }}
    ${'2025-01-28'} | ${{ day: 29, month: 12, year: 2024, leap: false }}
    ${'2025-07-25'} | ${{ day: 1, month: 6, year: 2025, leap: true }}
    ${'2025-08-22'} | ${{ day: 29, month: 6, year: 2025, leap: true }}
    ${'2025-07-24'} | ${{ day: 30, month: 6, year: 2025, leap: false }}
    ${'2023-04-19'} | ${{ day: 29, month: 2, year: 2023, leap: true }}
    ${'2024-12-31'} | ${{ day: 1, month: 12, year: 2024, leap: false }}
    ${'2020-01-01'} | ${{ day: 7, month: 12, year: 2019, leap: false }}
    ${'2030-12-31'} | ${{ day: 7, month: 12, year: 2030, leap: false }}
  `('$date is $expected.day/$expected.month/$expected.year', ({ date, expected }) => {
    expect(solarToLunar(date)).toEqual(expected);
  });

  it.each([['2025-02-29'], ['2025-13-01'], ['25-01-01'], ['yesterday'], ['1899-12-31']])('rejects %p', (date) => {
    expect(() => solarToLunar(date)).toThrow(RangeError);
  });

  it.each`
    day   | month | year    | leap
    ${1}  | ${1}  | ${2020} | ${false}
    ${29} | ${4}  | ${2020} | ${true}
    ${10} | ${3}  | ${2021} | ${false}
    ${15} | ${1}  | ${2022} | ${false}
    ${29} | ${2}  | ${2023} | ${true}
    ${15} | ${2}  | ${2023} | ${false}
    ${1}  | ${12} | ${2023} | ${false}
    ${15} | ${7}  | ${2024} | ${false}
    ${1}  | ${6}  | ${2025} | ${true}
    ${15} | ${6}  | ${2025} | ${true}
    ${30} | ${6}  | ${2025} | ${false}
    ${15} | ${8}  | ${2026} | ${false}
    ${1}  | ${5}  | ${2028} | ${true}
    ${5}  | ${5}  | ${2028} | ${false}
    ${10} | ${10} | ${2029} | ${false}
    ${29} | ${11} | ${2030} | ${false}
    ${1}  | ${11} | ${2033} | ${true}
  `('round trip of $day/$month/$year (leap $leap)', ({ day, month, year, leap }) => {
    expect(solarToLunar(lunarToSolar(day, month, year, leap))).toEqual({ day, month, year, leap });
  });

  it('maps every day of 2020–2030 back to itself, one lunar day after another', () => {
    let previous = solarToLunar('2019-12-31');
    for (let date = '2020-01-01'; date <= '2030-12-31'; date = addLocalDays(date, 1)) {
      const lunar = solarToLunar(date);
      expect(lunarToSolar(lunar.day, lunar.month, lunar.year, lunar.leap)).toBe(date);
      if (lunar.day === 1) {
        expect([29, 30]).toContain(previous.day);
      } else {
        expect(lunar).toEqual({ ...previous, day: previous.day + 1 });
      }
      previous = lunar;
    }
  });

  it('has 12 or 13 months a lunar year, at most one of them leap, 29 or 30 days each', () => {
    for (let year = 1990; year <= 2050; year++) {
      const tet = lunarNewYear(year);
      const nextTet = lunarNewYear(year + 1);
      const days = (Date.parse(nextTet) - Date.parse(tet)) / 86_400_000;
      const leapMonths = [...Array(12).keys()].filter((m) => {
        try {
          lunarToSolar(1, m + 1, year, true);
          return true;
        } catch {
          return false;
        }
      });
      expect(leapMonths.length).toBeLessThanOrEqual(1);
      if (leapMonths.length === 0) expect(days).toBeGreaterThanOrEqual(353);
      if (leapMonths.length === 0) expect(days).toBeLessThanOrEqual(355);
      if (leapMonths.length === 1) expect(days).toBeGreaterThanOrEqual(383);
      if (leapMonths.length === 1) expect(days).toBeLessThanOrEqual(385);
    }
  });
});
