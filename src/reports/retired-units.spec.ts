import { periodByName } from './periods';
import { periodToSend, upcomingPeriod } from './retired-units';

describe('subscriptions of a retired unit', () => {
  const month = (name: string) => periodByName('month', name, 1);
  it.each([
    ['a unit that goes on sends the due period', '2025-09', null, '2025-09', '2025-10'],
    ['retired on 30/06: June, due in July, is its last; nothing after', '2025-06', '2025-06-30', '2025-06', null],
    ['later on, the last period is still the one to make sure of', '2025-11', '2025-06-30', '2025-06', null],
    ['retired mid-month: the month holding its last day is sent, not the next', '2025-08', '2025-07-14', '2025-07', null],
    ['before its last period is due, the months up to it come as usual', '2025-04', '2025-06-30', '2025-04', '2025-05'],
  ])('%s', (_case, due, lastDay, toSend, upcoming) => {
    expect(periodToSend(month(due), lastDay, 'month', 1).name).toBe(toSend);
    expect(upcomingPeriod(month(due), lastDay, 'month', 1)?.name ?? null).toBe(upcoming);
  });

  it('keeps the 15th→14th months and the quarters straight', () => {
    // 20/06 lies in the month named 2025-07 when months run from the 15th.
    expect(periodToSend(periodByName('month', '2025-09', 15), '2025-06-20', 'month', 15).name).toBe('2025-07');
    expect(periodToSend(periodByName('quarter', '2026-Q1'), '2025-06-30', 'quarter', 1).name).toBe('2025-Q2');
  });
});
