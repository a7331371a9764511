import { checkSchedule } from './periods';
import { SCHEDULE_WORDS } from './subscriptions.service';

describe('the words of a refused schedule', () => {
  it.each(['week', 'month'])('cover every line the %s check can give', (kind) => {
    const lines = checkSchedule(kind, { sendAt: '25:00', sendDay: 99, monthStartDay: 3 });
    expect(lines).toHaveLength(3);
    for (const line of lines) expect([line, SCHEDULE_WORDS.has(line)]).toEqual([line, true]);
  });
});
