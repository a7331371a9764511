import { Locale } from '../common/locale';

/** The cookie that remembers the console's language (only the console's paths receive it). */
export const CONSOLE_LANGUAGE_COOKIE = 'tthc_lang';

/** What the helper reads of a request and writes on a response (Express's, structurally). */
export interface LanguageRequest {
  query?: Record<string, unknown>;
  cookies?: Record<string, unknown>;
}
export interface LanguageResponse {
  cookie(name: string, value: string, options: { path: string; sameSite: 'lax'; httpOnly: boolean }): unknown;
}

/** The language of a console request: ?lang=, then the cookie, then Vietnamese. */
export function consoleLanguage(request: LanguageRequest): Locale {
  const asked = request.query?.lang;
  if (asked === 'en' || asked === 'vi') return asked;
  return request.cookies?.[CONSOLE_LANGUAGE_COOKIE] === 'en' ? 'en' : 'vi';
}

/** The language of a console page: ?lang= switches it and is remembered for the next pages. */
export function switchConsoleLanguage(request: LanguageRequest, response: LanguageResponse): Locale {
  const lang = consoleLanguage(request);
  const asked = request.query?.lang;
  if (asked === 'en' || asked === 'vi') response.cookie(CONSOLE_LANGUAGE_COOKIE, lang, { path: '/admin', sameSite: 'lax', httpOnly: true });
  return lang;
}
