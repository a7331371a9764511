import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { AuditService, keyActor } from '../auth/audit.service';
import { CalendarApi } from './calendar.api';
import { CalendarService } from './calendar.service';
import { DeadlinesService } from './deadlines.service';
import { parseIcsDays } from './ics';

@ApiTags('calendar')
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly deadlines: DeadlinesService,
    private readonly audit: AuditService,
  ) {}

  /** Public: the days that differ from Monday–Friday, national or of one unit. */
  @Get('days')
  @CalendarApi.list()
  async list(@Query('from') from?: string, @Query('to') to?: string, @Query('unitCode') unitCode?: string) {
    return { days: await this.calendar.list({ from, to, unitCode }) };
  }

  @Get('days/:date')
  @CalendarApi.get()
  get(@Param('date') date: string, @Query('unitCode') unitCode?: string) {
    return this.calendar.get(date, unitCode);
  }

  /** `{ kind: "holiday" | "workday", name, unitCode? }`: admin for the national calendar. */
  @Put('days/:date')
  @ApiBearerAuth()
  @UseGuards(ApiKeyGuard)
  @CalendarApi.put()
  async put(@Param('date') date: string, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest) {
    const unitCode = typeof body.unitCode === 'string' ? body.unitCode : undefined;
    const { view, change } = await this.calendar.put(request.caller, date, { kind: body.kind, name: body.name, unitCode });
    const movedDeadlines = change ? await this.deadlines.recompute({ days: change }) : 0;
    await this.audit.record(keyActor(request.caller), 'calendar-day', `${view.date} ${view.kind} "${view.name}"${view.unitCode ? ` (${view.unitCode})` : ''}; ${movedDeadlines} deadline(s) moved`, change?.unitId || null);
    return { day: view, movedDeadlines };
  }

  @Delete('days/:date')
  @ApiBearerAuth()
  @UseGuards(ApiKeyGuard)
  @CalendarApi.remove()
  async remove(@Param('date') date: string, @Req() request: AuthenticatedRequest, @Query('unitCode') unitCode?: string) {
    const change = await this.calendar.remove(request.caller, date, unitCode);
    const movedDeadlines = await this.deadlines.recompute({ days: change });
    await this.audit.record(keyActor(request.caller), 'calendar-day-removed', `${date}${unitCode ? ` (${unitCode})` : ''}; ${movedDeadlines} deadline(s) moved`, change.unitId || null);
    return { removed: date, movedDeadlines };
  }

  /** An iCalendar file (`Content-Type: text/calendar`): every all-day event becomes calendar days. */
  @Post('import')
  @HttpCode(200)
  @ApiBearerAuth()
  @UseGuards(ApiKeyGuard)
  @CalendarApi.importIcs()
  async importIcs(@Body() body: unknown, @Req() request: AuthenticatedRequest, @Query('unitCode') unitCode?: string) {
    if (typeof body !== 'string' || body.trim() === '') {
      throw new BadRequestException('send the iCalendar file as the body with Content-Type: text/calendar');
    }
    // Who may write is settled before the file is read: reading costs, refusing does not.
    await this.calendar.assertWritable(request.caller, unitCode);
    const { days, errors } = parseIcsDays(body);
    if (errors.length > 0 && days.length === 0) throw new BadRequestException({ message: 'nothing could be read', errors });
    const changed: string[] = [];
    let unitId = 0;
    for (const day of days) {
      const { change } = await this.calendar.put(request.caller, day.date, { kind: day.kind, name: day.name, unitCode }, 'ics');
      if (change) {
        changed.push(...change.dates);
        unitId = change.unitId;
      }
    }
    const movedDeadlines = changed.length > 0 ? await this.deadlines.recompute({ days: { unitId, dates: changed } }) : 0;
    await this.audit.record(keyActor(request.caller), 'calendar-import', `${days.length} day(s) read, ${changed.length} changed; ${movedDeadlines} deadline(s) moved`, unitId || null);
    return { imported: days.length, changed: changed.length, movedDeadlines, days, errors };
  }
}
