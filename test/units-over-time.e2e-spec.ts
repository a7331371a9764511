import { DataSource } from 'typeorm';
import { databaseSettings, validateEnvironment } from '../src/config/configuration';
import { MIGRATIONS, dataSourceOptions, detectServer } from '../src/database/data-source-options';
import { buildSettled } from './factories/dossier.factory';
import { TestDatabase, createTestDatabase } from './support/databases';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree, send, stats } from './support/tree';

const ALWAYS = { kind: null, agencyCode: null, validFrom: null, validTo: null };

/** A database built by the migrations before units had days, holding a province and its commune. */
async function databaseFromBefore(kind: 'mysql' | 'sqlite'): Promise<TestDatabase> {
  const database = await createTestDatabase(kind, 'units-before');
  const settings = databaseSettings(validateEnvironment(database.env));
  const server = settings.kind === 'mysql' ? await detectServer(settings.url!) : undefined;
  const before = MIGRATIONS.findIndex((migration) => migration.name === 'UnitsOverTime1763980000000');
  const old = new DataSource({ ...dataSourceOptions(settings, server), migrations: MIGRATIONS.slice(0, before) });
  await old.initialize();
  await old.query("INSERT INTO units (code, name, level, parentId, path, dataVersion, createdAt) VALUES ('tinh-cu', 'Tỉnh Cũ', 'province', NULL, '/1/', 0, '2025-01-01 00:00:00.000')");
  await old.query("INSERT INTO units (code, name, level, parentId, path, dataVersion, createdAt) VALUES ('xa-cu', 'Xã Cũ', 'commune', 1, '/1/2/', 0, '2025-01-01 00:00:00.000')");
  await old.destroy();
  return database;
}

describeEachDatabase('upgrading a database that already holds units', (kind) => {
  let database: TestDatabase;
  let sut: TestApp;

  beforeAll(async () => {
    database = await databaseFromBefore(kind);
    sut = await startTestApp(kind, 'units-upgraded', { database });
  });
  afterAll(async () => {
    await sut?.close();
    await database?.drop();
  });

  it('brings every unit along: valid since always, no end, one parent row each with no dates, no successions', async () => {
    const source = sut.app.get(DataSource);
    const units = await source.query('SELECT code, validFrom, validTo, kind, agencyCode FROM units ORDER BY id');
    expect(units).toEqual([
      { code: 'tinh-cu', ...ALWAYS },
      { code: 'xa-cu', ...ALWAYS },
    ]);
    const parents = await source.query('SELECT unitId, parentId, validFrom, validTo FROM unit_parents ORDER BY unitId');
    expect(parents).toEqual([
      { unitId: 1, parentId: null, validFrom: null, validTo: null },
      { unitId: 2, parentId: 1, validFrom: null, validTo: null },
    ]);
    expect(await source.query('SELECT id FROM unit_successions')).toEqual([]);
  });

  it('shows them in the tree of any day, and counts their dossiers as before', async () => {
    const tree = [
      { code: 'tinh-cu', name: 'Tỉnh Cũ', level: 'province', parentCode: null, ...ALWAYS },
      { code: 'xa-cu', name: 'Xã Cũ', level: 'commune', parentCode: 'tinh-cu', ...ALWAYS },
    ];
    for (const at of ['1900-01-01', '2025-06-30', '2025-07-01', '2199-12-31']) {
      expect((await sut.http.get('/api/v1/units').query({ at }).expect(200)).body).toEqual({ at, units: tree });
    }
    await send(sut, buildSettled(2, 'early', { unitCode: 'xa-cu' })).then((response) => expect(response.status).toBe(200));
    expect((await stats(sut, 'tinh-cu', { includeChildren: true })).settled.total).toBe(2);
  });
});

