import { BadRequestException, Body, Controller, Get, Post, Query, Req, Res, UploadedFile, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { rm } from 'node:fs/promises';
import { AuditService } from '../auth/audit.service';
import { Locale, formatCount } from '../common/locale';
import { MappingFile } from '../imports/mapping-file';
import { queueFullAnswer, rejectedRowsCsv, uploadedFile, uploadedMapping } from '../imports/imports.controller';
import { ExportUploadInterceptor } from '../imports/upload.interceptor';
import { ImportView, ImportsService } from '../imports/imports.service';
import { IdParam, parseBoolean } from '../common/query-params';
import { UnitsService } from '../units/units.service';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleGuard, ConsoleRequest, ConsoleRole, actorOf, callerOf } from './console.guard';
import { ConsoleViews } from './console-views';
import { consoleLanguage } from '../i18n/console-language';
import { lookup, t, wordsOf } from '../i18n/i18n';
import { WorkScope, formErrors, pageLang, sendPage, text } from './work-pages.support';

const FINISHED = new Set(['done', 'failed']);
const AUDIT_SHOWN = 200;

/** Imports (upload, live progress, refused rows) and the audit log. */
@ApiExcludeController()
@Controller('admin')
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleExceptionFilter)
export class WorkPagesController {
  constructor(
    private readonly imports: ImportsService,
    private readonly units: UnitsService,
    private readonly scope: WorkScope,
    private readonly views: ConsoleViews,
    private readonly audit: AuditService,
  ) {}

  @Get('imports')
  @ConsoleRole('staff')
  async importsPage(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    await this.sendImports(request, response, { unitCode: request.staff.unit?.code ?? '', mapping: '', dryRun: false });
  }

  /** The file arrives after the guard (CSRF from ?_csrf=); it is queued and followed on its own page. */
  @Post('imports')
  @ConsoleRole('staff')
  @UseInterceptors(ExportUploadInterceptor)
  async upload(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: Record<string, string>,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const staff = request.staff;
    const form = { unitCode: text(body.unitCode), mapping: text(body.mapping), dryRun: body.dryRun === 'true' };
    try {
      if (!file) throw new BadRequestException(wordsOf(pageLang(request, response), 'work').noFile);
      const { originalName, format } = uploadedFile(file);
      let mapping: MappingFile | undefined;
      if (form.mapping.trim()) mapping = uploadedMapping(form.mapping);
      const started = await this.imports.start(callerOf(staff), { path: file.path, originalName, format }, {
        unitCode: form.unitCode || undefined,
        mapping,
        dryRun: parseBoolean(body.dryRun, 'dryRun', false),
      });
      const unit = started.unitCode ? await this.units.getByCode(started.unitCode) : null;
      await this.audit.record(actorOf(staff), 'import-started', `#${started.id} ${started.fileName}${started.dryRun ? ' (dry run)' : ''}${unit ? ` → ${unit.code}` : ''}`, unit?.id ?? null);
      response.redirect(303, `/admin/imports/${started.id}`);
    } catch (error) {
      if (file) await rm(file.path, { force: true });
      const errors = formErrors(error, consoleLanguage(request), [400, 404]);
      if (!errors) throw queueFullAnswer(error, response);
      await this.sendImports(request, response, form, errors);
    }
  }

  @Get('imports/:id')
  @ConsoleRole('staff')
  async importPage(@IdParam() id: number, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const lang = pageLang(request, response);
    const state = await this.imports.get(callerOf(request.staff), id);
    const words = wordsOf(lang, 'work');
    sendPage(
      this.views,
      request,
      response,
      'import',
      {
        item: this.importRow(state, lang),
        rejectedRows: state.rejectedRows.map((row) => ({ ...row, reasons: row.errors.join('; ') })),
        heading: t(lang, 'work.importTitle', { id: state.id }),
        // For imports.js: where to ask, and the words it writes.
        script: {
          progressUrl: `/admin/imports/${state.id}/progress.json`,
          finished: FINISHED.has(state.status),
          lang,
          statusWords: { queued: words.status_queued, running: words.status_running, done: words.status_done, failed: words.status_failed },
          // The waiting line as the queue moves: {{count}} is filled by the script.
          queueWords: { next: words.queueNext, ahead: words.queueAhead },
        },
      },
      { title: 'imports', current: 'imports', lang },
    );
  }

