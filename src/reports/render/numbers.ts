import { Locale, formatCount } from '../../common/locale';
import { formatLocalDate, localDateOf } from '../../common/local-time';
import { Headline } from '../report-model';
import { t } from '../../i18n/i18n';

/**
 * Figures as the report shows them: counts, percents and the 766 score in the reader's locale,
 * and the change against the previous period as an arrow and a magnitude. Percents and scores are
 * compared as scaled integers, so a change is never off by a float's last digit.
 */

export const NO_VALUE = '—';

/** An integer counted in 10^-scale units, shown as a decimal in the locale: (52, 2) → "0,52". */
function formatScaled(value: number, scale: number, locale: Locale): string {
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  const unit = 10 ** scale;
  const whole = formatCount(Math.floor(magnitude / unit), locale);
  if (scale === 0) return `${sign}${whole}`;
  const fraction = String(magnitude % unit).padStart(scale, '0');
  return `${sign}${whole}${locale === 'vi' ? ',' : '.'}${fraction}`;
}

function decimalsOf(percent: string): number {
  const dot = percent.indexOf('.');
  return dot < 0 ? 0 : percent.length - dot - 1;
}

/** "99.87" at scale 2 → 9987, without going through a float. */
function scaledPercent(percent: string, scale: number): number {
  const [whole, fraction = ''] = percent.split('.');
  return Number(whole) * 10 ** scale + Number(fraction.padEnd(scale, '0') || '0');
}

/** The 766 score (two decimals) in the locale: 19.85 → "19,85". */
export function formatScore(score: number | null, locale: Locale): string {
  return score === null ? NO_VALUE : formatScaled(Math.round(score * 100), 2, locale);
}

export type Direction = 'up' | 'down' | 'same' | 'none';

export interface Change {
  text: string;
  direction: Direction;
}

function change(difference: number | null, format: (magnitude: number) => string, locale: Locale): Change {
  if (difference === null) return { text: NO_VALUE, direction: 'none' };
  if (difference === 0) return { text: t(locale, 'report.unchanged'), direction: 'same' };
  return { text: `${difference > 0 ? '▲' : '▼'} ${format(Math.abs(difference))}`, direction: difference > 0 ? 'up' : 'down' };
}

export function countChange(headline: Headline, locale: Locale): Change {
  const difference = headline.current === null || headline.previous === null ? null : headline.current - headline.previous;
  return change(difference, (value) => formatCount(value, locale), locale);
}

export function percentChange(current: string | null, previous: string | null, locale: Locale): Change {
  if (current === null || previous === null) return change(null, String, locale);
  const scale = Math.max(decimalsOf(current), decimalsOf(previous));
  const difference = scaledPercent(current, scale) - scaledPercent(previous, scale);
  return change(difference, (value) => `${formatScaled(value, scale, locale)} ${t(locale, 'report.percentPoints')}`, locale);
}

export function scoreChange(headline: Headline, locale: Locale): Change {
  const difference =
    headline.current === null || headline.previous === null
      ? null
      : Math.round(headline.current * 100) - Math.round(headline.previous * 100);
  return change(difference, (value) => `${formatScaled(value, 2, locale)} ${t(locale, 'report.points')}`, locale);
}

/**
 * The change of a 766 score against the previous period, signed, in hundredths so a float's last
 * digit never shows: "+1,25", "−0,40" (a minus sign), "0,00"; "—" when either side has no score.
 */
export function signedScoreChange(current: number | null, previous: number | null, locale: Locale): Change {
  if (current === null || previous === null) return { text: NO_VALUE, direction: 'none' };
  const difference = Math.round(current * 100) - Math.round(previous * 100);
  const sign = difference > 0 ? '+' : difference < 0 ? '\u2212' : '';
  return { text: `${sign}${formatScaled(Math.abs(difference), 2, locale)}`, direction: difference > 0 ? 'up' : difference < 0 ? 'down' : 'same' };
}

export function formatNullableCount(value: number | null, locale: Locale): string {
  return value === null ? NO_VALUE : formatCount(value, locale);
}

/** Formats an ISO instant as its local date, dd/MM/yyyy. */
export function instantDate(iso: string): string {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? iso : formatLocalDate(localDateOf(instant));
}
