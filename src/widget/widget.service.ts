import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock } from '../common/clock';
import { isDatabaseUnavailable } from '../common/database-errors';
import { EnvironmentVariables } from '../config/configuration';
import { publicBaseOf } from '../http/public-headers';
import { Period } from '../stats/figures';
import { resolvePeriod } from '../stats/period';
import { GroupBy } from '../stats/stats.dto';
import { ScopeChoice, ScopeState, StatsAnswer, StatsService } from '../stats/stats.service';
import { CHART_GEOMETRY, monthChart } from './month-chart';
import { RevalidationMemo } from './revalidation-memo';
import { WidgetCache } from './widget-cache';
import { DetailGrouping, FIGURE_COLUMNS, WidgetDisplay, detailHeadline, detailTable, formatUpdatedAt, periodLine, widgetDisplay } from './widget-display';
import { strongEtag } from './widget-http';
import { WidgetParams, parseWidgetParams, widgetQueryString, withQuery } from './widget-params';
import { WidgetTemplates, loadWidgetTemplates } from './widget-templates';
import { t, wordsOf } from '../i18n/i18n';
import { LocalDate, formatLocalDate, startOfLocalYear } from '../common/local-time';
import { DomainError } from '../common/domain-error';

export type WidgetFormat = 'html' | 'json' | 'detail';

export interface RenderedWidget {
  body: string;
  etag: string;
}

/** An answer, and whether it is the last good one served because the database is away. */
export interface WidgetAnswer extends RenderedWidget {
  stale: boolean;
}

/** What the database says about a widget's scope, memoised for a short window (WIDGET_REVALIDATE_MS). */
export class ScopeStateMemo extends RevalidationMemo<WidgetScope> {}

/**
 * A retired unit's widget (README "A retired unit"): portals keep embedding it, so it shows the
 * figures of the unit that carries its history, with a line naming it; with none, its own
 * figures up to its last day.
 */
export interface RetiredWidget {
  code: string;
  name: string;
  lastDay: LocalDate;
  carrier: { code: string; name: string; since: LocalDate; split: boolean; lastDay: LocalDate | null } | null;
}

/** The scope the widget counts, and the retired unit it was asked for, if it was one. */
export type WidgetScope = ScopeState & { retired: RetiredWidget | null };

/** The widget JSON: StatsService's answer, plus the strings the HTML shows. */
export interface WidgetJson extends StatsAnswer {
  display: WidgetDisplay;
  /** Only for a retired unit: the line its widget shows, and what it says. */
  notice?: { text: string; retired: RetiredWidget | null };
}

/** What one widget request asks for, once read, checked and defaulted. */
interface WidgetRequest {
  params: WidgetParams;
  period: Period;
  includeChildren: boolean;
  state: WidgetScope;
  /** Why the scope could not be read now (the database is away); `state` is then the last one read. */
  staleBecause?: unknown;
}

export const WIDGET_CACHE_TTL_MS = 30_000;
/** Answers kept at most, whatever their size: WIDGET_CACHE_MB bounds them first (a commune's block is some 4 KB). */
export const WIDGET_CACHE_MAX_ENTRIES = 100_000;
/** Scopes whose data version an instance remembers: every commune of the country, several ways asked. */
export const SCOPE_MEMO_MAX_ENTRIES = 10_000;
/**
 * Units all remembered scopes may hold together: a commune's scope holds a few, a province's
 * hundreds, so visitors varying a province's period cannot fill the heap with copies of it
 * (some 1 KB a unit: about 50 MB at most).
 */
export const SCOPE_MEMO_MAX_UNITS = 50_000;
export const scopeWeight = (scope: unknown) => ((scope as { units?: unknown[] }).units?.length ?? 0) + 1;

/** What a rendered answer takes in the heap, about: its characters at two bytes, and its tag and bookkeeping. */
export const renderedSize = (rendered: RenderedWidget) => 2 * (rendered.body.length + rendered.etag.length) + 200;

/** Renders the public widget, its JSON and its detail page from the one figures path. */
@Injectable()
export class WidgetService {
  private readonly templates: WidgetTemplates = loadWidgetTemplates();
  private readonly publicBase: string;

  constructor(
    private readonly stats: StatsService,
    private readonly cache: WidgetCache<RenderedWidget>,
    private readonly scopes: ScopeStateMemo,
    private readonly clock: Clock,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.publicBase = publicBaseOf(config);
  }

