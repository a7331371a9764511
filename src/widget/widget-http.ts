import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { PublicResource, publicHeaders, publicPageCsp } from '../http/public-headers';

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
export const WIDGET_CSP = publicPageCsp();

export const SCRIPT_MAX_AGE = 3600;
export const STALE_WHILE_REVALIDATE = 300;

export type WidgetResource = PublicResource;

/** Headers of every widget answer (docs/figures.md §6: public, cacheable, safe to embed on any origin). */
export function widgetHeaders(resource: WidgetResource, maxAge: number): Record<string, string> {
  return publicHeaders(resource, `public, max-age=${maxAge}, stale-while-revalidate=${STALE_WHILE_REVALIDATE}`);
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

/**
 * Sends a public answer whose headers are set: marked stale while the database is away, with
 * its ETag, and as `304` when the client already holds that version.
 */
export function sendCacheable(request: Request, response: Response, rendered: { body: string; etag: string }, stale: boolean): void {
  if (stale) response.set(staleHeaders());
  response.set('ETag', rendered.etag);
  if (ifNoneMatchHits(request.headers['if-none-match'], rendered.etag)) {
    response.status(304).end();
    return;
  }
  response.status(200).send(rendered.body);
}
