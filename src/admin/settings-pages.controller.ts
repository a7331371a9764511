import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiKeysService } from '../auth/api-keys.service';
import { AuditService } from '../auth/audit.service';
import { StaffAuthService } from '../auth/staff-auth.service';
import { STAFF_ROLES, roleAtLeast } from '../auth/staff.entities';
import { NATIONAL } from '../calendar/calendar-day.entity';
import { CalendarService } from '../calendar/calendar.service';
import { DeadlinesService } from '../calendar/deadlines.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { asHttpException } from '../common/domain-error.filter';
import { localDateOf } from '../common/local-time';
import { IdParam, parseIntegerParam } from '../common/query-params';
import { plainText } from '../common/text';
import { ProceduresService } from '../procedures/procedures.service';
import { UnitsService } from '../units/units.service';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleGuard, ConsoleRequest, ConsoleRole, actorOf, callerOf } from './console.guard';
import { ConsoleViews } from './console-views';
import { consoleLanguage } from '../i18n/console-language';
import { lookup, t, wordsOf } from '../i18n/i18n';
import { phrase } from '../i18n/refusal-words';
import { WorkScope, formErrors, pageLang, sendPage, text } from './work-pages.support';

const SECTIONS = ['calendar', 'procedures', 'apiKeys', 'accounts'] as const;
type Section = (typeof SECTIONS)[number];
const DONE = ['calendar', 'calendarRemoved', 'procedure', 'keyRevoked', 'account', 'accountDisabled'] as const;
const PROCEDURES_SHOWN = 100;

interface SettingsState {
  status?: number;
  errors?: Partial<Record<Section, string[]>>;
  forms?: Record<string, Record<string, string>>;
  newKey?: { key: string; name: string; unitCode: string | null };
}

/**
 * Settings (manager and up): the working-day calendar, the procedure catalogue (changes: admin),
 * API keys and accounts of the account's subtree. Each write is checked by its service again.
 */
