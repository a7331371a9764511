import { BadRequestException, Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuditService } from '../auth/audit.service';
import { Staff } from '../auth/staff-auth.service';
import { roleAtLeast } from '../auth/staff.entities';
import { Locale } from '../common/locale';
import { formatLocalDate, formatLocalDateTime } from '../common/local-time';
import { parseBoolean, parseIntegerParam } from '../common/query-params';
import { EnvironmentVariables } from '../config/configuration';
import { openDossiersCsvFilename, toCsv } from '../dossiers/open-dossiers-csv';
import { MAX_OPEN_PAGE, OPEN_STATES, OpenDossiersService, OpenList } from '../dossiers/open-dossiers.service';
import { Figures } from '../stats/figures';
import { StatsAnswer, StatsService } from '../stats/stats.service';
import { Unit } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleScope, Scope } from './console-scope';
import { ConsoleGuard, ConsoleRequest, ConsoleRole, actorOf, callerOf } from './console.guard';
import { ConsoleViews } from './console-views';
import { switchConsoleLanguage } from '../i18n/console-language';
import { t, wordsOf } from '../i18n/i18n';
import {
  UnitNode, daysLeftText, embedSnippets, figureCells, monthLabel, pageUrl, pager, periodText, publicOrigin,
  readWidgetForm, sumFigures, trendChart, unitPath, unitTree,
} from './dashboard-view';

const OPEN_PAGE_SIZE = 50;

/**
 * Dashboard, open dossiers, widget settings. Every page is limited to the account's subtree on
 * the server: a unit outside it is a 403 whatever the page offered, and the services are called
 * with the account's caller so they refuse it too.
 */
@ApiExcludeController()
@Controller('admin')
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleExceptionFilter)
export class DashboardPagesController {
  private readonly publicBaseUrl: string | undefined;

  constructor(
    private readonly views: ConsoleViews,
    private readonly units: UnitsService,
    private readonly stats: StatsService,
    private readonly open: OpenDossiersService,
    private readonly audit: AuditService,
    private readonly scope: ConsoleScope,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.publicBaseUrl = config.get('PUBLIC_BASE_URL', { infer: true });
  }

  // ---------------------------------------------------------------- dashboard

  @Get()
  async dashboard(@Req() request: ConsoleRequest, @Res() response: Response, @Query('unit') unitQuery?: unknown): Promise<void> {
    const lang = this.lang(request, response);
    const text = wordsOf(lang, 'dashboard');
    const scope = await this.scope.of(request.staff);
    const unit = await this.scope.chosenUnit(scope, unitQuery);
    const roots = scope.nodes.filter((node) => node.parentCode === null || !scope.nodes.some((other) => other.code === node.parentCode));
    let context: Record<string, unknown>;
    if (scope.nodes.length === 0) {
      context = { empty: true };
    } else if (unit) {
      context = await this.unitDashboard(scope, unit, lang);
    } else {
      context = await this.allUnitsDashboard(roots, lang);
    }
    const options = unitTree(scope.nodes).map((option) => ({ ...option, selected: option.code === unit?.code }));
    this.send(response, 'dashboard', { d: text, ...context, unitOptions: options, allOption: !unit && roots.length > 1 ? text.allUnits : null }, request.staff, lang, (context.heading as string | undefined) ?? text.allUnits, 'dashboard');
  }

  private async unitDashboard(scope: Scope, unit: Unit, lang: Locale): Promise<Record<string, unknown>> {
    const text = wordsOf(lang, 'dashboard');
    const [byUnit, byMonth] = await Promise.all([
      this.stats.stats({ unitCode: unit.code, includeChildren: true, groupBy: 'unit' }),
      this.stats.stats({ unitCode: unit.code, includeChildren: true, groupBy: 'month' }),
    ]);
    const hasChildren = scope.nodes.some((node) => node.parentCode === unit.code);
    const rows = byUnit.groups.map((group) => {
      const own = group.key === unit.code;
      return {
        code: group.key,
        name: own && hasChildren ? t(lang, 'dashboard.ownDossiers', { name: group.label }) : group.label,
        url: own ? null : pageUrl('/admin', { unit: group.key }),
        openUrl: pageUrl('/admin/open', { unit: group.key, state: 'overdue', includeChildren: own && hasChildren ? 'false' : undefined }),
        cells: figureCells(group, lang),
      };
    });
    const path = unitPath(scope.nodes, unit.code);
    return {
      heading: unit.name,
      unitCode: unit.code,
      breadcrumb: path.length > 1 ? path.map((node, i) => ({ name: node.name, url: i < path.length - 1 ? pageUrl('/admin', { unit: node.code }) : null })) : null,
      ...this.headline(byUnit, lang, hasChildren),
      openUrl: pageUrl('/admin/open', { unit: unit.code, state: 'overdue' }),
      index766Url: pageUrl('/admin/index766', { unit: unit.code }),
      index766RankingUrl: hasChildren ? pageUrl('/admin/index766/ranking', { unit: unit.code }) : null,
      rows,
      totalRow: hasChildren ? figureCells(byUnit, lang) : null,
      ...this.trend(byMonth.groups, lang),
    };
  }

