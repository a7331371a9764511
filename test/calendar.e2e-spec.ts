import { buildDossier } from './factories/dossier.factory';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree, send, stats } from './support/tree';

/** The stored deadline of a dossier, as the API's open list shows it. */
async function dueAtOf(sut: TestApp, unitCode: string, code: string): Promise<string> {
  const list = await sut.http.get(`/api/v1/units/${unitCode}/open`).query({ pageSize: 500 }).set(bearer(ADMIN_KEY)).expect(200);
  const item = list.body.items.find((candidate: { code: string }) => candidate.code === code);
  if (!item) throw new Error(`${code} is not in the open list of ${unitCode}`);
  return item.dueAt;
}

const putProcedure = (sut: TestApp, code: string, processingDays: number) =>
  sut.http.put(`/api/v1/procedures/${code}`).set(bearer(ADMIN_KEY)).send({ name: `Thủ tục ${code}`, field: 'Hộ tịch', processingDays });

describeEachDatabase('working-day calendar and computed deadlines (docs/figures.md §4)', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'calendar', { now: '2025-01-24T03:00:00Z' });
    await createTree(sut);
    await putProcedure(sut, '1.001193', 5).expect(200);
    await putProcedure(sut, '2.000815', 3).expect(200);
  });
  afterAll(() => sut?.close());

  it('is seeded with the 2025 Tết break and the 30/4 swap', async () => {
    const days = (await sut.http.get('/api/v1/calendar/days').query({ from: '2025-01-01', to: '2025-05-31' }).expect(200)).body.days;
    const holidays = days.filter((day: { kind: string }) => day.kind === 'holiday').map((day: { date: string }) => day.date);
    expect(holidays).toEqual(expect.arrayContaining(['2025-01-01', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-04-07', '2025-04-30', '2025-05-01', '2025-05-02']));
    expect(days).toContainEqual(expect.objectContaining({ date: '2025-04-26', kind: 'workday' }));
  });

  it('gives a dossier received Friday 24/01/2025 10:00 for a 5-working-day procedure the deadline Friday 07/02/2025', async () => {
    // Official 2025 schedule: off from Saturday 25/01 to Sunday 02/02; work resumes Monday 03/02.
    // Working days after the day of receipt: 03, 04, 05, 06, 07/02 → due at the end of 07/02.
    const record = buildDossier({ code: 'TET-1', unitCode: 'xa-a', procedureCode: '1.001193', status: 'processing', receivedAt: '2025-01-24T10:00:00', dueAt: undefined });
    expect((await send(sut, [record])).body).toMatchObject({ created: 1, rejected: [] });
    expect(await dueAtOf(sut, 'xa-a', 'TET-1')).toBe('2025-02-07T16:59:59.999Z');
  });

  it('takes the field and name from the catalogue when the record leaves them out', async () => {
    const record = { code: 'CAT-1', unitCode: 'xa-a', procedureCode: '1.001193', status: 'processing', receivedAt: '2025-01-24T10:00:00' };
    await send(sut, [record]);
    const list = await sut.http.get('/api/v1/units/xa-a/open').set(bearer(ADMIN_KEY)).expect(200);
    expect(list.body.items.find((item: { code: string }) => item.code === 'CAT-1')).toMatchObject({ field: 'Hộ tịch', procedureName: 'Thủ tục 1.001193' });
  });

  it('rejects a record with neither dueAt nor a known procedure, naming both fields', async () => {
    const response = await send(sut, [
      { code: 'NO-DUE-1', unitCode: 'xa-a', status: 'processing', receivedAt: '2025-01-20T08:00' },
      { code: 'NO-DUE-2', unitCode: 'xa-a', procedureCode: '9.999999', status: 'processing', receivedAt: '2025-01-20T08:00' },
    ]);
    expect(response.body.rejected).toEqual([
      { index: 0, code: 'NO-DUE-1', errors: ["dueAt: is required when the procedure's processing time is not known", 'procedureCode: is required to compute dueAt'] },
      {
        index: 1,
        code: 'NO-DUE-2',
        errors: ["dueAt: is required when the procedure's processing time is not known", 'procedureCode: "9.999999" is not in the procedure catalogue, so dueAt cannot be computed'],
      },
    ]);
  });

  describe('a holiday added or removed', () => {
    beforeAll(async () => {
      sut.clock.set('2025-03-03T01:00:00Z');
      await send(sut, [
        // Monday 03/03, 3 working days → Thursday 06/03.
        buildDossier({ code: 'COMPUTED', unitCode: 'xa-b', procedureCode: '2.000815', status: 'processing', receivedAt: '2025-03-03T08:00', dueAt: undefined }),
        buildDossier({ code: 'GIVEN', unitCode: 'xa-b', procedureCode: '2.000815', status: 'processing', receivedAt: '2025-03-03T08:00', dueAt: '2025-03-06' }),
      ]);
      sut.clock.set('2025-03-07T03:00:00Z'); // Friday 07/03 10:00
      await send(sut, [
        buildDossier({ code: 'SETTLED', unitCode: 'xa-b', procedureCode: '2.000815', status: 'resolved', receivedAt: '2025-03-03T08:00', resolvedAt: '2025-03-07T09:00', dueAt: undefined }),
      ]);
    });

    const figures = () => stats(sut, 'xa-b', { from: '2025-03-01', to: '2025-03-07' });

    it('moves every computed deadline it crosses, the figures with them, and leaves given deadlines alone', async () => {
      expect(await dueAtOf(sut, 'xa-b', 'COMPUTED')).toBe('2025-03-06T16:59:59.999Z');
      const before = await figures();
      expect(before.open.overdue).toBe(2);
      expect(before.settled.late).toBe(1);

      sut.clock.advance(60_000);
      const put = await sut.http.put('/api/v1/calendar/days/2025-03-05').set(bearer(ADMIN_KEY)).send({ kind: 'holiday', name: 'Nghỉ thử' }).expect(200);
      expect(put.body.movedDeadlines).toBe(2);
      expect(await dueAtOf(sut, 'xa-b', 'COMPUTED')).toBe('2025-03-07T16:59:59.999Z');
      expect(await dueAtOf(sut, 'xa-b', 'GIVEN')).toBe('2025-03-06T16:59:59.999Z');
      const after = await figures();
      expect(after.open.overdue).toBe(1);
      expect(after.settled).toMatchObject({ late: 0, onTime: 1 });
      expect(after.dataUpdatedAt).not.toBe(before.dataUpdatedAt);
    });

    it('moves them back when the holiday is removed', async () => {
      const removed = await sut.http.delete('/api/v1/calendar/days/2025-03-05').set(bearer(ADMIN_KEY)).expect(200);
      expect(removed.body.movedDeadlines).toBe(2);
      expect(await dueAtOf(sut, 'xa-b', 'COMPUTED')).toBe('2025-03-06T16:59:59.999Z');
      expect((await figures()).open.overdue).toBe(2);
    });

    it("applies a unit's own day to that unit and those below only", async () => {
      const districtKey = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'huyện', unitCode: 'huyen' })).body.key;
      const communeKey = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'xã A', unitCode: 'xa-a' })).body.key;
      await sut.http.put('/api/v1/calendar/days/2025-03-05').set(bearer(communeKey)).send({ kind: 'holiday', name: 'x', unitCode: 'xa-b' }).expect(403);
      await sut.http.put('/api/v1/calendar/days/2025-03-05').set(bearer(communeKey)).send({ kind: 'holiday', name: 'x' }).expect(403);
      const put = await sut.http.put('/api/v1/calendar/days/2025-03-05').set(bearer(districtKey)).send({ kind: 'holiday', name: 'Lễ hội địa phương', unitCode: 'xa-b' }).expect(200);
      expect(put.body).toMatchObject({ day: { date: '2025-03-05', kind: 'holiday', unitCode: 'xa-b' }, movedDeadlines: 2 });
      expect(await dueAtOf(sut, 'xa-b', 'COMPUTED')).toBe('2025-03-07T16:59:59.999Z');
      await sut.http.delete('/api/v1/calendar/days/2025-03-05').query({ unitCode: 'xa-b' }).set(bearer(districtKey)).expect(200);
      expect(await dueAtOf(sut, 'xa-b', 'COMPUTED')).toBe('2025-03-06T16:59:59.999Z');
    });

    it("follows a change of the procedure's processing days", async () => {
      const put = await putProcedure(sut, '2.000815', 4).expect(200);
      expect(put.body.movedDeadlines).toBe(2);
      expect(await dueAtOf(sut, 'xa-b', 'COMPUTED')).toBe('2025-03-07T16:59:59.999Z');
      expect(await dueAtOf(sut, 'xa-b', 'GIVEN')).toBe('2025-03-06T16:59:59.999Z');
      await putProcedure(sut, '2.000815', 3).expect(200);
    });

    it('still answers unchanged to a re-sent record whose deadline the calendar moved', async () => {
      await sut.http.put('/api/v1/calendar/days/2025-03-05').set(bearer(ADMIN_KEY)).send({ kind: 'holiday', name: 'Nghỉ thử' }).expect(200);
      const again = buildDossier({ code: 'COMPUTED', unitCode: 'xa-b', procedureCode: '2.000815', status: 'processing', receivedAt: '2025-03-03T08:00', dueAt: undefined });
      delete again.field;
      const first = await send(sut, [again]);
      expect(first.body.updated + first.body.unchanged).toBe(1);
      expect((await send(sut, [again])).body).toMatchObject({ unchanged: 1 });
      expect(await dueAtOf(sut, 'xa-b', 'COMPUTED')).toBe('2025-03-07T16:59:59.999Z');
      await sut.http.delete('/api/v1/calendar/days/2025-03-05').set(bearer(ADMIN_KEY)).expect(200);
    });
  });

  it('imports an iCalendar file of the year\'s swaps', async () => {
    const ics = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Bo Noi vu//lich nghi 2031//VI',
      'BEGIN:VEVENT', 'UID:a', 'DTSTART;VALUE=DATE:20310502', 'DTEND;VALUE=DATE:20310503', 'SUMMARY:Nghỉ hoán đổi', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:b', 'DTSTART;VALUE=DATE:20310426', 'SUMMARY:Làm bù cho thứ Sáu 2/5', 'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const response = await sut.http.post('/api/v1/calendar/import').set(bearer(ADMIN_KEY)).set('Content-Type', 'text/calendar').send(ics).expect(200);
    expect(response.body).toMatchObject({ imported: 2, changed: 2, errors: [] });
    const days = (await sut.http.get('/api/v1/calendar/days').query({ from: '2031-04-01', to: '2031-05-31' })).body.days;
    expect(days).toEqual(expect.arrayContaining([
      expect.objectContaining({ date: '2031-05-02', kind: 'holiday', source: 'ics' }),
      expect.objectContaining({ date: '2031-04-26', kind: 'workday', source: 'ics' }),
    ]));
  });

  it('refuses a national day from a unit key, and bad input with a clear message', async () => {
    const key = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'x', unitCode: 'xa-a' })).body.key;
    await sut.http.put('/api/v1/calendar/days/2025-06-02').set(bearer(key)).send({ kind: 'holiday', name: 'x' }).expect(403);
    const bad = await sut.http.put('/api/v1/calendar/days/2025-02-30').set(bearer(ADMIN_KEY)).send({ kind: 'holiday', name: 'x' }).expect(400);
    expect(bad.body.message).toBe('date: "2025-02-30" is not a date YYYY-MM-DD');
    const badKind = await sut.http.put('/api/v1/calendar/days/2025-06-02').set(bearer(ADMIN_KEY)).send({ kind: 'party', name: 'x' }).expect(400);
    expect(badKind.body.message).toBe('kind: must be one of holiday, workday');
  });
});

