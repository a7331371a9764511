import { Locale, formatCount } from '../common/locale';
import { formatLocalDateTime } from '../common/local-time';
import { LISTED_INDICATORS } from '../index766/indicator-dossiers';
import { IndicatorDossiersAnswer } from '../index766/indicator-dossiers.service';
import { t, wordsOf } from '../i18n/i18n';
import { pageUrl, pager, periodText } from './dashboard-view';

export const PAGE_PATH = '/admin/index766/dossiers';

/** "02/05/2025 08:00" in Vietnam's time, as the console shows instants in a list; "—" for none. */
export function shortDateTime(iso: string | null): string {
  return iso ? formatLocalDateTime(new Date(iso)).slice(0, 16) : '—';
}

/** The period as the addresses carry it: a named one by its name, from/to otherwise. */
export function periodQuery(period: IndicatorDossiersAnswer['period']): Record<string, string> {
  return period.label.includes('/') ? { from: period.from, to: period.to } : { period: period.label };
}

/** What the page shows of one list: its lines, links (the other indicators, the file, the scorecard) and rows. */
export function indicatorDossiersView(list: IndicatorDossiersAnswer, lang: Locale) {
  const d = wordsOf(lang, 'dashboard');
  const status = wordsOf(lang, 'lookup').status;
  const scope = { unit: list.unit.code, ...periodQuery(list.period), includeChildren: list.includeChildren ? undefined : 'false' };
  const link = (overrides: Record<string, string | number | undefined>) => pageUrl(PAGE_PATH, { ...scope, indicator: list.indicator.id, ...overrides });
  const pages = pager(list.page, list.pageSize, list.total);
  const count = (value: number) => formatCount(value, lang);
  return {
    heading: t(lang, 'drilldown.heading', { id: list.indicator.id }),
    indicator: list.indicator,
    unit: list.unit,
    includeChildren: list.includeChildren,
    periodLine: periodText(list.period, lang),
    judgedLine: t(lang, 'drilldown.judgedAt', { at: shortDateTime(list.judgedAt) }),
    total: list.total,
    totalLine: t(lang, 'drilldown.total', { count: count(list.total) }),
    scorecardUrl: pageUrl('/admin/index766', { unit: list.unit.code, ...periodQuery(list.period) }),
    csvUrl: pageUrl(`${PAGE_PATH}.csv`, { ...scope, indicator: list.indicator.id }),
    indicatorLinks: LISTED_INDICATORS.map((id) => ({ id, url: id === list.indicator.id ? null : link({ indicator: id }) })),
    items: list.items.map((item) => ({
      ...item,
      reasonCodes: item.reasons.join(' '),
      channelLabel: d[`channel_${item.channel}`],
      statusLabel: status[item.status],
      received: shortDateTime(item.receivedAt),
      due: shortDateTime(item.dueAt),
      finished: shortDateTime(item.finishedAt),
    })),
    pager: list.total > 0 ? {
      pageLine: t(lang, 'dashboard.pageOf', { page: pages.page, pages: pages.pages }),
      shownLine: t(lang, 'dashboard.shown', { first: count(pages.first), last: count(pages.last), total: count(list.total) }),
      previousUrl: pages.previous ? link({ page: pages.previous === 1 ? undefined : pages.previous }) : null,
      nextUrl: pages.next ? link({ page: pages.next }) : null,
    } : null,
  };
}
