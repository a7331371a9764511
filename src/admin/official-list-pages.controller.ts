import { Body, Controller, Get, Post, Req, Res, UploadedFile, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { readFile, rm, stat } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { AuditService } from '../auth/audit.service';
import { DomainError } from '../common/domain-error';
import { Locale } from '../common/locale';
import { formatLocalDate } from '../common/local-time';
import { Dossier } from '../dossiers/dossier.entity';
import { ExportUploadInterceptor } from '../imports/upload.interceptor';
import { ReportSubscription } from '../reports/report.entities';
import { t } from '../i18n/i18n';
import { linesIn, refusalIn } from '../i18n/refusal-words';
import { OfficialListAct, readOfficialList } from '../units/official-list';
import { ReorganizationPlan } from '../units/reorganization-plan';
import { ReorganizationsService } from '../units/reorganizations.service';
import { UnitsService } from '../units/units.service';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleGuard, ConsoleRequest, ConsoleRole, actorOf } from './console.guard';
import { ConsoleViews } from './console-views';
import { MAX_LIST_BYTES, MAX_PACKED_CHARACTERS, actFingerprint, actRefusalLines, countsByUnit, decodeList, packList, previewOf, unpackList } from './official-list-view';
import { pageLang, sendPage, text } from './work-pages.support';

/** What the page shows besides its form: a preview to confirm, or the reasons nothing was applied. */
interface PageState {
  status?: number;
  errors?: string[];
  actErrors?: string[];
  preview?: Record<string, unknown>;
  notice?: string;
}

/**
 * The official list of units (docs/figures.md §9), admin only: the CSV is uploaded, turned into one act and
 * checked as the API checks it, and the page shows what the act will do. Nothing is written then:
 * the confirming form carries the same file back (compressed, in a hidden field) with the act's
 * fingerprint, and the file is read again and applied only when it still gives that very act.
 */
