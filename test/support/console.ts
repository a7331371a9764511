import { CookieAccessInfo } from 'cookiejar';
import request from 'supertest';
import { StaffAuthService } from '../../src/auth/staff-auth.service';
import { StaffRole } from '../../src/auth/staff.entities';
import { TestApp } from './test-app';

export const PASSWORD = 'mat-khau-thu-nghiem-2025';

/** Creates a console account and returns an agent signed in as it, with its CSRF token. */
export async function signedIn(sut: TestApp, email: string, role: StaffRole, unitCode?: string) {
  await sut.app.get(StaffAuthService).createAccount({ email, password: PASSWORD, role, unitCode: unitCode ?? null });
  const agent = browser(sut);
  const answer = await signInForm(sut, { email, password: PASSWORD, next: '/admin/password' }, agent);
  if (answer.status !== 303) throw new Error(`sign-in of ${email} answered ${answer.status}`);
  const page = await agent.get('/admin/password');
  return { agent, csrf: csrfOf(page.text) };
}

/**
 * Posts the sign-in form as a browser does: the form's page first (it gives the browser its
 * sign-in token), then the form with that token. A fresh agent (a new browser) unless one is given.
 */
export async function signInForm(sut: TestApp, fields: Record<string, string>, agent = browser(sut), headers: Record<string, string> = {}) {
  const form = await agent.get('/admin/sign-in');
  return agent.post('/admin/sign-in').set(headers).type('form').send({ _csrf: csrfOf(form.text), ...fields });
}

export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in the page');
  return match[1];
}

/**
 * A new browser. It keeps and sends Secure cookies though the suite speaks plain HTTP to the
 * service: the service is tested as a TLS proxy in front of it reaches it, while the browser is
 * on the HTTPS side (supertest's own agent drops Secure cookies over HTTP).
 */
export function browser(sut: TestApp) {
  const agent = request.agent(sut.app.getHttpServer());
  const jar = (agent as unknown as { jar: { getCookies(access: CookieAccessInfo): { toValueString(): string } } }).jar;
  (agent as unknown as { _attachCookies(sent: { url: string; cookies: string }): void })._attachCookies = (sent) => {
    const url = new URL(sent.url);
    sent.cookies = jar.getCookies(new CookieAccessInfo(url.hostname, url.pathname, true)).toValueString();
  };
  return agent;
}

/** One cookie a response sets, with its attributes (names lower-cased), or undefined. */
export function setCookie(answer: request.Response, name: string): { value: string; attributes: Record<string, string> } | undefined {
  const headers = ([] as string[]).concat((answer.headers['set-cookie'] as unknown as string[] | string | undefined) ?? []);
  const header = headers.find((line) => line.startsWith(`${name}=`));
  if (header === undefined) return undefined;
  const [pair, ...rest] = header.split(/;\s*/);
  const attributes = Object.fromEntries(rest.map((part) => [part.split('=')[0].toLowerCase(), part.split('=').slice(1).join('=')]));
  return { value: pair.slice(name.length + 1), attributes };
}
