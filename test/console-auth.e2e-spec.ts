import request from 'supertest';
import { DataSource } from 'typeorm';
import { PASSWORD, csrfOf, signInForm, signedIn } from './support/console';
import { TestApp, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree } from './support/tree';
import { StaffAuthService } from '../src/auth/staff-auth.service';

describeEachDatabase('console sign-in, sessions and CSRF', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'console-auth');
    await createTree(sut);
  });
  afterAll(() => sut?.close());

  it('sends a browser without a session to the sign-in page, and back afterwards', async () => {
    const page = await sut.http.get('/admin/password?lang=vi');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/admin/sign-in?next=%2Fadmin%2Fpassword%3Flang%3Dvi');
    const form = await sut.http.get('/admin/sign-in');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Đăng nhập');
  });

  it('signs in with a session cookie that scripts cannot read, and never redirects off the site', async () => {
    await sut.app.get(StaffAuthService).createAccount({ email: 'can-bo@xa-a.gov.vn', password: PASSWORD, role: 'staff', unitCode: 'xa-a' });
    const answer = await signInForm(sut, { email: 'Can-Bo@xa-a.gov.vn', password: PASSWORD, next: 'https://evil.example/steal' });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/admin');
    const cookie = String(answer.headers['set-cookie']);
    expect(cookie).toMatch(/tthc_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    // Only the token's hash is stored.
    const token = /tthc_session=([^;]+)/.exec(cookie)![1];
    const rows: { tokenHash: string }[] = await sut.app.get(DataSource).query('SELECT tokenHash FROM staff_sessions');
    expect(rows.some((row) => row.tokenHash === token)).toBe(false);
  });

  it('refuses a wrong password, and throttles repeated failures with 429 and Retry-After', async () => {
    await sut.app.get(StaffAuthService).createAccount({ email: 'doan@xa-a.gov.vn', password: PASSWORD, role: 'viewer', unitCode: 'xa-a' });
    for (let i = 0; i < 5; i++) {
      const wrong = await signInForm(sut, { email: 'doan@xa-a.gov.vn', password: `sai-${i}` });
      expect(wrong.status).toBe(401);
      expect(wrong.text).toContain('không đúng');
    }
    const blocked = await signInForm(sut, { email: 'doan@xa-a.gov.vn', password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    sut.clock.advance(16 * 60 * 1000);
    expect((await signInForm(sut, { email: 'doan@xa-a.gov.vn', password: PASSWORD })).status).toBe(303);
    sut.clock.advance(-16 * 60 * 1000);
  });

  it('refuses a form without the session CSRF token', async () => {
    const { agent, csrf } = await signedIn(sut, 'csrf@xa-a.gov.vn', 'staff', 'xa-a');
    const without = await agent.post('/admin/password').type('form').send({ currentPassword: PASSWORD, newPassword: 'mot-mat-khau-moi-2025' });
    expect(without.status).toBe(403);
    const forged = await agent.post('/admin/password').type('form').send({ _csrf: 'x'.repeat(csrf.length), currentPassword: PASSWORD, newPassword: 'mot-mat-khau-moi-2025' });
    expect(forged.status).toBe(403);
    const real = await agent.post('/admin/password').type('form').send({ _csrf: csrf, currentPassword: PASSWORD, newPassword: 'mot-mat-khau-moi-2025' });
    expect(real.status).toBe(200);
    expect(real.text).toContain('Đã đổi mật khẩu');
  });

  it('changes a password only with the current one, and signs out', async () => {
    const { agent, csrf } = await signedIn(sut, 'doi-mat-khau@xa-a.gov.vn', 'viewer', 'xa-a');
    const wrong = await agent.post('/admin/password').type('form').send({ _csrf: csrf, currentPassword: 'sai-mat-khau', newPassword: 'mot-mat-khau-moi-2025' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('currentPassword: is not your current password');
    const short = await agent.post('/admin/password').type('form').send({ _csrf: csrf, currentPassword: PASSWORD, newPassword: 'ngan' });
    expect(short.text).toContain('password: at least 10 characters');
    const out = await agent.post('/admin/sign-out').type('form').send({ _csrf: csrf });
    expect(out.status).toBe(303);
    expect((await agent.get('/admin/password')).status).toBe(303);
  });

  it('sends security headers on console pages but lets portals frame the widget', async () => {
    const page = await sut.http.get('/admin/sign-in');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const api = await sut.http.get('/api/v1/units');
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    const widget = await sut.http.get('/widget/xa-a');
    expect(widget.headers['x-frame-options']).toBeUndefined();
    expect(widget.headers['content-security-policy']).toContain('frame-ancestors *');
  });

  it('switches to English with ?lang=en and remembers it', async () => {
    const agent = request.agent(sut.app.getHttpServer());
    const english = await agent.get('/admin/sign-in?lang=en');
    expect(english.text).toContain('Sign in');
    expect((await agent.get('/admin/sign-in')).text).toContain('Sign in');
    expect(csrfOf('<input type="hidden" name="_csrf" value="abc">')).toBe('abc');
  });
});

describe('rate limit of the public endpoints', () => {
  it('answers 429 with Retry-After past the limit per network address', async () => {
    const sut = await startTestApp('sqlite', 'rate-limit', { env: { PUBLIC_RATE_LIMIT: '5' } });
    try {
      await createTree(sut);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await sut.http.get('/widget/xa-a.json')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      for (let i = 0; i < 5; i++) expect((await sut.http.get('/api/v1/units/xa-a/stats')).status).toBe(200);
      const refused = await sut.http.get('/api/v1/units/xa-a/stats');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Other routes are not limited by it.
      expect((await sut.http.get('/api/v1/units')).status).toBe(200);
      // Counted on the service's clock: a minute later the address may ask again, and not before.
      sut.clock.advance(59_000);
      expect((await sut.http.get('/widget/xa-a.json')).status).toBe(429);
      sut.clock.advance(1_000);
      expect((await sut.http.get('/widget/xa-a.json')).status).toBe(200);
    } finally {
      await sut.close();
    }
  });
});

describeEachDatabase('the audit log of API calls', (kind) => {
  it('records who created a key, changed the calendar or loaded an import through the API', async () => {
    const sut = await startTestApp(kind, 'audit-api');
    try {
      await createTree(sut);
      const { ADMIN_KEY, bearer } = await import('./support/test-app');
      const created = await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'Một cửa huyện', unitCode: 'huyen' }).expect(201);
      await sut.http.put('/api/v1/calendar/days/2025-06-02').set(bearer(created.body.key)).send({ kind: 'holiday', name: 'Lễ hội', unitCode: 'xa-a' }).expect(200);
      await sut.http.delete(`/api/v1/api-keys/${created.body.id}`).set(bearer(ADMIN_KEY)).expect(204);
      const rows: { actor: string; action: string; details: string }[] = await sut.app.get(DataSource).query('SELECT actor, action, details FROM audit_log ORDER BY id');
      expect(rows.map((row) => row.action)).toEqual(['api-key-created', 'calendar-day', 'api-key-revoked']);
      expect(rows[0].actor).toMatch(/^key:\d+$/);
      expect(rows[1].actor).toBe(`key:${created.body.id}`);
      expect(rows[1].details).toContain('2025-06-02 holiday "Lễ hội" (xa-a)');
    } finally {
      await sut.close();
    }
  });
});
