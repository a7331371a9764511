import { BadRequestException } from '@nestjs/common';
import { LOCALES, Locale } from '../common/locale';
import { parseBoolean } from '../common/query-params';
import { parseDecimals } from '../stats/stats.dto';

/** The query a widget address may carry (docs/figures.md §6); anything else in the query is ignored. */
export interface WidgetParams {
  /** As given (checked by the period resolution); undefined = the default period. */
  from?: string;
  to?: string;
  /** undefined = the widget's default: the units below are included when there are any. */
  includeChildren?: boolean;
  /** undefined = true: the dossiers of the units whose history a counted unit carries count too (docs/figures.md §9). */
  includePredecessors?: boolean;
  decimals?: number;
  lang: Locale;
  /** undefined = false: the Decision 766 progress score's line is shown only when asked for. */
  showScore?: boolean;
  /** The unit's own settings, used when the query gives no decimals or lang; links leave them out. */
  defaults?: WidgetDefaults;
}

/** A unit's widget settings (set in the console); null or absent: 2 decimals, Vietnamese. */
export interface WidgetDefaults {
  decimals?: number | null;
  lang?: Locale | null;
}

/**
 * Reads the query; a malformed value is a 400, never silently replaced by a default. What the
 * query leaves out comes from the unit's `defaults`, then from the service's (2 decimals, vi).
 */
export function parseWidgetParams(query: Record<string, unknown>, defaults: WidgetDefaults = {}): WidgetParams {
  const text = (name: string) => queryText(query, name);
  const includeChildren = text('includeChildren');
  const includePredecessors = text('includePredecessors');
  const showScore = text('showScore');
  const unitDefaults: WidgetDefaults = {};
  if (defaults.decimals !== undefined && defaults.decimals !== null) unitDefaults.decimals = defaults.decimals;
  if (defaults.lang !== undefined && defaults.lang !== null) unitDefaults.lang = defaults.lang;
  return {
    from: text('from'),
    to: text('to'),
    includeChildren: includeChildren === undefined ? undefined : parseBoolean(includeChildren, 'includeChildren', true),
    includePredecessors: includePredecessors === undefined ? undefined : parseBoolean(includePredecessors, 'includePredecessors', true),
    decimals: parseDecimals(text('decimals')) ?? unitDefaults.decimals ?? undefined,
    lang: parseLang(text('lang'), unitDefaults.lang ?? 'vi'),
    showScore: showScore === undefined ? undefined : parseBoolean(showScore, 'showScore', false),
    ...(Object.keys(unitDefaults).length > 0 ? { defaults: unitDefaults } : {}),
  };
}

/** A public page's query value: undefined when absent or empty, a 400 when given more than once. */
export function queryText(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new BadRequestException(`${name}: must be given once`);
  return value;
}

/** `lang` as given, or `fallback` when absent; anything else a 400 naming the languages. */
export function parseLang(raw: string | undefined, fallback: Locale): Locale {
  if (raw === undefined) return fallback;
  if ((LOCALES as readonly string[]).includes(raw)) return raw as Locale;
  throw new BadRequestException(`lang: must be one of ${LOCALES.join(', ')}`);
}

/**
 * The query that carries the reader's choices over to another widget page (the detail page,
 * the other language): only what differs from the unit's defaults, in a fixed order, so equal
 * choices give equal URLs.
 */
export function widgetQueryString(params: WidgetParams, overrides: Partial<Pick<WidgetParams, 'lang'>> = {}): string {
  const lang = overrides.lang ?? params.lang;
  const pairs: [string, string][] = [];
  if (params.from !== undefined) pairs.push(['from', params.from]);
  if (params.to !== undefined) pairs.push(['to', params.to]);
  if (params.includeChildren !== undefined) pairs.push(['includeChildren', String(params.includeChildren)]);
  if (params.includePredecessors !== undefined) pairs.push(['includePredecessors', String(params.includePredecessors)]);
  if (params.decimals !== undefined && params.decimals !== params.defaults?.decimals) pairs.push(['decimals', String(params.decimals)]);
  if (lang !== (params.defaults?.lang ?? 'vi')) pairs.push(['lang', lang]);
  // Off is the default: only the choice to show the score is carried.
  if (params.showScore === true) pairs.push(['showScore', 'true']);
  return new URLSearchParams(pairs).toString();
}

export function withQuery(path: string, query: string): string {
  return query === '' ? path : `${path}?${query}`;
}