  /** An admin over several top units: each with everything below, added up for the headline. */
  private async allUnitsDashboard(roots: UnitNode[], lang: Locale): Promise<Record<string, unknown>> {
    const text = wordsOf(lang, 'dashboard');
    const answers = await Promise.all(roots.map((root) => this.stats.stats({ unitCode: root.code, includeChildren: true, groupBy: 'month' })));
    const total = sumFigures(answers);
    const months = answers[0].groups.map((month, i) => ({ key: month.key, ...sumFigures(answers.map((answer) => answer.groups[i])) }));
    const latest = answers.map((answer) => answer.dataUpdatedAt).filter((at): at is string => at !== null).sort().pop() ?? null;
    return {
      heading: text.allUnits,
      ...this.headline({ ...total, period: answers[0].period, dataUpdatedAt: latest }, lang, true),
      openUrl: null,
      rows: answers
        .map((answer) => ({
          code: answer.unit.code,
          name: answer.unit.name,
          url: pageUrl('/admin', { unit: answer.unit.code }),
          openUrl: pageUrl('/admin/open', { unit: answer.unit.code, state: 'overdue' }),
          cells: figureCells(answer, lang),
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
      totalRow: figureCells(total, lang),
      ...this.trend(months, lang),
    };
  }

  private headline(answer: Figures & Pick<StatsAnswer, 'period' | 'dataUpdatedAt'>, lang: Locale, withChildren: boolean) {
    const text = wordsOf(lang, 'dashboard');
    return {
      periodLine: periodText(answer.period, lang),
      scopeNote: withChildren ? text.withChildren : null,
      updatedLine: answer.dataUpdatedAt ? t(lang, 'dashboard.updatedAt', { at: formatLocalDateTime(new Date(answer.dataUpdatedAt)) }) : text.neverUpdated,
      cards: cardsOf(figureCells(answer, lang), lang),
    };
  }

  private trend(months: (Figures & { key: string })[], lang: Locale) {
    return {
      months: months.map((month) => ({ label: monthLabel(month.key), cells: figureCells(month, lang) })),
      chart: trendChart(months, lang),
      hasSettled: months.some((month) => month.settled.total > 0),
    };
  }

  // ---------------------------------------------------------------- open dossiers

  @Get('open')
  async openPage(@Req() request: ConsoleRequest, @Res() response: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const lang = this.lang(request, response);
    const text = wordsOf(lang, 'dashboard');
    const scope = await this.scope.of(request.staff);
    const unit = (await this.scope.chosenUnit(scope, query.unit)) ?? (await this.scope.firstUnit(scope));
    if (!unit) {
      this.send(response, 'open', { d: text, empty: true }, request.staff, lang, t(lang, 'console.open'), 'open');
      return;
    }
    const filters = openFilters(query);
    const list = await this.open.list(callerOf(request.staff), { unitCode: unit.code, state: filters.state, includeChildren: filters.includeChildren, page: filters.page, pageSize: OPEN_PAGE_SIZE });
    const link = (overrides: Record<string, string | number | undefined>) =>
      pageUrl('/admin/open', { unit: unit.code, state: filters.state === 'all' ? undefined : filters.state, includeChildren: filters.includeChildren ? undefined : 'false', ...overrides });
    const pages = pager(list.page, list.pageSize, list.total);
    const count = (value: number) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US').format(value);
    this.send(
      response,
      'open',
      {
        d: text,
        heading: t(lang, 'console.open'),
        unit: list.unit,
        asOfLine: t(lang, 'dashboard.asOf', { at: formatLocalDateTime(new Date(list.asOf)) }),
        unitOptions: unitTree(scope.nodes).map((option) => ({ ...option, selected: option.code === unit.code })),
        stateOptions: (['all', ...OPEN_STATES] as const).map((state) => ({ value: state, label: text[`state_${state}`], selected: state === list.state })),
        includeChildren: filters.includeChildren,
        // Only where some unit in reach has units below it is "with or without them" a choice.
        scopeChoice: scope.nodes.some((node) => node.parentCode !== null && scope.nodes.some((other) => other.code === node.parentCode)),
        totalLine: t(lang, 'dashboard.openTotal', { count: count(list.counts.total) }),
        currentLabel: text[`state_${list.state}`],
        allUrl: list.state === 'all' ? null : link({ state: undefined, page: undefined }),
        summary: OPEN_STATES.map((state) => ({
          state,
          label: text[`state_${state}`],
          value: count(list.counts[state]),
          url: state === list.state ? null : link({ state, page: undefined }),
          alert: state === 'overdue' && list.counts.overdue > 0,
        })),
        csvUrl: pageUrl('/admin/open.csv', { unit: unit.code, state: filters.state === 'all' ? undefined : filters.state, includeChildren: String(filters.includeChildren) }),
        items: list.items.map((item) => ({
          ...item,
          channelLabel: text[`channel_${item.channel}`],
          stateLabel: text[`state_${item.state}`],
          received: splitDateTime(item.receivedAt),
          due: splitDateTime(item.dueAt),
          extendedDue: item.extendedDueAt ? t(lang, 'dashboard.extendedDueAt', { date: formatLocalDate(item.extendedDueAt.slice(0, 10)) }) : null,
          // Kept on one line however narrow the column: "quá 3 ngày" must not break.
          daysLeft: daysLeftText(item, lang).replace(/ /g, '\u00a0'),
          overdue: item.state === 'overdue',
          // "quá 3 ngày" and "còn 5 ngày" say their state; "due soon" and "waiting" are worth a word.
          showState: item.state === 'dueSoon' || item.state === 'waiting',
        })),
        showUnitColumn: filters.includeChildren && scope.nodes.some((node) => node.parentCode === unit.code),
        pager: list.total > 0 ? {
          ...pages,
          pageLine: t(lang, 'dashboard.pageOf', { page: pages.page, pages: pages.pages }),
          shownLine: t(lang, 'dashboard.shown', { first: count(pages.first), last: count(pages.last), total: count(list.total) }),
          previousUrl: pages.previous ? link({ page: pages.previous === 1 ? undefined : pages.previous }) : null,
          nextUrl: pages.next ? link({ page: pages.next }) : null,
        } : null,
      },
      request.staff,
      lang,
      `${t(lang, 'console.open')} – ${list.unit.name}`,
      'open',
    );
  }

  /** The same list as a file: the API's CSV, for a browser that has a session instead of a key. */
  @Get('open.csv')
  async openCsv(@Req() request: ConsoleRequest, @Res() response: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const scope = await this.scope.of(request.staff);
    const unit = (await this.scope.chosenUnit(scope, query.unit)) ?? (await this.scope.firstUnit(scope));
    if (!unit) throw new BadRequestException('unit: there are no units yet');
    const filters = openFilters(query);
    const list: OpenList = await this.open.list(callerOf(request.staff), { unitCode: unit.code, state: filters.state, includeChildren: filters.includeChildren }, { csv: true });
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${openDossiersCsvFilename(list)}"`);
    response.send(toCsv(list));
  }

  // ---------------------------------------------------------------- widget settings

  @Get('widget')
  async widgetPage(@Req() request: ConsoleRequest, @Res() response: Response, @Query('unit') unitQuery?: unknown, @Query('saved') saved?: unknown): Promise<void> {
    const lang = this.lang(request, response);
    const scope = await this.scope.of(request.staff);
    const unit = (await this.scope.chosenUnit(scope, unitQuery)) ?? (await this.scope.firstUnit(scope));
    this.sendWidgetPage(request, response, lang, scope, unit, { saved: saved === '1', errors: [] }, 200);
  }

  @Post('widget')
  @ConsoleRole('manager')
  async saveWidget(@Req() request: ConsoleRequest, @Res() response: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const lang = this.lang(request, response);
    const scope = await this.scope.of(request.staff);
    if (typeof body.unit !== 'string' || body.unit === '') throw new BadRequestException('unit: is required');
    const unit = (await this.scope.chosenUnit(scope, body.unit))!;
    const form = readWidgetForm(body, lang);
    if (!form.ok) {
      this.sendWidgetPage(request, response, lang, scope, unit, { saved: false, errors: form.errors }, 400);
      return;
    }
    const before = `decimals ${unit.widgetDecimals ?? 'default'}, locale ${unit.widgetLocale ?? 'default'}`;
    await this.units.updateWidgetSettings(unit.id, { decimals: form.decimals, locale: form.locale });
    await this.audit.record(actorOf(request.staff), 'widget-settings', `${unit.code}: ${before} → decimals ${form.decimals}, locale ${form.locale}`, unit.id);
    response.redirect(303, pageUrl('/admin/widget', { unit: unit.code, saved: 1 }));
  }

  private sendWidgetPage(
    request: ConsoleRequest,
    response: Response,
    lang: Locale,
    scope: Scope,
    unit: Unit | null,
    state: { saved: boolean; errors: string[] },
    status: number,
  ): void {
    const text = wordsOf(lang, 'dashboard');
    if (!unit) {
      this.send(response, 'widget', { d: text, empty: true }, request.staff, lang, text.widgetSettings, 'widget');
      return;
    }
    const decimals = unit.widgetDecimals ?? 2;
    const locale = unit.widgetLocale ?? 'vi';
    const origin = publicOrigin(this.publicBaseUrl, request.protocol, request.get('host'));
    const code = encodeURIComponent(unit.code);
    response.status(status);
    this.send(
      response,
      'widget',
      {
        d: text,
        unit: { code: unit.code, name: unit.name },
        unitOptions: unitTree(scope.nodes).map((option) => ({ ...option, selected: option.code === unit.code })),
        canEdit: roleAtLeast(request.staff.account.role, 'manager'),
        saved: state.saved,
        errors: state.errors,
        decimalOptions: [0, 1, 2, 3, 4].map((value) => ({ value, selected: value === decimals })),
        localeOptions: (['vi', 'en'] as const).map((value) => ({ value, label: text[`locale_${value}`], selected: value === locale })),
        decimals,
        localeLabel: text[`locale_${locale}`],
        snippets: embedSnippets(origin, unit, locale),
        // A changed setting changes the address, so the browser does not show a cached frame.
        previewUrl: `/widget/${code}?v=${decimals}${locale}`,
        detailUrl: `/widget/${code}/detail`,
        jsonUrl: `/widget/${code}.json`,
      },
      request.staff,
      lang,
      `${text.widgetSettings} – ${unit.name}`,
      'widget',
    );
  }

  // ---------------------------------------------------------------- rendering

  private send(response: Response, page: string, context: Record<string, unknown>, staff: Staff, lang: Locale, title: string, current: string): void {
    response.setHeader('Cache-Control', 'no-store');
    response.type('html').send(this.views.render(page, context, { staff, lang, title, current }));
  }

  /** ?lang= switches the console's language and remembers it in a cookie. */
  private lang(request: Request, response: Response): Locale {
    return switchConsoleLanguage(request, response);
  }
}

/** "28/10/2026 08:15" as a date and a time, so a narrow column can put them on two lines. */
function splitDateTime(iso: string): { date: string; time: string } {
  const [date, time] = formatLocalDateTime(new Date(iso)).split(' ');
  return { date, time: time.slice(0, 5) };
}

function cardsOf(cells: ReturnType<typeof figureCells>, lang: Locale) {
  const text = wordsOf(lang, 'dashboard');
  return { ...cells, onTimeCountLine: t(lang, 'dashboard.onTimeCount', { count: cells.onTimeCount }), lateCountLine: t(lang, 'dashboard.lateCount', { count: cells.late }) };
}

/** The open list's filters from the query: state as given (the service checks it), scope with the units below unless told. */
function openFilters(query: Record<string, unknown>): { state: string; includeChildren: boolean; page: number } {
  const state = query.state === undefined || query.state === '' ? 'all' : query.state;
  if (typeof state !== 'string') throw new BadRequestException('state: must be given once');
  return {
    state,
    includeChildren: parseBoolean(query.includeChildren, 'includeChildren', true),
    page: parseIntegerParam(query.page, 'page', { min: 1, max: MAX_OPEN_PAGE, fallback: 1 }),
  };
}