@ApiExcludeController()
@Controller('admin/settings')
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleExceptionFilter)
export class SettingsPagesController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly deadlines: DeadlinesService,
    private readonly procedures: ProceduresService,
    private readonly keys: ApiKeysService,
    private readonly accounts: StaffAuthService,
    private readonly units: UnitsService,
    private readonly scope: WorkScope,
    private readonly views: ConsoleViews,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ConsoleRole('manager')
  async page(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    await this.send(request, response, {});
  }

  /** Adds or changes one day, then moves the computed deadlines that cross it. */
  @Post('calendar')
  @ConsoleRole('manager')
  async putDay(@Body() body: Record<string, string>, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const unitCode = text(body.unitCode) || undefined;
    try {
      const { view, change } = await this.calendar.put(callerOf(request.staff), text(body.date).trim(), { kind: body.kind, name: body.name, unitCode });
      const moved = change ? await this.deadlines.recompute({ days: change }) : 0;
      const unitId = change?.unitId ?? (unitCode ? (await this.units.getByCode(unitCode)).id : NATIONAL);
      await this.audit.record(actorOf(request.staff), 'calendar-day-changed', `${view.date} ${view.kind} "${view.name}" ${unitCode ?? 'national'}; ${moved} deadline(s) moved`, unitId === NATIONAL ? null : unitId);
      response.redirect(303, this.back('calendar', { moved, year: view.date.slice(0, 4), calendarUnit: unitCode }));
    } catch (error) {
      await this.refused(error, request, response, 'calendar', body);
    }
  }

  @Post('calendar/delete')
  @ConsoleRole('manager')
  async removeDay(@Body() body: Record<string, string>, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const unitCode = text(body.unitCode) || undefined;
    const date = text(body.date).trim();
    try {
      const change = await this.calendar.remove(callerOf(request.staff), date, unitCode);
      const moved = await this.deadlines.recompute({ days: change });
      await this.audit.record(actorOf(request.staff), 'calendar-day-removed', `${date} ${unitCode ?? 'national'}; ${moved} deadline(s) moved`, change.unitId === NATIONAL ? null : change.unitId);
      response.redirect(303, this.back('calendarRemoved', { moved, year: date.slice(0, 4), calendarUnit: unitCode }));
    } catch (error) {
      await this.refused(error, request, response, 'calendar', {});
    }
  }

  @Post('procedures')
  @ConsoleRole('admin')
  async putProcedure(@Body() body: Record<string, string>, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const raw = { code: text(body.code), name: text(body.name), field: text(body.field), processingDays: text(body.processingDays) };
    try {
      const result = await this.procedures.put(raw);
      const stored = await this.procedures.get(raw.code.trim());
      await this.audit.record(
        actorOf(request.staff),
        'procedure-changed',
        `${stored.code} "${stored.name}" (${stored.field}): ${stored.processingDays} working day(s); ${result.unchanged ? 'unchanged' : result.created ? 'created' : 'updated'}; ${result.movedDeadlines} deadline(s) moved`,
        null,
      );
      response.redirect(303, this.back('procedure', { moved: result.movedDeadlines, q: stored.code }));
    } catch (error) {
      await this.refused(error, request, response, 'procedures', raw);
    }
  }

  /** A unit key for a unit in scope, shown once on the answer page (never stored in clear). */
  @Post('api-keys')
  @ConsoleRole('manager')
  async createKey(@Body() body: Record<string, string>, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const form = { name: text(body.name).trim(), unitCode: text(body.unitCode) };
    try {
      if (form.name.length < 1 || form.name.length > 200) throw new DomainError('invalid', 'name: is required, 1–200 characters', {}, { message: phrase('errors.apiKeys.nameRequired') });
      const { key, record, unit } = await this.keys.create({ name: form.name, role: 'unit', unitCode: form.unitCode }, callerOf(request.staff));
      await this.audit.record(actorOf(request.staff), 'api-key-created', `#${record.id} "${record.name}" ${record.prefix}… for ${unit?.code ?? 'all units'}`, unit?.id ?? null);
      await this.send(request, response, { status: 201, newKey: { key, name: record.name, unitCode: unit?.code ?? null } });
    } catch (error) {
      await this.refused(error, request, response, 'apiKeys', form);
    }
  }

  @Post('api-keys/:id/revoke')
  @ConsoleRole('manager')
  async revokeKey(@IdParam() id: number, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const key = await this.keys.revoke(id, callerOf(request.staff));
    const unitId = key.unitCode ? (await this.units.getByCode(key.unitCode)).id : null;
    await this.audit.record(actorOf(request.staff), 'api-key-revoked', `#${key.id} "${key.name}" ${key.prefix}… of ${key.unitCode ?? 'all units'}`, unitId);
    response.redirect(303, this.back('keyRevoked', {}));
  }

  /** A manager creates viewer, staff and manager accounts of its subtree; only an admin creates admins. */
  @Post('accounts')
  @ConsoleRole('manager')
  async createAccount(@Body() body: Record<string, string>, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const form = { email: text(body.email).trim(), name: text(body.name).trim(), role: text(body.role), unitCode: text(body.unitCode) };
    try {
      const account = await this.accounts.createAccount(
        { email: form.email, name: form.name || undefined, password: text(body.password), role: form.role as never, unitCode: form.role === 'admin' ? null : form.unitCode || null },
        request.staff,
      );
      await this.audit.record(actorOf(request.staff), 'account-created', `${account.email} (${account.role})${form.role === 'admin' ? '' : ` of ${form.unitCode}`}`, account.unitId);
      response.redirect(303, this.back('account', {}));
    } catch (error) {
      await this.refused(error, request, response, 'accounts', form);
    }
  }

  @Post('accounts/:id/disable')
  @ConsoleRole('manager')
  async disableAccount(@IdParam() id: number, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const account = await this.accounts.disableAccount(id, request.staff);
    await this.audit.record(actorOf(request.staff), 'account-disabled', `${account.email} (${account.role})`, account.unitId);
    response.redirect(303, this.back('accountDisabled', {}));
  }

  /** A refused form comes back on the page with its values and reasons; a refused right is a 403 page. */
  private async refused(error: unknown, request: ConsoleRequest, response: Response, section: Section, form: Record<string, string>): Promise<void> {
    const errors = formErrors(error, consoleLanguage(request));
    if (!errors) throw error;
    const http = asHttpException(error);
    const status = http instanceof Error && 'getStatus' in http ? (http as { getStatus(): number }).getStatus() : 400;
    await this.send(request, response, { status, errors: { [section]: errors }, forms: { [section]: form } });
  }

  private back(done: (typeof DONE)[number], values: { moved?: number; year?: string; calendarUnit?: string; q?: string }): string {
    const query = new URLSearchParams({ done });
    if (values.moved !== undefined) query.set('moved', String(values.moved));
    if (values.year && /^\d{4}$/.test(values.year)) query.set('year', values.year);
    if (values.calendarUnit) query.set('calendarUnit', values.calendarUnit);
    if (values.q) query.set('q', values.q);
    const anchor = done.startsWith('calendar') ? 'calendar' : done === 'procedure' ? 'procedures' : done === 'keyRevoked' ? 'api-keys' : 'accounts';
    return `/admin/settings?${query.toString()}#${anchor}`;
  }

  private async send(request: ConsoleRequest, response: Response, state: SettingsState): Promise<void> {
    const lang = pageLang(request, response);
    const staff = request.staff;
    const words = wordsOf(lang, 'work');
    const isAdmin = staff.account.role === 'admin';
    const query = request.query as Record<string, unknown>;
    const scopeUnits = await this.scope.unitsOf(staff);
    const unitOptions = await this.scope.optionsOf(staff);
    const unitIds = staff.unit ? scopeUnits.map((unit) => unit.id) : null;

    // Calendar: the national days and the chosen unit's own days (default: the account's unit).
    const thisYear = localDateOf(this.clock.now()).slice(0, 4);
    // The years the calendar computes (lunar new year and the other lunar holidays: 1900–2199).
    const year = String(parseIntegerParam(query.year, 'year', { min: 1900, max: 2199 }) ?? thisYear);
    const asked = typeof query.calendarUnit === 'string' ? query.calendarUnit : undefined;
    const calendarUnit = scopeUnits.find((unit) => unit.code === (asked ?? staff.unit?.code)) ?? null;
    const range = { from: `${year}-01-01`, to: `${year}-12-31` };
    const dayRow = (editable: boolean) => (day: { date: string; kind: string; name: string; source: string; unitCode: string | null }) => ({
      ...day,
      kindLabel: lookup(lang, `work.kind_${day.kind}`) ?? day.kind,
      sourceLabel: lookup(lang, `work.source_${day.source}`) ?? day.source,
      editable,
    });
    const nationalDays = (await this.calendar.list(range)).map(dayRow(isAdmin));
    const unitDays = calendarUnit ? (await this.calendar.list({ ...range, unitCode: calendarUnit.code })).map(dayRow(true)) : [];

    // Procedures: a search over code, name and field; the first ones shown.
    const q = typeof query.q === 'string' ? query.q.trim() : '';
    const allProcedures = await this.procedures.list();
    const needle = plainText(q);
    const matching = needle ? allProcedures.filter((p) => plainText(`${p.code} ${p.name} ${p.field}`).includes(needle)) : allProcedures;

    const keys = (await this.keys.list(unitIds)).map((key) => ({ ...key, roleLabel: words[`keyRole_${key.role}`] ?? key.role }));
    const accounts = (await this.accounts.listAccounts(unitIds)).map((account) => ({
      ...account,
      roleLabel: lookup(lang, `console.role_${account.role}`) ?? account.role,
      self: account.id === staff.account.id,
    }));
    const roles = STAFF_ROLES.filter((role) => (isAdmin ? true : role !== 'admin' && roleAtLeast(staff.account.role, role))).map((role) => ({ value: role, label: wordsOf(lang, 'console')[`role_${role}`] }));

    const done = typeof query.done === 'string' && (DONE as readonly string[]).includes(query.done) ? query.done : null;
    const moved = parseIntegerParam(query.moved, 'moved', { min: 0, max: 999_999_999 }) ?? null;
    const forms = state.forms ?? {};
    sendPage(
      this.views,
      request,
      response,
      'settings',
      {
        isAdmin,
        newKey: state.newKey ?? null,
        notice: done ? lookup(lang, `work.done_${done}`) : null,
        movedNotice: done && moved !== null && (done === 'calendar' || done === 'calendarRemoved' || done === 'procedure') ? t(lang, 'work.movedDeadlines', { count: moved }) : null,
        errors: state.errors ?? {},
        units: unitOptions,
        calendar: {
          year,
          years: yearsAround(Number(thisYear)).map((value) => ({ value, selected: value === year })),
          unitCode: calendarUnit?.code ?? '',
          unitTitle: calendarUnit ? t(lang, 'work.unitCalendar', { unit: calendarUnit.name }) : null,
          nationalDays,
          unitDays,
          form: { date: '', kind: 'holiday', name: '', unitCode: calendarUnit?.code ?? (isAdmin ? '' : staff.unit?.code ?? ''), ...forms.calendar },
        },
        procedures: {
          q,
          items: matching.slice(0, PROCEDURES_SHOWN),
          shown: t(lang, 'work.proceduresShown', { shown: Math.min(PROCEDURES_SHOWN, matching.length), total: matching.length }),
          form: { code: '', name: '', field: '', processingDays: '', ...forms.procedures },
        },
        apiKeys: { items: keys, form: { name: '', unitCode: staff.unit?.code ?? '', ...forms.apiKeys } },
        accounts: { items: accounts, roles, form: { email: '', name: '', role: 'staff', unitCode: staff.unit?.code ?? '', ...forms.accounts } },
      },
      { title: 'settings', current: 'settings', status: state.status, lang },
    );
  }
}

function yearsAround(year: number): string[] {
  return [year - 2, year - 1, year, year + 1, year + 2].map(String);
}


