import { DateTime } from 'luxon';
import { addLocalDays, localDateOf, ZONE } from '../common/local-time';
import {
  checkSchedule,
  latestDuePeriod,
  nextPeriod,
  periodByName,
  periodContaining,
  previousPeriod,
  sendMomentOf,
} from './periods';
import { PeriodKind } from './report-model';

describe('periodByName (docs/figures.md §8 period names)', () => {
  it.each`
    kind           | name          | monthStartDay | from            | to              | why
    ${'week'}      | ${'2025-W19'} | ${undefined}  | ${'2025-05-05'} | ${'2025-05-11'} | ${'an ISO week runs Monday to Sunday'}
    ${'week'}      | ${'2025-W01'} | ${undefined}  | ${'2024-12-30'} | ${'2025-01-05'} | ${'week 1 holds the first Thursday, so it starts in the year before'}
    ${'week'}      | ${'2020-W53'} | ${undefined}  | ${'2020-12-28'} | ${'2021-01-03'} | ${'a leap year starting on Wednesday has 53 weeks'}
    ${'week'}      | ${'2026-W53'} | ${undefined}  | ${'2026-12-28'} | ${'2027-01-03'} | ${'a year starting on Thursday has 53 weeks'}
    ${'week'}      | ${'2027-W01'} | ${undefined}  | ${'2027-01-04'} | ${'2027-01-10'} | ${'the week after 2026-W53'}
    ${'week'}      | ${'2025-W19'} | ${15}         | ${'2025-05-05'} | ${'2025-05-11'} | ${'weeks ignore monthStartDay'}
    ${'month'}     | ${'2025-05'}  | ${undefined}  | ${'2025-05-01'} | ${'2025-05-31'} | ${'calendar month by default'}
    ${'month'}     | ${'2025-05'}  | ${1}          | ${'2025-05-01'} | ${'2025-05-31'} | ${'calendar month'}
    ${'month'}     | ${'2025-02'}  | ${1}          | ${'2025-02-01'} | ${'2025-02-28'} | ${'February'}
    ${'month'}     | ${'2024-02'}  | ${1}          | ${'2024-02-01'} | ${'2024-02-29'} | ${'February of a leap year'}
    ${'month'}     | ${'2100-02'}  | ${1}          | ${'2100-02-01'} | ${'2100-02-28'} | ${'a century not divisible by 400 is not leap'}
    ${'month'}     | ${'2000-02'}  | ${1}          | ${'2000-02-01'} | ${'2000-02-29'} | ${'a century divisible by 400 is leap'}
    ${'month'}     | ${'2025-04'}  | ${1}          | ${'2025-04-01'} | ${'2025-04-30'} | ${'a 30-day month'}
    ${'month'}     | ${'2025-05'}  | ${15}         | ${'2025-04-15'} | ${'2025-05-14'} | ${'15th→14th, named after the month it ends in'}
    ${'month'}     | ${'2025-03'}  | ${15}         | ${'2025-02-15'} | ${'2025-03-14'} | ${'15th→14th across February'}
    ${'month'}     | ${'2024-03'}  | ${15}         | ${'2024-02-15'} | ${'2024-03-14'} | ${'15th→14th across a leap February'}
    ${'month'}     | ${'2025-01'}  | ${15}         | ${'2024-12-15'} | ${'2025-01-14'} | ${'15th→14th January starts the year before'}
    ${'month'}     | ${'2025-12'}  | ${15}         | ${'2025-11-15'} | ${'2025-12-14'} | ${'15th→14th December'}
    ${'quarter'}   | ${'2025-Q1'}  | ${1}          | ${'2025-01-01'} | ${'2025-03-31'} | ${'calendar Q1'}
    ${'quarter'}   | ${'2025-Q2'}  | ${1}          | ${'2025-04-01'} | ${'2025-06-30'} | ${'calendar Q2'}
    ${'quarter'}   | ${'2025-Q4'}  | ${undefined}  | ${'2025-10-01'} | ${'2025-12-31'} | ${'calendar Q4'}
    ${'quarter'}   | ${'2025-Q1'}  | ${15}         | ${'2024-12-15'} | ${'2025-03-14'} | ${'15th→14th Q1 starts the year before'}
    ${'quarter'}   | ${'2025-Q2'}  | ${15}         | ${'2025-03-15'} | ${'2025-06-14'} | ${'15th→14th Q2'}
    ${'quarter'}   | ${'2025-Q4'}  | ${15}         | ${'2025-09-15'} | ${'2025-12-14'} | ${'15th→14th Q4'}
    ${'half-year'} | ${'2025-H1'}  | ${1}          | ${'2025-01-01'} | ${'2025-06-30'} | ${'calendar H1'}
    ${'half-year'} | ${'2025-H2'}  | ${1}          | ${'2025-07-01'} | ${'2025-12-31'} | ${'calendar H2'}
    ${'half-year'} | ${'2025-H1'}  | ${15}         | ${'2024-12-15'} | ${'2025-06-14'} | ${'15th→14th H1'}
    ${'half-year'} | ${'2025-H2'}  | ${15}         | ${'2025-06-15'} | ${'2025-12-14'} | ${'15th→14th H2'}
    ${'year'}      | ${'2025'}     | ${1}          | ${'2025-01-01'} | ${'2025-12-31'} | ${'calendar year'}
    ${'year'}      | ${'2024'}     | ${undefined}  | ${'2024-01-01'} | ${'2024-12-31'} | ${'leap calendar year'}
    ${'year'}      | ${'2025'}     | ${15}         | ${'2024-12-15'} | ${'2025-12-14'} | ${'15th→14th year'}
  `('$kind $name (monthStartDay $monthStartDay) → $from … $to: $why', ({ kind, name, monthStartDay, from, to }) => {
    expect(periodByName(kind, name, monthStartDay)).toEqual({ name, kind, from, to });
  });

  it.each`
    kind           | name            | why
    ${'month'}     | ${'2025-13'}    | ${'no month 13'}
    ${'month'}     | ${'2025-00'}    | ${'no month 0'}
    ${'month'}     | ${'2025-5'}     | ${'month without its leading zero'}
    ${'month'}     | ${'2025-W19'}   | ${'a week name for a month'}
    ${'month'}     | ${'2025'}       | ${'a year name for a month'}
    ${'week'}      | ${'2025-W53'}   | ${'2025 has 52 ISO weeks'}
    ${'week'}      | ${'2024-W53'}   | ${'2024 (leap, starting on Monday) has 52 ISO weeks'}
    ${'week'}      | ${'2025-W00'}   | ${'no week 0'}
    ${'week'}      | ${'2025-W5'}    | ${'week without its leading zero'}
    ${'week'}      | ${'2025-05'}    | ${'a month name for a week'}
    ${'quarter'}   | ${'2025-Q0'}    | ${'no quarter 0'}
    ${'quarter'}   | ${'2025-Q5'}    | ${'no quarter 5'}
    ${'quarter'}   | ${'2025'}       | ${'a year name for a quarter'}
    ${'half-year'} | ${'2025-H3'}    | ${'no third half'}
    ${'half-year'} | ${'2025-Q1'}    | ${'a quarter name for a half-year'}
    ${'year'}      | ${'25'}         | ${'a two-digit year'}
    ${'year'}      | ${'2025-H1'}    | ${'a half-year name for a year'}
    ${'year'}      | ${' 2025'}      | ${'surrounding space'}
    ${'month'}     | ${''}           | ${'empty'}
  `('rejects $kind "$name": $why', ({ kind, name }) => {
    expect(() => periodByName(kind, name)).toThrow(RangeError);
    expect(() => periodByName(kind, name)).toThrow(`period: "${name}"`);
  });

  it.each`
    kind        | name          | message
    ${'month'}  | ${'2025-13'}  | ${'period: "2025-13" is not a month period like 2025-05'}
    ${'week'}   | ${'2025-W53'} | ${'period: "2025-W53" does not exist: ISO week-year 2025 has weeks W01 to W52'}
    ${'quarter'}| ${'2025-Q5'}  | ${'period: "2025-Q5" is not a quarter period like 2025-Q2'}
  `('says why $kind "$name" is rejected', ({ kind, name, message }) => {
    expect(() => periodByName(kind, name)).toThrow(new RangeError(message));
  });

  it.each`
    kind           | name         | monthStartDay | from            | to
    ${'year'}      | ${'2300'}    | ${1}          | ${'2300-01-01'} | ${'2300-12-31'}
    ${'month'}     | ${'2200-01'} | ${1}          | ${'2200-01-01'} | ${'2200-01-31'}
    ${'month'}     | ${'1899-12'} | ${1}          | ${'1899-12-01'} | ${'1899-12-31'}
    ${'year'}      | ${'1900'}    | ${15}         | ${'1899-12-15'} | ${'1900-12-14'}
    ${'week'}      | ${'2200-W01'}| ${1}          | ${'2199-12-30'} | ${'2200-01-05'}
    ${'year'}      | ${'0000'}    | ${1}          | ${'0000-01-01'} | ${'0000-12-31'}
  `('refuses $kind "$name" (from $monthStartDay): its days are outside the service\'s range', ({ kind, name, monthStartDay, from, to }) => {
    expect(() => periodByName(kind, name, monthStartDay)).toThrow(
      new RangeError(`period: "${name}" (${from} to ${to}) is outside the dates this service accepts (1900-01-01 to 2199-12-31, Vietnam time)`),
    );
  });

  it.each`
    kind        | name          | monthStartDay
    ${'year'}   | ${'2199'}     | ${1}
    ${'month'}  | ${'1900-01'}  | ${1}
    ${'week'}   | ${'1900-W01'} | ${1}
    ${'year'}   | ${'2199'}     | ${15}
  `('accepts $kind "$name" at the edges of the range', ({ kind, name, monthStartDay }) => {
    expect(periodByName(kind, name, monthStartDay).name).toBe(name);
  });

  it('quotes a long name capped', () => {
    expect(() => periodByName('month', '2'.repeat(100_000))).toThrow(new RangeError(`period: "${'2'.repeat(60)}…(100000 characters)" is not a month period like 2025-05`));
  });

  it.each`
    kind           | monthStartDay | why
    ${'fortnight'} | ${1}          | ${'unknown kind'}
    ${'month'}     | ${10}         | ${'monthStartDay neither 1 nor 15'}
  `('rejects $why', ({ kind, monthStartDay }) => {
    expect(() => periodByName(kind, '2025-05', monthStartDay)).toThrow(RangeError);
  });
});

