import { parseRecordTime } from '../common/local-time';
import { classifyOpen, classifySettled } from './classification';

const at = (raw: string, bound: 'start' | 'end' = 'start') => {
  const parsed = parseRecordTime(raw, bound);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};

describe('classifySettled (docs/figures.md §3)', () => {
  it.each`
    resolvedAt                  | dueAt                       | expected    | why
    ${'2025-06-09T10:00'}       | ${'2025-06-10'}             | ${'early'}  | ${'a day before the deadline date'}
    ${'2025-06-10T00:00'}       | ${'2025-06-10'}             | ${'onTime'} | ${'first moment of the deadline day'}
    ${'2025-06-10T23:59:59'}    | ${'2025-06-10'}             | ${'onTime'} | ${'last second of the deadline day'}
    ${'2025-06-11T00:00'}       | ${'2025-06-10'}             | ${'late'}   | ${'the next local day'}
    ${'2025-06-10T16:59:59Z'}   | ${'2025-06-10'}             | ${'onTime'} | ${'23:59:59 local written in UTC'}
    ${'2025-06-10T17:00:00Z'}   | ${'2025-06-10'}             | ${'late'}   | ${'00:00 local of the 11th written in UTC'}
    ${'2025-06-10T10:00'}       | ${'2025-06-10T09:00'}       | ${'late'}   | ${'after a deadline with a time, same day'}
    ${'2025-06-10T09:00'}       | ${'2025-06-10T09:00'}       | ${'onTime'} | ${'exactly at the deadline'}
    ${'2025-06-10T08:00'}       | ${'2025-06-10T17:00'}       | ${'onTime'} | ${'earlier hour of the deadline day is on time, not early'}
    ${'2025-06-09T23:30'}       | ${'2025-06-10T08:00'}       | ${'early'}  | ${'late evening of the day before'}
    ${'2025-01-01T00:00'}       | ${'2025-12-31'}             | ${'early'}  | ${'a year early'}
  `('resolved $resolvedAt, due $dueAt → $expected ($why)', ({ resolvedAt, dueAt, expected }) => {
    expect(classifySettled(at(resolvedAt), at(dueAt, 'end'))).toBe(expected);
  });
});

describe('classifyOpen (docs/figures.md §3)', () => {
  it.each`
    status          | dueAt                  | now                     | expected     | why
    ${'processing'} | ${'2025-06-20'}        | ${'2025-06-10T09:00'}   | ${'onTrack'} | ${'ten days left'}
    ${'processing'} | ${'2025-06-11'}        | ${'2025-06-10T09:00'}   | ${'dueSoon'} | ${'due tomorrow (Wednesday)'}
    ${'processing'} | ${'2025-06-10'}        | ${'2025-06-10T23:00'}   | ${'dueSoon'} | ${'due tonight'}
    ${'processing'} | ${'2025-06-10'}        | ${'2025-06-11T00:00'}   | ${'overdue'} | ${'midnight passed'}
    ${'processing'} | ${'2025-06-16'}        | ${'2025-06-13T09:00'}   | ${'dueSoon'} | ${'Friday, due Monday: one working day'}
    ${'processing'} | ${'2025-06-17'}        | ${'2025-06-13T09:00'}   | ${'onTrack'} | ${'Friday, due Tuesday'}
    ${'waiting'}    | ${'2025-06-01'}        | ${'2025-06-10T09:00'}   | ${'waiting'} | ${'the applicant holds it: never overdue'}
    ${'processing'} | ${'2025-06-10T09:00'}  | ${'2025-06-10T09:00'}   | ${'dueSoon'} | ${'at the deadline itself, not yet after it'}
    ${'processing'} | ${'2025-06-10T09:00'}  | ${'2025-06-10T09:00:01'}| ${'overdue'} | ${'one second after'}
  `('$status due $dueAt at $now → $expected ($why)', ({ status, dueAt, now, expected }) => {
    expect(classifyOpen(status, at(dueAt, 'end'), at(now))).toBe(expected);
  });
});
