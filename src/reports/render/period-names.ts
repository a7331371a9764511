import { Locale } from '../../common/locale';
import { formatLocalDate } from '../../common/local-time';
import { ReportModel, ReportPeriod } from '../report-model';
import { fill, lookup, t } from '../../i18n/i18n';

/**
 * How a reporting period is named in the e-mail, its subject line and the XLSX sheet, and the
 * unit name as it goes into a header.
 */

/** "05/05–11/05/2025", or with both years when the week spans two. */
function weekDates(period: ReportPeriod): string {
  const from = formatLocalDate(period.from);
  const to = formatLocalDate(period.to);
  return from.slice(6) === to.slice(6) ? `${from.slice(0, 5)}–${to}` : `${from}–${to}`;
}

/**
 * The period's name in running text: "tháng 05/2025", "tuần 19/2025", "quý II/2025",
 * "6 tháng đầu năm 2025", "năm 2025"; "May 2025", "week 19 of 2025", "Q2 2025", "first half of
 * 2025", "year 2025". A name that does not parse falls back to its dates.
 */
export function periodName(period: ReportPeriod, locale: Locale): string {
  const name = period.name;
  let match: RegExpExecArray | null;
  if (period.kind === 'week' && (match = /^(\d{4})-W(\d{1,2})$/.exec(name))) {
    return t(locale, 'report.periodNames.week', { week: Number(match[2]), year: match[1] });
  }
  // A month, a quarter and a half each have a sentence of their own, under the key their name
  // gives; a month the words do not know (2025-13) is named by its dates.
  if (period.kind === 'month' && (match = /^(\d{4})-(\d{2})$/.exec(name))) {
    const sentence = lookup(locale, `report.periodNames.month.m${match[2]}`);
    if (sentence !== undefined) return fill(sentence, { year: match[1] });
  }
  if (period.kind === 'quarter' && (match = /^(\d{4})-Q([1-4])$/.exec(name))) {
    const sentence = lookup(locale, `report.periodNames.quarter.q${match[2]}`);
    if (sentence !== undefined) return fill(sentence, { year: match[1] });
  }
  if (period.kind === 'half-year' && (match = /^(\d{4})-H([12])$/.exec(name))) {
    const sentence = lookup(locale, `report.periodNames.halfYear.h${match[2]}`);
    if (sentence !== undefined) return fill(sentence, { year: match[1] });
  }
  if (period.kind === 'year' && /^\d{4}$/.test(name)) {
    return t(locale, 'report.periodNames.year', { year: name });
  }
  return `${formatLocalDate(period.from)}–${formatLocalDate(period.to)}`;
}

/** periodName with its first letter capitalised, for the start of a line. */
export function periodTitle(period: ReportPeriod, locale: Locale): string {
  const name = periodName(period, locale);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** "Từ ngày 15/04/2025 đến ngày 14/05/2025" / "From 15/04/2025 to 14/05/2025". */
export function periodRange(period: ReportPeriod, locale: Locale): string {
  return t(locale, 'report.periodRange', { from: formatLocalDate(period.from), to: formatLocalDate(period.to) });
}

/** One line, no control characters: the unit name as it goes into a mail header or a cell title. */
export function singleLine(text: string): string {
  return text.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
}

export function reportSubject(model: ReportModel): string {
  const period = model.period;
  const name = periodName(period, model.locale);
  const withDates = period.kind === 'week' && name !== `${formatLocalDate(period.from)}–${formatLocalDate(period.to)}`;
  return t(model.locale, 'report.subject', { period: withDates ? `${name} (${weekDates(period)})` : name, unit: singleLine(model.unit.name) });
}