describe('periodContaining', () => {
  it.each`
    kind           | date            | monthStartDay | name          | from            | to              | why
    ${'week'}      | ${'2025-05-07'} | ${undefined}  | ${'2025-W19'} | ${'2025-05-05'} | ${'2025-05-11'} | ${'a Wednesday'}
    ${'week'}      | ${'2025-05-05'} | ${undefined}  | ${'2025-W19'} | ${'2025-05-05'} | ${'2025-05-11'} | ${'the Monday starts the week'}
    ${'week'}      | ${'2025-05-11'} | ${undefined}  | ${'2025-W19'} | ${'2025-05-05'} | ${'2025-05-11'} | ${'the Sunday ends the week'}
    ${'week'}      | ${'2025-05-12'} | ${undefined}  | ${'2025-W20'} | ${'2025-05-12'} | ${'2025-05-18'} | ${'the next Monday starts the next week'}
    ${'week'}      | ${'2024-12-29'} | ${undefined}  | ${'2024-W52'} | ${'2024-12-23'} | ${'2024-12-29'} | ${'the last week of 2024'}
    ${'week'}      | ${'2024-12-30'} | ${undefined}  | ${'2025-W01'} | ${'2024-12-30'} | ${'2025-01-05'} | ${'a December day in week-year 2025'}
    ${'week'}      | ${'2021-01-03'} | ${undefined}  | ${'2020-W53'} | ${'2020-12-28'} | ${'2021-01-03'} | ${'a January day in week-year 2020'}
    ${'week'}      | ${'2021-01-04'} | ${undefined}  | ${'2021-W01'} | ${'2021-01-04'} | ${'2021-01-10'} | ${'2021-W01 starts on 4 January'}
    ${'week'}      | ${'2027-01-01'} | ${undefined}  | ${'2026-W53'} | ${'2026-12-28'} | ${'2027-01-03'} | ${'1 January 2027 is in 2026-W53'}
    ${'week'}      | ${'2027-01-04'} | ${undefined}  | ${'2027-W01'} | ${'2027-01-04'} | ${'2027-01-10'} | ${'2027-W01 starts on 4 January'}
    ${'week'}      | ${'2024-02-29'} | ${15}         | ${'2024-W09'} | ${'2024-02-26'} | ${'2024-03-03'} | ${'leap day; weeks ignore monthStartDay'}
    ${'month'}     | ${'2025-05-01'} | ${1}          | ${'2025-05'}  | ${'2025-05-01'} | ${'2025-05-31'} | ${'first day of a calendar month'}
    ${'month'}     | ${'2025-05-31'} | ${undefined}  | ${'2025-05'}  | ${'2025-05-01'} | ${'2025-05-31'} | ${'last day of a calendar month'}
    ${'month'}     | ${'2025-05-15'} | ${1}          | ${'2025-05'}  | ${'2025-05-01'} | ${'2025-05-31'} | ${'the 15th of a calendar month'}
    ${'month'}     | ${'2024-02-29'} | ${1}          | ${'2024-02'}  | ${'2024-02-01'} | ${'2024-02-29'} | ${'leap day'}
    ${'month'}     | ${'2025-05-14'} | ${15}         | ${'2025-05'}  | ${'2025-04-15'} | ${'2025-05-14'} | ${'the 14th ends the 15th→14th month'}
    ${'month'}     | ${'2025-05-15'} | ${15}         | ${'2025-06'}  | ${'2025-05-15'} | ${'2025-06-14'} | ${'the 15th starts the next 15th→14th month'}
    ${'month'}     | ${'2025-04-15'} | ${15}         | ${'2025-05'}  | ${'2025-04-15'} | ${'2025-05-14'} | ${'the 15th starts month 2025-05'}
    ${'month'}     | ${'2025-04-14'} | ${15}         | ${'2025-04'}  | ${'2025-03-15'} | ${'2025-04-14'} | ${'the 14th is still in month 2025-04'}
    ${'month'}     | ${'2025-04-30'} | ${15}         | ${'2025-05'}  | ${'2025-04-15'} | ${'2025-05-14'} | ${'the end of a calendar month inside a 15th→14th month'}
    ${'month'}     | ${'2025-03-14'} | ${15}         | ${'2025-03'}  | ${'2025-02-15'} | ${'2025-03-14'} | ${'15th→14th month over February'}
    ${'month'}     | ${'2024-02-29'} | ${15}         | ${'2024-03'}  | ${'2024-02-15'} | ${'2024-03-14'} | ${'leap day in a 15th→14th month'}
    ${'month'}     | ${'2024-12-14'} | ${15}         | ${'2024-12'}  | ${'2024-11-15'} | ${'2024-12-14'} | ${'the 14th of December'}
    ${'month'}     | ${'2024-12-15'} | ${15}         | ${'2025-01'}  | ${'2024-12-15'} | ${'2025-01-14'} | ${'the 15th of December is in next year\'s January'}
    ${'month'}     | ${'2024-12-31'} | ${15}         | ${'2025-01'}  | ${'2024-12-15'} | ${'2025-01-14'} | ${'New Year\'s Eve is in next year\'s January'}
    ${'quarter'}   | ${'2025-06-30'} | ${1}          | ${'2025-Q2'}  | ${'2025-04-01'} | ${'2025-06-30'} | ${'last day of calendar Q2'}
    ${'quarter'}   | ${'2025-07-01'} | ${1}          | ${'2025-Q3'}  | ${'2025-07-01'} | ${'2025-09-30'} | ${'first day of calendar Q3'}
    ${'quarter'}   | ${'2025-03-14'} | ${15}         | ${'2025-Q1'}  | ${'2024-12-15'} | ${'2025-03-14'} | ${'the 14th ends the 15th→14th Q1'}
    ${'quarter'}   | ${'2025-03-15'} | ${15}         | ${'2025-Q2'}  | ${'2025-03-15'} | ${'2025-06-14'} | ${'the 15th starts the 15th→14th Q2'}
    ${'quarter'}   | ${'2025-12-15'} | ${15}         | ${'2026-Q1'}  | ${'2025-12-15'} | ${'2026-03-14'} | ${'mid-December is in next year\'s Q1'}
    ${'half-year'} | ${'2025-06-30'} | ${1}          | ${'2025-H1'}  | ${'2025-01-01'} | ${'2025-06-30'} | ${'last day of calendar H1'}
    ${'half-year'} | ${'2025-07-01'} | ${1}          | ${'2025-H2'}  | ${'2025-07-01'} | ${'2025-12-31'} | ${'first day of calendar H2'}
    ${'half-year'} | ${'2025-06-14'} | ${15}         | ${'2025-H1'}  | ${'2024-12-15'} | ${'2025-06-14'} | ${'the 14th ends the 15th→14th H1'}
    ${'half-year'} | ${'2025-06-15'} | ${15}         | ${'2025-H2'}  | ${'2025-06-15'} | ${'2025-12-14'} | ${'the 15th starts the 15th→14th H2'}
    ${'half-year'} | ${'2024-12-15'} | ${15}         | ${'2025-H1'}  | ${'2024-12-15'} | ${'2025-06-14'} | ${'mid-December is in next year\'s H1'}
    ${'year'}      | ${'2025-01-01'} | ${1}          | ${'2025'}     | ${'2025-01-01'} | ${'2025-12-31'} | ${'New Year\'s Day'}
    ${'year'}      | ${'2025-12-31'} | ${undefined}  | ${'2025'}     | ${'2025-01-01'} | ${'2025-12-31'} | ${'New Year\'s Eve'}
    ${'year'}      | ${'2024-12-14'} | ${15}         | ${'2024'}     | ${'2023-12-15'} | ${'2024-12-14'} | ${'the 14th of December ends the 15th→14th year'}
    ${'year'}      | ${'2024-12-15'} | ${15}         | ${'2025'}     | ${'2024-12-15'} | ${'2025-12-14'} | ${'the 15th of December starts the next 15th→14th year'}
  `('$kind containing $date (monthStartDay $monthStartDay) → $name: $why', ({ kind, date, monthStartDay, name, from, to }) => {
    expect(periodContaining(kind, date, monthStartDay)).toEqual({ name, kind, from, to });
  });

  it.each([['2025-02-29'], ['2025-13-01'], ['2025-5-1'], ['01/05/2025'], [''], [undefined]])(
    'rejects the date %p',
    (date) => {
      expect(() => periodContaining('month', date as string)).toThrow(RangeError);
    },
  );

  const KINDS: PeriodKind[] = ['week', 'month', 'quarter', 'half-year', 'year'];
  it.each(KINDS.flatMap((kind) => [[kind, 1], [kind, 15]] as const))(
    'every day of 2019–2031 is in exactly one %s period (monthStartDay %d), found again by its name',
    (kind, monthStartDay) => {
      const wrong: string[] = [];
      let previous = periodContaining(kind, '2019-01-01', monthStartDay);
      for (let date = '2019-01-01'; date <= '2031-12-31'; date = addLocalDays(date, 1)) {
        const period = periodContaining(kind, date, monthStartDay);
        if (!(period.from <= date && date <= period.to)) wrong.push(`${date} outside ${period.name}`);
        if (period.name !== previous.name) {
          if (period.from !== date || period.from !== addLocalDays(previous.to, 1)) wrong.push(`${period.name} does not follow ${previous.name}`);
          if (JSON.stringify(previousPeriod(period, monthStartDay)) !== JSON.stringify(previous)) wrong.push(`previous of ${period.name}`);
          if (JSON.stringify(nextPeriod(previous, monthStartDay)) !== JSON.stringify(period)) wrong.push(`next of ${previous.name}`);
          if (JSON.stringify(periodByName(kind, period.name, monthStartDay)) !== JSON.stringify(period)) wrong.push(`by name ${period.name}`);
          previous = period;
        }
        if (kind === 'week') {
          const luxon = DateTime.fromISO(date, { zone: ZONE });
          const expected = `${luxon.weekYear}-W${String(luxon.weekNumber).padStart(2, '0')}`;
          if (period.name !== expected) wrong.push(`${date} in ${period.name}, Luxon says ${expected}`);
        }
      }
      expect(wrong).toEqual([]);
    },
  );
});

