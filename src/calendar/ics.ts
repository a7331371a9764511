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
 * What one file may hold. A year of the Government's schedule is some 20 events and 30 days;
 * ten years of it fit many times over. Reading is linear in the events (ical.js's Event object
 * scans its siblings, which made 14,000 events cost 48 s): a larger file is refused whole.
 */
export const MAX_ICS_CHARACTERS = 1_000_000;
export const MAX_ICS_EVENTS = 2_000;
export const MAX_ICS_DAYS = 5_000;
/** Errors listed at most in one answer; the rest are counted. */
export const MAX_ICS_ERRORS_LISTED = 20;

/**
 * Reads an iCalendar file (the Government's schedule as published, or one exported from a
 * calendar application) into calendar days: each all-day event is a day off for every date it
 * covers (DTEND is exclusive), unless its summary or `X-TTHC-KIND:workday` says it is a make-up
 * working day. Errors name the event.
 */
export function parseIcsDays(text: string): { days: IcsDay[]; errors: string[] } {
  if (text.length > MAX_ICS_CHARACTERS) {
    return { days: [], errors: [`file: holds more than ${MAX_ICS_CHARACTERS.toLocaleString('en')} characters; send at most a few years of days at a time`] };
  }
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    // The parser's message may quote the file: capped like every quoted value.
    return { days: [], errors: [`file: not a readable iCalendar file (${textForError(error instanceof Error ? error.message : String(error), 200)})`] };
  }
  const events = root.getAllSubcomponents('vevent');
  if (events.length > MAX_ICS_EVENTS) {
    return { days: [], errors: [`file: holds ${events.length.toLocaleString('en')} events, more than the ${MAX_ICS_EVENTS.toLocaleString('en')} one file may hold`] };
  }
  const days: IcsDay[] = [];
  const errors: string[] = [];
  let failed = 0;
  const refuse = (message: string) => {
    if (++failed <= MAX_ICS_ERRORS_LISTED) errors.push(message);
  };
  for (let index = 0; index < events.length; index++) {
    const read = readEvent(events[index], index);
    if ('error' in read) refuse(read.error);
    else if (days.length + read.days.length > MAX_ICS_DAYS) {
      return { days: [], errors: [`file: covers more than ${MAX_ICS_DAYS.toLocaleString('en')} days; send at most a few years at a time`] };
    } else days.push(...read.days);
  }
  if (failed > MAX_ICS_ERRORS_LISTED) errors.push(`… and ${failed - MAX_ICS_ERRORS_LISTED} more events refused`);
  return { days, errors };
}

/** One VEVENT's days, read from its properties (DTSTART, DTEND or DURATION, SUMMARY). */
function readEvent(component: ICAL.Component, index: number): { days: IcsDay[] } | { error: string } {
  const summary = component.getFirstPropertyValue('summary');
  const name = (typeof summary === 'string' ? summary : '').normalize('NFC').trim() || 'Ngày nghỉ';
  const label = `event ${index + 1} (${quoteForError(name)})`;
  const nameProblem = textProblem(name);
  if (nameProblem) return { error: `${label}: SUMMARY ${nameProblem}` };
  if (component.hasProperty('rrule')) return { error: `${label}: repeating events are not read; list each year's days` };
  const start = component.getFirstPropertyValue('dtstart');
  if (!(start instanceof ICAL.Time)) return { error: `${label}: has no DTSTART` };
  const explicit = String(component.getFirstPropertyValue('x-tthc-kind') ?? '').toLowerCase();
  const kind: CalendarDayKind = explicit === 'workday' || (explicit !== 'holiday' && WORKDAY_WORDS.test(name)) ? 'workday' : 'holiday';
  // Dates outside the service's range are refused here, by event, before any day is stored.
  const first = dateOf(start);
  const startProblem = localDateProblem(first);
  if (startProblem) return { error: `${label}: DTSTART ${startProblem}` };
  // DTEND (or DTSTART + DURATION) is exclusive for all-day events; a timed event covers the
  // local day it starts on.
  const end = start.isDate ? endOf(component, start) : null;
  const endExclusive = end ? dateOf(end) : null;
  if (endExclusive !== null && !FOUR_DIGIT_DATE.test(endExclusive)) return { error: `${label}: DTEND ${localDateProblem(endExclusive)}` };
  const lastCovered = endExclusive !== null ? addLocalDays(endExclusive, -1) : first;
  const last = lastCovered < first ? first : lastCovered;
  const endProblem = localDateProblem(last);
  if (endProblem) return { error: `${label}: DTEND ${endProblem}` };
  const days: IcsDay[] = [];
  for (let date = first; date <= last; date = addLocalDays(date, 1)) {
    if (days.length >= MAX_EVENT_DAYS) return { error: `${label}: covers more than ${MAX_EVENT_DAYS} days` };
    days.push({ date, kind, name });
  }
  return { days };
}

function endOf(component: ICAL.Component, start: ICAL.Time): ICAL.Time | null {
  const end = component.getFirstPropertyValue('dtend');
  if (end instanceof ICAL.Time) return end;
  const duration = component.getFirstPropertyValue('duration');
  if (duration instanceof ICAL.Duration) {
    const computed = start.clone();
    computed.addDuration(duration);
    return computed;
  }
  return null;
}

function dateOf(time: ICAL.Time): LocalDate {
  if (time.isDate) return `${time.year}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
  return localDateOf(time.toJSDate());
}
