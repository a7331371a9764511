import { createHash } from 'node:crypto';

/** A strong validator: the same body always gives the same tag, a different body another. */
export function strongEtag(body: string): string {
  return `"${createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 32)}"`;
}

/**
 * RFC 9110 §13.1.2: If-None-Match compares weakly, so `W/"x"` matches `"x"`; `*` matches any
 * current representation.
 */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const tags = (Array.isArray(header) ? header.join(',') : header).split(',').map((tag) => tag.trim());
  const opaque = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);
  return tags.some((tag) => tag === '*' || (tag !== '' && opaque(tag) === opaque(etag)));
}

/** Policy of the widget pages: their own stylesheet and scripts only, framed by anyone. */
export const WIDGET_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *";

export const SCRIPT_MAX_AGE = 3600;
export const STALE_WHILE_REVALIDATE = 300;

export type WidgetResource = 'html' | 'json' | 'script';

const CONTENT_TYPES: Record<WidgetResource, string> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  script: 'application/javascript; charset=utf-8',
};

/**
 * Headers of every widget answer (docs/figures.md §6: public, cacheable, safe to embed on any origin).
 * Deliberately no X-Frame-Options: `frame-ancestors *` is the whole framing policy.
 */
export function widgetHeaders(resource: WidgetResource, maxAge: number): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': CONTENT_TYPES[resource],
    'Cache-Control': `public, max-age=${maxAge}, stale-while-revalidate=${STALE_WHILE_REVALIDATE}`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    // The body never depends on request headers; a compressing proxy may still vary it by encoding.
    Vary: 'Accept-Encoding',
  };
  if (resource === 'html') headers['Content-Security-Policy'] = WIDGET_CSP;
  else headers['Access-Control-Allow-Origin'] = '*';
  return headers;
}

/** Seconds a stale answer (served while the database is away) may be cached: soon asked again. */
export const STALE_MAX_AGE = 5;

/**
 * Headers that replace the usual caching of an answer served from the last good figures while
 * the database is away (stale-if-error): cached briefly, and saying it is stale, for people and
 * for caches (RFC 7234's Warning 110, and X-Data-Stale for scripts and monitors).
 */
export function staleHeaders(): Record<string, string> {
  return {
    'Cache-Control': `public, max-age=${STALE_MAX_AGE}`,
    Warning: '110 - "Response is Stale"',
    'X-Data-Stale': '1',
  };
}
