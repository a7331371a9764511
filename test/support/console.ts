import request from 'supertest';
import { StaffAuthService } from '../../src/auth/staff-auth.service';
import { StaffRole } from '../../src/auth/staff.entities';
import { TestApp } from './test-app';

export const PASSWORD = 'mat-khau-thu-nghiem-2025';

/** Creates a console account and returns an agent signed in as it, with its CSRF token. */
export async function signedIn(sut: TestApp, email: string, role: StaffRole, unitCode?: string) {
  await sut.app.get(StaffAuthService).createAccount({ email, password: PASSWORD, role, unitCode: unitCode ?? null });
  const agent = request.agent(sut.app.getHttpServer());
  const answer = await signInForm(sut, { email, password: PASSWORD, next: '/admin/password' }, agent);
  if (answer.status !== 303) throw new Error(`sign-in of ${email} answered ${answer.status}`);
  const page = await agent.get('/admin/password');
  return { agent, csrf: csrfOf(page.text) };
}

/**
 * Posts the sign-in form as a browser does: the form's page first (it gives the browser its
 * sign-in token), then the form with that token. A fresh agent (a new browser) unless one is given.
 */
export async function signInForm(sut: TestApp, fields: Record<string, string>, agent = request.agent(sut.app.getHttpServer())) {
  const form = await agent.get('/admin/sign-in');
  return agent.post('/admin/sign-in').type('form').send({ _csrf: csrfOf(form.text), ...fields });
}

export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in the page');
  return match[1];
}
