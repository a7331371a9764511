import { DataSource } from 'typeorm';
import { ImportsService } from '../src/imports/imports.service';
import { buildDossier } from './factories/dossier.factory';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree, send, stats } from './support/tree';

/**
 * Records and inputs shaped to hurt — instants past year 9999, deadlines two centuries ahead,
 * text that is not UTF-8, 1 MB values — are refused by name, their valid siblings stored, and
 * every list still answers.
 */

// Now: Wednesday 11/06/2025 10:00 in Vietnam.
const NOW = '2025-06-11T03:00:00Z';
const OUTSIDE = 'is outside the dates this service accepts (1900-01-01 to 2199-12-31, Vietnam time)';
const NOT_UTF8 = 'is not valid UTF-8 text';

describeEachDatabase('hostile records and inputs', (kind) => {
  let sut: TestApp;
  let communeKey: string;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'hostile', { now: NOW });
    await createTree(sut);
    communeKey = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'một cửa', unitCode: 'xa-a' })).body.key;
  });
  afterAll(() => sut?.close());

  const open = (code: string, dueAt: string, unitCode = 'xa-a') =>
    buildDossier({ code, unitCode, status: 'processing', receivedAt: '2025-06-02T08:00', dueAt, procedureName: 'Đăng ký khai sinh' });
  const openList = (unitCode: string, query: Record<string, string | number> = {}) =>
    sut.http.get(`/api/v1/units/${unitCode}/open`).query(query).set(bearer(ADMIN_KEY));
  const query = (sql: string, parameters: unknown[] = []) => sut.app.get(DataSource).query(sql, parameters);
  const codesIn = async (unitCode: string): Promise<string[]> =>
    (await query('SELECT d.code FROM dossiers d JOIN units u ON u.id = d.unitId WHERE u.code = ? ORDER BY d.code', [unitCode])).map((row: { code: string }) => row.code);

  const importCsv = async (unitCode: string, name: string, content: Buffer) => {
    const started = await sut.http.post('/api/v1/imports').set(bearer(ADMIN_KEY)).field('unitCode', unitCode).attach('file', content, name);
    expect(started.status).toBe(202);
    await sut.app.get(ImportsService).settled();
    return (await sut.http.get(`/api/v1/imports/${started.body.id}`).set(bearer(ADMIN_KEY)).expect(200)).body;
  };
  const CSV_HEADER = 'Mã hồ sơ,Trạng thái,Ngày tiếp nhận,Ngày hẹn trả,Tên thủ tục\r\n';

  describe('an instant past year 9999 in UTC', () => {
    it('is rejected with its index, code and field; its siblings are stored, and every list still answers', async () => {
      const response = await send(sut, [open('Y-GOOD-1', '2025-06-20'), open('Y-FAR', '9999-12-31T23:59:59-14:00'), open('Y-GOOD-2', '2025-06-13')]);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ created: 2, rejected: [{ index: 1, code: 'Y-FAR', errors: [`dueAt: "9999-12-31T23:59:59-14:00" ${OUTSIDE}`] }] });
      expect(await codesIn('xa-a')).toEqual(expect.arrayContaining(['Y-GOOD-1', 'Y-GOOD-2']));
      expect(await codesIn('xa-a')).not.toContain('Y-FAR');

      const list = await openList('xa-a').expect(200);
      expect(list.body.items.map((item: { code: string }) => item.code)).toEqual(expect.arrayContaining(['Y-GOOD-1', 'Y-GOOD-2']));
      await openList('xa-a').set('Accept', 'text/csv').expect(200);
      await openList('huyen', { includeChildren: 'true' }).expect(200);
      expect((await stats(sut, 'xa-a', { from: '2025-01-01', to: '2025-06-11' })).open.overdue).toBe(0);
    });

    it.each`
      value                           | why
      ${'2199-12-31T23:59:59-14:00'}  | ${'−14:00 pushes the last accepted day into 2200 in Vietnam'}
      ${'2200-01-01'}                 | ${'the first day after the range'}
      ${'1899-12-31T23:59:59+07:00'}  | ${'the day before the range'}
    `('rejects $value in every time field the same way ($why)', async ({ value }) => {
      const response = await send(sut, [
        { ...open('R-DUE', value) },
        { ...open('R-EXT', '2025-06-20'), extendedDueAt: value },
        { ...open('R-SRC', '2025-06-20'), sourceUpdatedAt: value },
      ]);
      expect(response.status).toBe(200);
      expect(response.body.rejected).toEqual([
        { index: 0, code: 'R-DUE', errors: [`dueAt: "${value}" ${OUTSIDE}`] },
        { index: 1, code: 'R-EXT', errors: [`extendedDueAt: "${value}" ${OUTSIDE}`] },
        { index: 2, code: 'R-SRC', errors: [`sourceUpdatedAt: "${value}" ${OUTSIDE}`] },
      ]);
    });

    it('refuses the row of a CSV import by its line, and stores the other rows', async () => {
      const csv = `${CSV_HEADER}CSV-Y-1,Đang xử lý,09/06/2025 08:00,20/06/2025,Khai sinh\r\nCSV-Y-FAR,Đang xử lý,09/06/2025 08:00,9999-12-31T23:59:59-14:00,Khai sinh\r\nCSV-Y-2,Đang xử lý,09/06/2025 08:00,21/06/2025,Khai sinh\r\n`;
      const done = await importCsv('xa-b', 'far.csv', Buffer.from(csv, 'utf8'));
      expect(done).toMatchObject({ status: 'done', counts: { created: 2, rejected: 1 } });
      expect(done.rejectedRows).toEqual([{ line: 3, code: 'CSV-Y-FAR', errors: [`dueAt: "9999-12-31T23:59:59-14:00" ${OUTSIDE}`] }]);
      expect(await codesIn('xa-b')).toEqual(['CSV-Y-1', 'CSV-Y-2']);
      await openList('xa-b').expect(200);
    });

    it('applies the same range to the dates of queries, calendar days and report periods', async () => {
      const far = await sut.http.get('/api/v1/units/xa-a/stats').query({ from: '2200-01-01', to: '2200-06-30' }).expect(400);
      expect(far.body.message).toBe(`from: 2200-01-01 ${OUTSIDE}`);
      const widget = await sut.http.get('/widget/xa-a.json').query({ from: '1899-01-01', to: '1899-12-31' });
      expect(widget.status).toBe(400);
      const day = await sut.http.put('/api/v1/calendar/days/9999-12-30').set(bearer(ADMIN_KEY)).send({ kind: 'holiday', name: 'Xa' }).expect(400);
      expect(day.body.message).toBe(`date: 9999-12-30 ${OUTSIDE}`);
      const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//vi', 'BEGIN:VEVENT', 'UID:1', 'DTSTART;VALUE=DATE:99991230', 'SUMMARY:Xa', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
      const imported = await sut.http.post('/api/v1/calendar/import').set(bearer(ADMIN_KEY)).set('Content-Type', 'text/calendar').send(ics).expect(400);
      expect(imported.body.errors).toEqual([`event 1 ("Xa"): DTSTART 9999-12-30 ${OUTSIDE}`]);
      const subscription = await sut.http
        .post('/api/v1/report-subscriptions')
        .set(bearer(ADMIN_KEY))
        .send({ unitCode: 'xa-a', recipients: ['a@xa.gov.vn'], periodKind: 'year', sendAt: '07:30', sendDay: 1 })
        .expect(201);
      const preview = await sut.http.get(`/api/v1/report-subscriptions/${subscription.body.id}/preview`).query({ period: '2300' }).set(bearer(ADMIN_KEY)).expect(400);
      expect(preview.body.message).toBe(`period: "2300" (2300-01-01 to 2300-12-31) ${OUTSIDE}`);
    });
  });

  describe('an iCalendar file shaped to cost', () => {
    const calendar = (events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//vi', ...events, 'END:VCALENDAR'].join('\r\n');
    const event = (n: number, date: string) => ['BEGIN:VEVENT', `UID:${n}`, `DTSTART;VALUE=DATE:${date}`, 'SUMMARY:Nghỉ', 'END:VEVENT'];
    const importIcs = (body: string, key = ADMIN_KEY, unitCode = 'xa-a') =>
      sut.http.post('/api/v1/calendar/import').query({ unitCode }).set(bearer(key)).set('Content-Type', 'text/calendar').send(body);

    it('is refused for a key that may not change that calendar before it is read', async () => {
      const other = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'xã B', unitCode: 'xa-b' })).body.key;
      const refused = await importIcs('BEGIN:VCALENDAR\r\nnot a calendar', other);
      expect(refused.status).toBe(403);
    });

    it('refuses more events than a file may hold, naming the bound, and stores nothing', async () => {
      const events = Array.from({ length: 2_001 }, (_, n) => event(n, '20260105')).flat();
      const refused = await importIcs(calendar(events));
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual(['file: holds 2,001 events, more than the 2,000 one file may hold']);
      expect(await query("SELECT date FROM calendar_days WHERE date = '2026-01-05'")).toEqual([]);
    });

    it('lists at most 20 refused events and counts the rest', async () => {
      const events = Array.from({ length: 50 }, (_, n) => event(n, '99991230')).flat();
      const refused = await importIcs(calendar(events));
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toHaveLength(21);
      expect(refused.body.errors[20]).toBe('… and 30 more events refused');
    });
  });

  describe('a computed deadline moved by a longer procedure', () => {
    it('stays inside the dates the service stores', async () => {
      const procedure = (processingDays: number) =>
        sut.http.put('/api/v1/procedures/9.000001').set(bearer(ADMIN_KEY)).send({ name: 'Thủ tục thử', field: 'Khác', processingDays }).expect((r) => expect([200, 201]).toContain(r.status));
      await procedure(1);
      sut.clock.set('2199-12-26T03:00:00Z'); // a Thursday
      try {
        const sent = await send(sut, [{ code: 'F-2199', unitCode: 'xa-b', procedureCode: '9.000001', status: 'processing', receivedAt: '2199-12-26T09:00' }]);
        expect(sent.body.created).toBe(1);
        const dueOf = async () => (await query("SELECT d.dueAt FROM dossiers d WHERE d.code = 'F-2199'"))[0].dueAt;
        const before = new Date(await dueOf()).toISOString();
        await procedure(10); // ten working days from 26/12/2199 end in January 2200
        expect(new Date(await dueOf()).toISOString()).toBe(before);
        expect((await openList('xa-b')).status).toBe(200);
      } finally {
        sut.clock.set(NOW);
      }
    });
  });

  describe('deadlines far in the future', () => {
    it('refuses 9999-12-30, and counts working days left exactly for deadlines up to the last accepted day', async () => {
      const refused = await send(sut, [open('F-9999', '9999-12-30')]);
      expect(refused.body.rejected).toEqual([{ index: 0, code: 'F-9999', errors: [`dueAt: "9999-12-30" ${OUTSIDE}`] }]);

      const deadlines = ['2199-12-31', '2199-12-30', '2150-02-01', '2100-01-01', '2031-03-15'];
      const response = await send(sut, deadlines.map((dueAt, i) => open(`F-${i}`, dueAt, 'tinh')));
      expect(response.body).toMatchObject({ created: 5, rejected: [] });

      const list = (await openList('tinh').expect(200)).body;
      const left = Object.fromEntries(list.items.map((item: { code: string; workingDaysLeft: number }) => [item.code, item.workingDaysLeft]));
      const calendar = (await sut.http.get('/api/v1/calendar/days').query({ from: '2025-06-12', to: '2199-12-31' }).expect(200)).body.days;
      deadlines.forEach((dueAt, i) => expect([dueAt, left[`F-${i}`]]).toEqual([dueAt, countedDayByDay('2025-06-11', dueAt, calendar)]));
      expect(left['F-0']).toBeGreaterThan(43_000);

      const csv = await openList('tinh').set('Accept', 'text/csv').expect(200);
      expect(csv.text).toContain(`,${left['F-0']}\r\n`);
      await sut.http.get('/api/v1/units/tinh/stats').query({ groupBy: 'month' }).expect(200);
    });
  });

  describe('text that is not valid UTF-8', () => {
    const storedText = async (): Promise<string[]> => {
      const rows: Record<string, unknown>[] = await query('SELECT code, procedureName, field, procedureCode FROM dossiers');
      return rows.flatMap((row) => Object.values(row).filter((value): value is string => typeof value === 'string'));
    };
    const broken = (text: string) => text.includes('\uFFFD') || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

    it('rejects a lone surrogate sent as a JSON escape, naming index, code and field, and stores the siblings', async () => {
      const body =
        '{"dossiers": [' +
        `${JSON.stringify(open('T-GOOD-1', '2025-06-20'))},` +
        '{"code": "T-LONE", "unitCode": "xa-a", "status": "processing", "receivedAt": "2025-06-02T08:00", "dueAt": "2025-06-20", "procedureName": "Khai sinh \\ud800"},' +
        '{"code": "T-LOW", "unitCode": "xa-a", "status": "processing", "receivedAt": "2025-06-02T08:00", "dueAt": "2025-06-20", "field": "\\udc00Hộ tịch"},' +
        `${JSON.stringify(open('T-GOOD-2', '2025-06-20'))}]}`;
      const response = await sut.http.post('/api/v1/dossiers').set(bearer(ADMIN_KEY)).set('Content-Type', 'application/json').send(body);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        created: 2,
        rejected: [
          { index: 1, code: 'T-LONE', errors: [`procedureName: ${NOT_UTF8} (a lone surrogate U+D800 at character 11)`] },
          { index: 2, code: 'T-LOW', errors: [`field: ${NOT_UTF8} (a lone surrogate U+DC00 at character 1)`] },
        ],
      });
      expect(await codesIn('xa-a')).toEqual(expect.arrayContaining(['T-GOOD-1', 'T-GOOD-2']));
      expect((await storedText()).filter(broken)).toEqual([]);
    });

    it('rejects bytes that are not UTF-8 in a JSON body (read as U+FFFD), naming the field', async () => {
      const before = Buffer.from(`{"dossiers": [${JSON.stringify(open('B-GOOD', '2025-06-20'))}, {"code": "B-BYTES", "unitCode": "xa-a", "status": "processing", "receivedAt": "2025-06-02T08:00", "dueAt": "2025-06-20", "procedureName": "Th`, 'utf8');
      const after = Buffer.from(' tục"}]}', 'utf8');
      const body = Buffer.concat([before, Buffer.from([0xe1, 0xbb]), after]);
      // Sent as the bytes they are: superagent would serialise a Buffer as JSON of its bytes.
      const response = await sut.http
        .post('/api/v1/dossiers')
        .set(bearer(ADMIN_KEY))
        .set('Content-Type', 'application/json')
        .serialize((bytes) => bytes as unknown as string)
        .send(body);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ created: 1, rejected: [{ index: 1, code: 'B-BYTES', errors: [expect.stringMatching(/^procedureName: is not valid UTF-8 text \(U\+FFFD/)] }] });
      expect(await codesIn('xa-a')).toContain('B-GOOD');
      expect((await storedText()).filter(broken)).toEqual([]);
    });

    it('refuses a CSV row with bytes that are not UTF-8 by its line and field, and stores the other rows', async () => {
      const rows = [
        Buffer.from(`\uFEFF${CSV_HEADER}CSV-T-1,Đang xử lý,09/06/2025 08:00,20/06/2025,Khai sinh\r\nCSV-T-BAD,Đang xử lý,09/06/2025 08:00,20/06/2025,Kh`, 'utf8'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from(' sinh\r\nCSV-T-2,Đang xử lý,09/06/2025 08:00,20/06/2025,Khai sinh\r\n', 'utf8'),
      ];
      const done = await importCsv('huyen', 'bytes.csv', Buffer.concat(rows));
      expect(done).toMatchObject({ status: 'done', counts: { created: 2, rejected: 1 } });
      expect(done.rejectedRows).toEqual([{ line: 3, code: 'CSV-T-BAD', errors: [expect.stringMatching(/^procedureName: is not valid UTF-8 text \(U\+FFFD/)] }]);
      expect(await codesIn('huyen')).toEqual(['CSV-T-1', 'CSV-T-2']);
      expect((await storedText()).filter(broken)).toEqual([]);
    });

    it.each`
      what                       | method   | path                                   | body
      ${'a unit name'}           | ${'post'} | ${'/api/v1/units'}                     | ${'{"code": "xa-lone", "name": "Xã \\ud800", "level": "commune", "parentCode": "huyen"}'}
      ${'an API key name'}       | ${'post'} | ${'/api/v1/api-keys'}                  | ${'{"name": "Một cửa \\udfff", "unitCode": "xa-a"}'}
      ${'a calendar day name'}   | ${'put'}  | ${'/api/v1/calendar/days/2025-12-24'}  | ${'{"kind": "holiday", "name": "Nghỉ \\ud83d"}'}
      ${'a procedure name'}      | ${'put'}  | ${'/api/v1/procedures/9.999999'}       | ${'{"name": "Thủ tục \\ud800", "field": "Khác", "processingDays": 3}'}
      ${'a report recipient'}    | ${'post'} | ${'/api/v1/report-subscriptions'}      | ${'{"unitCode": "xa-a", "recipients": ["a\\ud800@xa.gov.vn"], "periodKind": "month", "sendAt": "07:30", "sendDay": 1}'}
    `('answers 400 naming the field for a lone surrogate in $what', async ({ method, path, body }) => {
      const response = await (sut.http as unknown as Record<string, (path: string) => import('supertest').Test>)[method](path).set(bearer(ADMIN_KEY)).set('Content-Type', 'application/json').send(body);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toMatch(/(name|recipients\[0\]): is not valid UTF-8 text \(a lone surrogate U\+D[0-9A-F]{3} at character \d+\)/);
    });

    it('refuses a staff account name or e-mail and an uploaded file name that are not valid text', async () => {
      const { StaffAuthService } = await import('../src/auth/staff-auth.service');
      const accounts = sut.app.get(StaffAuthService);
      const account = (fields: { email: string; name?: string }) =>
        accounts.createAccount({ ...fields, password: 'mat-khau-thu-nghiem-2025', role: 'staff', unitCode: 'xa-a' });
      // The service refuses in its own terms (DomainError): its details carry the lines an answer lists.
      await expect(account({ email: 'can-bo@xa-a.gov.vn', name: 'Nguyễn \ud800' })).rejects.toMatchObject({
        details: { errors: [expect.stringMatching(/^name: is not valid UTF-8 text \(a lone surrogate U\+D800/)] },
      });
      // A long name is cut to its column between characters, never inside an emoji.
      await account({ email: 'dai@xa-a.gov.vn', name: `${'a'.repeat(199)}👶` });
      await expect(account({ email: 'can\ufffdbo@xa-a.gov.vn' })).rejects.toMatchObject({ details: { errors: [expect.stringMatching(/^email: is not valid UTF-8 text/)] } });
      // A file name whose bytes are not UTF-8, written into the multipart body byte for byte.
      const boundary = 'ranh-gioi-0123456789';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="unitCode"\r\n\r\nxa-a\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x`),
        Buffer.from([0xff]),
        Buffer.from(`.csv"\r\nContent-Type: text/csv\r\n\r\nMã hồ sơ\r\n\r\n--${boundary}--\r\n`),
      ]);
      const upload = await sut.http.post('/api/v1/imports').set(bearer(ADMIN_KEY)).set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body);
      expect(upload.status).toBe(400);
      expect(upload.body.message).toMatch(/^file: the file name is not valid UTF-8 text/);
      expect(await query('SELECT fileName FROM imports')).not.toContainEqual({ fileName: expect.stringContaining('\ufffd') });
    });

    it('stores none of them', async () => {
      const names: string[] = [
        ...(await query('SELECT name FROM units')),
        ...(await query('SELECT name FROM api_keys')),
        ...(await query('SELECT name FROM calendar_days')),
        ...(await query('SELECT name FROM procedures')),
        ...(await query('SELECT recipients AS name FROM report_subscriptions')),
        ...(await query('SELECT name FROM staff_accounts')),
        ...(await query('SELECT email AS name FROM staff_accounts')),
        ...(await query('SELECT fileName AS name FROM imports')),
      ].map((row: { name: string }) => row.name);
      expect(names.filter(broken)).toEqual([]);
      expect(await query("SELECT code FROM units WHERE code = 'xa-lone'")).toEqual([]);
    });
  });

  describe('what an error quotes (the cap)', () => {
    it('quotes at most 60 characters of a 1 MB value, then its length', async () => {
      const huge = '9'.repeat(1_000_000);
      const response = await send(sut, [{ ...open('Q-HUGE', '2025-06-20'), dueAt: huge }, open('Q-GOOD', '2025-06-20')]);
      expect(response.status).toBe(200);
      const [error] = response.body.rejected[0].errors;
      expect(error).toBe(`dueAt: "${'9'.repeat(60)}…(1000000 characters)" is not an ISO 8601 date (2025-06-10) or date-time (2025-06-10T08:15:00+07:00)`);
      expect(JSON.stringify(response.body).length).toBeLessThan(1000);
    });

    it('caps a 1 MB code that names the record, and a long query value', async () => {
      const response = await send(sut, [{ ...open('x', '2025-06-20'), code: 'C'.repeat(1_000_000) }]);
      expect(response.body.rejected).toEqual([{ index: 0, code: `${'C'.repeat(60)}…(1000000 characters)`, errors: ['code: must be 1–64 characters'] }]);
      const long = await sut.http.get('/api/v1/units/xa-a/stats').query({ from: `2025-${'1'.repeat(5000)}` }).expect(400);
      expect(long.body.message).toBe(`from: "2025-${'1'.repeat(55)}…(5005 characters)" is not a date YYYY-MM-DD`);
    });
  });
});

/** The oracle: working days in (from, to], walked one day at a time over the published calendar. */
function countedDayByDay(from: string, to: string, days: { date: string; kind: string }[]): number {
  const kinds = new Map(days.map((day) => [day.date, day.kind]));
  let count = 0;
  for (let t = Date.parse(`${from}T00:00:00Z`) + 86_400_000; t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const kind = kinds.get(date);
    const weekday = new Date(t).getUTCDay();
    if (kind === 'workday' || (kind !== 'holiday' && weekday !== 0 && weekday !== 6)) count++;
  }
  return count;
}
