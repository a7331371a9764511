import { DomainError, Problems } from '../common/domain-error';
import { LOCALES, Locale } from '../common/locale';
import { phrase } from '../i18n/refusal-words';

/** A unit's widget settings; null: the service's default (2 decimals, Vietnamese). */
export interface WidgetSettings {
  decimals: number | null;
  locale: Locale | null;
}

export const WIDGET_DECIMALS_MAX = 4;

/** What is wrong with the settings, one "field: reason" each; empty when they can be saved. */
export function widgetSettingsProblems(settings: { decimals: unknown; locale: unknown }): string[] {
  return checkWidgetSettings(settings).lines;
}

/** The refusal of settings that cannot be saved, each line with its words; null when they can be. */
export function widgetSettingsRefusal(settings: { decimals: unknown; locale: unknown }): DomainError | null {
  const problems = checkWidgetSettings(settings);
  return problems.length === 0 ? null : problems.refusal('invalid', 'the widget settings were not saved', phrase('errors.widget.notSaved'));
}

function checkWidgetSettings(settings: { decimals: unknown; locale: unknown }): Problems {
  const problems = new Problems();
  const { decimals, locale } = settings;
  if (decimals !== null && !(Number.isInteger(decimals) && (decimals as number) >= 0 && (decimals as number) <= WIDGET_DECIMALS_MAX)) {
    problems.add(`decimals: must be an integer 0–${WIDGET_DECIMALS_MAX}`, phrase('errors.widget.decimals', { max: WIDGET_DECIMALS_MAX }));
  }
  if (locale !== null && !(LOCALES as readonly unknown[]).includes(locale)) {
    problems.add(`locale: must be one of ${LOCALES.join(', ')}`, phrase('errors.widget.locale', { locales: LOCALES.join(', ') }));
  }
  return problems;
}
