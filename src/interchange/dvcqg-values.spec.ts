import { readAmount, readCode, readFlag, readStatusCode, readTime } from './dvcqg-values';

const value = <T>(read: { ok: true; value: T } | { ok: false; reason: string }) => (read.ok ? read.value : `error: ${read.reason}`);

describe('the DVCQG value conventions (NATIONAL.md §3)', () => {
  it.each`
    given                        | read
    ${'20250602081500'}          | ${'2025-06-02T08:15:00'}
    ${20250602081500}            | ${'2025-06-02T08:15:00'}
    ${'202506020815'}            | ${'2025-06-02T08:15:00'}
    ${'20250602'}                | ${'2025-06-02'}
    ${' 20250602081500 '}        | ${'2025-06-02T08:15:00'}
    ${'2025-06-02T08:15:00+07:00'} | ${'2025-06-02T08:15:00+07:00'}
    ${''}                        | ${null}
    ${null}                      | ${null}
    ${'02/06/2025 08:15'}        | ${'error: "02/06/2025 08:15" is not a time yyyyMMddHHmmss (e.g. 20250602081500) or ISO 8601'}
    ${'2025060208'}              | ${'error: "2025060208" is not a time yyyyMMddHHmmss (e.g. 20250602081500) or ISO 8601'}
    ${{}}                        | ${'error: must be a time yyyyMMddHHmmss (e.g. 20250602081500)'}
  `('a time $given', ({ given, read }) => {
    expect(value(readTime(given))).toEqual(read);
  });

  it.each`
    given      | read
    ${1}       | ${1}
    ${10}      | ${10}
    ${'9'}     | ${9}
    ${' 4 '}   | ${4}
    ${0}       | ${'error: 0 is not a status code, one of 1–10'}
    ${11}      | ${'error: 11 is not a status code, one of 1–10'}
    ${'9.5'}   | ${'error: "9.5" is not a status code, one of 1–10'}
    ${''}      | ${'error: is required, one of 1–10'}
  `('a status code $given', ({ given, read }) => {
    expect(value(readStatusCode(given))).toEqual(read);
  });

  it.each`
    given   | read
    ${2}    | ${2}
    ${'3'}  | ${3}
    ${''}   | ${null}
    ${4}    | ${'error: 4 is not one of 1, 2, 3'}
  `('a channel $given', ({ given, read }) => {
    expect(value(readCode(given, [1, 2, 3]))).toEqual(read);
  });

  it.each`
    given       | read
    ${1}        | ${true}
    ${'1'}      | ${true}
    ${true}     | ${true}
    ${'True'}   | ${true}
    ${0}        | ${false}
    ${'False'}  | ${false}
    ${''}       | ${null}
    ${'Có'}     | ${'error: "Có" is not 1/0 or true/false'}
    ${2}        | ${'error: 2 is not 1/0 or true/false'}
  `('a flag $given', ({ given, read }) => {
    expect(value(readFlag(given))).toEqual(read);
  });

  it.each`
    given            | read
    ${8000}          | ${8000}
    ${'8000'}        | ${8000}
    ${'1.000'}       | ${1000}
    ${'1.250.000'}   | ${1250000}
    ${'50000.00'}    | ${50000}
    ${'50000.5'}     | ${50000.5}
    ${''}            | ${null}
    ${'abc'}         | ${'error: "abc" is not a number of VND'}
    ${'1,000'}       | ${'error: "1,000" is not a number of VND'}
    ${'1.0000'}      | ${'error: "1.0000" is not a number of VND'}
  `('an amount $given', ({ given, read }) => {
    expect(value(readAmount(given))).toEqual(read);
  });
});
