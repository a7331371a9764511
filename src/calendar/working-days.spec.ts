import { seedCalendarDays } from './vietnam-holidays';
import { addLocalDays } from '../common/local-time';
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

/** The day-by-day count the arithmetic replaced: the reference it must agree with. */
const reference = {
  addWorkingDays(date: string, days: number, calendar: WorkCalendar): string {
    let cursor = date;
    for (let counted = 0; counted < days; ) {
      cursor = addLocalDays(cursor, 1);
      if (isWorkingDay(cursor, calendar)) counted++;
    }
    return cursor;
  },
  workingDaysBetween(from: string, to: string, calendar: WorkCalendar): number {
    if (to < from) return -reference.workingDaysBetween(to, from, calendar) || 0;
    let count = 0;
    for (let cursor = addLocalDays(from, 1); cursor <= to; cursor = addLocalDays(cursor, 1)) if (isWorkingDay(cursor, calendar)) count++;
    return count;
  },
};

describe('working-day arithmetic agrees with counting day by day', () => {
  let seed = 20250610;
  const next = (n: number) => {
    seed = (seed * 48271) % 2147483647; // Park–Miller: exact in a double
    return seed % n;
  };
  const dateNear = (base: string, span: number) => addLocalDays(base, next(2 * span + 1) - span);
  /** A calendar of random days off and make-up days, some on weekends, some on both lists. */
  const randomCalendar = (around: string): WorkCalendar => {
    const holidays = new Set<string>();
    const workdays = new Set<string>();
    const runs = next(40);
    for (let i = 0; i < runs; i++) {
      // Runs of consecutive days off (a Tết break), and the odd single day.
      const start = dateNear(around, 900);
      const length = 1 + next(next(4) === 0 ? 40 : 5);
      for (let d = 0; d < length; d++) holidays.add(addLocalDays(start, d));
    }
    for (let i = next(15); i > 0; i--) workdays.add(dateNear(around, 900));
    for (const day of [...holidays].slice(0, next(3))) workdays.add(day); // a make-up day wins
    return { holidays, workdays };
  };

  it('on 1,500 random ranges and deadlines over random calendars, the Vietnamese one and none', () => {
    for (let i = 0; i < 1500; i++) {
      const around = `${2000 + next(40)}-${String(1 + next(12)).padStart(2, '0')}-${String(1 + next(28)).padStart(2, '0')}`;
      const sut = [randomCalendar(around), vietnam, WEEKENDS_ONLY][i % 3];
      const from = dateNear(i % 3 === 1 ? '2025-06-15' : around, 800);
      const to = dateNear(from, next(4) === 0 ? 1200 : 30);
      expect([from, to, workingDaysBetween(from, to, sut)]).toEqual([from, to, reference.workingDaysBetween(from, to, sut)]);
      const days = next(4) === 0 ? next(400) : next(12);
      expect([from, days, addWorkingDays(from, days, sut)]).toEqual([from, days, reference.addWorkingDays(from, days, sut)]);
    }
  });

  it('on a calendar where every weekday of a year is off but a few make-up Saturdays', () => {
    const holidays = new Set<string>();
    for (let d = '2030-01-01'; d <= '2030-12-31'; d = addLocalDays(d, 1)) holidays.add(d);
    const sut: WorkCalendar = { holidays, workdays: new Set(['2030-03-02', '2030-06-01', '2030-11-30']) };
    for (const [from, days] of [['2029-12-28', 1], ['2029-12-28', 3], ['2029-12-28', 4], ['2030-06-01', 2], ['2029-12-31', 10]] as const) {
      expect(addWorkingDays(from, days, sut)).toBe(reference.addWorkingDays(from, days, sut));
    }
    expect(workingDaysBetween('2029-12-28', '2031-01-10', sut)).toBe(reference.workingDaysBetween('2029-12-28', '2031-01-10', sut));
  });

  it('counts over the whole accepted range, 1900-01-01 to 2199-12-31', () => {
    expect(workingDaysBetween('1900-01-01', '2199-12-31')).toBe(reference.workingDaysBetween('1900-01-01', '2199-12-31', WEEKENDS_ONLY));
    expect(workingDaysBetween('2025-06-11', '2199-12-31', vietnam)).toBe(reference.workingDaysBetween('2025-06-11', '2199-12-31', vietnam));
    expect(workingDaysBetween('2199-12-31', '2025-06-11', vietnam)).toBe(-reference.workingDaysBetween('2025-06-11', '2199-12-31', vietnam));
  });

  it('looks at each of the calendar\'s days at most a few times, however long the range (it does not walk the days)', () => {
    let lookups = 0;
    class CountingSet extends Set<string> {
      has(date: string): boolean {
        lookups++;
        return super.has(date);
      }
    }
    const sut: WorkCalendar = { holidays: new CountingSet(vietnam.holidays), workdays: new CountingSet(vietnam.workdays) };
    const exceptions = vietnam.holidays.size + vietnam.workdays.size;
    expect(workingDaysBetween('2025-06-11', '2199-12-31', sut)).toBe(workingDaysBetween('2025-06-11', '2199-12-31', vietnam));
    expect(addWorkingDays('2025-06-11', 365, sut)).toBe(addWorkingDays('2025-06-11', 365, vietnam));
    for (let i = 0; i < 100; i++) workingDaysBetween('1900-01-01', '2199-12-31', sut);
    // Day by day, this would be two lookups for each of the 63,000 and 109,000 days.
    expect(lookups).toBeLessThanOrEqual(2 * exceptions);
  });

  it('follows a calendar whose days were added after it was first used', () => {
    const holidays = new Set<string>();
    const sut: WorkCalendar = { holidays, workdays: new Set() };
    expect(workingDaysBetween('2025-06-06', '2025-06-13', sut)).toBe(5);
    holidays.add('2025-06-10');
    expect(workingDaysBetween('2025-06-06', '2025-06-13', sut)).toBe(4);
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => workingDaysBetween('2025-02-30', '2025-03-10')).toThrow(RangeError);
    expect(() => addWorkingDays('soon', 1)).toThrow(RangeError);
  });
});
