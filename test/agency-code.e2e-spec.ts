import { DataSource } from 'typeorm';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree } from './support/tree';

/** `PATCH /api/v1/units/{code}`: the agency code (madonvi) the DVCQG stream names a unit by. */
describeEachDatabase('setting a unit’s agency code through the API', (kind) => {
  let sut: TestApp;
  const change = (code: string, body: unknown, key = ADMIN_KEY) => sut.http.patch(`/api/v1/units/${code}`).set(bearer(key)).send(body as object);
  const create = (unit: Record<string, unknown>) => sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit);
  const stored = async (code: string) => (await sut.app.get(DataSource).query('SELECT agencyCode, dataVersion FROM units WHERE code = ?', [code]))[0];

  beforeAll(async () => {
    // Today is 10 June 2025 in Vietnam.
    sut = await startTestApp(kind, 'agency-code', { now: '2025-06-10T03:07:03Z' });
    await createTree(sut);
  });
  afterAll(() => sut?.close());

  it('sets the code trimmed and in capitals, answers the unit as the tree shows it, logs it and moves no data version', async () => {
    const response = await change('xa-a', { agencyCode: ' 000.00.21.h23 ' }).expect(200);
    expect(response.body).toEqual({ code: 'xa-a', name: 'Xã A', level: 'commune', parentCode: 'huyen', kind: null, agencyCode: '000.00.21.H23', validFrom: null, validTo: null });
    const tree = (await sut.http.get('/api/v1/units').expect(200)).body.units;
    expect(tree.find((unit: { code: string }) => unit.code === 'xa-a')).toEqual(response.body);
    expect(await stored('xa-a')).toEqual({ agencyCode: '000.00.21.H23', dataVersion: 0 });
    const logged = await sut.app.get(DataSource).query("SELECT actor, details FROM audit_log WHERE action = 'agency-code-changed'");
    expect(logged).toEqual([{ actor: expect.stringMatching(/^key:\d+$/), details: 'xa-a: none → 000.00.21.H23' }]);
  });

  it('changes nothing but the code, whatever else the body says', async () => {
    await change('xa-b', { agencyCode: '000.00.22.H23', name: 'Xã Khác', level: 'province', validFrom: '2030-01-01' }).expect(200);
    const view = (await sut.http.get('/api/v1/units').expect(200)).body.units.find((unit: { code: string }) => unit.code === 'xa-b');
    expect(view).toEqual({ code: 'xa-b', name: 'Xã B', level: 'commune', parentCode: 'huyen', kind: null, agencyCode: '000.00.22.H23', validFrom: null, validTo: null });
  });

  it.each`
    cleared
    ${null}
    ${''}
    ${'   '}
  `('clears the code with $cleared', async ({ cleared }) => {
    await change('xa-b', { agencyCode: '000.00.22.H23' }).expect(200);
    expect((await change('xa-b', { agencyCode: cleared }).expect(200)).body.agencyCode).toBeNull();
    expect((await stored('xa-b')).agencyCode).toBeNull();
  });

  it.each`
    body                                  | message
    ${{ agencyCode: '000 00 21' }}        | ${'agencyCode must be 1–32 letters, digits or "."'}
    ${{ agencyCode: 'H'.repeat(33) }}     | ${'agencyCode must be 1–32 letters, digits or "."'}
    ${{ agencyCode: '000.00.21.H23/1' }}  | ${'agencyCode must be 1–32 letters, digits or "."'}
    ${{ agencyCode: 21 }}                 | ${'agencyCode must be a string'}
    ${{ agencyCode: ['000.00.21.H23'] }}  | ${'agencyCode must be a string'}
    ${{}}                                 | ${'agencyCode: is required (null or "" clears it)'}
    ${{ agencycode: '000.00.21.H23' }}    | ${'agencyCode: is required'}
  `('refuses $body with a 400 naming agencyCode, and keeps the code', async ({ body, message }) => {
    const response = await change('xa-a', body).expect(400);
    expect(response.body.message).toContain(message);
    expect((await stored('xa-a')).agencyCode).toBe('000.00.21.H23');
  });

  it('refuses a code another unit valid on the same day has, naming that unit, whichever way the code came', async () => {
    // Set by this route, then asked for again by this route and by a new unit.
    const again = await change('xa-b', { agencyCode: '000.00.21.h23' }).expect(409);
    expect(again.body.message).toBe('agencyCode: "000.00.21.H23" is already the agency code of unit "xa-a"');
    const created = await create({ code: 'xa-c', name: 'Xã C', level: 'commune', parentCode: 'huyen', agencyCode: '000.00.21.H23' }).expect(409);
    expect(created.body.message).toBe('agencyCode: "000.00.21.H23" is already the agency code of unit "xa-a"');
    // Given to a new unit, then asked for by this route.
    await create({ code: 'xa-d', name: 'Xã D', level: 'commune', parentCode: 'huyen', agencyCode: '000.00.23.H23', validFrom: '2025-07-01' }).expect(201);
    const taken = await change('xa-b', { agencyCode: '000.00.23.H23' }).expect(409);
    expect(taken.body.message).toBe('agencyCode: "000.00.23.H23" is already the agency code of unit "xa-d"');
    expect((await stored('xa-b')).agencyCode).toBeNull();
    // A unit asking again for the code it has is not in its own way.
    expect((await change('xa-a', { agencyCode: '000.00.21.H23' }).expect(200)).body.agencyCode).toBe('000.00.21.H23');
  });

  it('lets a unit valid from the day after the holder’s last day take its code, and no unit of an earlier day', async () => {
    await create({ code: 'xa-cu', name: 'Xã Cũ', level: 'commune', parentCode: 'huyen', agencyCode: '000.00.31.H23' }).expect(201);
    // A reorganization will write this; here the unit is retired by hand.
    await sut.app.get(DataSource).query("UPDATE units SET validTo = '2025-06-30' WHERE code = 'xa-cu'");
    await create({ code: 'xa-moi', name: 'Xã Mới', level: 'commune', parentCode: 'tinh', validFrom: '2025-07-01' }).expect(201);
    await change('xa-moi', { agencyCode: '000.00.31.H23' }).expect(200);
    const early = await change('xa-b', { agencyCode: '000.00.31.H23' }).expect(409);
    expect(early.body.message).toBe('agencyCode: "000.00.31.H23" is already the agency code of unit "xa-cu"');
  });

  it('gives one code asked for by four units at once to one of them, and refuses the others naming it', async () => {
    const codes = ['xa-dong-1', 'xa-dong-2', 'xa-dong-3', 'xa-dong-4'];
    for (const code of codes) await create({ code, name: code, level: 'commune', parentCode: 'tinh' }).expect(201);
    const sent = await Promise.all(codes.map((code) => change(code, { agencyCode: '000.00.41.H23' })));
    expect(sent.map((response) => response.status).sort()).toEqual([200, 409, 409, 409]);
    const winner = sent.find((response) => response.status === 200)!.body.code;
    for (const refused of sent.filter((response) => response.status === 409)) {
      expect(refused.body.message).toBe(`agencyCode: "000.00.41.H23" is already the agency code of unit "${winner}"`);
    }
    const holders = await sut.app.get(DataSource).query("SELECT code FROM units WHERE agencyCode = '000.00.41.H23'");
    expect(holders).toEqual([{ code: winner }]);
  });

  it('answers 404 for an unknown unit, 401 without a key and 403 for a unit key, even its own unit’s', async () => {
    const unknown = await change('xa-khong-co', { agencyCode: '000.00.51.H23' }).expect(404);
    expect(unknown.body.message).toBe('unit "xa-khong-co" does not exist');
    await sut.http.patch('/api/v1/units/xa-a').send({ agencyCode: '000.00.51.H23' }).expect(401);
    const unitKey = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'một cửa', unitCode: 'xa-a' }).expect(201)).body.key;
    const refused = await change('xa-a', { agencyCode: '000.00.51.H23' }, unitKey).expect(403);
    expect(refused.body.message).toBe('this action needs an admin key');
    expect((await stored('xa-a')).agencyCode).toBe('000.00.21.H23');
  });
});