describeEachDatabase('undoing the units-over-time migration', (kind) => {
  it('takes its columns and tables away, keeps the units, and brings them back along when run again', async () => {
    const database = await createTestDatabase(kind, 'units-undo');
    const settings = databaseSettings(validateEnvironment(database.env));
    const server = settings.kind === 'mysql' ? await detectServer(settings.url!) : undefined;
    const source = new DataSource(dataSourceOptions(settings, server));
    try {
      await source.initialize();
      await source.query("INSERT INTO units (code, name, level, parentId, path, dataVersion, createdAt) VALUES ('tinh', 'Tỉnh', 'province', NULL, '/1/', 0, '2025-01-01 00:00:00.000')");
      // Undone with every migration that came after it, latest first.
      const after = MIGRATIONS.length - MIGRATIONS.findIndex((migration) => migration.name === 'UnitsOverTime1763980000000');
      for (let undo = 0; undo < after; undo++) await source.undoLastMigration();
      expect(await source.query('SELECT code FROM units')).toEqual([{ code: 'tinh' }]);
      await expect(source.query('SELECT validFrom FROM units')).rejects.toThrow();
      await expect(source.query('SELECT id FROM unit_parents')).rejects.toThrow();
      await source.runMigrations();
      expect(await source.query('SELECT code, validFrom, validTo FROM units')).toEqual([{ code: 'tinh', validFrom: null, validTo: null }]);
      expect(await source.query('SELECT unitId, parentId FROM unit_parents')).toEqual([{ unitId: 1, parentId: null }]);
    } finally {
      if (source.isInitialized) await source.destroy();
      await database.drop();
    }
  });
});

