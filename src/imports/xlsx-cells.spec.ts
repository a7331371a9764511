import { cellString, isoCellDate, serialToDate } from './xlsx-cells';

const utc = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0) => new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));

describe('isoCellDate: a t="d" cell', () => {
  it.each`
    text                          | expected
    ${'2025-06-10'}               | ${utc(2025, 6, 10)}
    ${'2025-06-10T08:15'}         | ${utc(2025, 6, 10, 8, 15)}
    ${'2025-06-10T08:15:42'}      | ${utc(2025, 6, 10, 8, 15, 42)}
    ${'2025-06-10T08:15:42.5Z'}   | ${utc(2025, 6, 10, 8, 15, 42, 500)}
    ${' 2024-02-29T23:59:59 '}    | ${utc(2024, 2, 29, 23, 59, 59)}
    ${'1900-01-01'}               | ${utc(1900, 1, 1)}
    ${'2199-12-31T23:59:59'}      | ${utc(2199, 12, 31, 23, 59, 59)}
  `('$text → a date', ({ text, expected }) => {
    expect(isoCellDate(text)).toEqual(expected);
  });

  // Date.UTC would have moved each of these silently: 0099 → 1999, month 13 → next year, 30 February → 2 March.
  it.each`
    text                     | why
    ${'0099-06-10'}          | ${'year 99, which Date.UTC reads as 1999'}
    ${'1899-12-31'}          | ${'before the accepted dates'}
    ${'2200-01-01'}          | ${'after them'}
    ${'2025-13-45T25:61'}    | ${'no month 13, day 45, hour 25 or minute 61'}
    ${'2025-00-10'}          | ${'no month 0'}
    ${'2025-02-30'}          | ${'no 30 February'}
    ${'2025-02-29'}          | ${'not a leap year'}
    ${'2025-06-00'}          | ${'no day 0'}
    ${'2025-04-31'}          | ${'no 31 April'}
    ${'2025-06-10T24:00'}    | ${'no hour 24'}
    ${'2025-06-10T08:60'}    | ${'no minute 60'}
    ${'2025-06-10T08:15:60'} | ${'no second 60'}
    ${'10/06/2025'}          | ${'not ISO'}
  `('$text → null ($why), for the record check to refuse the text', ({ text }) => {
    expect(isoCellDate(text)).toBeNull();
  });
});

describe('serialToDate: Excel date serials', () => {
  it.each`
    serial        | date1904 | expected
    ${45818}      | ${false} | ${utc(2025, 6, 10)}
    ${45818.3437} | ${false} | ${new Date(Math.round((45818.3437 - 25569) * 86_400_000))}
    ${61}         | ${false} | ${utc(1900, 3, 1)}
    ${59}         | ${false} | ${utc(1900, 2, 28)}
    ${1}          | ${false} | ${utc(1900, 1, 1)}
    ${1.5}        | ${false} | ${utc(1900, 1, 1, 12)}
    ${32}         | ${false} | ${utc(1900, 2, 1)}
    ${44356}      | ${true}  | ${utc(2025, 6, 10)}
    ${0}          | ${true}  | ${utc(1904, 1, 1)}
    ${59}         | ${true}  | ${utc(1904, 2, 29)}
    ${60}         | ${true}  | ${utc(1904, 3, 1)}
  `('$serial (1904: $date1904) → $expected', ({ serial, date1904, expected }) => {
    expect(serialToDate(serial, date1904)).toEqual(expected);
  });

  it("gives null for serial 60 of the 1900 system: Excel's 29 February 1900, a day no calendar has", () => {
    expect(serialToDate(60, false)).toBeNull();
    expect(serialToDate(60.75, false)).toBeNull();
  });
});

describe('cellString', () => {
  it('decodes _xHHHH_ escapes, and a lone surrogate made so becomes U+FFFD', () => {
    expect(cellString('dòng một_x000D__x000A_dòng hai')).toBe('dòng một\r\ndòng hai');
    expect(cellString('a_xD83D_b')).toBe('a\uFFFDb');
    expect(cellString('_xD83D__xDC76_')).toBe('👶');
  });
});
