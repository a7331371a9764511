import { Logger } from '@nestjs/common';
import { createHash, createHmac } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PASSWORD, browser, csrfOf, signInForm, signedIn } from './support/console';
import { TestApp, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree } from './support/tree';
import { CONSOLE_VI } from '../src/i18n/console.vi';
import { HASH_QUEUE, HASH_SLOTS } from '../src/auth/hash-slots';
import * as passwords from '../src/auth/passwords';
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

/**
 * Guessing that does not wait for its answers: many sign-ins at once for one account, or for
 * many addresses, and a database that is slow to write. Every bound is on counts (password
 * checks made, hashes at a time), never on time: the checks are counted by a spy on the
 * password verifier, and held where the test needs them held.
 */
describeEachDatabase('sign-in under concurrent guessing', (kind) => {
  let sut: TestApp;
  let address = 0;
  /** A new client address each time, as an attacker with many addresses would have. */
  const nextAddress = () => `198.18.${Math.floor(++address / 250)}.${(address % 250) + 1}`;
  const fromAnywhere = () => ({ 'X-Forwarded-For': nextAddress() });
  const create = (email: string) => sut.app.get(StaffAuthService).createAccount({ email, password: PASSWORD, role: 'staff', unitCode: 'xa-a' });
  const text = CONSOLE_VI;
  const WRONG = [401, text.wrongCredentials];
  const TOO_MANY = [429, text.tooMany.replace('{{minutes}}', '15')];
  const IN_FLIGHT = [429, text.signInInFlight];

  beforeAll(async () => {
    sut = await startTestApp(kind, 'sign-in-concurrent', { env: { TRUST_PROXY: 'loopback' } });
    await createTree(sut);
  });
  afterAll(() => sut?.close());
  afterEach(() => jest.restoreAllMocks());

  const answerOf = (answer: request.Response) => [answer.status, alertOf(answer.text)];
  const statusCount = (answers: request.Response[], status: number) => answers.filter((answer) => answer.status === status).length;

  it('checks at most 5 passwords of 60 guesses sent at once for one account from one address', async () => {
    await create('dong-loat@xa-a.gov.vn');
    const checks = jest.spyOn(passwords, 'verifyPassword');
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => signInForm(sut, { email: 'dong-loat@xa-a.gov.vn', password: `doan-${i}` })));
    expect(checks.mock.calls.length).toBeLessThanOrEqual(5);
    expect(statusCount(answers, 401)).toBe(checks.mock.calls.length);
    for (const answer of answers) {
      expect([WRONG, TOO_MANY, IN_FLIGHT]).toContainEqual(answerOf(answer));
      if (answer.status === 429) expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('checks at most 10 passwords of 60 guesses sent at once from 60 addresses, and answers an unknown address in the same words', async () => {
    await create('nhieu-noi@xa-a.gov.vn');
    for (const email of ['nhieu-noi@xa-a.gov.vn', 'khong-ai-ca@xa-a.gov.vn']) {
      const checks = jest.spyOn(passwords, 'verifyPassword');
      const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => signInForm(sut, { email, password: `doan-${i}` }, browser(sut), fromAnywhere())));
      expect(checks.mock.calls.length).toBeLessThanOrEqual(10);
      expect(statusCount(answers, 401)).toBe(checks.mock.calls.length);
      for (const answer of answers) expect([WRONG, TOO_MANY, IN_FLIGHT]).toContainEqual(answerOf(answer));
      checks.mockRestore();
    }
  });

  it(`hashes at most ${HASH_SLOTS} passwords at a time, queues ${HASH_QUEUE}, and answers the rest 503 with Retry-After`, async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let running = 0;
    let most = 0;
    let overflow!: () => void;
    const overflowed = new Promise<void>((resolve) => (overflow = resolve));
    // Each hash is held until the test lets go, so which requests wait for one is not a matter of speed.
    const checks = jest.spyOn(passwords, 'verifyPassword').mockImplementation(async () => {
      most = Math.max(most, ++running);
      if (running > HASH_SLOTS) overflow();
      await released;
      running--;
      return false;
    });
    const pending = Array.from({ length: 60 }, (_, i) => signInForm(sut, { email: `khach-${i}@xa-a.gov.vn`, password: 'doan' }));
    const refusedCount = 60 - HASH_SLOTS - HASH_QUEUE;
    const answered: request.Response[] = [];
    const refused = new Promise<void>((resolve) => pending.forEach((answer) => void answer.then((one) => answered.push(one) === refusedCount && resolve())));
    await Promise.race([refused, overflowed]);
    expect(most).toBe(HASH_SLOTS);
    expect(checks.mock.calls.length).toBe(HASH_SLOTS);
    for (const answer of answered) {
      expect(answerOf(answer)).toEqual([503, text.signInBusy]);
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    }
    release();
    const all = await Promise.all(pending);
    expect(statusCount(all, 401)).toBe(HASH_SLOTS + HASH_QUEUE);
    expect(checks.mock.calls.length).toBe(HASH_SLOTS + HASH_QUEUE);
    expect(most).toBe(HASH_SLOTS);
  });

  it('lets the owner\'s own browser in after five failures from its address, which hold every other browser there', async () => {
    await create('van-phong@xa-a.gov.vn');
    const owner = browser(sut);
    const office = { 'X-Forwarded-For': '203.0.113.50' };
    expect((await signInForm(sut, { email: 'van-phong@xa-a.gov.vn', password: PASSWORD }, owner, office)).status).toBe(303);
    for (let i = 0; i < 5; i++) expect(answerOf(await signInForm(sut, { email: 'van-phong@xa-a.gov.vn', password: `sai-${i}` }, browser(sut), office))).toEqual(WRONG);
    expect((await signInForm(sut, { email: 'van-phong@xa-a.gov.vn', password: PASSWORD }, browser(sut), office)).status).toBe(429);
    expect((await signInForm(sut, { email: 'van-phong@xa-a.gov.vn', password: PASSWORD }, owner, office)).status).toBe(303);
    // The mark is no licence to guess: it is counted on its own, and throttled after five wrong passwords too.
    for (let i = 0; i < 5; i++) expect(answerOf(await signInForm(sut, { email: 'van-phong@xa-a.gov.vn', password: `sai-${i}` }, owner, office))).toEqual(WRONG);
    expect(answerOf(await signInForm(sut, { email: 'van-phong@xa-a.gov.vn', password: PASSWORD }, owner, office))).toEqual(TOO_MANY);
  });

  it('answers failed sign-ins without waiting for any write about the account, as it answers an unknown address', async () => {
    await create('ghi-cham@xa-a.gov.vn');
    const writes = interceptAccountWrites(sut, 'hold');
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    try {
      for (let i = 0; i < 11; i++) {
        known.push(answerOf(await signInForm(sut, { email: 'ghi-cham@xa-a.gov.vn', password: 'doan-mo' }, browser(sut), fromAnywhere())));
        unknown.push(answerOf(await signInForm(sut, { email: 'khong-ai-cham@xa-a.gov.vn', password: 'doan-mo' }, browser(sut), fromAnywhere())));
      }
      expect(known).toEqual([...Array(10).fill(WRONG), TOO_MANY]);
      expect(unknown).toEqual(known);
      expect(writes.seen.length).toBeGreaterThan(0);
    } finally {
      writes.release();
    }
    // Held, not lost: the owner will be told of all 11, and the lock is in the audit log.
    await sut.app.get(StaffAuthService).settled();
    const [row] = await sut.app.get(DataSource).query('SELECT failedSignInsUnseen AS unseen FROM staff_accounts WHERE email = ?', ['ghi-cham@xa-a.gov.vn']);
    expect(Number(row.unseen)).toBe(11);
    const locks: { actor: string }[] = await sut.app.get(DataSource).query("SELECT actor FROM audit_log WHERE action = 'sign-in-locked'");
    expect(locks.filter((lock) => lock.actor.endsWith(' ghi-cham@xa-a.gov.vn'))).toHaveLength(1);
  });

  it('answers as ever when those writes fail, and logs the failure without the address', async () => {
    await create('ghi-loi@xa-a.gov.vn');
    const logged = [jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined), jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined)];
    interceptAccountWrites(sut, 'fail');
    const answers: unknown[] = [];
    for (let i = 0; i < 11; i++) answers.push(answerOf(await signInForm(sut, { email: 'ghi-loi@xa-a.gov.vn', password: 'doan-mo' }, browser(sut), fromAnywhere())));
    expect(answers).toEqual([...Array(10).fill(WRONG), TOO_MANY]);
    await sut.app.get(StaffAuthService).settled();
    const lines = JSON.stringify(logged.flatMap((spy) => spy.mock.calls));
    expect(lines).toMatch(/sign-in/);
    expect(lines).not.toContain('ghi-loi');
  });

  it('keys the failure count with a secret, so a list of addresses does not reverse it', async () => {
    const dataSource = sut.app.get(DataSource);
    // Someone typed a password into the e-mail field.
    const typed = 'mat-khau-go-nham-2025';
    expect((await signInForm(sut, { email: typed, password: 'x' }, browser(sut), fromAnywhere())).status).toBe(401);
    const keys = (await dataSource.query('SELECT emailHash FROM sign_in_failures')).map((row: { emailHash: string }) => row.emailHash);
    expect(keys).not.toContain(createHash('sha256').update(typed).digest('hex'));
    expect(keys.every((key: string) => /^[0-9a-f]{64}$/.test(key))).toBe(true);
    // Keyed by the service's own random secret, kept in the database for every instance.
    const [row] = await dataSource.query("SELECT secret FROM service_secrets WHERE name = 'sign-in-failures'");
    expect(String(row.secret)).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(keys).toContain(createHmac('sha256', Buffer.from(row.secret, 'base64url')).update(typed).digest('hex'));
  });
});

const alertOf = (html: string) => /<p class="alert" role="alert">([^<]*)<\/p>/.exec(html)?.[1] ?? null;

/**
 * Every write to the accounts table and the audit log, as a slow or failing database would
 * treat it: `hold` keeps each until `release`, `fail` refuses each with an error that quotes
 * the row, as MySQL's messages do.
 */
function interceptAccountWrites(sut: TestApp, mode: 'hold' | 'fail') {
  const prototype = Object.getPrototypeOf(sut.app.get(DataSource).createQueryRunner()) as { query: (sql: string, ...rest: unknown[]) => Promise<unknown> };
  const original = prototype.query;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const seen: string[] = [];
  jest.spyOn(prototype, 'query').mockImplementation(async function (this: unknown, sql: string, ...rest: unknown[]) {
    if (/^\s*(INSERT|UPDATE)\b[\s\S]*\b(staff_accounts|audit_log)\b/i.test(sql)) {
      seen.push(sql);
      if (mode === 'fail') throw new Error(`write refused: ${JSON.stringify(rest[0])}`);
      await released;
    }
    return original.call(this, sql, ...rest);
  });
  return { seen, release };
}