describeEachDatabase('units over time', (kind) => {
  let sut: TestApp;
  const create = (unit: Record<string, unknown>) => sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit);
  const treeOn = async (at?: string) => (await sut.http.get('/api/v1/units').query(at ? { at } : {}).expect(200)).body;

  beforeAll(async () => {
    // Today is 10 June 2025 in Vietnam.
    sut = await startTestApp(kind, 'units-over-time', { now: '2025-06-10T03:07:03Z' });
    await createTree(sut);
  });
  afterAll(() => sut?.close());

  it('answers today’s tree by default, every unit as before with its kind, agency code and days', async () => {
    const today = await treeOn();
    expect(today.at).toBe('2025-06-10');
    expect(today.units).toEqual([
      { code: 'tinh', name: 'Tỉnh Thử', level: 'province', parentCode: null, ...ALWAYS },
      { code: 'huyen', name: 'Huyện Thử', level: 'district', parentCode: 'tinh', ...ALWAYS },
      { code: 'xa-a', name: 'Xã A', level: 'commune', parentCode: 'huyen', ...ALWAYS },
      { code: 'xa-b', name: 'Xã B', level: 'commune', parentCode: 'huyen', ...ALWAYS },
    ]);
    expect(await treeOn('2025-06-10')).toEqual(today);
  });

  it('creates a commune with its kind, agency code and first day, and writes its parent from that day', async () => {
    const response = await create({ code: 'phuong-moi', name: 'Phường Mới', level: 'commune', parentCode: 'tinh', kind: 'phuong', agencyCode: ' 000.00.21.h23 ', validFrom: '2025-07-01' }).expect(201);
    expect(response.body).toEqual({ code: 'phuong-moi', name: 'Phường Mới', level: 'commune', parentCode: 'tinh', kind: 'phuong', agencyCode: '000.00.21.H23', validFrom: '2025-07-01', validTo: null });
    const rows = await sut.app.get(DataSource).query(
      "SELECT p.parentId, p.validFrom, p.validTo FROM unit_parents p JOIN units u ON u.id = p.unitId WHERE u.code = 'phuong-moi'",
    );
    const tinh = await sut.app.get(DataSource).query("SELECT id FROM units WHERE code = 'tinh'");
    expect(rows).toEqual([{ parentId: tinh[0].id, validFrom: '2025-07-01', validTo: null }]);
  });

  it('leaves a unit valid from a later day out of today’s tree, and shows it from that day on', async () => {
    const codes = (body: { units: { code: string }[] }) => body.units.map((unit) => unit.code);
    expect(codes(await treeOn())).not.toContain('phuong-moi');
    expect(codes(await treeOn('2025-06-30'))).not.toContain('phuong-moi');
    const july = await treeOn('2025-07-01');
    expect(codes(july)).toEqual(['tinh', 'huyen', 'xa-a', 'xa-b', 'phuong-moi']);
    expect(july.units[4]).toMatchObject({ parentCode: 'tinh', kind: 'phuong', validFrom: '2025-07-01' });
  });

  it('lists every unit ever with ?all=true: days, parents, predecessors and successors', async () => {
    // A succession as a reorganization will write it: xa-b's history goes to phuong-moi.
    const source = sut.app.get(DataSource);
    const id = async (code: string) => (await source.query('SELECT id FROM units WHERE code = ?', [code]))[0].id;
    await source.query('INSERT INTO unit_successions (fromUnitId, toUnitId, carriesHistory, effectiveOn, reorganizationId) VALUES (?, ?, ?, ?, NULL)', [await id('xa-b'), await id('phuong-moi'), 1, '2025-07-01']);
    const body = (await sut.http.get('/api/v1/units').query({ all: 'true' }).expect(200)).body;
    expect(body.at).toBeUndefined();
    const byCode = new Map(body.units.map((unit: { code: string }) => [unit.code, unit]));
    expect(body.units.map((unit: { code: string }) => unit.code)).toEqual(['tinh', 'huyen', 'xa-a', 'xa-b', 'phuong-moi']);
    expect(byCode.get('tinh')).toEqual({
      code: 'tinh', name: 'Tỉnh Thử', level: 'province', parentCode: null, ...ALWAYS,
      parents: [{ parentCode: null, validFrom: null, validTo: null }], predecessors: [], successors: [],
    });
    expect(byCode.get('xa-b')).toMatchObject({
      parents: [{ parentCode: 'huyen', validFrom: null, validTo: null }],
      predecessors: [],
      successors: [{ code: 'phuong-moi', carriesHistory: true, effectiveOn: '2025-07-01' }],
    });
    expect(byCode.get('phuong-moi')).toMatchObject({
      validFrom: '2025-07-01', validTo: null, kind: 'phuong', agencyCode: '000.00.21.H23',
      parents: [{ parentCode: 'tinh', validFrom: '2025-07-01', validTo: null }],
      predecessors: [{ code: 'xa-b', carriesHistory: true, effectiveOn: '2025-07-01' }],
      successors: [],
    });
  });

  it.each`
    query                                         | message
    ${{ at: '2025-02-30' }}                       | ${'at: "2025-02-30" is not a date YYYY-MM-DD'}
    ${{ at: 'today' }}                            | ${'at: "today" is not a date YYYY-MM-DD'}
    ${{ at: '2300-01-01' }}                       | ${'at: 2300-01-01 is outside the dates this service accepts'}
    ${'at=2025-07-01&at=2025-07-02'}              | ${'at: must be given once'}
    ${{ all: 'yes' }}                             | ${'all: must be true or false'}
    ${{ all: 'true', at: '2025-07-01' }}          | ${'at: cannot be given with all=true'}
  `('refuses $query with a 400 naming the parameter', async ({ query, message }) => {
    const response = await sut.http.get('/api/v1/units').query(query).expect(400);
    expect(response.body.message).toContain(message);
  });

  it.each`
    body                                                                                              | status | message
    ${{ code: 'tinh-2', name: 'Tỉnh 2', level: 'province', kind: 'xa' }}                              | ${400} | ${'kind: only a commune has a kind (xa, phuong, dac-khu); unit "tinh-2" is not a commune'}
    ${{ code: 'huyen-2', name: 'Huyện 2', level: 'district', parentCode: 'tinh', kind: 'phuong' }}    | ${400} | ${'kind: only a commune has a kind'}
    ${{ code: 'xa-c', name: 'Xã C', level: 'commune', kind: 'thon' }}                                 | ${400} | ${'kind must be one of the following values: xa, phuong, dac-khu'}
    ${{ code: 'xa-c', name: 'Xã C', level: 'commune', agencyCode: '000 00 21' }}                      | ${400} | ${'agencyCode must be 1–32 letters, digits or "."'}
    ${{ code: 'xa-c', name: 'Xã C', level: 'commune', agencyCode: 'H'.repeat(33) }}                   | ${400} | ${'agencyCode must be 1–32 letters, digits or "."'}
    ${{ code: 'xa-c', name: 'Xã C', level: 'commune', agencyCode: '' }}                               | ${400} | ${'agencyCode must be 1–32 letters, digits or "."'}
    ${{ code: 'xa-c', name: 'Xã C', level: 'commune', agencyCode: 21 }}                               | ${400} | ${'agencyCode must be a string'}
    ${{ code: 'xa-c', name: 'Xã C', level: 'commune', validFrom: '2025-02-30' }}                      | ${400} | ${'validFrom: "2025-02-30" is not a date YYYY-MM-DD'}
    ${{ code: 'xa-c', name: 'Xã C', level: 'commune', validFrom: '01/07/2025' }}                      | ${400} | ${'validFrom: "01/07/2025" is not a date YYYY-MM-DD'}
    ${{ code: 'xa-c', name: 'Xã C', level: 'commune', agencyCode: '000.00.21.H23' }}                  | ${409} | ${'agencyCode: "000.00.21.H23" is already the agency code of unit "phuong-moi"'}
    ${{ code: 'xa-c', name: 'Xã C', level: 'commune', agencyCode: '000.00.21.h23', validFrom: '2030-01-01' }} | ${409} | ${'agencyCode: "000.00.21.H23" is already the agency code of unit "phuong-moi"'}
    ${{ code: 'xa-c', name: 'Xã C', level: 'commune', parentCode: 'phuong-moi' }}                     | ${422} | ${'validFrom: must not be before 2025-07-01, the day parent unit "phuong-moi" is valid from'}
    ${{ code: 'xa-c', name: 'Xã C', level: 'commune', parentCode: 'phuong-moi', validFrom: '2025-06-30' }} | ${422} | ${'validFrom: must not be before 2025-07-01'}
  `('refuses $body with $status', async ({ body, status, message }) => {
    const response = await create(body).expect(status);
    expect([response.body.message].flat().join('; ')).toContain(message);
    expect((await sut.http.get('/api/v1/units').query({ all: 'true' })).body.units.map((unit: { code: string }) => unit.code)).not.toContain(body.code);
  });

  it('frees an agency code after the last day of the unit that had it, and not before', async () => {
    await create({ code: 'xa-cu', name: 'Xã Cũ', level: 'commune', parentCode: 'huyen', kind: 'xa', agencyCode: '000.00.31.H23' }).expect(201);
    // A reorganization will write this; here the unit is retired by hand.
    await sut.app.get(DataSource).query("UPDATE units SET validTo = '2025-06-30' WHERE code = 'xa-cu'");
    const early = await create({ code: 'xa-som', name: 'Xã Sớm', level: 'commune', parentCode: 'tinh', agencyCode: '000.00.31.H23', validFrom: '2025-06-30' }).expect(409);
    expect(early.body.message).toBe('agencyCode: "000.00.31.H23" is already the agency code of unit "xa-cu"');
    await create({ code: 'xa-sau', name: 'Xã Sau', level: 'commune', parentCode: 'tinh', agencyCode: '000.00.31.H23', validFrom: '2025-07-01' }).expect(201);
    const codes = async (at: string) => (await treeOn(at)).units.map((unit: { code: string }) => unit.code);
    expect(await codes('2025-06-30')).toContain('xa-cu');
    expect(await codes('2025-06-30')).not.toContain('xa-sau');
    expect(await codes('2025-07-01')).toContain('xa-sau');
    expect(await codes('2025-07-01')).not.toContain('xa-cu');
  });

  it('refuses a unit under a parent whose last day has passed', async () => {
    const response = await create({ code: 'xa-duoi', name: 'Xã Dưới', level: 'commune', parentCode: 'xa-cu' }).expect(422);
    expect(response.body.message).toBe('parentCode: unit "xa-cu" is no longer valid after 2025-06-30');
  });

  it('gives an agency code to one of four units sent at once, and refuses the others naming it', async () => {
    const sent = await Promise.all(
      ['xa-dong-1', 'xa-dong-2', 'xa-dong-3', 'xa-dong-4'].map((code) => create({ code, name: code, level: 'commune', parentCode: 'tinh', agencyCode: '000.00.41.H23' })),
    );
    expect(sent.map((response) => response.status).sort()).toEqual([201, 409, 409, 409]);
    const winner = sent.find((response) => response.status === 201)!.body.code;
    for (const refused of sent.filter((response) => response.status === 409)) {
      expect(refused.body.message).toBe(`agencyCode: "000.00.41.H23" is already the agency code of unit "${winner}"`);
    }
  });
});
