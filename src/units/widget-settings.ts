import { LOCALES, Locale } from '../common/locale';

/** A unit's widget settings; null: the service's default (2 decimals, Vietnamese). */
export interface WidgetSettings {
  decimals: number | null;
  locale: Locale | null;
}

export const WIDGET_DECIMALS_MAX = 4;

/** What is wrong with the settings, one "field: reason" each; empty when they can be saved. */
export function widgetSettingsProblems(settings: { decimals: unknown; locale: unknown }): string[] {
  const problems: string[] = [];
  const { decimals, locale } = settings;
  if (decimals !== null && !(Number.isInteger(decimals) && (decimals as number) >= 0 && (decimals as number) <= WIDGET_DECIMALS_MAX)) {
    problems.push(`decimals: must be an integer 0–${WIDGET_DECIMALS_MAX}`);
  }
  if (locale !== null && !(LOCALES as readonly unknown[]).includes(locale)) problems.push(`locale: must be one of ${LOCALES.join(', ')}`);
  return problems;
}
