import { buildDossier } from './factories/dossier.factory';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree, send, stats } from './support/tree';

// Now: Wednesday 11/06/2025 10:00 in Vietnam.
const NOW = '2025-06-11T03:00:00Z';

describeEachDatabase('the follow-up list of open dossiers', (kind) => {
  let sut: TestApp;
  let communeKey: string;
  let otherCommuneKey: string;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'open', { now: NOW });
    await createTree(sut);
    communeKey = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'a', unitCode: 'xa-a' })).body.key;
    otherCommuneKey = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'b', unitCode: 'xa-b' })).body.key;
    const open = (code: string, unitCode: string, dueAt: string, status = 'processing') =>
      buildDossier({ code, unitCode, status, receivedAt: '2025-06-02T08:00', dueAt, procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh' });
    await send(sut, [
      open('A-LATE-2', 'xa-a', '2025-06-09'), // Monday: 2 working days ago
      open('A-LATE-1', 'xa-a', '2025-06-10'),
      open('A-TODAY', 'xa-a', '2025-06-11'),
      open('A-TOMORROW', 'xa-a', '2025-06-12'),
      open('A-NEXT-WEEK', 'xa-a', '2025-06-18'),
      open('A-WAITING', 'xa-a', '2025-06-05', 'waiting'),
      open('B-LATE', 'xa-b', '2025-06-06'),
      open('B-FRIDAY', 'xa-b', '2025-06-13'),
      open('D-OWN', 'huyen', '2025-06-30'),
      buildDossier({ code: 'A-DONE', unitCode: 'xa-a' }),
      buildDossier({ code: 'A-GONE', unitCode: 'xa-a', status: 'withdrawn', receivedAt: '2025-06-02T08:00', dueAt: '2025-06-20' }),
    ]);
  });
  afterAll(() => sut?.close());

  it('lists a commune\'s open dossiers most urgent first, with working days left', async () => {
    const response = await sut.http.get('/api/v1/units/xa-a/open').set(bearer(communeKey)).expect(200);
    expect(response.body.counts).toEqual({ total: 6, overdue: 2, dueSoon: 2, onTrack: 1, waiting: 1 });
    expect(response.body.items.map((item: { code: string; state: string; workingDaysLeft: number }) => [item.code, item.state, item.workingDaysLeft])).toEqual([
      ['A-LATE-2', 'overdue', -2],
      ['A-LATE-1', 'overdue', -1],
      ['A-TODAY', 'dueSoon', 0],
      ['A-TOMORROW', 'dueSoon', 1],
      ['A-NEXT-WEEK', 'onTrack', 5],
      ['A-WAITING', 'waiting', -4],
    ]);
    expect(response.body.items[0]).toMatchObject({ procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', field: 'Hộ tịch', channel: 'direct', unitCode: 'xa-a' });
    expect(response.headers['cache-control']).toBe('private, no-store');
  });

  it('filters by state and pages', async () => {
    const overdue = await sut.http.get('/api/v1/units/xa-a/open').query({ state: 'overdue' }).set(bearer(communeKey)).expect(200);
    expect(overdue.body.items.map((item: { code: string }) => item.code)).toEqual(['A-LATE-2', 'A-LATE-1']);
    expect(overdue.body.total).toBe(2);
    const page2 = await sut.http.get('/api/v1/units/xa-a/open').query({ page: 2, pageSize: 4 }).set(bearer(communeKey)).expect(200);
    expect(page2.body.items.map((item: { code: string }) => item.code)).toEqual(['A-NEXT-WEEK', 'A-WAITING']);
    await sut.http.get('/api/v1/units/xa-a/open').query({ state: 'late' }).set(bearer(communeKey)).expect(400);
    await sut.http.get('/api/v1/units/xa-a/open').query({ pageSize: 501 }).set(bearer(communeKey)).expect(400);
  });

  it('agrees on every count with the stats for the commune, the district with its communes, and the district alone', async () => {
    for (const [unitCode, includeChildren] of [['xa-a', false], ['xa-b', false], ['huyen', true], ['huyen', false]] as const) {
      const list = (await sut.http.get(`/api/v1/units/${unitCode}/open`).query({ includeChildren }).set(bearer(ADMIN_KEY)).expect(200)).body;
      const figures = await stats(sut, unitCode, { from: '2025-01-01', to: '2025-06-11', includeChildren });
      expect(list.counts.total).toBe(figures.open.total);
      expect(list.counts.overdue).toBe(figures.open.overdue);
      expect(list.counts.waiting).toBe(figures.open.waiting);
      expect(list.counts.dueSoon + list.counts.onTrack + list.counts.waiting).toBe(figures.open.onTrack);
    }
    const district = (await sut.http.get('/api/v1/units/huyen/open').query({ includeChildren: true }).set(bearer(ADMIN_KEY))).body;
    expect(district.counts).toEqual({ total: 9, overdue: 3, dueSoon: 2, onTrack: 3, waiting: 1 });
  });

  it('turns dossiers overdue as time passes', async () => {
    sut.clock.set('2025-06-12T17:00:00Z'); // Friday 13/06 00:00
    const later = (await sut.http.get('/api/v1/units/xa-a/open').set(bearer(communeKey)).expect(200)).body;
    expect(later.counts).toMatchObject({ overdue: 4, dueSoon: 0, onTrack: 1 });
    sut.clock.set(NOW);
  });

  it('downloads the list as CSV for Excel', async () => {
    const response = await sut.http.get('/api/v1/units/xa-a/open').set(bearer(communeKey)).set('Accept', 'text/csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="ho-so-dang-giai-quyet-xa-a-2025-06-11.csv"');
    const lines = response.text.split('\r\n');
    expect(lines[0]).toBe('\uFEFFMã hồ sơ,Đơn vị,Mã thủ tục,Thủ tục,Lĩnh vực,Kênh nộp,Tình trạng,Ngày tiếp nhận,Ngày hẹn trả,Ngày hẹn mới,Số ngày làm việc còn lại');
    expect(lines[1]).toBe('A-LATE-2,Xã A,1.001193,Đăng ký khai sinh,Hộ tịch,Trực tiếp,Quá hạn,02/06/2025 08:00:00,09/06/2025 23:59:59,,-2');
    expect(lines.filter((line) => line !== '')).toHaveLength(7);
  });

  it('is for the unit\'s own keys: 401 without a key, 403 for another commune', async () => {
    await sut.http.get('/api/v1/units/xa-a/open').expect(401);
    await sut.http.get('/api/v1/units/xa-a/open').set(bearer(otherCommuneKey)).expect(403);
    await sut.http.get('/api/v1/units/huyen/open').set(bearer(communeKey)).expect(403);
  });
});
