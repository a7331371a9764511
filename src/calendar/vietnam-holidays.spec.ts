import { addLocalDays } from '../common/local-time';
import { lunarNewYear, lunarNewYearsEve, lunarToSolar } from './lunar';
import { ANNOUNCED_SWAPS, CalendarDaySeed, seedCalendarDays, vietnamHolidays } from './vietnam-holidays';
import { weekdayOf } from './working-days';

const holiday = (date: string, name: string): CalendarDaySeed => ({ date, kind: 'holiday', name });

describe('vietnamHolidays (Labour Code 2019, Art. 112)', () => {
  it('2025: every holiday and compensatory day, sorted', () => {
    expect(vietnamHolidays(2025)).toEqual([
      holiday('2025-01-01', 'Tết Dương lịch'),
      holiday('2025-01-27', 'Nghỉ bù Tết Nguyên Đán (mùng 4)'),
      holiday('2025-01-28', 'Tết Nguyên Đán (giao thừa)'),
      holiday('2025-01-29', 'Tết Nguyên Đán (mùng 1)'),
      holiday('2025-01-30', 'Tết Nguyên Đán (mùng 2)'),
      holiday('2025-01-31', 'Tết Nguyên Đán (mùng 3)'),
      holiday('2025-02-01', 'Tết Nguyên Đán (mùng 4)'),
      holiday('2025-04-07', 'Giỗ Tổ Hùng Vương'),
      holiday('2025-04-30', 'Ngày Chiến thắng'),
      holiday('2025-05-01', 'Ngày Quốc tế Lao động'),
      holiday('2025-09-01', 'Quốc khánh (ngày liền kề)'),
      holiday('2025-09-02', 'Quốc khánh'),
    ]);
  });

  it('2026: every holiday and compensatory day, sorted', () => {
    expect(vietnamHolidays(2026)).toEqual([
      holiday('2026-01-01', 'Tết Dương lịch'),
      holiday('2026-02-16', 'Tết Nguyên Đán (giao thừa)'),
      holiday('2026-02-17', 'Tết Nguyên Đán (mùng 1)'),
      holiday('2026-02-18', 'Tết Nguyên Đán (mùng 2)'),
      holiday('2026-02-19', 'Tết Nguyên Đán (mùng 3)'),
      holiday('2026-02-20', 'Tết Nguyên Đán (mùng 4)'),
      holiday('2026-04-26', 'Giỗ Tổ Hùng Vương'),
      holiday('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương'),
      holiday('2026-04-30', 'Ngày Chiến thắng'),
      holiday('2026-05-01', 'Ngày Quốc tế Lao động'),
      holiday('2026-09-02', 'Quốc khánh'),
      holiday('2026-09-03', 'Quốc khánh (ngày liền kề)'),
    ]);
  });

  it.each`
    year    | days                                                                                            | note
    ${2020} | ${['2020-01-23', '2020-01-24', '2020-01-25', '2020-01-26', '2020-01-27', '2020-01-28', '2020-01-29']} | ${'Sat mùng 1 → Thu 23/1 before, Sun mùng 2 → Wed 29/1 after'}
    ${2021} | ${['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-13', '2021-02-14', '2021-02-15', '2021-02-16']} | ${'Sat mùng 2 → Wed 10/2, Sun mùng 3 → Tue 16/2'}
    ${2022} | ${['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04']}                         | ${'Mon–Fri: nothing to compensate'}
    ${2023} | ${['2023-01-20', '2023-01-21', '2023-01-22', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26']} | ${'Sat giao thừa → Fri 20/1, Sun mùng 1 → Thu 26/1'}
    ${2024} | ${['2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14']} | ${'Sat mùng 1 → Thu 8/2, Sun mùng 2 → Wed 14/2'}
    ${2025} | ${['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01']}             | ${'Sat mùng 4 → Mon 27/1 before giao thừa; break Sat 25/1–Sun 2/2'}
    ${2026} | ${['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']}                         | ${'Mon–Fri: break Sat 14/2–Sun 22/2'}
  `('Tết $year: $note', ({ year, days }) => {
    const tet = vietnamHolidays(year)
      .filter((day) => day.name.includes('Tết Nguyên Đán'))
      .map((day) => day.date);
    expect(tet).toEqual(days);
  });

  it.each`
    year    | expected                                                                                   | note
    ${2020} | ${[['2020-09-02', 'Quốc khánh']]}                                                          | ${'Labour Code 2012: 2/9 only'}
    ${2021} | ${[['2021-09-02', 'Quốc khánh'], ['2021-09-03', 'Quốc khánh (ngày liền kề)']]}             | ${'Thu → Fri 3/9'}
    ${2022} | ${[['2022-09-01', 'Quốc khánh (ngày liền kề)'], ['2022-09-02', 'Quốc khánh']]}             | ${'Fri → Thu 1/9'}
    ${2023} | ${[['2023-09-01', 'Quốc khánh (ngày liền kề)'], ['2023-09-02', 'Quốc khánh'], ['2023-09-04', 'Nghỉ bù Quốc khánh']]} | ${'Sat → Fri 1/9, compensatory Mon 4/9'}
    ${2024} | ${[['2024-09-02', 'Quốc khánh'], ['2024-09-03', 'Quốc khánh (ngày liền kề)']]}             | ${'Mon → Tue 3/9'}
    ${2025} | ${[['2025-09-01', 'Quốc khánh (ngày liền kề)'], ['2025-09-02', 'Quốc khánh']]}             | ${'Tue → Mon 1/9'}
    ${2026} | ${[['2026-09-02', 'Quốc khánh'], ['2026-09-03', 'Quốc khánh (ngày liền kề)']]}             | ${'Wed → Thu 3/9'}
    ${2029} | ${[['2029-09-02', 'Quốc khánh'], ['2029-09-03', 'Quốc khánh (ngày liền kề)'], ['2029-09-04', 'Nghỉ bù Quốc khánh']]} | ${'Sun → Mon 3/9, compensatory Tue 4/9'}
  `('Quốc khánh $year: $note', ({ year, expected }) => {
    const september = vietnamHolidays(year)
      .filter((day) => day.date.slice(5, 7) === '09')
      .map((day) => [day.date, day.name]);
    expect(september).toEqual(expected);
  });

  it.each`
    year    | expected                                                                                                    | note
    ${2021} | ${['2021-04-30', '2021-05-01', '2021-05-03']}                                                               | ${'Sat 1/5 → Mon 3/5'}
    ${2022} | ${['2022-04-30', '2022-05-01', '2022-05-02', '2022-05-03']}                                                 | ${'Sat 30/4 → Mon 2/5, Sun 1/5 → Tue 3/5'}
    ${2023} | ${['2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03']}                                   | ${'Sat Giỗ Tổ → Tue 2/5, Sun 30/4 → Wed 3/5 (skips the holiday 1/5)'}
    ${2027} | ${['2027-04-30', '2027-05-01', '2027-05-03']}                                                               | ${'Sat 1/5 → Mon 3/5'}
    ${2028} | ${['2028-04-30', '2028-05-01', '2028-05-02']}                                                               | ${'Sun 30/4 → Tue 2/5 (Mon 1/5 is a holiday)'}
  `('30/4–1/5 $year: $note', ({ year, expected }) => {
    const dates = vietnamHolidays(year)
      .map((day) => day.date)
      .filter((date) => date >= `${year}-04-29` && date <= `${year}-05-07`);
    expect(dates).toEqual(expected);
  });

  it.each`
    year    | date            | name
    ${2022} | ${'2022-01-03'} | ${'Nghỉ bù Tết Dương lịch'}
    ${2023} | ${'2023-01-02'} | ${'Nghỉ bù Tết Dương lịch'}
    ${2022} | ${'2022-04-11'} | ${'Nghỉ bù Giỗ Tổ Hùng Vương'}
    ${2022} | ${'2022-05-02'} | ${'Nghỉ bù Ngày Chiến thắng'}
    ${2022} | ${'2022-05-03'} | ${'Nghỉ bù Ngày Quốc tế Lao động'}
  `('$date is "$name"', ({ year, date, name }) => {
    expect(vietnamHolidays(year)).toContainEqual(holiday(date, name));
  });

  it('rejects the years before the Labour Code 2012 took effect', () => {
    expect(() => vietnamHolidays(2012)).toThrow(RangeError);
  });

  it('gives every year sorted, unique, compensatory days on weekdays only', () => {
    for (let year = 2013; year <= 2100; year++) {
      const dates = vietnamHolidays(year).map((day) => day.date);
      expect(dates).toEqual([...new Set(dates)].sort());
      for (const day of vietnamHolidays(year)) {
        if (day.name.startsWith('Nghỉ bù')) expect(weekdayOf(day.date)).toBeLessThanOrEqual(5);
      }
    }
  });
});