describe('previousPeriod and nextPeriod', () => {
  it.each`
    kind           | name          | monthStartDay | step  | expectedName  | from            | to              | why
    ${'week'}      | ${'2025-W01'} | ${undefined}  | ${-1} | ${'2024-W52'} | ${'2024-12-23'} | ${'2024-12-29'} | ${'back across the year end'}
    ${'week'}      | ${'2024-W52'} | ${undefined}  | ${+1} | ${'2025-W01'} | ${'2024-12-30'} | ${'2025-01-05'} | ${'forward into a week-year that starts in December'}
    ${'week'}      | ${'2020-W53'} | ${undefined}  | ${+1} | ${'2021-W01'} | ${'2021-01-04'} | ${'2021-01-10'} | ${'after a 53rd week'}
    ${'week'}      | ${'2021-W01'} | ${undefined}  | ${-1} | ${'2020-W53'} | ${'2020-12-28'} | ${'2021-01-03'} | ${'back to a 53rd week'}
    ${'week'}      | ${'2026-W52'} | ${undefined}  | ${+1} | ${'2026-W53'} | ${'2026-12-28'} | ${'2027-01-03'} | ${'into 2026-W53'}
    ${'week'}      | ${'2026-W53'} | ${15}         | ${+1} | ${'2027-W01'} | ${'2027-01-04'} | ${'2027-01-10'} | ${'out of 2026-W53 (monthStartDay ignored)'}
    ${'month'}     | ${'2025-01'}  | ${1}          | ${-1} | ${'2024-12'}  | ${'2024-12-01'} | ${'2024-12-31'} | ${'calendar month back across the year end'}
    ${'month'}     | ${'2024-12'}  | ${undefined}  | ${+1} | ${'2025-01'}  | ${'2025-01-01'} | ${'2025-01-31'} | ${'calendar month forward across the year end'}
    ${'month'}     | ${'2024-03'}  | ${1}          | ${-1} | ${'2024-02'}  | ${'2024-02-01'} | ${'2024-02-29'} | ${'back to a leap February'}
    ${'month'}     | ${'2025-01'}  | ${15}         | ${-1} | ${'2024-12'}  | ${'2024-11-15'} | ${'2024-12-14'} | ${'15th→14th month back across the year end'}
    ${'month'}     | ${'2024-12'}  | ${15}         | ${+1} | ${'2025-01'}  | ${'2024-12-15'} | ${'2025-01-14'} | ${'15th→14th month forward across the year end'}
    ${'quarter'}   | ${'2025-Q1'}  | ${1}          | ${-1} | ${'2024-Q4'}  | ${'2024-10-01'} | ${'2024-12-31'} | ${'calendar quarter back across the year end'}
    ${'quarter'}   | ${'2024-Q4'}  | ${1}          | ${+1} | ${'2025-Q1'}  | ${'2025-01-01'} | ${'2025-03-31'} | ${'calendar quarter forward across the year end'}
    ${'quarter'}   | ${'2025-Q1'}  | ${15}         | ${-1} | ${'2024-Q4'}  | ${'2024-09-15'} | ${'2024-12-14'} | ${'15th→14th quarter back'}
    ${'quarter'}   | ${'2024-Q4'}  | ${15}         | ${+1} | ${'2025-Q1'}  | ${'2024-12-15'} | ${'2025-03-14'} | ${'15th→14th quarter forward'}
    ${'half-year'} | ${'2025-H1'}  | ${1}          | ${-1} | ${'2024-H2'}  | ${'2024-07-01'} | ${'2024-12-31'} | ${'calendar half back'}
    ${'half-year'} | ${'2024-H2'}  | ${1}          | ${+1} | ${'2025-H1'}  | ${'2025-01-01'} | ${'2025-06-30'} | ${'calendar half forward'}
    ${'half-year'} | ${'2025-H1'}  | ${15}         | ${-1} | ${'2024-H2'}  | ${'2024-06-15'} | ${'2024-12-14'} | ${'15th→14th half back'}
    ${'year'}      | ${'2025'}     | ${1}          | ${-1} | ${'2024'}     | ${'2024-01-01'} | ${'2024-12-31'} | ${'calendar year back'}
    ${'year'}      | ${'2025'}     | ${15}         | ${-1} | ${'2024'}     | ${'2023-12-15'} | ${'2024-12-14'} | ${'15th→14th year back'}
    ${'year'}      | ${'2025'}     | ${15}         | ${+1} | ${'2026'}     | ${'2025-12-15'} | ${'2026-12-14'} | ${'15th→14th year forward'}
  `('$kind $name (monthStartDay $monthStartDay) step $step → $expectedName: $why', ({ kind, name, monthStartDay, step, expectedName, from, to }) => {
    const period = periodByName(kind, name, monthStartDay);
    const move = step < 0 ? previousPeriod : nextPeriod;
    expect(move(period, monthStartDay)).toEqual({ name: expectedName, kind, from, to });
  });

  it.each`
    kind           | name          | step  | expectedName  | from            | to              | why
    ${'month'}     | ${'2025-01'}  | ${-1} | ${'2024-12'}  | ${'2024-11-15'} | ${'2024-12-14'} | ${'month'}
    ${'quarter'}   | ${'2025-Q1'}  | ${+1} | ${'2025-Q2'}  | ${'2025-03-15'} | ${'2025-06-14'} | ${'quarter'}
    ${'half-year'} | ${'2025-H2'}  | ${+1} | ${'2026-H1'}  | ${'2025-12-15'} | ${'2026-06-14'} | ${'half-year'}
    ${'year'}      | ${'2025'}     | ${-1} | ${'2024'}     | ${'2023-12-15'} | ${'2024-12-14'} | ${'year'}
  `('without monthStartDay a 15th→14th $why keeps its boundaries: $name step $step → $expectedName', ({ kind, name, step, expectedName, from, to }) => {
    const period = periodByName(kind, name, 15);
    const move = step < 0 ? previousPeriod : nextPeriod;
    expect(move(period)).toEqual({ name: expectedName, kind, from, to });
  });
});