  /**
   * A hot request costs no database query: the scope's version comes from the memo (at most
   * WIDGET_REVALIDATE_MS old), the body from the cache. While the database is away, the last
   * body rendered for the same request is served, marked stale (stale-if-error).
   */
  async render(unitCode: string, query: Record<string, unknown>, format: WidgetFormat): Promise<WidgetAnswer> {
    const request = await this.read(unitCode, query);
    const { params, period, includeChildren, state } = request;
    // Every choice that changes the body is in the key; the data version is checked beside it.
    // The score's line too: a block without it is never served to a request asking for it, nor the reverse.
    const key = JSON.stringify([
      format, unitCode, period.from, period.to, includeChildren, params.decimals ?? null, params.lang, params.showScore === true, widgetQueryString(params),
    ]);
    return answerFromCache(this.cache, key, state.version, request.staleBecause, () => this.body(format, request));
  }

  private async read(unitCode: string, query: Record<string, unknown>): Promise<WidgetRequest> {
    const given = parseWidgetParams(query);
    const periodCheck = resolvePeriod(given.from, given.to, this.clock.now());
    if (!periodCheck.ok) throw new DomainError('invalid', periodCheck.reason);
    // Default: the units below are included when there are any; for a unit without any the
    // scope is the same either way, and the answer says `false` like the stats API's default.
    const scopeIncludesChildren = given.includeChildren ?? true;
    // The scope is the one of the period's last day (docs/figures.md §9), with predecessors unless asked without.
    const choice = { periodEnd: periodCheck.period.to, includePredecessors: given.includePredecessors ?? true };
    const { value: state, staleBecause } = await this.scopes.get(JSON.stringify([unitCode, scopeIncludesChildren, choice.periodEnd, choice.includePredecessors]), () =>
      this.scopeOf(unitCode, scopeIncludesChildren, choice),
    );
    const includeChildren = given.includeChildren ?? state.unitsBelow > 0;
    // The unit's own settings fill in decimals and language; they are in the cache key through
    // the params, so a changed setting is seen at once although the data version did not move.
    const params = parseWidgetParams(query, { decimals: state.unit.widgetDecimals, lang: state.unit.widgetLocale });
    return { params, period: upToLastDay(periodCheck.period, state.retired), includeChildren, state, staleBecause };
  }

  /** The scope of `unitCode`, or of the unit that carries its history when it was retired. */
  private async scopeOf(unitCode: string, includeChildren: boolean, choice: ScopeChoice): Promise<WidgetScope> {
    const state = await this.stats.scopeState(unitCode, includeChildren, choice);
    // A unit that goes on (most): its state as it is, no query more.
    if (!state.unit.validTo) return Object.assign(state, { retired: null });
    const retired = { code: state.unit.code, name: state.unit.name, lastDay: state.unit.validTo };
    const carrier = await this.stats.carrierOf(state.unit);
    if (carrier === null) return { ...state, retired: { ...retired, carrier: null } };
    const successor = await this.stats.scopeState(carrier.unit.code, includeChildren, choice);
    const about = { code: carrier.unit.code, name: carrier.unit.name, since: carrier.since, split: carrier.split, lastDay: carrier.unit.validTo };
    return { ...successor, retired: { ...retired, carrier: about } };
  }

  /** The line a retired unit's widget adds, in the widget's language. */
  private notice(request: WidgetRequest): string | null {
    const retired = request.state.retired;
    if (retired === null) return null;
    const lang = request.params.lang;
    const { carrier } = retired;
    if (carrier === null) return t(lang, 'widget.ceased', { date: formatLocalDate(retired.lastDay) });
    const line = t(lang, carrier.split ? 'widget.splitInto' : 'widget.mergedInto', { name: carrier.name, date: formatLocalDate(carrier.since) });
    // The line of successors ends in a unit that is itself retired: its figures stop on its last day.
    return carrier.lastDay === null ? line : `${line} · ${t(lang, 'widget.ceased', { date: formatLocalDate(carrier.lastDay) })}`;
  }

  private body(format: WidgetFormat, request: WidgetRequest): Promise<string> {
    switch (format) {
      case 'json':
        return this.json(request);
      case 'html':
        return this.widgetHtml(request);
      case 'detail':
        return this.detailHtml(request);
    }
  }

  private answer(request: WidgetRequest, groupBy: GroupBy | null = null): Promise<StatsAnswer> {
    const { params, period, includeChildren, state } = request;
    return this.stats.stats(
      { unitCode: state.unit.code, from: period.from, to: period.to, includeChildren, includePredecessors: state.includePredecessors, groupBy, decimals: params.decimals },
      state,
    );
  }

  private display(answer: StatsAnswer, request: WidgetRequest): WidgetDisplay {
    return widgetDisplay(answer, request.params.lang, this.pageUrl(request, '/detail'), request.params.showScore === true);
  }

  private pageUrl(request: WidgetRequest, suffix: string, lang = request.params.lang): string {
    const path = `${this.publicBase}/widget/${encodeURIComponent(request.state.unit.code)}${suffix}`;
    return withQuery(path, widgetQueryString(request.params, { lang }));
  }

