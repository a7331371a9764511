import ICAL from 'ical.js';
import { LocalDate, addLocalDays, localDateOf, localDateProblem } from '../common/local-time';
import { quoteForError, textForError, textProblem } from '../common/text';
import { CalendarDayKind } from './calendar-day.entity';

export interface IcsDay {
  date: LocalDate;
  kind: CalendarDayKind;
  name: string;
}

/** A summary that announces a make-up working day rather than a day off. */
const WORKDAY_WORDS = /làm bù|đi làm|ngày làm việc|make-up|workday|working day/i;
const MAX_EVENT_DAYS = 31;
const FOUR_DIGIT_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads an iCalendar file (the Government's schedule as published, or one exported from a
 * calendar application) into calendar days: each all-day event is a day off for every date it
 * covers (DTEND is exclusive), unless its summary or `X-TTHC-KIND:workday` says it is a make-up
 * working day. Errors name the event.
 */
export function parseIcsDays(text: string): { days: IcsDay[]; errors: string[] } {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    // The parser's message may quote the file: capped like every quoted value.
    return { days: [], errors: [`file: not a readable iCalendar file (${textForError(error instanceof Error ? error.message : String(error), 200)})`] };
  }
  const days: IcsDay[] = [];
  const errors: string[] = [];
  root.getAllSubcomponents('vevent').forEach((component, index) => {
    const event = new ICAL.Event(component);
    const name = (event.summary ?? '').normalize('NFC').trim() || 'Ngày nghỉ';
    const label = `event ${index + 1} (${quoteForError(name)})`;
    const nameProblem = textProblem(name);
    if (nameProblem) {
      errors.push(`${label}: SUMMARY ${nameProblem}`);
      return;
    }
    if (component.hasProperty('rrule')) {
      errors.push(`${label}: repeating events are not read; list each year's days`);
      return;
    }
    if (!event.startDate) {
      errors.push(`${label}: has no DTSTART`);
      return;
    }
    const explicit = String(component.getFirstPropertyValue('x-tthc-kind') ?? '').toLowerCase();
    const kind: CalendarDayKind = explicit === 'workday' || (explicit !== 'holiday' && WORKDAY_WORDS.test(name)) ? 'workday' : 'holiday';
    // Dates outside the service's range are refused here, by event, before any day is stored.
    const first = dateOf(event.startDate);
    const startProblem = localDateProblem(first);
    if (startProblem) {
      errors.push(`${label}: DTSTART ${startProblem}`);
      return;
    }
    // DTEND is exclusive for all-day events; a timed event covers the local day it starts on.
    const endExclusive = event.endDate && event.startDate.isDate ? dateOf(event.endDate) : null;
    if (endExclusive !== null && !FOUR_DIGIT_DATE.test(endExclusive)) {
      errors.push(`${label}: DTEND ${localDateProblem(endExclusive)}`);
      return;
    }
    const end = endExclusive !== null ? addLocalDays(endExclusive, -1) : first;
    const last = end < first ? first : end;
    const endProblem = localDateProblem(last);
    if (endProblem) {
      errors.push(`${label}: DTEND ${endProblem}`);
      return;
    }
    let count = 0;
    for (let date = first; date <= last; date = addLocalDays(date, 1)) {
      if (++count > MAX_EVENT_DAYS) {
        errors.push(`${label}: covers more than ${MAX_EVENT_DAYS} days`);
        return;
      }
      days.push({ date, kind, name });
    }
  });
  return { days, errors };
}

function dateOf(time: ICAL.Time): LocalDate {
  if (time.isDate) return `${time.year}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
  return localDateOf(time.toJSDate());
}