describe('sendMomentOf (sendAt local Asia/Ho_Chi_Minh, sendDay after the period)', () => {
  it.each`
    kind           | name          | monthStartDay | sendAt     | sendDay | expected                      | why
    ${'month'}     | ${'2025-05'}  | ${1}          | ${'07:00'} | ${1}    | ${'2025-06-01T00:00:00.000Z'} | ${'07:00 local on the 1st is 00:00 UTC'}
    ${'month'}     | ${'2025-05'}  | ${1}          | ${'06:59'} | ${1}    | ${'2025-05-31T23:59:00.000Z'} | ${'06:59 local on the 1st is the previous UTC day'}
    ${'month'}     | ${'2025-05'}  | ${1}          | ${'00:00'} | ${1}    | ${'2025-05-31T17:00:00.000Z'} | ${'local midnight starting the next period'}
    ${'month'}     | ${'2025-05'}  | ${1}          | ${'23:59'} | ${1}    | ${'2025-06-01T16:59:00.000Z'} | ${'last minute of the first day'}
    ${'month'}     | ${'2025-05'}  | ${1}          | ${'07:00'} | ${3}    | ${'2025-06-03T00:00:00.000Z'} | ${'the third day after the period'}
    ${'month'}     | ${'2025-05'}  | ${1}          | ${'07:30'} | ${28}   | ${'2025-06-28T00:30:00.000Z'} | ${'the latest sendDay'}
    ${'month'}     | ${'2024-02'}  | ${1}          | ${'07:00'} | ${1}    | ${'2024-03-01T00:00:00.000Z'} | ${'after a leap February'}
    ${'month'}     | ${'2025-05'}  | ${15}         | ${'07:30'} | ${1}    | ${'2025-05-15T00:30:00.000Z'} | ${'a 15th→14th month: sendDay 1 is the 15th'}
    ${'month'}     | ${'2025-05'}  | ${15}         | ${'06:59'} | ${1}    | ${'2025-05-14T23:59:00.000Z'} | ${'a 15th→14th month, early on the 15th is the 14th in UTC'}
    ${'month'}     | ${'2025-12'}  | ${1}          | ${'07:00'} | ${1}    | ${'2026-01-01T00:00:00.000Z'} | ${'across the year end'}
    ${'quarter'}   | ${'2024-Q1'}  | ${1}          | ${'07:00'} | ${2}    | ${'2024-04-02T00:00:00.000Z'} | ${'quarter'}
    ${'quarter'}   | ${'2025-Q2'}  | ${15}         | ${'08:00'} | ${1}    | ${'2025-06-15T01:00:00.000Z'} | ${'15th→14th quarter'}
    ${'half-year'} | ${'2025-H1'}  | ${1}          | ${'07:00'} | ${1}    | ${'2025-07-01T00:00:00.000Z'} | ${'half-year'}
    ${'year'}      | ${'2025'}     | ${1}          | ${'07:00'} | ${1}    | ${'2026-01-01T00:00:00.000Z'} | ${'year'}
    ${'year'}      | ${'2025'}     | ${15}         | ${'07:00'} | ${28}   | ${'2026-01-11T00:00:00.000Z'} | ${'15th→14th year, 28 days after 14 December'}
    ${'week'}      | ${'2025-W19'} | ${undefined}  | ${'08:00'} | ${1}    | ${'2025-05-12T01:00:00.000Z'} | ${'weekly on the Monday right after'}
    ${'week'}      | ${'2025-W19'} | ${undefined}  | ${'08:00'} | ${5}    | ${'2025-05-16T01:00:00.000Z'} | ${'weekly on the Friday after'}
    ${'week'}      | ${'2025-W19'} | ${undefined}  | ${'08:00'} | ${7}    | ${'2025-05-18T01:00:00.000Z'} | ${'weekly on the Sunday after'}
    ${'week'}      | ${'2025-W19'} | ${undefined}  | ${'06:00'} | ${1}    | ${'2025-05-11T23:00:00.000Z'} | ${'early Monday local is Sunday UTC'}
    ${'week'}      | ${'2026-W53'} | ${undefined}  | ${'07:00'} | ${1}    | ${'2027-01-04T00:00:00.000Z'} | ${'after a 53rd week'}
  `('$kind $name at $sendAt on day $sendDay → $expected: $why', ({ kind, name, monthStartDay, sendAt, sendDay, expected }) => {
    const period = periodByName(kind, name, monthStartDay);
    const moment = sendMomentOf(period, { sendAt, sendDay });
    expect(moment.toISOString()).toBe(expected);
    expect(moment.getTime()).toBeGreaterThan(Date.parse(`${period.to}T17:00:00Z`) - 1); // after the period closed
  });

  it.each`
    kind       | sendAt     | sendDay | why
    ${'week'}  | ${'07:00'} | ${8}    | ${'no ISO weekday 8'}
    ${'month'} | ${'07:00'} | ${0}    | ${'sendDay 0 would be inside the period'}
    ${'month'} | ${'24:00'} | ${1}    | ${'no hour 24'}
    ${'month'} | ${'7:00'}  | ${1}    | ${'sendAt must be HH:mm'}
  `('rejects $kind at $sendAt on day $sendDay: $why', ({ kind, sendAt, sendDay }) => {
    const period = periodContaining(kind, '2025-05-20');
    expect(() => sendMomentOf(period, { sendAt, sendDay })).toThrow(RangeError);
  });
});

