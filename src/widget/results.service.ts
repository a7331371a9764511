import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { formatLocalDate, formatLocalDateTime, localDateOf } from '../common/local-time';
import { EnvironmentVariables } from '../config/configuration';
import { publicBaseOf } from '../http/public-headers';
import { Figures } from '../stats/figures';
import { ScopeState, StatsAnswer, StatsService } from '../stats/stats.service';
import { t, wordsOf } from '../i18n/i18n';
import { WidgetCache } from './widget-cache';
import { withQuery } from './widget-params';
import { WidgetTemplates, loadWidgetTemplates } from './widget-templates';
import { RenderedWidget, ScopeStateMemo, WidgetAnswer, answerFromCache } from './widget.service';
import {
  RESULT_SORTS, ResultSort, ResultsQuery, ResultsRow, parseResultsQuery, periodName, periodOptions, rankedRows, resultsCsv, resultsQueryString, rowCells, sortRows,
} from './results-view';

export type ResultsFormat = 'html' | 'json' | 'csv';

/** The figures of a unit's rows for a period: one query however many ways they are sorted and shown. */
export class ResultsAnswerCache extends WidgetCache<StatsAnswer> {}
/** The rendered pages, JSON and CSV of the results page, apart from the widget's cache. */
export class ResultsPageCache extends WidgetCache<RenderedWidget> {}
/** Periods × decimals of the units a host serves that stay answered without a query. */
export const RESULTS_ANSWERS_MAX = 500;
/** Each of the two results caches keeps at most this much (a province's page is some 60 KB). */
export const RESULTS_CACHE_BYTES = 8 * 1024 * 1024;
/** About what a units-below answer takes in the heap: a few hundred bytes a row. */
export const answerSize = (answer: StatsAnswer) => 600 * (answer.groups.length + 1);

/** A results answer, and for the CSV the file's name. */
export type ResultsAnswer = WidgetAnswer & { filename: string };

/** `/cong-khai/{unit}.json`: the page's figures, rows as they are sorted on the page. */
export interface ResultsJson {
  unit: { code: string; name: string; level: string };
  period: { from: string; to: string; label: string };
  judgedAt: string;
  dataUpdatedAt: string | null;
  sort: { by: ResultSort; order: 'asc' | 'desc' };
  total: Figures;
  units: ResultsRow[];
}

/** The columns of the page, in order; those in RESULT_SORTS are links that sort by them. */
const PAGE_COLUMNS = ['rank', 'name', 'settled', 'onTimeBoth', 'onTimePercent', 'late', 'latePercent', 'open', 'overdue', 'progressScore'] as const;

/**
 * A unit's public results page (`/cong-khai/{unit}`, `.json`, `.csv`): the units directly below
 * it today — each with the dossiers of the units it was formed from, so a past period is told in
 * today's units — from the one figures path (`groupBy=unit`), cached like the widget.
 */
@Injectable()
export class ResultsService {
  private readonly templates: WidgetTemplates = loadWidgetTemplates();
  private readonly publicBase: string;

  constructor(
    private readonly stats: StatsService,
    private readonly cache: ResultsPageCache,
    private readonly answers: ResultsAnswerCache,
    private readonly scopes: ScopeStateMemo,
    private readonly clock: Clock,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.publicBase = publicBaseOf(config);
  }

  async render(unitCode: string, rawQuery: Record<string, unknown>, format: ResultsFormat): Promise<ResultsAnswer> {
    const now = this.clock.now();
    // Today's tree, whatever the period: the rows are today's units, their predecessors' dossiers in them.
    const today = localDateOf(now);
    const { value: state, staleBecause } = await this.scopes.get(JSON.stringify(['results', unitCode, today]), async () =>
      Object.assign(await this.stats.scopeState(unitCode, true, { periodEnd: today, includePredecessors: true }), { retired: null }),
    );
    if (state.unit.validTo !== null && state.unit.validTo < today) {
      throw new DomainError('not-found', t('en', 'results.retired', { code: state.unit.code, date: formatLocalDate(state.unit.validTo) }), undefined, {
        message: { key: 'results.retired', values: { code: state.unit.code, date: formatLocalDate(state.unit.validTo) } },
      });
    }
    // The unit's widget settings are the page's defaults too, so its embeds look alike.
    const query = parseResultsQuery(rawQuery, now, { lang: state.unit.widgetLocale, decimals: state.unit.widgetDecimals });
    // The JSON does not depend on the language: one entry for both.
    const lang = format === 'json' ? null : query.lang;
    const key = JSON.stringify([format, unitCode, query.period.from, query.period.to, query.sort, query.order, lang, query.decimals ?? null, format === 'html' && query.periodGiven]);
    const answer = await answerFromCache(this.cache, key, state.version, staleBecause, () => this.body(format, query, state));
    return { ...answer, filename: `ket-qua-${state.unit.code}-${query.period.label}.csv` };
  }

