import { buildDossier, buildSettled } from './factories/dossier.factory';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree, send, stats } from './support/tree';

describeEachDatabase('units, API keys and dossier ingestion', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'ingest');
    await createTree(sut);
  });
  afterAll(() => sut?.close());

  describe('units', () => {
    it('lists the tree publicly, parent codes included', async () => {
      const response = await sut.http.get('/api/v1/units').expect(200);
      // Units over time (README): each unit also says its kind, agency code and days of validity.
      const always = { kind: null, agencyCode: null, validFrom: null, validTo: null };
      expect(response.body.units).toEqual([
        { code: 'tinh', name: 'Tỉnh Thử', level: 'province', parentCode: null, ...always },
        { code: 'huyen', name: 'Huyện Thử', level: 'district', parentCode: 'tinh', ...always },
        { code: 'xa-a', name: 'Xã A', level: 'commune', parentCode: 'huyen', ...always },
        { code: 'xa-b', name: 'Xã B', level: 'commune', parentCode: 'huyen', ...always },
      ]);
    });

    it.each`
      body                                                             | status | message
      ${{ code: 'xa-a', name: 'Again', level: 'commune' }}             | ${409} | ${'unit "xa-a" already exists'}
      ${{ code: 'xa-c', name: 'C', level: 'commune', parentCode: 'x' }} | ${422} | ${'parentCode: unit "x" does not exist'}
      ${{ code: 'bad code', name: 'C', level: 'commune' }}             | ${400} | ${'code must be 1–64 letters'}
      ${{ code: 'xa-c', name: 'C', level: 'village' }}                 | ${400} | ${'level must be one of the following values'}
    `('refuses $body with $status', async ({ body, status, message }) => {
      const response = await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(body).expect(status);
      expect([response.body.message].flat().join('; ')).toContain(message);
    });
  });

  describe('API keys', () => {
    it('answers 401 without a key or with a wrong one, 403 for a unit key on admin routes', async () => {
      await sut.http.post('/api/v1/dossiers').send({ dossiers: [] }).expect(401);
      await sut.http.post('/api/v1/dossiers').set(bearer('nope')).send({ dossiers: [] }).expect(401);
      const created = await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'desk', unitCode: 'xa-a' }).expect(201);
      await sut.http.post('/api/v1/units').set(bearer(created.body.key)).send({ code: 'x', name: 'x', level: 'commune' }).expect(403);
      await sut.http.post('/api/v1/api-keys').set(bearer(created.body.key)).send({ name: 'again', unitCode: 'xa-a' }).expect(403);
    });

    it('shows a new key once and stores only its hash', async () => {
      const created = await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'huyện', unitCode: 'huyen' }).expect(201);
      expect(created.body).toMatchObject({ name: 'huyện', role: 'unit', unitCode: 'huyen' });
      expect(created.body.key).toMatch(/^tthc_[A-Za-z0-9_-]{43}$/);
      const rows: { keyHash: string; prefix: string }[] = await sut.app
        .get(require('typeorm').DataSource)
        .query('SELECT keyHash, prefix FROM api_keys');
      expect(rows.some((row) => row.keyHash === created.body.key)).toBe(false);
      expect(rows.some((row) => created.body.key.startsWith(row.prefix))).toBe(true);
    });

    it('lets a district key write its communes, and answers 403 for a unit outside its subtree', async () => {
      const districtKey = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'd', unitCode: 'huyen' })).body.key;
      const communeKey = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'c', unitCode: 'xa-a' })).body.key;
      const inB = buildDossier({ unitCode: 'xa-b' });
      expect((await send(sut, [inB], districtKey)).body).toMatchObject({ created: 1 });
      const forbidden = await send(sut, [buildDossier({ unitCode: 'xa-a' }), buildDossier({ unitCode: 'xa-b' })], communeKey);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.message).toContain('xa-b');
      const toParent = await send(sut, [buildDossier({ unitCode: 'huyen' })], communeKey);
      expect(toParent.status).toBe(403);
    });
  });

  describe('POST /api/v1/dossiers', () => {
    it('stores a batch, then answers "unchanged" for every record of the same batch and the figures do not move', async () => {
      const batch = [...buildSettled(3, 'early', { unitCode: 'xa-a' }), ...buildSettled(1, 'late', { unitCode: 'xa-a' })];
      const first = await send(sut, batch);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ created: 4, updated: 0, unchanged: 0, stale: 0, rejected: [] });
      const before = await stats(sut, 'xa-a');

      sut.clock.advance(60_000);
      const second = await send(sut, batch);
      expect(second.body).toEqual({ created: 0, updated: 0, unchanged: 4, stale: 0, rejected: [] });
      const after = await stats(sut, 'xa-a');
      expect(after).toEqual({ ...before, judgedAt: after.judgedAt });
      expect(after.dataUpdatedAt).toBe(before.dataUpdatedAt);
    });

    it('treats the same record written another way (offset, NFD text) as unchanged', async () => {
      const record = buildDossier({ unitCode: 'xa-a', field: 'Chứng thực', receivedAt: '2025-05-02T08:00:00' });
      await send(sut, [record]);
      const same = { ...record, field: 'Chứng thực'.normalize('NFD'), receivedAt: '2025-05-02T01:00:00Z' };
      expect((await send(sut, [same])).body).toMatchObject({ unchanged: 1, created: 0, updated: 0 });
    });

    it('stores the good records of a mixed batch and names every bad field of every bad record', async () => {
      const good1 = buildDossier({ unitCode: 'xa-b' });
      const good2 = buildDossier({ unitCode: 'xa-b', status: 'processing', dueAt: '2025-06-20' });
      const response = await send(sut, [
        good1,
        { code: 'BAD-1', unitCode: 'xa-b', status: 'finished', receivedAt: '2025-05-02', dueAt: '02/05/2025' },
        good2,
        buildDossier({ code: 'BAD-2', unitCode: 'xa-b', resolvedAt: '2025-05-01T09:00', channel: 'fax' }),
        buildDossier({ code: 'BAD-3', unitCode: 'no-such-unit' }),
        'not a record',
        buildDossier({ code: 'BAD-4', unitCode: 'xa-b', status: 'processing', resolvedAt: '2025-05-03', receivedAt: '2025-06-12T08:00' }),
      ]);
      expect(response.status).toBe(200);
      expect(response.body.created).toBe(2);
      expect(response.body.rejected).toEqual([
        {
          index: 1,
          code: 'BAD-1',
          errors: expect.arrayContaining([
            'status: is required, one of processing, waiting, resolved, refused, withdrawn, denied',
            expect.stringMatching(/^dueAt: "02\/05\/2025" is not an ISO 8601 date/),
          ]),
        },
        { index: 3, code: 'BAD-2', errors: expect.arrayContaining(['channel: must be one of direct, online, postal', 'resolvedAt: is before receivedAt']) },
        { index: 4, code: 'BAD-3', errors: ['unitCode: unit "no-such-unit" does not exist'] },
        { index: 5, code: null, errors: ['record: must be an object'] },
        {
          index: 6,
          code: 'BAD-4',
          errors: expect.arrayContaining([
            expect.stringMatching(/^resolvedAt: must be empty when status is processing/),
            'receivedAt: is more than one day in the future',
          ]),
        },
      ]);
      expect(response.body.rejected[0].errors).toHaveLength(2);
      expect(response.body.rejected[1].errors).toHaveLength(2);
      const figures = await stats(sut, 'xa-b', { from: '2025-05-01', to: '2025-06-10' });
      expect(figures.settled.total).toBeGreaterThanOrEqual(1);
      expect(figures.open.total).toBeGreaterThanOrEqual(1);
    });

    it('updates a re-sent code, and ignores an older version as stale', async () => {
      const v2 = buildDossier({ unitCode: 'xa-a', status: 'processing', dueAt: '2025-06-20', sourceUpdatedAt: '2025-06-02T10:00:00' });
      expect((await send(sut, [v2])).body).toMatchObject({ created: 1 });
      const v3 = { ...v2, status: 'resolved', resolvedAt: '2025-06-03T09:00:00', sourceUpdatedAt: '2025-06-03T09:00:00' };
      expect((await send(sut, [v3])).body).toMatchObject({ updated: 1 });
      const v1 = { ...v2, status: 'waiting', sourceUpdatedAt: '2025-06-01T08:00:00' };
      expect((await send(sut, [v1])).body).toEqual({ created: 0, updated: 0, unchanged: 0, stale: 1, rejected: [] });
      const rows = await sut.app.get(require('typeorm').DataSource).query('SELECT status, timeliness FROM dossiers WHERE code = ?', [v2.code]);
      expect(rows).toEqual([{ status: 'resolved', timeliness: 'early' }]);
    });

    it('handles a code sent twice in one batch as two requests would: the later one wins', async () => {
      const first = buildDossier({ unitCode: 'xa-a', status: 'processing', dueAt: '2025-06-20' });
      const second = { ...first, status: 'resolved', resolvedAt: '2025-06-09T08:00:00' };
      expect((await send(sut, [first, second, second])).body).toEqual({ created: 1, updated: 1, unchanged: 1, stale: 0, rejected: [] });
      const rows = await sut.app.get(require('typeorm').DataSource).query('SELECT status FROM dossiers WHERE code = ?', [first.code]);
      expect(rows).toEqual([{ status: 'resolved' }]);
    });

    it('gives a withdrawn dossier without withdrawnAt the moment it was first stored as withdrawn, and keeps it', async () => {
      const open = buildDossier({ unitCode: 'xa-a', status: 'processing', dueAt: '2025-06-20' });
      await send(sut, [open]);
      const storedAt = sut.clock.now();
      await send(sut, [{ ...open, status: 'withdrawn' }]);
      sut.clock.advance(3 * 86_400_000);
      expect((await send(sut, [{ ...open, status: 'withdrawn' }])).body).toMatchObject({ unchanged: 1 });
      const [row] = await sut.app.get(require('typeorm').DataSource).query('SELECT withdrawnAt, withdrawnOn FROM dossiers WHERE code = ?', [open.code]);
      expect(new Date(row.withdrawnAt instanceof Date ? row.withdrawnAt : `${row.withdrawnAt}Z`).getTime()).toBe(storedAt.getTime());
      expect(row.withdrawnOn).toBe('2025-06-10');
    });

    it('tells codes apart by case and accents, on MySQL as on SQLite (binary collation)', async () => {
      const codes = ['Case-1', 'case-1', 'CASE-1', 'Hồ-1', 'Hô-1'];
      const response = await send(sut, codes.map((code) => buildDossier({ code, unitCode: 'xa-a' })));
      expect(response.body).toMatchObject({ created: 5, updated: 0 });
    });

    it('answers 400 when the body is not { dossiers: [...] }', async () => {
      const response = await sut.http.post('/api/v1/dossiers').set(bearer(ADMIN_KEY)).send({ records: [] });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain('dossiers must be an array');
    });

    it('answers 413 for more than 5,000 records or a body too large, storing nothing', async () => {
      const many = Array.from({ length: 5001 }, (_, i) => ({ code: `MANY-${i}`, unitCode: 'xa-a' }));
      const tooMany = await send(sut, many);
      expect(tooMany.status).toBe(413);
      expect(tooMany.body.message).toContain('at most 5000');
      const huge = [buildDossier({ unitCode: 'xa-a', procedureName: 'x'.repeat(11 * 1024 * 1024) })];
      expect((await send(sut, huge)).status).toBe(413);
      const rows = await sut.app.get(require('typeorm').DataSource).query("SELECT COUNT(*) AS n FROM dossiers WHERE code LIKE 'MANY-%'");
      expect(Number(rows[0].n)).toBe(0);
    });

    it('accepts 5,000 records in one request', async () => {
      const batch = Array.from({ length: 5000 }, (_, i) => buildDossier({ code: `BIG-${i}`, unitCode: 'xa-b', channel: ['direct', 'online', 'postal'][i % 3] }));
      const response = await send(sut, batch);
      expect(response.body).toMatchObject({ created: 5000, rejected: [] });
      expect((await send(sut, batch)).body).toMatchObject({ unchanged: 5000 });
    });
  });
});

describeEachDatabase('concurrent ingestion', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'concurrent');
    await createTree(sut);
  });
  afterAll(() => sut?.close());

  it('stores every record of batches sent at the same moment, each batch whole', async () => {
    const batches = Array.from({ length: 6 }, (_, b) =>
      Array.from({ length: 300 }, (_, i) => buildDossier({ code: `C-${b}-${i}`, unitCode: b % 2 ? 'xa-a' : 'xa-b' })),
    );
    const answers = await Promise.all(batches.map((batch) => send(sut, batch)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.map((answer) => answer.body.created)).toEqual([300, 300, 300, 300, 300, 300]);
    const district = await stats(sut, 'huyen', { includeChildren: true, from: '2025-05-01', to: '2025-05-31' });
    expect(district.settled.total).toBe(1800);
  });
});