describe('latestDuePeriod (a scheduler tick sends only the latest due period)', () => {
  it.each`
    kind           | sendAt     | sendDay | monthStartDay | now                           | expected      | why
    ${'month'}     | ${'07:00'} | ${1}    | ${1}          | ${'2025-05-31T16:59:59.999Z'} | ${'2025-04'}  | ${'the last moment of May: May is still open'}
    ${'month'}     | ${'07:00'} | ${1}    | ${1}          | ${'2025-05-31T17:00:00.000Z'} | ${'2025-04'}  | ${'May closed, but before 07:00 on 1 June'}
    ${'month'}     | ${'07:00'} | ${1}    | ${1}          | ${'2025-05-31T23:59:59.999Z'} | ${'2025-04'}  | ${'just before the send moment'}
    ${'month'}     | ${'07:00'} | ${1}    | ${1}          | ${'2025-06-01T00:00:00.000Z'} | ${'2025-05'}  | ${'at the send moment'}
    ${'month'}     | ${'07:00'} | ${1}    | ${1}          | ${'2025-06-01T00:00:00.001Z'} | ${'2025-05'}  | ${'just after the send moment'}
    ${'month'}     | ${'07:00'} | ${3}    | ${1}          | ${'2025-06-02T23:59:59.999Z'} | ${'2025-04'}  | ${'sendDay 3: still April until 3 June 07:00'}
    ${'month'}     | ${'07:00'} | ${3}    | ${1}          | ${'2025-06-03T00:00:00.000Z'} | ${'2025-05'}  | ${'sendDay 3: May from 3 June 07:00'}
    ${'month'}     | ${'07:00'} | ${1}    | ${1}          | ${'2025-09-10T05:00:00.000Z'} | ${'2025-08'}  | ${'long after: only the latest, never a flood'}
    ${'month'}     | ${'07:00'} | ${1}    | ${15}         | ${'2025-05-14T23:59:59.999Z'} | ${'2025-04'}  | ${'15th→14th: just before 15 May 07:00'}
    ${'month'}     | ${'07:00'} | ${1}    | ${15}         | ${'2025-05-15T00:00:00.000Z'} | ${'2025-05'}  | ${'15th→14th: month 2025-05 from 15 May 07:00'}
    ${'week'}      | ${'08:00'} | ${1}    | ${undefined}  | ${'2025-05-12T00:59:59.999Z'} | ${'2025-W18'} | ${'weekly Monday: just before'}
    ${'week'}      | ${'08:00'} | ${1}    | ${undefined}  | ${'2025-05-12T01:00:00.000Z'} | ${'2025-W19'} | ${'weekly Monday: at the moment'}
    ${'week'}      | ${'08:00'} | ${7}    | ${undefined}  | ${'2025-05-18T00:59:59.999Z'} | ${'2025-W18'} | ${'weekly Sunday: just before'}
    ${'week'}      | ${'08:00'} | ${7}    | ${undefined}  | ${'2025-05-18T01:00:00.000Z'} | ${'2025-W19'} | ${'weekly Sunday: at the moment'}
    ${'week'}      | ${'08:00'} | ${7}    | ${undefined}  | ${'2025-05-11T00:00:00.000Z'} | ${'2025-W17'} | ${'weekly Sunday: two weeks back until the W18 send'}
    ${'week'}      | ${'07:00'} | ${1}    | ${undefined}  | ${'2027-01-04T00:00:00.000Z'} | ${'2026-W53'} | ${'weekly: 2026-W53 is sent on 2027-01-04'}
    ${'week'}      | ${'07:00'} | ${1}    | ${undefined}  | ${'2025-03-01T00:00:00.000Z'} | ${'2025-W08'} | ${'weekly: long after, only the latest'}
    ${'quarter'}   | ${'07:00'} | ${5}    | ${1}          | ${'2025-04-04T23:59:59.999Z'} | ${'2024-Q4'}  | ${'quarterly: just before 5 April 07:00'}
    ${'quarter'}   | ${'07:00'} | ${5}    | ${1}          | ${'2025-04-05T00:00:00.000Z'} | ${'2025-Q1'}  | ${'quarterly: at 5 April 07:00'}
    ${'half-year'} | ${'00:00'} | ${1}    | ${1}          | ${'2025-06-30T16:59:59.999Z'} | ${'2024-H2'}  | ${'half-yearly at local midnight: just before'}
    ${'half-year'} | ${'00:00'} | ${1}    | ${1}          | ${'2025-06-30T17:00:00.000Z'} | ${'2025-H1'}  | ${'half-yearly at local midnight: at the moment (still 30 June in UTC)'}
    ${'year'}      | ${'07:00'} | ${1}    | ${1}          | ${'2030-06-01T00:00:00.000Z'} | ${'2029'}     | ${'yearly: long after'}
    ${'year'}      | ${'07:00'} | ${28}   | ${15}         | ${'2026-01-10T12:00:00.000Z'} | ${'2024'}     | ${'15th→14th yearly, sendDay 28: 2025 not yet due'}
    ${'year'}      | ${'07:00'} | ${28}   | ${15}         | ${'2026-01-11T00:00:00.000Z'} | ${'2025'}     | ${'15th→14th yearly, sendDay 28: 2025 due'}
  `('$kind at $sendAt day $sendDay (monthStartDay $monthStartDay), now $now → $expected: $why', ({ kind, sendAt, sendDay, monthStartDay, now, expected }) => {
    const due = latestDuePeriod(kind, { sendAt, sendDay, monthStartDay }, new Date(now));
    expect(due.name).toBe(expected);
    expect(due).toEqual(periodByName(kind, expected, monthStartDay));
  });

  it.each`
    kind       | sendAt     | sendDay | monthStartDay
    ${'week'}  | ${'00:00'} | ${1}    | ${undefined}
    ${'week'}  | ${'23:59'} | ${7}    | ${undefined}
    ${'month'} | ${'00:00'} | ${1}    | ${15}
    ${'month'} | ${'23:59'} | ${28}   | ${1}
    ${'year'}  | ${'12:00'} | ${10}   | ${15}
  `('$kind at $sendAt day $sendDay (monthStartDay $monthStartDay): hour by hour, never an open period, always the latest due', ({ kind, sendAt, sendDay, monthStartDay }) => {
    const schedule = { sendAt, sendDay, monthStartDay };
    const wrong: string[] = [];
    for (let t = Date.parse('2024-11-01T00:00:00Z'); t < Date.parse('2025-03-01T00:00:00Z'); t += 3_600_000 + 60_000) {
      const now = new Date(t);
      const due = latestDuePeriod(kind, schedule, now);
      if (due.to >= localDateOf(now)) wrong.push(`${now.toISOString()}: ${due.name} has not closed`);
      if (sendMomentOf(due, schedule).getTime() > t) wrong.push(`${now.toISOString()}: ${due.name} is not due yet`);
      if (sendMomentOf(nextPeriod(due, monthStartDay), schedule).getTime() <= t) wrong.push(`${now.toISOString()}: ${due.name} is not the latest due`);
    }
    expect(wrong).toEqual([]);
  });

  it('rejects an invalid schedule or kind', () => {
    expect(() => latestDuePeriod('daily' as PeriodKind, { sendAt: '07:00', sendDay: 1 }, new Date())).toThrow(/periodKind/);
    expect(() => latestDuePeriod('month', { sendAt: '7:00', sendDay: 1 }, new Date())).toThrow(RangeError);
    expect(() => latestDuePeriod('week', { sendAt: '07:00', sendDay: 8 }, new Date())).toThrow(/sendDay/);
  });
});

