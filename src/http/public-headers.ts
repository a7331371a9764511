import type { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '../config/configuration';

/**
 * What the public pages share (the widget, its detail page, the citizen lookup, the results page): headers that
 * make them safe to show in any browser and to frame on any portal. They set their own headers,
 * so the console's helmet policy (setup-app.ts) stays off their paths.
 */

/**
 * Policy of a public page: its own inline styles and same-origin scripts only, framed by anyone.
 * A page with a form may send it to this site (`forms`); one without may send none.
 */
export function publicPageCsp(options: { forms?: boolean } = {}): string {
  const formAction = options.forms ? "'self'" : "'none'";
  return `default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; img-src 'self' data:; base-uri 'none'; form-action ${formAction}; frame-ancestors *`;
}

export type PublicResource = 'html' | 'json' | 'script' | 'csv';

const CONTENT_TYPES: Record<PublicResource, string> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  script: 'application/javascript; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Headers of a public answer: cacheable as `cacheControl` says, embeddable on any origin.
 * Deliberately no X-Frame-Options: `frame-ancestors *` is the whole framing policy. The JSON and
 * scripts are open to every origin, so a portal may fetch them and draw its own block.
 */
export function publicHeaders(resource: PublicResource, cacheControl: string, options: { forms?: boolean } = {}): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': CONTENT_TYPES[resource],
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    // The body never depends on request headers; a compressing proxy may still vary it by encoding.
    Vary: 'Accept-Encoding',
  };
  if (resource === 'html') headers['Content-Security-Policy'] = publicPageCsp(options);
  else headers['Access-Control-Allow-Origin'] = '*';
  return headers;
}

/** PUBLIC_BASE_URL without its trailing slashes, '' when unset: what the public pages' links start with (relative without it). */
export function publicBaseOf(config: ConfigService<EnvironmentVariables, true>): string {
  return (config.get('PUBLIC_BASE_URL', { infer: true }) ?? '').replace(/\/+$/, '');
}

/** The citizen lookup page, with or without a trailing slash (Express routes both to it). */
const LOOKUP_PAGE = /^\/tra-cuu\/?$/;

/** Paths whose answers set their own headers (publicHeaders) instead of the console's: the widget, the lookup, the results pages. */
export function setsPublicHeaders(path: string): boolean {
  return path.startsWith('/widget/') || path.startsWith('/cong-khai/') || LOOKUP_PAGE.test(path);
}