  private async body(format: ResultsFormat, query: ResultsQuery, state: ScopeState): Promise<string> {
    const figuresKey = JSON.stringify([state.unit.code, query.period.from, query.period.to, query.decimals ?? null]);
    const answer = await this.answers.getOrCompute(figuresKey, state.version, () =>
      this.stats.stats(
        { unitCode: state.unit.code, from: query.period.from, to: query.period.to, includeChildren: true, includePredecessors: true, groupBy: 'unit', decimals: query.decimals },
        state,
      ),
    );
    const rows = sortRows(rankedRows(answer), query.sort, query.order);
    switch (format) {
      case 'json':
        return JSON.stringify(this.json(answer, query, rows));
      case 'csv':
        return resultsCsv(rows, answer, answer.unit.name, query.lang);
      case 'html':
        return this.html(answer, query, rows);
    }
  }

  private json(answer: StatsAnswer, query: ResultsQuery, rows: ResultsRow[]): ResultsJson {
    const { unit, judgedAt, dataUpdatedAt, groups: _groups, period: _period, includeChildren: _children, ...total } = answer;
    return { unit, period: query.period, judgedAt, dataUpdatedAt, sort: { by: query.sort, order: query.order }, total, units: rows };
  }

  private pageUrl(unitCode: string, suffix: string, queryString: string): string {
    return withQuery(`${this.publicBase}/cong-khai/${encodeURIComponent(unitCode)}${suffix}`, queryString);
  }

  private html(answer: StatsAnswer, query: ResultsQuery, rows: ResultsRow[]): string {
    const { lang } = query;
    const today = localDateOf(this.clock.now());
    const w = wordsOf(lang, 'results');
    const code = answer.unit.code;
    const otherLang = lang === 'vi' ? 'en' : 'vi';
    const headings = PAGE_COLUMNS.map((column) => {
      const label = w.columns[column];
      if (!(RESULT_SORTS as readonly string[]).includes(column)) return { key: column, label, url: null, sorted: null, arrow: null, sortLabel: null };
      const sort = column as ResultSort;
      const current = query.sort === sort;
      const order = current ? (query.order === 'asc' ? 'desc' : 'asc') : undefined;
      return {
        key: column,
        label,
        url: this.pageUrl(code, '', resultsQueryString(query, { sort, ...(order ? { order } : {}) })),
        sorted: current ? (query.order === 'asc' ? 'ascending' : 'descending') : null,
        arrow: current ? (query.order === 'asc' ? '▲' : '▼') : null,
        sortLabel: current ? `${label} (${query.order === 'asc' ? w.sortedAscending : w.sortedDescending})` : t(lang, 'results.sortBy', { column: label }),
      };
    });
    const view = (row: ResultsRow) => ({ code: row.code, name: row.own ? t(lang, 'results.own', { name: row.name }) : row.name, own: row.own, rankText: row.rank ?? '—', cells: rowCells(row, lang) });
    const pageQuery = resultsQueryString(query);
    // The form carries the choices other than the period, so picking one keeps the sort and language.
    const hidden = new URLSearchParams(resultsQueryString({ ...query, periodGiven: false }));
    return this.templates.results({
      lang,
      pageTitle: t(lang, 'results.pageTitle', { name: answer.unit.name }),
      kicker: w.kicker,
      heading: answer.unit.name,
      title: w.title,
      periodLine: t(lang, 'results.period', { name: periodName(query.period.label, lang), from: formatLocalDate(query.period.from), to: formatLocalDate(query.period.to) }),
      judgedLine: t(lang, 'results.judgedAt', { time: formatLocalDateTime(new Date(answer.judgedAt)) }),
      updatedLine: t(lang, 'results.updatedAt', { time: answer.dataUpdatedAt === null ? '—' : formatLocalDateTime(new Date(answer.dataUpdatedAt)) }),
      formAction: this.pageUrl(code, '', ''),
      picker: w.picker,
      periodGroups: periodOptions(today, query.period.label, lang),
      hidden: [...hidden.entries()].map(([name, value]) => ({ name, value })),
      headings,
      labels: w.columns,
      sortHint: w.sortHint,
      rows: rows.map(view),
      total: { code, name: w.total, own: false, rankText: '', cells: rowCells(answer, lang) },
      note: w.note,
      otherLanguage: { label: w.otherLanguage, lang: otherLang, url: this.pageUrl(code, '', resultsQueryString(query, { lang: otherLang })) },
      jsonLink: { label: w.json, url: this.pageUrl(code, '.json', pageQuery) },
      csvLink: { label: w.csv, url: this.pageUrl(code, '.csv', pageQuery) },
      detailLink: {
        label: t(lang, 'results.detail', { name: answer.unit.name }),
        url: withQuery(`${this.publicBase}/widget/${encodeURIComponent(code)}/detail`, new URLSearchParams([['from', query.period.from], ['to', query.period.to <= today ? query.period.to : today], ...(lang === query.defaults.lang ? [] : [['lang', lang]])]).toString()),
      },
      resizeScript: `${this.publicBase}/widget/resize.js`,
    });
  }
}
