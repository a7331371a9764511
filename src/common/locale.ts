/** Locales a page or report can be written in; `vi` is the default everywhere. */
export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const NUMBER_LOCALE: Record<Locale, string> = { vi: 'vi-VN', en: 'en-US' };

export function parseLocale(raw: unknown, fallback: Locale = 'vi'): Locale {
  return typeof raw === 'string' && (LOCALES as readonly string[]).includes(raw) ? (raw as Locale) : fallback;
}

/** 4674 → "4.674" in vi-VN, "4,674" in en. */
export function formatCount(value: number, locale: Locale): string {
  return new Intl.NumberFormat(NUMBER_LOCALE[locale], { maximumFractionDigits: 0 }).format(value);
}

/**
 * Shows an API percent string ("99.87") in the reader's locale without ever going through a
 * float: "99,87" in vi-VN. `null` (nothing settled) is shown as "—".
 */
export function formatPercent(value: string | null, locale: Locale): string {
  if (value === null) return '—';
  const [whole, fraction] = value.split('.');
  const wholeText = formatCount(Number(whole), locale);
  if (fraction === undefined) return `${wholeText}%`;
  return `${wholeText}${locale === 'vi' ? ',' : '.'}${fraction}%`;
}

/** The Decision 766 score, two decimals in the reader's locale (19.85 → "19,85" in vi-VN); "—" when there is nothing to score. */
export function formatScore(score: number | null, locale: Locale): string {
  if (score === null) return '—';
  return new Intl.NumberFormat(NUMBER_LOCALE[locale], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(score);
}
