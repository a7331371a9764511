import { formatLocalDateTime, instantRangeProblem, isLocalDate, localDateOf, localDateProblem, monthsOf, parseRecordTime } from './local-time';
import { formatCount } from './locale';

describe('parseRecordTime (docs/figures.md §2 times)', () => {
  it.each`
    raw                                | bound      | expectedUtc                   | why
    ${'2025-06-10T08:15:00+07:00'}     | ${'start'} | ${'2025-06-10T01:15:00.000Z'} | ${'offset given'}
    ${'2025-06-10T01:15:00Z'}          | ${'start'} | ${'2025-06-10T01:15:00.000Z'} | ${'UTC given'}
    ${'2025-06-10T08:15:00'}           | ${'start'} | ${'2025-06-10T01:15:00.000Z'} | ${'no offset is Vietnam time'}
    ${'2025-06-10 08:15'}              | ${'start'} | ${'2025-06-10T01:15:00.000Z'} | ${'space separator, no seconds'}
    ${'2025-06-10T06:00:00.5'}         | ${'start'} | ${'2025-06-09T23:00:00.500Z'} | ${'local morning is the previous UTC day'}
    ${'2025-06-10'}                    | ${'start'} | ${'2025-06-09T17:00:00.000Z'} | ${'a date starts at local midnight'}
    ${'2025-06-10'}                    | ${'end'}   | ${'2025-06-10T16:59:59.999Z'} | ${'a deadline date ends at local 23:59:59.999'}
    ${'2024-02-29'}                    | ${'end'}   | ${'2024-02-29T16:59:59.999Z'} | ${'leap day'}
    ${'2025-06-10T08:15:00-05:00'}     | ${'end'}   | ${'2025-06-10T13:15:00.000Z'} | ${'a time is a time whatever the bound'}
  `('$raw ($bound) → $expectedUtc: $why', ({ raw, bound, expectedUtc }) => {
    const sut = parseRecordTime(raw, bound);
    expect(sut).toEqual({ ok: true, value: new Date(expectedUtc) });
  });

  it.each([
    ['10/06/2025'],
    ['2025-02-30'],
    ['2025-13-01'],
    ['2025-06-10T25:00'],
    ['yesterday'],
    [''],
    [20250610],
    [null],
    ['2025-W24'],
  ])('rejects %p with a reason', (raw) => {
    const sut = parseRecordTime(raw, 'start');
    expect(sut.ok).toBe(false);
  });
});

describe('the accepted range: local dates 1900-01-01 to 2199-12-31, on the instant after the offset', () => {
  it.each`
    raw                              | bound      | expectedUtc
    ${'2199-12-31'}                  | ${'end'}   | ${'2199-12-31T16:59:59.999Z'}
    ${'2199-12-31T23:59:59.999'}     | ${'start'} | ${'2199-12-31T16:59:59.999Z'}
    ${'2199-12-31T23:59:59+14:00'}   | ${'start'} | ${'2199-12-31T09:59:59.000Z'}
    ${'2199-12-31T16:59:59.999Z'}    | ${'start'} | ${'2199-12-31T16:59:59.999Z'}
    ${'1900-01-01'}                  | ${'start'} | ${'1899-12-31T17:00:00.000Z'}
    ${'1900-01-01T00:00:00-14:00'}   | ${'start'} | ${'1900-01-01T14:00:00.000Z'}
    ${'1899-12-31T17:00:00Z'}        | ${'start'} | ${'1899-12-31T17:00:00.000Z'}
  `('accepts $raw ($bound)', ({ raw, bound, expectedUtc }) => {
    expect(parseRecordTime(raw, bound)).toEqual({ ok: true, value: new Date(expectedUtc) });
  });

  it.each`
    raw                              | bound
    ${'9999-12-31T23:59:59-14:00'}   | ${'start'}
    ${'9999-12-30'}                  | ${'end'}
    ${'2199-12-31T23:59:59-14:00'}   | ${'start'}
    ${'2199-12-31T17:00:00Z'}        | ${'start'}
    ${'2200-01-01'}                  | ${'start'}
    ${'1900-01-01T00:00:00+14:00'}   | ${'start'}
    ${'1899-12-31T16:59:59.999Z'}    | ${'start'}
    ${'1899-12-31'}                  | ${'end'}
    ${'0099-01-01'}                  | ${'start'}
    ${'0000-01-01T00:00Z'}           | ${'start'}
  `('refuses $raw ($bound), quoting it', ({ raw, bound }) => {
    expect(parseRecordTime(raw, bound)).toEqual({
      ok: false,
      reason: `"${raw}" is outside the dates this service accepts (1900-01-01 to 2199-12-31, Vietnam time)`,
    });
  });

  it.each`
    value             | expected
    ${'1900-01-01'}   | ${null}
    ${'2199-12-31'}   | ${null}
    ${'2025-06-10'}   | ${null}
    ${'1899-12-31'}   | ${'1899-12-31 is outside the dates this service accepts (1900-01-01 to 2199-12-31, Vietnam time)'}
    ${'2200-01-01'}   | ${'2200-01-01 is outside the dates this service accepts (1900-01-01 to 2199-12-31, Vietnam time)'}
    ${'9999-12-30'}   | ${'9999-12-30 is outside the dates this service accepts (1900-01-01 to 2199-12-31, Vietnam time)'}
    ${'2025-02-30'}   | ${'"2025-02-30" is not a date YYYY-MM-DD'}
    ${'10/06/2025'}   | ${'"10/06/2025" is not a date YYYY-MM-DD'}
    ${42}             | ${'42 is not a date YYYY-MM-DD'}
  `('localDateProblem($value) is $expected', ({ value, expected }) => {
    expect(localDateProblem(value)).toBe(expected);
    expect(isLocalDate(value)).toBe(expected === null);
  });

  it('quotes a 1 MB non-date capped', () => {
    expect(localDateProblem('9'.repeat(1_000_000))).toBe(`"${'9'.repeat(60)}…(1000000 characters)" is not a date YYYY-MM-DD`);
    const parsed = parseRecordTime('2'.repeat(1_000_000), 'start');
    expect(parsed.ok ? '' : parsed.reason.length).toBeLessThan(200);
  });

  it('judges an instant by its local date', () => {
    expect(instantRangeProblem(new Date('2199-12-31T16:59:59.999Z'))).toBeNull();
    expect(instantRangeProblem(new Date('2199-12-31T17:00:00.000Z'))).toMatch(/is outside/);
    expect(instantRangeProblem(new Date('1899-12-31T17:00:00.000Z'))).toBeNull();
    expect(instantRangeProblem(new Date('1899-12-31T16:59:59.999Z'))).toMatch(/is outside/);
  });
});

