import { seedCalendarDays } from './vietnam-holidays';
import {
  WEEKENDS_ONLY,
  WorkCalendar,
  addWorkingDays,
  endOfNextWorkingDay,
  isWorkingDay,
  nextWorkingDay,
  weekdayOf,
  workingDaysBetween,
} from './working-days';

const seed = seedCalendarDays(2020, 2030);
const vietnam: WorkCalendar = {
  holidays: new Set(seed.filter((day) => day.kind === 'holiday').map((day) => day.date)),
  workdays: new Set(seed.filter((day) => day.kind === 'workday').map((day) => day.date)),
};

describe('weekdayOf', () => {
  it.each`
    date            | expected
    ${'2025-01-27'} | ${1}
    ${'2025-01-31'} | ${5}
    ${'2025-02-01'} | ${6}
    ${'2025-02-02'} | ${7}
    ${'2024-02-29'} | ${4}
  `('$date is ISO weekday $expected', ({ date, expected }) => {
    expect(weekdayOf(date)).toBe(expected);
  });
});

describe('isWorkingDay on the Vietnamese calendar', () => {
  it.each`
    date            | expected | why
    ${'2025-01-24'} | ${true}  | ${'Friday before Tết'}
    ${'2025-01-25'} | ${false} | ${'Saturday'}
    ${'2025-01-26'} | ${false} | ${'Sunday'}
    ${'2025-01-27'} | ${false} | ${'compensatory day for mùng 4 on Saturday 1/2'}
    ${'2025-01-29'} | ${false} | ${'mùng 1 Tết'}
    ${'2025-02-03'} | ${true}  | ${'first working day after Tết 2025'}
    ${'2025-04-26'} | ${true}  | ${'make-up Saturday (làm bù)'}
    ${'2025-05-02'} | ${false} | ${'Friday off by the swap'}
    ${'2025-09-01'} | ${false} | ${'day adjacent to Quốc khánh'}
    ${'2025-09-03'} | ${true}  | ${'Wednesday after Quốc khánh'}
    ${'2026-01-01'} | ${false} | ${'Tết Dương lịch'}
    ${'2026-01-02'} | ${true}  | ${'Friday after New Year'}
    ${'2026-02-16'} | ${false} | ${'giao thừa 2026'}
    ${'2026-02-23'} | ${true}  | ${'first working day after Tết 2026'}
    ${'2025-06-10'} | ${true}  | ${'an ordinary Tuesday'}
  `('$date: $expected ($why)', ({ date, expected }) => {
    expect(isWorkingDay(date, vietnam)).toBe(expected);
  });

  it.each`
    date            | expected | why
    ${'2025-01-29'} | ${true}  | ${'a Wednesday: no holidays without a calendar'}
    ${'2025-04-26'} | ${false} | ${'a Saturday'}
    ${'2025-04-27'} | ${false} | ${'a Sunday'}
  `('$date without a calendar: $expected ($why)', ({ date, expected }) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('lets a make-up working day win over a holiday on the same date', () => {
    const sut: WorkCalendar = { holidays: new Set(['2025-04-26']), workdays: new Set(['2025-04-26']) };
    expect(isWorkingDay('2025-04-26', sut)).toBe(true);
  });
});

describe('addWorkingDays (the day of receipt is not counted)', () => {
  it.each`
    received        | days  | expected        | why
    ${'2025-01-24'} | ${1}  | ${'2025-02-03'} | ${'Fri before Tết 2025: 27/1 compensatory, 28/1–1/2 Tết, weekend'}
    ${'2025-01-24'} | ${5}  | ${'2025-02-07'} | ${'across the Tết 2025 break'}
    ${'2025-01-22'} | ${3}  | ${'2025-02-03'} | ${'Wed: Thu 23, Fri 24, then Mon 3/2'}
    ${'2025-01-27'} | ${1}  | ${'2025-02-03'} | ${'received on a holiday'}
    ${'2026-02-13'} | ${1}  | ${'2026-02-23'} | ${'Fri before Tết 2026 (14/2–22/2)'}
    ${'2026-02-12'} | ${2}  | ${'2026-02-23'} | ${'Thu before Tết 2026'}
    ${'2026-02-13'} | ${5}  | ${'2026-02-27'} | ${'a week of work after Tết 2026'}
    ${'2025-04-24'} | ${1}  | ${'2025-04-25'} | ${'Thu → Fri'}
    ${'2025-04-24'} | ${2}  | ${'2025-04-26'} | ${'the make-up Saturday counts'}
    ${'2025-04-24'} | ${3}  | ${'2025-04-28'} | ${'then Sunday is skipped'}
    ${'2025-04-24'} | ${5}  | ${'2025-05-05'} | ${'30/4, 1/5, swapped 2/5 and the weekend skipped'}
    ${'2025-04-29'} | ${1}  | ${'2025-05-05'} | ${'Tue before the 30/4–4/5 break'}
    ${'2024-04-26'} | ${1}  | ${'2024-05-02'} | ${'2024: 29/4 swapped off, 30/4–1/5 holidays'}
    ${'2024-04-26'} | ${2}  | ${'2024-05-03'} | ${'2024: Fri 3/5'}
    ${'2024-04-26'} | ${3}  | ${'2024-05-04'} | ${'2024: make-up Saturday 4/5 counts'}
    ${'2025-08-29'} | ${1}  | ${'2025-09-03'} | ${'Fri before Quốc khánh 2025 (30/8–2/9)'}
    ${'2023-08-31'} | ${1}  | ${'2023-09-05'} | ${'Quốc khánh 2023: 1/9–4/9 off'}
    ${'2025-12-31'} | ${1}  | ${'2026-01-02'} | ${'year end: 1/1 is a holiday'}
    ${'2025-12-31'} | ${2}  | ${'2026-01-05'} | ${'year end, then a weekend'}
    ${'2022-12-30'} | ${1}  | ${'2023-01-03'} | ${'1/1/2023 on Sunday: Mon 2/1 compensatory'}
    ${'2025-06-06'} | ${1}  | ${'2025-06-09'} | ${'Fri → Mon'}
    ${'2025-06-07'} | ${1}  | ${'2025-06-09'} | ${'received on Saturday'}
    ${'2025-06-08'} | ${1}  | ${'2025-06-09'} | ${'received on Sunday'}
    ${'2025-06-09'} | ${10} | ${'2025-06-23'} | ${'two ordinary weeks'}
    ${'2025-06-10'} | ${0}  | ${'2025-06-10'} | ${'n = 0 on a working day'}
    ${'2025-01-29'} | ${0}  | ${'2025-01-29'} | ${'n = 0 on a holiday: the date itself'}
    ${'2025-06-07'} | ${0}  | ${'2025-06-07'} | ${'n = 0 on a Saturday: the date itself'}
  `('$received + $days → $expected: $why', ({ received, days, expected }) => {
    expect(addWorkingDays(received, days, vietnam)).toBe(expected);
  });

  it.each`
    received        | days | expected        | why
    ${'2025-01-24'} | ${1} | ${'2025-01-27'} | ${'no holidays: Fri → Mon'}
    ${'2025-04-24'} | ${2} | ${'2025-04-28'} | ${'no make-up days: Saturday does not count'}
  `('without a calendar, $received + $days → $expected: $why', ({ received, days, expected }) => {
    expect(addWorkingDays(received, days, WEEKENDS_ONLY)).toBe(expected);
  });

  it.each([[-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY]])('rejects %p days', (days) => {
    expect(() => addWorkingDays('2025-06-10', days, vietnam)).toThrow(RangeError);
  });
});

describe('workingDaysBetween: working days in (from, to]', () => {
  it.each`
    from            | to              | expected | why
    ${'2025-01-24'} | ${'2025-02-07'} | ${5}     | ${'across the Tết 2025 break'}
    ${'2025-02-07'} | ${'2025-01-24'} | ${-5}    | ${'the same span backwards'}
    ${'2025-01-24'} | ${'2025-02-02'} | ${0}     | ${'the whole Tết break'}
    ${'2025-04-24'} | ${'2025-05-05'} | ${5}     | ${'the 30/4 bridge with its make-up Saturday'}
    ${'2025-05-05'} | ${'2025-04-24'} | ${-5}    | ${'the 30/4 bridge backwards'}
    ${'2025-12-31'} | ${'2026-01-02'} | ${1}     | ${'year end'}
    ${'2026-01-02'} | ${'2025-12-31'} | ${-1}    | ${'year end backwards'}
    ${'2025-06-06'} | ${'2025-06-09'} | ${1}     | ${'over a weekend'}
    ${'2025-06-09'} | ${'2025-06-06'} | ${-1}    | ${'over a weekend backwards: Friday is counted'}
    ${'2025-06-10'} | ${'2025-06-10'} | ${0}     | ${'the same day'}
    ${'2025-01-01'} | ${'2025-12-31'} | ${250}   | ${'all of 2025: 261 weekdays − 12 weekdays off + 1 make-up Saturday'}
  `('$from → $to: $expected ($why)', ({ from, to, expected }) => {
    expect(workingDaysBetween(from, to, vietnam)).toBe(expected);
  });

  // Backwards over a span without a working day: 0, not -0 (which Intl.NumberFormat prints as "-0").
  it.each`
    from            | to
    ${'2025-02-02'} | ${'2025-01-24'}
    ${'2025-06-07'} | ${'2025-06-06'}
  `('$from → $to (no working day in between, backwards) is 0, not -0', ({ from, to }) => {
    expect(workingDaysBetween(from, to, vietnam)).toBe(0);
  });

  it.each`
    from            | days
    ${'2025-01-24'} | ${5}
    ${'2025-04-24'} | ${2}
    ${'2025-08-29'} | ${3}
    ${'2025-12-31'} | ${1}
    ${'2025-06-07'} | ${1}
    ${'2026-02-13'} | ${7}
  `('undoes addWorkingDays: $days working days from $from', ({ from, days }) => {
    const to = addWorkingDays(from, days, vietnam);
    expect(workingDaysBetween(from, to, vietnam)).toBe(days);
    expect(workingDaysBetween(to, from, vietnam)).toBe(-days);
  });
});

describe('nextWorkingDay and endOfNextWorkingDay', () => {
  it.each`
    date            | expected
    ${'2025-01-24'} | ${'2025-02-03'}
    ${'2025-04-25'} | ${'2025-04-26'}
    ${'2025-04-26'} | ${'2025-04-28'}
    ${'2025-08-29'} | ${'2025-09-03'}
    ${'2025-12-31'} | ${'2026-01-02'}
    ${'2025-06-06'} | ${'2025-06-09'}
  `('after $date comes $expected', ({ date, expected }) => {
    expect(nextWorkingDay(date, vietnam)).toBe(expected);
  });

  it.each`
    date            | expectedUtc
    ${'2025-12-31'} | ${'2026-01-02T16:59:59.999Z'}
    ${'2025-01-24'} | ${'2025-02-03T16:59:59.999Z'}
    ${'2025-04-25'} | ${'2025-04-26T16:59:59.999Z'}
  `('the next working day after $date ends at $expectedUtc (23:59:59.999 in Vietnam)', ({ date, expectedUtc }) => {
    expect(endOfNextWorkingDay(date, vietnam)).toEqual(new Date(expectedUtc));
  });
});
