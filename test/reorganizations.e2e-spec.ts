import { DataSource } from 'typeorm';
import { databaseSettings, validateEnvironment } from '../src/config/configuration';
import { MIGRATIONS, dataSourceOptions, detectServer } from '../src/database/data-source-options';
import { createTestDatabase } from './support/databases';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { REFORM_ACT, TWO_PROVINCES } from './support/tree';

/**
 * Before 1 July 2025:
 *   tinh-a → huyen-a → xa-a1, xa-a2
 *   tinh-b → huyen-b → xa-b1, xa-b2, xa-b3
 * The act of 1 July 2025 merges both provinces into a new one, retires both districts, merges
 * xa-a1 and xa-a2 into a new commune, xa-b2 into xa-b1 (which moves up and is renamed), and
 * splits xa-b3 in two, its history going to the first.
 */
const BEFORE = TWO_PROVINCES;

const ACT = REFORM_ACT;

const codesOf = (units: { code: string; parentCode: string | null }[]) => units.map((unit) => `${unit.code}<${unit.parentCode ?? ''}`);

describeEachDatabase('reorganizations', (kind) => {
  let sut: TestApp;
  const post = (act: unknown, key = ADMIN_KEY) => sut.http.post('/api/v1/reorganizations').set(bearer(key)).send(act as object);
  const treeOn = async (at: string) => (await sut.http.get('/api/v1/units').query({ at }).expect(200)).body.units;
  const everyUnit = async () => (await sut.http.get('/api/v1/units').query({ all: true }).expect(200)).body.units;
  const unitOf = async (code: string) => (await everyUnit()).find((unit: { code: string }) => unit.code === code);
  const versions = async () => {
    const rows: { code: string; dataVersion: number }[] = await sut.app.get(DataSource).query('SELECT code, dataVersion FROM units');
    return new Map(rows.map((row) => [row.code, Number(row.dataVersion)]));
  };

  beforeAll(async () => {
    // Today is 10 July 2025 in Vietnam: the act of 1 July has taken effect.
    sut = await startTestApp(kind, 'reorganizations', { now: '2025-07-10T03:00:00Z' });
    for (const unit of BEFORE) await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
  });
  afterAll(() => sut?.close());

  it('is for admin keys only', async () => {
    await sut.http.get('/api/v1/reorganizations').expect(401);
    await sut.http.post('/api/v1/reorganizations').send(ACT).expect(401);
    const unitKey = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'Huyện A', unitCode: 'huyen-a' }).expect(201)).body.key;
    await post(ACT, unitKey).expect(403);
    expect((await sut.http.get('/api/v1/reorganizations').set(bearer(ADMIN_KEY)).expect(200)).body).toEqual({ reorganizations: [] });
  });

  it('applies the act: the tree of the day before stays as it was, the tree from its day on is the new one', async () => {
    const before = await versions();
    const response = await post(ACT).expect(201);
    expect(response.body).toMatchObject({ id: 1, effectiveOn: '2025-07-01', reference: ACT.reference });
    expect(response.body.changes[2]).toEqual({ op: 'create', code: 'xa-moi', name: 'Xã Mới', level: 'commune', kind: 'xa', parentCode: 'tinh-moi', agencyCode: '000.00.21.H23' });

    expect(codesOf(await treeOn('2025-06-30'))).toEqual([
      'tinh-a<', 'huyen-a<tinh-a', 'xa-a1<huyen-a', 'xa-a2<huyen-a', 'tinh-b<', 'huyen-b<tinh-b', 'xa-b1<huyen-b', 'xa-b2<huyen-b', 'xa-b3<huyen-b',
    ]);
    // In the order of today's paths, which are ids (xa-b1, older, has the smaller one, and sorts as text after).
    const after = ['tinh-moi<', 'xa-moi<tinh-moi', 'xa-c1<tinh-moi', 'xa-c2<tinh-moi', 'xa-b1<tinh-moi'];
    expect(codesOf(await treeOn('2025-07-01'))).toEqual(after);
    expect(codesOf((await sut.http.get('/api/v1/units').expect(200)).body.units)).toEqual(after);
    const today = await treeOn('2025-07-10');
    expect(today.find((unit: { code: string }) => unit.code === 'xa-b1')).toMatchObject({ name: 'Phường B1', validFrom: null, validTo: null });
    expect(today.find((unit: { code: string }) => unit.code === 'xa-moi')).toMatchObject({ kind: 'xa', agencyCode: '000.00.21.H23', validFrom: '2025-07-01', validTo: null });

    // Every unit the act touched, and those above them on either side, have new data.
    const bumped = await versions();
    for (const code of [...BEFORE.map((unit) => unit.code), 'tinh-moi']) expect(bumped.get(code)).toBeGreaterThan(before.get(code) ?? -1);
  });

  it('writes the history: last days, parents by date, predecessors and successors', async () => {
    expect(await unitOf('huyen-a')).toMatchObject({ validTo: '2025-06-30', parents: [{ parentCode: 'tinh-a', validFrom: null, validTo: '2025-06-30' }], successors: [] });
    expect(await unitOf('tinh-moi')).toMatchObject({
      validFrom: '2025-07-01',
      predecessors: [
        { code: 'tinh-a', carriesHistory: true, effectiveOn: '2025-07-01' },
        { code: 'tinh-b', carriesHistory: true, effectiveOn: '2025-07-01' },
      ],
    });
    expect((await unitOf('xa-moi')).predecessors.map((link: { code: string }) => link.code)).toEqual(['xa-a1', 'xa-a2']);
    expect(await unitOf('xa-b1')).toMatchObject({
      validTo: null,
      parents: [
        { parentCode: 'huyen-b', validFrom: null, validTo: '2025-06-30' },
        { parentCode: 'tinh-moi', validFrom: '2025-07-01', validTo: null },
      ],
      predecessors: [{ code: 'xa-b2', carriesHistory: true, effectiveOn: '2025-07-01' }],
    });
    expect(await unitOf('xa-b3')).toMatchObject({
      validTo: '2025-06-30',
      successors: [
        { code: 'xa-c1', carriesHistory: true, effectiveOn: '2025-07-01' },
        { code: 'xa-c2', carriesHistory: false, effectiveOn: '2025-07-01' },
      ],
    });
    expect((await unitOf('xa-a1')).successors).toEqual([{ code: 'xa-moi', carriesHistory: true, effectiveOn: '2025-07-01' }]);
  });

  it('moves today’s tree, so a key of the new province may write the commune that moved under it', async () => {
    const rows: { code: string; path: string }[] = await sut.app.get(DataSource).query("SELECT code, path FROM units WHERE code IN ('tinh-moi', 'xa-b1')");
    const path = new Map(rows.map((row) => [row.code, row.path]));
    expect(path.get('xa-b1')!.startsWith(path.get('tinh-moi')!)).toBe(true);
    const key = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'Tỉnh Mới', unitCode: 'tinh-moi' }).expect(201)).body.key;
    const record = { code: 'HS-1', unitCode: 'xa-b1', status: 'processing', receivedAt: '2025-07-08T08:00:00', dueAt: '2025-07-15' };
    expect((await sut.http.post('/api/v1/dossiers').set(bearer(key)).send({ dossiers: [record] }).expect(200)).body).toMatchObject({ created: 1, rejected: [] });
  });

  it('lists the acts with their changes', async () => {
    const { reorganizations } = (await sut.http.get('/api/v1/reorganizations').set(bearer(ADMIN_KEY)).expect(200)).body;
    expect(reorganizations).toHaveLength(1);
    expect(reorganizations[0]).toMatchObject({ id: 1, effectiveOn: '2025-07-01', reference: ACT.reference });
    expect(reorganizations[0].changes.map((change: { op: string }) => change.op)).toEqual(ACT.changes.map((change) => change.op));
    expect(reorganizations[0].changes[9]).toEqual({ op: 'split', from: 'xa-b3', into: ['xa-c1', 'xa-c2'], historyTo: 'xa-c1' });
  });

  it('refuses the same act sent again (409), also written differently, and applies nothing', async () => {
    const everything = await everyUnit();
    expect((await post(ACT).expect(409)).body.message).toBe('this act was already applied as reorganization #1 (effectiveOn 2025-07-01); it is not applied twice');
    const respelled = { ...ACT, reference: ' another reference ', changes: ACT.changes.map((change) => ('code' in change ? { ...change, code: ` ${change.code} ` } : change)) };
    await post(respelled).expect(409);
    expect(await everyUnit()).toEqual(everything);
  });

  it('refuses an act whole, naming every failed change by its index, and applies nothing', async () => {
    const everything = await everyUnit();
    const response = await post({
      effectiveOn: '2025-07-05',
      reference: 'Quyết định sai',
      changes: [
        { op: 'merge', from: ['xa-b1'], into: 'xa-a1' },
        { op: 'move', code: 'xa-c2', parentCode: 'huyen-a' },
        { op: 'retire', code: 'xa-khong-co' },
        { op: 'retire', code: 'xa-a2' },
        { op: 'split', from: 'xa-moi', into: ['xa-d1', 'xa-d2'], historyTo: 'xa-c1' },
        { op: 'create', code: 'xa-c1', name: 'Xã C1 lần nữa', level: 'commune', parentCode: 'tinh-moi' },
        { op: 'create', code: 'xa-d1', name: 'Xã D1', level: 'commune', parentCode: 'tinh-moi', agencyCode: '000.00.21.H23' },
        { op: 'create', code: 'xa-d2', name: 'Xã D2', level: 'commune', parentCode: 'tinh-moi' },
        { op: 'retire', code: 'tinh-moi' },
        { op: 'retire', code: 'xa-c1' },
        { op: 'retire', code: 'xa-c1' },
        { op: 'explode', code: 'xa-c1' },
        { op: 'rename', code: 'xa-c2', name: '', parent: 'tinh-moi' },
      ],
    }).expect(422);
    expect(response.body).toEqual({
      message: 'the reorganization was not applied: nothing of it was written',
      errors: [
        'changes[0]: into: cannot go into unit "xa-a1": it is retired (its last day was 2025-06-30)',
        'changes[1]: parentCode: unit "huyen-a" cannot be a parent: it is retired (its last day was 2025-06-30)',
        'changes[2]: code: unit "xa-khong-co" does not exist',
        'changes[3]: code: unit "xa-a2" is already retired (its last day was 2025-06-30)',
        'changes[4]: historyTo: unit "xa-c1" is not among into',
        'changes[5]: code: unit "xa-c1" already exists',
        'changes[6]: parentCode: unit "tinh-moi" cannot be a parent: it is retired by changes[8]',
        'changes[6]: agencyCode: "000.00.21.H23" is already the agency code of unit "xa-moi"',
        'changes[7]: parentCode: unit "tinh-moi" cannot be a parent: it is retired by changes[8]',
        'changes[8]: unit "xa-moi" would be left under unit "tinh-moi", which retires: move or retire it in the same act',
        'changes[10]: code: unit "xa-c1" is already retired by changes[9]',
        'changes[11]: op: "explode" is not one of create, merge, split, move, rename, retire',
        'changes[12]: name: must be a name of 1–255 characters',
        'changes[12]: parent: is not a field of rename (code, name)',
      ],
    });
    expect(await everyUnit()).toEqual(everything);
    expect((await sut.http.get('/api/v1/reorganizations').set(bearer(ADMIN_KEY)).expect(200)).body.reorganizations).toHaveLength(1);
  });

  it('refuses a cycle, naming each move that makes it', async () => {
    const everything = await everyUnit();
    const response = await post({
      effectiveOn: '2025-07-05',
      reference: 'Vòng',
      changes: [
        { op: 'create', code: 'xa-e', name: 'Xã E', level: 'commune', parentCode: 'xa-moi' },
        { op: 'move', code: 'tinh-moi', parentCode: 'xa-e' },
      ],
    }).expect(422);
    expect(response.body.errors).toEqual([
      'changes[0]: parentCode: makes a cycle: "tinh-moi" → "xa-e" → "xa-moi" → "tinh-moi"',
      'changes[1]: parentCode: makes a cycle: "tinh-moi" → "xa-e" → "xa-moi" → "tinh-moi"',
    ]);
    expect(await everyUnit()).toEqual(everything);
  });

  it('refuses a day that is not a date, naming the changes that do not read too, and a day after today', async () => {
    const bad = await post({ effectiveOn: '2025-02-30', reference: 'Ngày sai', changes: [{ op: 'retire' }] }).expect(422);
    expect(bad.body.errors).toEqual([
      'effectiveOn: "2025-02-30" is not a date YYYY-MM-DD',
      'changes[0]: code: undefined is not a unit code (1–64 letters, digits, ".", "_" or "-", starting with a letter or digit)',
    ]);
    const later = await post({ effectiveOn: '2025-07-11', reference: 'Sau này', changes: [{ op: 'retire', code: 'xa-c2' }] }).expect(422);
    expect(later.body.errors).toEqual([
      'effectiveOn: 2025-07-11 is after today (2025-07-10): an act that takes effect later is not supported yet: send it on or after its day',
    ]);
    await post({ effectiveOn: '2025-07-05', reference: 'Rỗng', changes: [] }).expect(400);
  });

  it('applies a second act on a later day after the first', async () => {
    await post({
      effectiveOn: '2025-07-05',
      reference: 'Quyết định thứ hai',
      changes: [
        { op: 'merge', from: ['xa-c2'], into: 'xa-c1' },
        { op: 'move', code: 'xa-c1', parentCode: null },
        { op: 'move', code: 'xa-c1', parentCode: 'tinh-moi' },
      ],
    }).expect(422);
    await post({ effectiveOn: '2025-07-05', reference: 'Quyết định thứ hai', changes: [{ op: 'merge', from: ['xa-c2'], into: 'xa-c1' }] }).expect(201);
    expect(codesOf(await treeOn('2025-07-04'))).toContain('xa-c2<tinh-moi');
    expect(codesOf(await treeOn('2025-07-05'))).not.toContain('xa-c2<tinh-moi');
    const { reorganizations } = (await sut.http.get('/api/v1/reorganizations').set(bearer(ADMIN_KEY)).expect(200)).body;
    expect(reorganizations.map((act: { effectiveOn: string }) => act.effectiveOn)).toEqual(['2025-07-05', '2025-07-01']);
  });

  it('applies acts sent at once one after the other: the same act once, and of two that merge one unit away only the first', async () => {
    const act = { effectiveOn: '2025-07-06', reference: 'Cùng lúc', changes: [{ op: 'rename', code: 'xa-c1', name: 'Xã C1 (mới)' }] };
    const same = await Promise.all([post(act), post(act)]);
    expect(same.map((response) => response.status).sort()).toEqual([201, 409]);
    const retireOne = (reference: string) => post({ effectiveOn: '2025-07-06', reference, changes: [{ op: 'merge', from: ['xa-moi'], into: 'xa-c1' }, { op: 'rename', code: 'xa-c1', name: reference }] });
    const two = await Promise.all([retireOne('Một'), retireOne('Hai')]);
    expect(two.map((response) => response.status).sort()).toEqual([201, 422]);
    expect((await unitOf('xa-moi')).successors).toEqual([{ code: 'xa-c1', carriesHistory: true, effectiveOn: '2025-07-06' }]);
    const names = two.filter((response) => response.status === 201).map((response) => response.body.reference);
    expect((await unitOf('xa-c1')).name).toBe(names[0]);
  });
});

describeEachDatabase('undoing the reorganizations migration', (kind) => {
  it('takes its tables away and builds them again', async () => {
    const database = await createTestDatabase(kind, 'reorganizations-undo');
    const settings = databaseSettings(validateEnvironment(database.env));
    const server = settings.kind === 'mysql' ? await detectServer(settings.url!) : undefined;
    const source = new DataSource(dataSourceOptions(settings, server));
    try {
      await source.initialize();
      // Undone with every migration that came after it, latest first.
      const after = MIGRATIONS.length - MIGRATIONS.findIndex((migration) => migration.name === 'Reorganizations1763990000000');
      for (let undo = 0; undo < after; undo++) await source.undoLastMigration();
      await expect(source.query('SELECT id FROM reorganizations')).rejects.toThrow();
      await expect(source.query('SELECT id FROM reorganization_changes')).rejects.toThrow();
      await source.runMigrations();
      expect(await source.query('SELECT id FROM reorganizations')).toEqual([]);
    } finally {
      if (source.isInitialized) await source.destroy();
      await database.drop();
    }
  });
});