  /** The same answer as GET /api/v1/imports/{id}, for the progress bar. */
  @Get('imports/:id/progress.json')
  @ConsoleRole('staff')
  async progress(@IdParam() id: number, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const state = await this.imports.get(callerOf(request.staff), id);
    response.setHeader('Cache-Control', 'no-store');
    response.json(state);
  }

  /** The same file as GET /api/v1/imports/{id}/errors.csv. */
  @Get('imports/:id/errors.csv')
  @ConsoleRole('staff')
  async errorsCsv(@IdParam() id: number, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const { record } = await this.imports.readable(callerOf(request.staff), id);
    const rows = await this.imports.rejectedRows(id);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="loi-nhap-${record.id}.csv"`);
    response.setHeader('Cache-Control', 'no-store');
    response.send(rejectedRowsCsv(rows, record.rejected));
  }

  /** Newest first: everything for an admin, the account's subtree for a manager; ?action= narrows it. */
  @Get('audit')
  @ConsoleRole('manager')
  async auditPage(@Req() request: ConsoleRequest, @Res() response: Response, @Query('action') action?: string): Promise<void> {
    const lang = pageLang(request, response);
    const words = wordsOf(lang, 'work');
    const actions = Object.keys(words)
      .filter((key) => key.startsWith('action_'))
      .map((key) => ({ value: key.slice('action_'.length), label: lookup(lang, `work.${key}`) }));
    const wanted = actions.some((known) => known.value === action) ? action : undefined;
    const units = await this.scope.unitsOf(request.staff);
    const unitIds = request.staff.unit ? units.map((unit) => unit.id) : null;
    // The log keeps every sign-in: a filtered view looks further back to still fill its page.
    const entries = wanted ? (await this.audit.list(unitIds, 2000)).filter((entry) => entry.action === wanted).slice(0, AUDIT_SHOWN) : await this.audit.list(unitIds, AUDIT_SHOWN);
    const codeOf = new Map(units.map((unit) => [unit.id, unit.code]));
    sendPage(
      this.views,
      request,
      response,
      'audit',
      {
        action: wanted ?? '',
        actions,
        entries: entries.map((entry) => ({
          at: entry.at,
          actor: entry.actor,
          action: entry.action,
          actionLabel: lookup(lang, `work.action_${entry.action}`) ?? entry.action,
          unitCode: entry.unitId === null ? null : codeOf.get(entry.unitId) ?? `#${entry.unitId}`,
          details: entry.details,
        })),
      },
      { title: 'audit', current: 'audit', lang },
    );
  }

  private async sendImports(request: ConsoleRequest, response: Response, form: { unitCode: string; mapping: string; dryRun: boolean }, errors: string[] = []): Promise<void> {
    const lang = pageLang(request, response);
    const history = await this.imports.history(callerOf(request.staff), undefined);
    sendPage(
      this.views,
      request,
      response,
      'imports',
      {
        history: history.map((item) => this.importRow(item, lang)),
        units: await this.scope.optionsOf(request.staff),
        isAdmin: request.staff.unit === null,
        form,
        errors,
      },
      { title: 'imports', current: 'imports', status: errors.length > 0 ? 400 : 200, lang },
    );
  }

  private importRow(item: ImportView, lang: Locale) {
    const expected = item.rowsExpected ?? 0;
    const finished = FINISHED.has(item.status);
    return {
      ...item,
      statusLabel: lookup(lang, `work.status_${item.status}`) ?? item.status,
      finished,
      failed: item.status === 'failed',
      // <progress> wants value ≤ max; the estimate can be short of the rows really read.
      progressMax: finished ? 1 : Math.max(expected, item.rowsRead, 1),
      progressValue: finished ? 1 : item.rowsRead,
      progressKnown: finished || item.rowsExpected !== null,
      queueLine: queueLine(item.queuePosition, lang),
    };
  }
}

/** Where a waiting import stands (queuePosition: how many run before it); null once it runs. */
function queueLine(position: number | null, lang: Locale): string | null {
  if (position === null) return null;
  return position === 0 ? t(lang, 'work.queueNext') : t(lang, 'work.queueAhead', { count: formatCount(position, lang) });
}