describeEachDatabase('the procedure catalogue', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'procedures');
  });
  afterAll(() => sut?.close());

  it('loads a CSV export with Vietnamese headings, and reports each bad row by line', async () => {
    const csv = '\uFEFFMã thủ tục;Tên thủ tục;Lĩnh vực;Thời hạn giải quyết (ngày)\r\n1.001193;Thủ tục đăng ký khai sinh;Hộ tịch;1\r\n2.000815;Chứng thực bản sao từ bản chính;Chứng thực;2\r\n1.003003;Hòa giải tranh chấp đất đai;Đất đai;ba mươi\r\n';
    const response = await sut.http.post('/api/v1/procedures').set(bearer(ADMIN_KEY)).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(response.body).toMatchObject({
      created: 2,
      rejected: [{ index: 2, line: 4, code: '1.003003', errors: ['processingDays: is required, a whole number of working days 0–365'] }],
    });
    expect((await sut.http.get('/api/v1/procedures/2.000815').expect(200)).body).toEqual({
      code: '2.000815', name: 'Chứng thực bản sao từ bản chính', field: 'Chứng thực', processingDays: 2,
    });
  });

  it('loads JSON in bulk, idempotently', async () => {
    const body = { procedures: [{ code: '1.001193', name: 'Thủ tục đăng ký khai sinh', field: 'Hộ tịch', processingDays: 1 }, { code: '1.000656', name: 'Đăng ký kết hôn', field: 'Hộ tịch', processingDays: 5 }] };
    expect((await sut.http.post('/api/v1/procedures').set(bearer(ADMIN_KEY)).send(body).expect(200)).body).toMatchObject({ created: 1, unchanged: 1, updated: 0 });
    expect((await sut.http.post('/api/v1/procedures').set(bearer(ADMIN_KEY)).send(body).expect(200)).body).toMatchObject({ created: 0, unchanged: 2 });
    const list = (await sut.http.get('/api/v1/procedures').expect(200)).body.procedures;
    expect(list.map((procedure: { code: string }) => procedure.code)).toEqual(['1.000656', '1.001193', '2.000815']);
  });

  it('is written by admins only', async () => {
    await sut.http.put('/api/v1/procedures/1.0').send({ name: 'x', processingDays: 1 }).expect(401);
    const bad = await sut.http.put('/api/v1/procedures/1.0').set(bearer(ADMIN_KEY)).send({ name: '', processingDays: -1 }).expect(400);
    expect(bad.body.errors).toEqual(['name: is required, 1–500 characters', 'processingDays: is required, a whole number of working days 0–365']);
  });
});