describe('checkSchedule', () => {
  it.each`
    kind           | sendAt        | sendDay      | monthStartDay | errorFields                                           | why
    ${'month'}     | ${'07:30'}    | ${1}         | ${15}         | ${[]}                                                 | ${'valid 15th→14th month'}
    ${'week'}      | ${'00:00'}    | ${7}         | ${undefined}  | ${[]}                                                 | ${'valid weekly, Sunday at midnight'}
    ${'year'}      | ${'23:59'}    | ${28}        | ${1}          | ${[]}                                                 | ${'valid yearly, latest day and minute'}
    ${'quarter'}   | ${'07:00'}    | ${7}         | ${undefined}  | ${[]}                                                 | ${'monthStartDay may be left out'}
    ${'half-year'} | ${'12:00'}    | ${15}        | ${1}          | ${[]}                                                 | ${'valid half-yearly'}
    ${'week'}      | ${'07:00'}    | ${8}         | ${undefined}  | ${['sendDay']}                                        | ${'no ISO weekday 8'}
    ${'week'}      | ${'07:00'}    | ${28}        | ${undefined}  | ${['sendDay']}                                        | ${'28 is a day number, not a weekday'}
    ${'month'}     | ${'07:00'}    | ${29}        | ${1}          | ${['sendDay']}                                        | ${'sendDay above 28'}
    ${'month'}     | ${'07:00'}    | ${0}         | ${1}          | ${['sendDay']}                                        | ${'sendDay 0'}
    ${'month'}     | ${'07:00'}    | ${1.5}       | ${1}          | ${['sendDay']}                                        | ${'fractional sendDay'}
    ${'month'}     | ${'07:00'}    | ${'3'}       | ${1}          | ${['sendDay']}                                        | ${'sendDay as a string'}
    ${'month'}     | ${'07:00'}    | ${undefined} | ${1}          | ${['sendDay']}                                        | ${'missing sendDay'}
    ${'month'}     | ${'24:00'}    | ${1}         | ${1}          | ${['sendAt']}                                         | ${'no hour 24'}
    ${'month'}     | ${'07:60'}    | ${1}         | ${1}          | ${['sendAt']}                                         | ${'no minute 60'}
    ${'month'}     | ${'7:30'}     | ${1}         | ${1}          | ${['sendAt']}                                         | ${'hour without its leading zero'}
    ${'month'}     | ${'07:30:00'} | ${1}         | ${1}          | ${['sendAt']}                                         | ${'seconds'}
    ${'month'}     | ${'0730'}     | ${1}         | ${1}          | ${['sendAt']}                                         | ${'no colon'}
    ${'month'}     | ${730}        | ${1}         | ${1}          | ${['sendAt']}                                         | ${'a number'}
    ${'month'}     | ${undefined}  | ${1}         | ${1}          | ${['sendAt']}                                         | ${'missing sendAt'}
    ${'month'}     | ${'07:30'}    | ${1}         | ${10}         | ${['monthStartDay']}                                  | ${'monthStartDay 10'}
    ${'month'}     | ${'07:30'}    | ${1}         | ${'15'}       | ${['monthStartDay']}                                  | ${'monthStartDay as a string'}
    ${'month'}     | ${'07:30'}    | ${1}         | ${null}       | ${['monthStartDay']}                                  | ${'monthStartDay null'}
    ${'daily'}     | ${'07:30'}    | ${28}        | ${1}          | ${[]}                                                 | ${'an unknown kind is the caller\'s to report; sendDay checked as 1–28'}
    ${undefined}   | ${'07:30'}    | ${29}        | ${1}          | ${['sendDay']}                                        | ${'missing kind: sendDay checked as 1–28'}
    ${'fortnight'} | ${'25:00'}    | ${0}         | ${2}          | ${['sendAt', 'sendDay', 'monthStartDay']}             | ${'every error at once'}
  `('$kind $sendAt day $sendDay monthStartDay $monthStartDay → $errorFields: $why', ({ kind, sendAt, sendDay, monthStartDay, errorFields }) => {
    const errors = checkSchedule(kind, { sendAt, sendDay, monthStartDay });
    expect(errors.map((error) => error.slice(0, error.indexOf(':')))).toEqual(errorFields);
    for (const error of errors) expect(error).toMatch(/^\w+: \S/);
  });
});