  private async json(request: WidgetRequest): Promise<string> {
    const answer = await this.answer(request);
    const notice = this.notice(request);
    const json: WidgetJson = { ...answer, display: this.display(answer, request), ...(notice === null ? {} : { notice: { text: notice, retired: request.state.retired } }) };
    return JSON.stringify(json);
  }

  private async widgetHtml(request: WidgetRequest): Promise<string> {
    const answer = await this.answer(request);
    const display = this.display(answer, request);
    const text = wordsOf(request.params.lang, 'widget');
    return this.templates.widget({
      lang: request.params.lang,
      pageTitle: `${display.title} – ${request.state.retired?.name ?? answer.unit.name}`,
      unitName: request.state.retired?.name ?? answer.unit.name,
      notice: this.notice(request),
      display,
      // Null unless asked for (showScore): the block then has no line for it at all.
      scoreLine: display.scoreLine ?? null,
      labels: {
        settled: text.settled,
        onTime: text.onTime,
        late: text.late,
        lateRate: text.lateRate,
        details: text.details,
        updatedAt: text.updatedAt,
      },
      hasLate: answer.settled.late > 0,
    });
  }

  private async detailHtml(request: WidgetRequest): Promise<string> {
    const lang = request.params.lang;
    const groupings: DetailGrouping[] = ['field', 'month', 'channel'];
    if (request.includeChildren && request.state.unitsBelow > 0) groupings.push('unit');
    const answers = await Promise.all(groupings.map((grouping) => this.answer(request, grouping)));
    const headline = answers[0];
    const text = wordsOf(lang, 'widget');
    const otherLang = lang === 'vi' ? 'en' : 'vi';
    return this.templates.detail({
      lang,
      pageTitle: `${text.detail.title} – ${headline.unit.name}`,
      heading: text.detail.title,
      unitName: headline.unit.name,
      periodLine: periodLine(headline.period, lang),
      scopeLine: request.includeChildren && request.state.unitsBelow > 0 ? text.detail.scopeWithChildren : null,
      updatedLine: `(${text.updatedAt}: ${formatUpdatedAt(headline.dataUpdatedAt)})`,
      headline: detailHeadline(headline, lang),
      tables: groupings.map((grouping, i) => detailTable(grouping, answers[i], lang)),
      columns: FIGURE_COLUMNS.map((column) => text.detail.columns[column]),
      columnLabels: text.detail.columns,
      // The months' picture; none when nothing was settled in the period (a chart of zeros says nothing).
      chart: headline.settled.total === 0 ? null : monthChart(answers[groupings.indexOf('month')].groups, lang),
      geometry: CHART_GEOMETRY,
      emptyText: text.detail.empty,
      note: text.detail.note,
      otherLanguage: { label: text.detail.otherLanguage, lang: otherLang, url: this.pageUrl(request, '/detail', otherLang) },
      widgetLink: { label: text.title, url: this.pageUrl(request, '') },
      jsonLink: { label: text.detail.json, url: this.pageUrl(request, '.json') },
      // The citizen lookup (interchange/), in the page's language.
      lookupLink: { label: text.detail.lookup, url: withQuery(`${this.publicBase}/tra-cuu`, lang === 'vi' ? '' : `lang=${lang}`) },
    });
  }
}

/**
 * The body for `key` at `version`, from the cache or computed. While the database is away (the
 * scope could not be read: `staleBecause`, or the computing failed so), the last body rendered
 * for the same key, whatever its version or age, marked stale (stale-if-error); without one,
 * the failure (503).
 */
export async function answerFromCache(
  cache: WidgetCache<RenderedWidget>, key: string, version: string, staleBecause: unknown, compute: () => Promise<string>,
): Promise<WidgetAnswer> {
  const lastGood = (failure: unknown): WidgetAnswer => {
    const last = cache.lastStored(key);
    if (!last) throw failure;
    return { ...last, stale: true };
  };
  if (staleBecause !== undefined) return lastGood(staleBecause);
  try {
    const rendered = await cache.getOrCompute(key, version, async () => {
      const body = await compute();
      return { body, etag: strongEtag(body) };
    });
    return { ...rendered, stale: false };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return lastGood(error);
    throw error;
  }
}

/** A retired unit without a successor shows its own figures up to its last day; one whose line of successors ends retired, up to that one's. */
function upToLastDay(period: Period, retired: RetiredWidget | null): Period {
  const lastDay = retired === null ? null : retired.carrier === null ? retired.lastDay : retired.carrier.lastDay;
  if (lastDay === null || period.to <= lastDay) return period;
  const to = lastDay;
  return { ...period, to, from: period.from <= to ? period.from : startOfLocalYear(to) };
}
