import { BadRequestException } from '@nestjs/common';
import { MAX_ID, parseBoolean, parseIdParam, parseIntegerParam, parseLocalDateParam } from './query-params';

const PAGE = { min: 1, max: 100_000 };

function refusal(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof BadRequestException) return String((error.getResponse() as { message: string }).message);
    throw error;
  }
  throw new Error('not refused');
}

describe('parseIntegerParam', () => {
  it.each`
    raw          | expected
    ${'1'}       | ${1}
    ${'42'}      | ${42}
    ${'100000'}  | ${100_000}
    ${'007'}     | ${7}
    ${undefined} | ${undefined}
    ${''}        | ${undefined}
  `('reads $raw as $expected', ({ raw, expected }) => {
    expect(parseIntegerParam(raw, 'page', PAGE)).toBe(expected);
  });

  it('gives the fallback when the parameter is absent', () => {
    expect(parseIntegerParam(undefined, 'page', { ...PAGE, fallback: 1 })).toBe(1);
    expect(parseIntegerParam('', 'page', { ...PAGE, fallback: 1 })).toBe(1);
  });

  it('takes negative numbers where the range has them', () => {
    expect(parseIntegerParam('-3', 'days', { min: -10, max: 10 })).toBe(-3);
    expect(parseIntegerParam('-0', 'days', { min: -10, max: 10 })).toBe(0);
  });

  it.each([
    '1e21', '1e3', '-1', '0', '1.5', '1.0', 'abc', '99999999999999999999', '0x10', '0b1', '0o7', '+1', ' 1', '1 ', '1_000', '100001',
    'Infinity', 'NaN', '١٢', '１', '\t1', '1\n',
  ])('refuses %j with a 400 naming the parameter and its range', (raw) => {
    expect(refusal(() => parseIntegerParam(raw, 'page', PAGE))).toBe('page: must be an integer 1–100000');
  });

  it('refuses a parameter given twice, and values that are not text', () => {
    expect(refusal(() => parseIntegerParam(['1', '2'], 'page', PAGE))).toBe('page: must be given once');
    expect(refusal(() => parseIntegerParam({ a: '1' }, 'page', PAGE))).toBe('page: must be an integer 1–100000');
    expect(refusal(() => parseIntegerParam(1.5, 'page', PAGE))).toBe('page: must be an integer 1–100000');
  });
});

describe('parseBoolean', () => {
  it.each`
    raw          | expected
    ${'true'}    | ${true}
    ${'1'}       | ${true}
    ${'false'}   | ${false}
    ${'0'}       | ${false}
    ${undefined} | ${'fallback'}
    ${''}        | ${'fallback'}
  `('reads $raw', ({ raw, expected }) => {
    expect(parseBoolean(raw, 'includeChildren', true)).toBe(expected === 'fallback' ? true : expected);
    expect(parseBoolean(raw, 'includeChildren', false)).toBe(expected === 'fallback' ? false : expected);
  });

  it.each(['yes', 'TRUE', '2', ' true'])('refuses %j', (raw) => {
    expect(refusal(() => parseBoolean(raw, 'includeChildren', false))).toBe('includeChildren: must be true or false');
  });
});

describe('parseIdParam', () => {
  it('passes ids of an INT column', () => {
    expect(parseIdParam('1')).toBe(1);
    expect(parseIdParam(String(MAX_ID))).toBe(MAX_ID);
  });

  it.each(['0', '-1', String(MAX_ID + 1), '99999999999999999999', '1e21', '1.5', 'abc', '0x10', undefined, ''])('refuses %j', (raw) => {
    expect(refusal(() => parseIdParam(raw))).toBe(`id: must be an integer 1–${MAX_ID}`);
  });
});

describe('parseLocalDateParam', () => {
  it.each`
    raw             | expected
    ${'2025-07-01'} | ${'2025-07-01'}
    ${'2024-02-29'} | ${'2024-02-29'}
    ${undefined}    | ${undefined}
    ${''}           | ${undefined}
  `('reads $raw as $expected', ({ raw, expected }) => {
    expect(parseLocalDateParam(raw, 'at')).toBe(expected);
  });

  it.each`
    raw                          | message
    ${'2025-02-30'}              | ${'at: "2025-02-30" is not a date YYYY-MM-DD'}
    ${'01/07/2025'}              | ${'at: "01/07/2025" is not a date YYYY-MM-DD'}
    ${'2025-07-01T00:00:00'}     | ${'at: "2025-07-01T00:00:00" is not a date YYYY-MM-DD'}
    ${'2300-01-01'}              | ${'at: 2300-01-01 is outside the dates this service accepts'}
    ${['2025-07-01', '2025-07-02']} | ${'at: must be given once'}
  `('refuses $raw, naming the parameter', ({ raw, message }) => {
    expect(refusal(() => parseLocalDateParam(raw, 'at'))).toContain(message);
  });
});