describe('seedCalendarDays', () => {
  const seed = seedCalendarDays(2020, 2030);
  const byDate = new Map(seed.map((day) => [day.date, day]));

  it('has one entry per date, sorted', () => {
    const dates = seed.map((day) => day.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0] >= '2020-01-01' && dates[dates.length - 1] <= '2030-12-31').toBe(true);
  });

  it('holds every rule day of 2020–2030 as a holiday', () => {
    for (let year = 2020; year <= 2030; year++) {
      const tet = lunarNewYear(year);
      const ruleDays = [
        `${year}-01-01`,
        lunarNewYearsEve(year),
        tet,
        addLocalDays(tet, 1),
        addLocalDays(tet, 2),
        addLocalDays(tet, 3),
        lunarToSolar(10, 3, year),
        `${year}-04-30`,
        `${year}-05-01`,
        `${year}-09-02`,
      ];
      for (const date of ruleDays) expect([date, byDate.get(date)?.kind]).toEqual([date, 'holiday']);
      const adjacent = [`${year}-09-01`, `${year}-09-03`].filter((date) => byDate.get(date)?.name === 'Quốc khánh (ngày liền kề)');
      expect(adjacent).toHaveLength(year >= 2021 ? 1 : 0);
    }
  });

  it.each`
    date            | kind         | name
    ${'2024-04-29'} | ${'holiday'} | ${'Nghỉ hoán đổi (làm bù thứ Bảy 4/5)'}
    ${'2024-05-04'} | ${'workday'} | ${'Làm bù cho thứ Hai 29/4'}
    ${'2025-04-26'} | ${'workday'} | ${'Làm bù cho thứ Sáu 2/5'}
    ${'2025-05-02'} | ${'holiday'} | ${'Nghỉ hoán đổi (làm bù thứ Bảy 26/4)'}
  `('holds the announced swap $date ($kind)', ({ date, kind, name }) => {
    expect(byDate.get(date)).toEqual({ date, kind, name });
  });

  it('keeps the swaps of the years in range only', () => {
    expect(seedCalendarDays(2025, 2025).filter((day) => day.kind === 'workday')).toEqual([
      { date: '2025-04-26', kind: 'workday', name: 'Làm bù cho thứ Sáu 2/5' },
    ]);
    expect(seedCalendarDays(2026, 2026).some((day) => day.kind === 'workday')).toBe(false);
  });

  it.each(ANNOUNCED_SWAPS.map((swap) => [swap.date, swap.kind]))('swap %s (%s): a make-up Saturday or a weekday off', (date, kind) => {
    if (kind === 'workday') expect(weekdayOf(date)).toBe(6);
    else expect(weekdayOf(date)).toBeLessThanOrEqual(5);
  });
});