describe('local dates and display', () => {
  it.each`
    instant                       | expected
    ${'2025-06-09T16:59:59.999Z'} | ${'2025-06-09'}
    ${'2025-06-09T17:00:00.000Z'} | ${'2025-06-10'}
    ${'2025-12-31T17:00:00.000Z'} | ${'2026-01-01'}
  `('$instant is local day $expected', ({ instant, expected }) => {
    expect(localDateOf(new Date(instant))).toBe(expected);
  });

  it('agrees with toISOString on the local day of every hour from 1999 to 2031', () => {
    for (let t = Date.UTC(1999, 0, 1); t < Date.UTC(2032, 0, 1); t += 3_600_000) {
      const expected = new Date(t + 7 * 3_600_000).toISOString().slice(0, 10);
      if (localDateOf(new Date(t)) !== expected) expect(localDateOf(new Date(t))).toBe(expected);
    }
  });

  it('shows instants as dd/MM/yyyy HH:mm:ss in Vietnam time', () => {
    expect(formatLocalDateTime(new Date('2023-06-09T21:07:03Z'))).toBe('10/06/2023 04:07:03');
  });

  it('groups thousands with a dot in vi-VN', () => {
    expect(formatCount(4674, 'vi')).toBe('4.674');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
  });

  it('splits a period into clipped months', () => {
    expect(monthsOf('2025-01-15', '2025-03-02')).toEqual([
      { key: '2025-01', from: '2025-01-15', to: '2025-01-31' },
      { key: '2025-02', from: '2025-02-01', to: '2025-02-28' },
      { key: '2025-03', from: '2025-03-01', to: '2025-03-02' },
    ]);
  });
});

describe('parseRecordTime agrees with Luxon (the reference ISO 8601 reader)', () => {
  it('on 5,000 random local and offset date-times, and on bare dates', () => {
    const { DateTime } = jest.requireActual('luxon') as typeof import('luxon');
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pad = (value: number, width = 2) => String(value).padStart(width, '0');
    for (let i = 0; i < 5000; i++) {
      const date = `${2000 + next(40)}-${pad(1 + next(12))}-${pad(1 + next(28))}`;
      const time = `${pad(next(24))}:${pad(next(60))}:${pad(next(60))}.${pad(next(1000), 3)}`;
      const offset = ['', 'Z', '+07:00', '-05:30', '+0530', '+09'][next(6)];
      const text = `${date}T${time}${offset}`;
      const expected = DateTime.fromISO(text, { zone: 'Asia/Ho_Chi_Minh' }).toJSDate();
      expect(parseRecordTime(text, 'start')).toEqual({ ok: true, value: expected });
      const endOfDay = DateTime.fromISO(date, { zone: 'Asia/Ho_Chi_Minh' }).endOf('day').toJSDate();
      expect(parseRecordTime(date, 'end')).toEqual({ ok: true, value: endOfDay });
    }
  });
});
