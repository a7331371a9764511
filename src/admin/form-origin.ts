import { ForbiddenException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * What keeps a page on another site from posting the console's forms with the visitor's
 * browser: every console POST must come from the console's own origin (Origin, else Referer),
 * and carry a token the site gave that browser — the session's for a signed-in form (checked by
 * ConsoleGuard), a pre-session one for the sign-in form, so no other site can sign a browser
 * in to the attacker's account (login CSRF).
 */

/** A refused form post: the console's exception filter shows it as a page in the reader's language. */
export class FormRefused extends ForbiddenException {
  constructor(readonly reason: 'crossSite' | 'formExpired') {
    super(reason === 'crossSite' ? 'the form was sent from another site' : 'the form has expired or did not come from this site; reload the page and try again');
  }
}

/**
 * True when the post comes from this site: its Origin (else its Referer) is PUBLIC_BASE_URL's
 * origin or has the host the request was sent to. A request with neither header is not a
 * browser's form post from elsewhere (browsers send Origin with every POST); its token decides.
 * `Origin: null` (a sandboxed frame, a data: page) is refused.
 */
export function isSameOrigin(request: Request, publicBaseUrl: string | undefined): boolean {
  const origin = request.headers.origin;
  const referer = request.headers.referer;
  const source = origin !== undefined ? origin : referer;
  if (source === undefined) return true;
  let url: URL;
  try {
    url = new URL(String(source));
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (publicBaseUrl) {
    try {
      if (url.origin === new URL(publicBaseUrl).origin) return true;
    } catch {
      // PUBLIC_BASE_URL is checked at start-up; an unreadable one only leaves the Host check.
    }
  }
  const host = String(request.headers.host ?? '').toLowerCase();
  if (host === '') return false;
  const sent = url.host.toLowerCase();
  return sent === host || sent === host.replace(/:(80|443)$/, '');
}

export function assertSameOrigin(request: Request, publicBaseUrl: string | undefined): void {
  if (!isSameOrigin(request, publicBaseUrl)) throw new FormRefused('crossSite');
}

/**
 * True when the browser reached the console over HTTPS: the connection says so (X-Forwarded-Proto
 * from a proxy TRUST_PROXY names), or PUBLIC_BASE_URL is https: — behind a TLS proxy that
 * TRUST_PROXY does not name the connection is plain HTTP, yet the browser's side is HTTPS and
 * its cookies must be Secure.
 */
export function isSecureRequest(request: Request, publicBaseUrl: string | undefined): boolean {
  return request.secure || /^https:/i.test(publicBaseUrl ?? '');
}

// ---------------------------------------------------------------------------------------------
// The sign-in form's token, before there is a session

const SIGN_IN_COOKIE = 'tthc_sign_in';
/** Over HTTPS the cookie is __Host-: no other host (a sibling subdomain) can set it for us. */
const SIGN_IN_COOKIE_SECURE = '__Host-tthc_sign_in';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The cookie's name and attributes: set and cleared with the same ones (a browser ignores a __Host- cookie without Secure). */
function signInCookie(request: Request, publicBaseUrl: string | undefined) {
  const secure = isSecureRequest(request, publicBaseUrl);
  return { name: secure ? SIGN_IN_COOKIE_SECURE : SIGN_IN_COOKIE, options: { httpOnly: true, sameSite: 'lax' as const, secure, path: '/' } };
}

/**
 * The token the sign-in form carries: the browser's own (a random value in an HttpOnly,
 * SameSite=Lax cookie), made now if it has none. Another site can neither read it nor set it.
 */
export function signInToken(request: Request, response: Response, publicBaseUrl: string | undefined): string {
  const cookie = signInCookie(request, publicBaseUrl);
  const current = request.cookies?.[cookie.name];
  if (typeof current === 'string' && TOKEN.test(current)) return current;
  const token = randomBytes(32).toString('base64url');
  response.cookie(cookie.name, token, cookie.options);
  return token;
}

/** True when the form's `_csrf` is the browser's sign-in token (compared in constant time). */
export function hasSignInToken(request: Request, publicBaseUrl: string | undefined): boolean {
  const cookie = request.cookies?.[signInCookie(request, publicBaseUrl).name];
  const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
  return typeof cookie === 'string' && TOKEN.test(cookie) && typeof sent === 'string' && sameToken(sent, cookie);
}

/** Signed in: the pre-session token has done its work; the next sign-in form gets a new one. */
export function forgetSignInToken(request: Request, response: Response, publicBaseUrl: string | undefined): void {
  const cookie = signInCookie(request, publicBaseUrl);
  response.clearCookie(cookie.name, cookie.options);
}

export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
