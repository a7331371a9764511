import { parseIcsDays } from './ics';

const ics = (...events: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//vi', ...events, 'END:VCALENDAR'].join('\r\n');
const event = (...lines: string[]) => ['BEGIN:VEVENT', `UID:${Math.random()}`, ...lines, 'END:VEVENT'].join('\r\n');

describe('parseIcsDays', () => {
  it('reads all-day events as days off, DTEND exclusive', () => {
    const sut = parseIcsDays(ics(event('DTSTART;VALUE=DATE:20250430', 'DTEND;VALUE=DATE:20250503', 'SUMMARY:Nghỉ lễ 30/4 – 1/5')));
    expect(sut).toEqual({
      errors: [],
      days: [
        { date: '2025-04-30', kind: 'holiday', name: 'Nghỉ lễ 30/4 – 1/5' },
        { date: '2025-05-01', kind: 'holiday', name: 'Nghỉ lễ 30/4 – 1/5' },
        { date: '2025-05-02', kind: 'holiday', name: 'Nghỉ lễ 30/4 – 1/5' },
      ],
    });
  });

  it.each`
    summary                          | extra                        | expected
    ${'Làm bù cho thứ Sáu 2/5'}      | ${[]}                        | ${'workday'}
    ${'Đi làm bù'}                   | ${[]}                        | ${'workday'}
    ${'Swap'}                        | ${['X-TTHC-KIND:workday']}   | ${'workday'}
    ${'Nghỉ bù Quốc khánh'}          | ${[]}                        | ${'holiday'}
  `('"$summary" is a $expected', ({ summary, extra, expected }) => {
    const sut = parseIcsDays(ics(event('DTSTART;VALUE=DATE:20250426', `SUMMARY:${summary}`, ...extra)));
    expect(sut.days).toEqual([{ date: '2025-04-26', kind: expected, name: summary }]);
  });

  it('takes the local (Vietnam) day of a timed event', () => {
    const sut = parseIcsDays(ics(event('DTSTART:20250901T180000Z', 'DTEND:20250901T200000Z', 'SUMMARY:Quốc khánh')));
    expect(sut.days.map((day) => day.date)).toEqual(['2025-09-02']);
  });

  it('names what it cannot read', () => {
    expect(parseIcsDays('not a calendar').errors[0]).toMatch(/^file: not a readable iCalendar file/);
    const sut = parseIcsDays(ics(event('DTSTART;VALUE=DATE:20250101', 'RRULE:FREQ=YEARLY', 'SUMMARY:Tết Dương lịch')));
    expect(sut.errors).toEqual(['event 1 ("Tết Dương lịch"): repeating events are not read; list each year\'s days']);
  });
});

describe('parseIcsDays on hostile files', () => {
  it.each`
    lines                                                           | expected
    ${['DTSTART;VALUE=DATE:99991230']}                              | ${'event 1 ("Ngày nghỉ"): DTSTART 9999-12-30 is outside the dates this service accepts (1900-01-01 to 2199-12-31, Vietnam time)'}
    ${['DTSTART;VALUE=DATE:18991231']}                              | ${'event 1 ("Ngày nghỉ"): DTSTART 1899-12-31 is outside the dates this service accepts (1900-01-01 to 2199-12-31, Vietnam time)'}
    ${['DTSTART:21991231T200000Z']}                                 | ${'event 1 ("Ngày nghỉ"): DTSTART 2200-01-01 is outside the dates this service accepts (1900-01-01 to 2199-12-31, Vietnam time)'}
    ${['DTSTART;VALUE=DATE:21991230', 'DTEND;VALUE=DATE:22000102']} | ${'event 1 ("Ngày nghỉ"): DTEND 2200-01-01 is outside the dates this service accepts (1900-01-01 to 2199-12-31, Vietnam time)'}
  `('refuses an event on $lines by name', ({ lines, expected }) => {
    const sut = parseIcsDays(ics(event(...lines)));
    expect(sut).toEqual({ days: [], errors: [expected] });
  });

  it('reads an event ending on the last accepted day (DTEND 2200-01-01, exclusive)', () => {
    const sut = parseIcsDays(ics(event('DTSTART;VALUE=DATE:21991231', 'DTEND;VALUE=DATE:22000101', 'SUMMARY:Cuối')));
    expect(sut).toEqual({ errors: [], days: [{ date: '2199-12-31', kind: 'holiday', name: 'Cuối' }] });
  });

  it('refuses a summary that is not valid text, and quotes a long one capped', () => {
    const broken = parseIcsDays(ics(event('DTSTART;VALUE=DATE:20250101', 'SUMMARY:T\uFFFDt')));
    expect(broken.errors).toEqual(['event 1 ("T\uFFFDt"): SUMMARY is not valid UTF-8 text (U+FFFD, left where bytes were not UTF-8, at character 2)']);
    const long = parseIcsDays(ics(event('DTSTART;VALUE=DATE:20250101', 'RRULE:FREQ=YEARLY', `SUMMARY:${'x'.repeat(100_000)}`)));
    expect(long.errors).toEqual([`event 1 ("${'x'.repeat(60)}…(100000 characters)"): repeating events are not read; list each year's days`]);
  });
});
