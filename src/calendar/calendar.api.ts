import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JsonBody, PathParam, QueryParam } from '../http/api-docs';
import { ApiErrors } from '../http/api-errors';
import { LocalDate } from '../common/local-time';
import { CALENDAR_DAY_KINDS, CalendarDayKind, CalendarDaySource } from './calendar-day.entity';
import { CalendarDayView } from './calendar.service';
import { IcsDay } from './ics';

/** The working-day calendar's requests and answers, for the OpenAPI document (checked against real answers by the e2e suites). */

const SOURCES: CalendarDaySource[] = ['seed', 'admin', 'ics'];

export class CalendarDayBody implements CalendarDayView {
  @ApiProperty({ type: String, format: 'date', example: '2025-05-02' })
  date: LocalDate;

  @ApiProperty({ enum: CALENDAR_DAY_KINDS, example: 'holiday', description: 'holiday: a weekday off; workday: a weekend day worked (make-up day).' })
  kind: CalendarDayKind;

  @ApiProperty({ example: 'Nghỉ hoán đổi' })
  name: string;

  @ApiProperty({ enum: SOURCES, example: 'admin', description: 'seed: the built-in national days; admin: set through the API or console; ics: imported from a file.' })
  source: CalendarDaySource;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'null for the national calendar.' })
  unitCode: string | null;
}

/** A day as PUT takes it. */
export class CalendarDayInputBody {
  @ApiProperty({ enum: CALENDAR_DAY_KINDS, example: 'workday' })
  kind: CalendarDayKind;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Làm bù cho thứ Sáu 2/5' })
  name: string;

  @ApiPropertyOptional({ example: 'xa-tu-ky', description: 'A unit’s own day (for it and the units below); absent: the national calendar, admin key only.' })
  unitCode?: string;
}

export class CalendarDayListBody {
  @ApiProperty({ type: () => [CalendarDayBody] })
  days: CalendarDayBody[];
}

export class CalendarDayStoredBody {
  @ApiProperty({ type: CalendarDayBody })
  day: CalendarDayBody;

  @ApiProperty({ type: 'integer', example: 0, description: 'Computed deadlines of open dossiers that moved.' })
  movedDeadlines: number;
}

export class CalendarDayRemovedBody {
  @ApiProperty({ type: String, format: 'date', example: '2025-05-02' })
  removed: string;

  @ApiProperty({ type: 'integer', example: 0 })
  movedDeadlines: number;
}

class IcsDayBody implements IcsDay {
  @ApiProperty({ type: String, format: 'date', example: '2031-04-26' })
  date: LocalDate;

  @ApiProperty({ enum: CALENDAR_DAY_KINDS, example: 'workday' })
  kind: CalendarDayKind;

  @ApiProperty({ example: 'Làm bù cho thứ Sáu 2/5' })
  name: string;
}

export class CalendarImportBody {
  @ApiProperty({ type: 'integer', example: 2, description: 'Days read from the file.' })
  imported: number;

  @ApiProperty({ type: 'integer', example: 2, description: 'Days that were not already so.' })
  changed: number;

  @ApiProperty({ type: 'integer', example: 0 })
  movedDeadlines: number;

  @ApiProperty({ type: () => [IcsDayBody] })
  days: IcsDayBody[];

  @ApiProperty({ type: [String], example: [], description: 'Events that could not be read, each with why.' })
  errors: string[];
}

const DAY: CalendarDayView = { date: '2025-05-02' as LocalDate, kind: 'holiday', name: 'Nghỉ hoán đổi', source: 'admin', unitCode: null };
const UNIT_CODE = QueryParam('unitCode', 'xa-tu-ky', 'The calendar of this unit; absent: the national one.');
const DATE = PathParam('date', '2025-05-02', 'YYYY-MM-DD');
const BAD_DATE = { status: 400 as const, example: { statusCode: 400, message: 'date: "2025-02-30" is not a date YYYY-MM-DD', error: 'Bad Request' } };
const MAY_NOT = { status: 403 as const, example: { statusCode: 403, message: 'only an admin key may change the national calendar', error: 'Forbidden' } };

export const CalendarApi = {
  list: () =>
    applyDecorators(
      QueryParam('from', '2025-01-01', undefined, { format: 'date' }),
      QueryParam('to', '2025-12-31', undefined, { format: 'date' }),
      UNIT_CODE,
      ApiOkResponse({ type: CalendarDayListBody, description: 'The days that differ from Monday–Friday, by date.', example: { days: [DAY] } }),
      ApiErrors(BAD_DATE, 404, 503),
    ),
  get: () =>
    applyDecorators(
      DATE,
      UNIT_CODE,
      ApiOkResponse({ type: CalendarDayBody, description: 'The entry for that day.', example: DAY }),
      ApiErrors(BAD_DATE, { status: 404, example: { statusCode: 404, message: '2025-05-05 is an ordinary day in the national calendar', error: 'Not Found' } }, 503),
    ),
  put: () =>
    applyDecorators(
      DATE,
      JsonBody(CalendarDayInputBody, { kind: 'workday', name: 'Làm bù cho thứ Sáu 2/5' }),
      ApiOkResponse({ type: CalendarDayStoredBody, description: 'Stored; computed deadlines of open dossiers follow.', example: { day: { ...DAY, date: '2025-04-26', kind: 'workday', name: 'Làm bù cho thứ Sáu 2/5' }, movedDeadlines: 0 } }),
      ApiErrors(BAD_DATE, 401, MAY_NOT, 404, 503),
    ),
  remove: () =>
    applyDecorators(
      DATE,
      UNIT_CODE,
      ApiOkResponse({ type: CalendarDayRemovedBody, description: 'The day is an ordinary day again.', example: { removed: '2025-05-02', movedDeadlines: 0 } }),
      ApiErrors(BAD_DATE, 401, MAY_NOT, { status: 404, example: { statusCode: 404, message: 'no calendar entry for 2025-05-02', error: 'Not Found' } }, 503),
    ),
  importIcs: () =>
    applyDecorators(
      UNIT_CODE,
      ApiOperation({
        requestBody: {
          required: true,
          description: 'An iCalendar file: every all-day event becomes calendar days (a make-up day when its summary says so).',
          content: { 'text/calendar': { schema: { type: 'string' }, example: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20310502\r\nSUMMARY:Nghỉ hoán đổi\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' } },
        },
      }),
      ApiOkResponse({ type: CalendarImportBody, description: 'The days read and stored; events that could not be read are listed in `errors`.', example: { imported: 1, changed: 1, movedDeadlines: 0, days: [{ date: '2031-05-02', kind: 'holiday', name: 'Nghỉ hoán đổi' }], errors: [] } }),
      ApiErrors(
        { status: 400, example: { message: 'nothing could be read', errors: ['file: holds 2,001 events, more than the 2,000 one file may hold'] } },
        401,
        MAY_NOT,
        404,
        503,
      ),
    ),
};