@ApiExcludeController()
@Controller('admin/units/official-list')
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleExceptionFilter)
export class OfficialListPagesController {
  constructor(
    private readonly reorganizations: ReorganizationsService,
    private readonly units: UnitsService,
    private readonly views: ConsoleViews,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ConsoleRole('admin')
  async page(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const lang = pageLang(request, response);
    const applied = Number((request.query as Record<string, unknown>).applied);
    let notice: string | undefined;
    if (Number.isInteger(applied) && applied > 0) {
      const act = (await this.reorganizations.list()).find((one) => one.id === applied);
      if (act) notice = t(lang, 'work.officialListApplied', { id: act.id, day: formatLocalDate(act.effectiveOn), count: act.changes.length });
    }
    await this.send(request, response, lang, { notice });
  }

  /** The file arrives after the guard (CSRF from ?_csrf=, as every console upload): a preview, nothing written. */
  @Post()
  @ConsoleRole('admin')
  @UseInterceptors(ExportUploadInterceptor)
  async preview(@UploadedFile() file: Express.Multer.File | undefined, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const lang = pageLang(request, response);
    if (!file) return this.send(request, response, lang, { status: 400, errors: [t(lang, 'work.noFile')] });
    let content: Buffer | null = null;
    try {
      if ((await stat(file.path)).size <= MAX_LIST_BYTES) content = await readFile(file.path);
    } finally {
      await rm(file.path, { force: true });
    }
    if (!content) return this.send(request, response, lang, { status: 413, errors: [t(lang, 'work.officialListTooLarge', { max: MAX_LIST_BYTES / 1024 / 1024 })] });
    const read = await this.read(content, lang);
    if ('state' in read) return this.send(request, response, lang, read.state);
    await this.send(request, response, lang, await this.checked(read.act, content, lang));
  }

  /** The confirmed list: read again, and applied only when it still gives the act previewed. */
  @Post('apply')
  @ConsoleRole('admin')
  async apply(@Body() body: Record<string, string>, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const lang = pageLang(request, response);
    const content = unpackList(text(body.list));
    if (!content) return this.send(request, response, lang, { status: 400, errors: [t(lang, 'work.officialListBadForm')] });
    const read = await this.read(content, lang);
    if ('state' in read) return this.send(request, response, lang, read.state);
    const act = read.act;
    if (actFingerprint(act) !== text(body.fingerprint)) {
      const state = await this.checked(act, content, lang);
      return this.send(request, response, lang, { ...state, status: 409, errors: [t(lang, 'errors.officialList.changed'), ...(state.errors ?? [])] });
    }
    try {
      const applied = await this.reorganizations.apply({ effectiveOn: act.effectiveOn, reference: act.reference, changes: act.changes });
      await this.audit.record(actorOf(request.staff), 'reorganization-applied', `#${applied.id} ${applied.effectiveOn} "${applied.reference}": ${applied.changes.length} change(s) from the official list`, null);
      response.redirect(303, `/admin/units/official-list?applied=${applied.id}`);
    } catch (error) {
      const refused = this.refusal(error, act, lang);
      if (!refused) throw error;
      await this.send(request, response, lang, refused);
    }
  }

  /** The act the file gives against today's tree, or the page that says why there is none. */
  private async read(content: Buffer, lang: Locale): Promise<{ act: OfficialListAct } | { state: PageState }> {
    const csv = decodeList(content);
    if (csv === null) return { state: { status: 422, errors: [t(lang, 'errors.officialList.notUtf8')] } };
    const outcome = readOfficialList(csv, await this.units.list());
    if ('problems' in outcome) return { state: { status: 422, errors: linesIn(lang, outcome.problems) } };
    return { act: outcome.act };
  }

  /** The act checked by the service, nothing written: the preview with its confirming form, or the act's refusals by line. */
  private async checked(act: OfficialListAct, content: Buffer, lang: Locale): Promise<PageState> {
    if (act.changes.length === 0) return { notice: t(lang, 'work.officialListNothing') };
    let plan: ReorganizationPlan;
    try {
      plan = await this.reorganizations.check({ effectiveOn: act.effectiveOn, changes: act.changes });
    } catch (error) {
      const refused = this.refusal(error, act, lang);
      if (!refused) throw error;
      return refused;
    }
    const stored = await this.units.list();
    const list = packList(content);
    if (list.length > MAX_PACKED_CHARACTERS) return { status: 413, errors: [t(lang, 'work.officialListTooLargeToConfirm')] };
    const counts = { dossiers: await countsByUnit(this.dataSource, Dossier, plan.retires), subscriptions: await countsByUnit(this.dataSource, ReportSubscription, plan.retires) };
    return {
      preview: {
        ...previewOf(act, plan, stored, counts, lang),
        heading: t(lang, 'work.officialListPreview', { day: formatLocalDate(act.effectiveOn), reference: act.reference }),
        list,
        fingerprint: actFingerprint(act),
      },
    };
  }

  /** The act's own refusals as the page says them (422: each by its CSV line; 409: the act applied before), or null for any other error. */
  private refusal(error: unknown, act: OfficialListAct, lang: Locale): PageState | null {
    if (!(error instanceof DomainError) || (error.refusal !== 'unprocessable' && error.refusal !== 'conflict')) return null;
    const said = refusalIn(lang, error);
    if (error.refusal === 'conflict') return { status: 409, errors: [said.message] };
    return { status: 422, actErrors: actRefusalLines(act, said.errors ?? [said.message], lang) };
  }

  private async send(request: ConsoleRequest, response: Response, lang: Locale, state: PageState): Promise<void> {
    const acts = (await this.reorganizations.list()).map((act) => ({ ...act, changeCount: act.changes.length }));
    sendPage(
      this.views,
      request,
      response,
      'official-list',
      { acts, errors: state.errors ?? [], actErrors: state.actErrors ?? [], preview: state.preview ?? null, notice: state.notice ?? null },
      { title: 'reorganization', current: 'settings', status: state.status, lang },
    );
  }
}
