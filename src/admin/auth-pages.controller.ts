import { Body, Controller, Get, Header, HttpCode, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AuditService } from '../auth/audit.service';
import { KNOWN_BROWSER_DAYS } from '../auth/known-browser';
import { SignInRefusal, SignInRefused, StaffAuthService, SESSION_HOURS } from '../auth/staff-auth.service';
import { Locale } from '../common/locale';
import { EnvironmentVariables } from '../config/configuration';
import { ConsoleExceptionFilter, consoleException } from './console-exception.filter';
import { ConsoleGuard, ConsoleRequest, SESSION_COOKIE } from './console.guard';
import { ADMIN_TEMPLATES_DIR, ConsoleViews } from './console-views';
import { switchConsoleLanguage } from '../i18n/console-language';
import { AreaWords, t, wordsOf } from '../i18n/i18n';
import { forgetSignInToken, hasSignInToken, isSameOrigin, isSecureRequest, signInToken } from './form-origin';

/** A browser that signed in to an account before: not held by the account's lock (auth/known-browser.ts). */
const KNOWN_BROWSER_COOKIE = 'tthc_known_browser';

const asset = (name: string) => readFileSync(join(ADMIN_TEMPLATES_DIR, 'assets', name), 'utf8');
const ASSETS: Record<string, { type: string; body: () => string }> = {
  'console.css': { type: 'text/css; charset=utf-8', body: () => asset('console.css') },
  'console.js': { type: 'application/javascript; charset=utf-8', body: () => asset('console.js') },
  'work.css': { type: 'text/css; charset=utf-8', body: () => asset('work.css') },
  'index766.css': { type: 'text/css; charset=utf-8', body: () => asset('index766.css') },
  'work.js': { type: 'application/javascript; charset=utf-8', body: () => asset('work.js') },
  'imports.js': { type: 'application/javascript; charset=utf-8', body: () => asset('imports.js') },
  'dashboard.js': { type: 'application/javascript; charset=utf-8', body: () => asset('dashboard.js') },
  // The chart library is served by the service itself, never from a CDN.
  // The package's exports map hides dist/: the file is found beside its main entry (dist/chart.cjs).
  'chart.umd.min.js': { type: 'application/javascript; charset=utf-8', body: () => readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8') },
};
const cache = new Map<string, string>();

/** How each refused sign-in is answered: 429 for this address's attempts, 503 when every password check is taken. */
const REFUSALS: Record<SignInRefusal, { status: number; text: keyof AreaWords<'console'> }> = {
  wrongCredentials: { status: 401, text: 'wrongCredentials' },
  tooMany: { status: 429, text: 'tooMany' },
  inFlight: { status: 429, text: 'signInInFlight' },
  busy: { status: 503, text: 'signInBusy' },
};

/** Only a path on this site: a `next` that pointed elsewhere would be an open redirect. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/admin(\/|$|\?)/.test(next) && !next.startsWith('//') ? next : '/admin';
}

@ApiExcludeController()
@Controller('admin')
@UseFilters(ConsoleExceptionFilter)
export class AuthPagesController {
  private readonly publicBaseUrl: string | undefined;

  constructor(
    private readonly auth: StaffAuthService,
    private readonly views: ConsoleViews,
    private readonly audit: AuditService,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.publicBaseUrl = config.get('PUBLIC_BASE_URL', { infer: true });
  }

  @Get('assets/:name')
  assetFile(@Req() request: Request, @Res() response: Response): void {
    const name = String(request.params.name);
    const file = ASSETS[name];
    if (!file) {
      response.status(404).end();
      return;
    }
    if (!cache.has(name)) cache.set(name, file.body());
    response.setHeader('Content-Type', file.type);
    response.setHeader('Cache-Control', 'public, max-age=3600');
    response.send(cache.get(name));
  }

  @Get('sign-in')
  @Header('Cache-Control', 'no-store')
  signInPage(@Req() request: Request, @Res() response: Response, @Query('next') next?: string): void {
    const lang = this.lang(request, response);
    this.sendSignIn(request, response, lang, 200, { next: safeNext(next), email: '' });
  }

  /**
   * Only the form this site gave this browser signs it in: a post from another site (its
   * Origin), or without the browser's sign-in token, is refused before any password is looked at.
   */
  @Post('sign-in')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async signIn(@Req() request: Request, @Res() response: Response, @Body() body: Record<string, string>): Promise<void> {
    const lang = this.lang(request, response);
    const text = wordsOf(lang, 'console');
    const form = { next: safeNext(body.next), email: typeof body.email === 'string' ? body.email : '' };
    if (!isSameOrigin(request, this.publicBaseUrl)) {
      this.sendSignIn(request, response, lang, 403, { ...form, error: text.crossSite });
      return;
    }
    if (!hasSignInToken(request, this.publicBaseUrl)) {
      this.sendSignIn(request, response, lang, 403, { ...form, error: text.signInExpired });
      return;
    }
    try {
      const known = request.cookies?.[KNOWN_BROWSER_COOKIE];
      const { token, staff, knownBrowser } = await this.auth.signIn(body.email, body.password, request.ip ?? '', typeof known === 'string' ? known : undefined);
      response.cookie(SESSION_COOKIE, token, { ...this.sessionCookie(request), maxAge: SESSION_HOURS * 3_600_000 });
      response.cookie(KNOWN_BROWSER_COOKIE, knownBrowser, { httpOnly: true, sameSite: 'strict', secure: isSecureRequest(request, this.publicBaseUrl), path: '/admin/sign-in', maxAge: KNOWN_BROWSER_DAYS * 86_400_000 });
      forgetSignInToken(request, response, this.publicBaseUrl);
      const before = staff.failedSignInsNotice > 0 ? `; ${staff.failedSignInsNotice} failed sign-in(s) since the previous one` : '';
      await this.audit.record(`staff:${staff.account.id} ${staff.account.email}`, 'sign-in', `from ${request.ip ?? '?'}${before}`, staff.account.unitId);
      response.redirect(303, form.next);
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error;
      const answer = REFUSALS[error.reason];
      const message = error.reason === 'tooMany' ? t(lang, 'console.tooMany', { minutes: String(Math.ceil(error.retryAfterSeconds / 60)) }) : text[answer.text];
      if (error.retryAfterSeconds > 0) response.setHeader('Retry-After', String(error.retryAfterSeconds));
      this.sendSignIn(request, response, lang, answer.status, { ...form, error: message });
    }
  }

  /** The line about failed sign-ins has been read. */
  @Post('failed-sign-ins/dismiss')
  @UseGuards(ConsoleGuard)
  async dismissFailedSignIns(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    await this.auth.dismissFailedSignIns(request.staff.sessionId);
    response.redirect(303, '/admin');
  }

  @Post('sign-out')
  @UseGuards(ConsoleGuard)
  async signOut(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    await this.auth.signOut(request.staff.sessionId);
    response.clearCookie(SESSION_COOKIE, this.sessionCookie(request));
    response.redirect(303, '/admin/sign-in');
  }

  @Get('password')
  @UseGuards(ConsoleGuard)
  @Header('Cache-Control', 'no-store')
  passwordPage(@Req() request: ConsoleRequest, @Res() response: Response): void {
    const lang = this.lang(request, response);
    response.type('html').send(this.views.render('password', {}, { staff: request.staff, lang, title: t(lang, 'console.password') }));
  }

  @Post('password')
  @UseGuards(ConsoleGuard)
  async changePassword(@Req() request: ConsoleRequest, @Res() response: Response, @Body() body: Record<string, string>): Promise<void> {
    const lang = this.lang(request, response);
    let errors: string[] = [];
    try {
      await this.auth.changePassword(request.staff, body.currentPassword, body.newPassword);
      await this.audit.record(`staff:${request.staff.account.id} ${request.staff.account.email}`, 'password-changed', '', request.staff.account.unitId);
    } catch (error) {
      const answer = (consoleException(error, lang) as { getResponse?: () => { errors?: string[] } }).getResponse?.();
      if (!answer?.errors) throw error;
      errors = answer.errors;
    }
    response
      .status(errors.length > 0 ? 400 : 200)
      .type('html')
      .send(this.views.render('password', { done: errors.length === 0, errors }, { staff: request.staff, lang, title: t(lang, 'console.password') }));
  }

  /** The sign-in form with this browser's sign-in token (made when it has none). */
  private sendSignIn(request: Request, response: Response, lang: Locale, status: number, context: { next: string; email: string; error?: string }): void {
    const signInTokenValue = signInToken(request, response, this.publicBaseUrl);
    response.status(status).type('html').send(this.views.render('sign-in', { ...context, signInToken: signInTokenValue }, { staff: null, lang, title: t(lang, 'console.signIn') }));
  }

  /** The session cookie's attributes, the same when it is set and when it is cleared. */
  private sessionCookie(request: Request) {
    return { httpOnly: true, sameSite: 'lax' as const, secure: isSecureRequest(request, this.publicBaseUrl), path: '/' };
  }

  /** ?lang= switches the console's language and remembers it in a cookie. */
  private lang(request: Request, response: Response) {
    return switchConsoleLanguage(request, response);
  }
}
