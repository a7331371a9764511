import { buildSettled } from './factories/dossier.factory';
import { signedIn } from './support/console';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { send, TWO_PROVINCES } from './support/tree';

/**
 * Before 1 July 2025:
 *   tinh-a → huyen-a → xa-a1, xa-a2
 *   tinh-b → huyen-b → xa-b1, xa-b2, xa-b3
 * The official list forms a new province of both, a new commune of xa-a1 and xa-a2, keeps xa-b1
 * (merging xa-b2 into it, moving it up and renaming it) and splits xa-b3 in two, its history
 * going to the row that takes its rest. The districts are left out: they retire.
 */
const BEFORE = TWO_PROVINCES;

const HEADER = 'Mã đơn vị;Tên đơn vị;Cấp;Loại;Mã đơn vị cấp trên;Hình thành từ (mã cũ, cách nhau bởi dấu ,);Ngày hiệu lực;Căn cứ';
const NQ = 'Nghị quyết thử 1/NQ-UBTVQH15';
const ROWS = [
  `tinh-moi;Tỉnh Mới;Tỉnh;Tỉnh;;tinh-a, tinh-b;01/07/2025;${NQ}`,
  `xa-moi;Xã Mới;Xã;Xã;tinh-moi;xa-a1, xa-a2;01/07/2025;${NQ}`,
  `xa-b1;Phường B1;Xã;Phường;tinh-moi;xa-b1, xa-b2;01/07/2025;${NQ}`,
  `xa-c1;Xã C1;Xã;Xã;tinh-moi;xa-b3 (một phần);01/07/2025;${NQ}`,
  `xa-c2;Xã C2;Xã;Xã;tinh-moi;xa-b3 (phần còn lại);01/07/2025;${NQ}`,
];
const LIST = `\uFEFF${[HEADER, ...ROWS].join('\r\n')}\r\n`;

/** A hidden field's value as a browser sends it (Handlebars writes "=" as &#x3D;). */
const hiddenOf = (html: string, name: string) => (new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '').replace(/&#x3D;/g, '=');
/** The page's text without tags, spaces run together. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, ' ');

describeEachDatabase('the official list page', (kind) => {
  let sut: TestApp;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  const everyUnit = async () => (await sut.http.get('/api/v1/units').query({ all: true }).expect(200)).body.units as { code: string; validTo: string | null; parentCode: string | null; name: string; successors: { code: string; carriesHistory: boolean }[] }[];
  const unitOf = async (code: string) => (await everyUnit()).find((unit) => unit.code === code)!;
  const upload = (csv: string, lang = 'en') => admin.agent.post(`/admin/units/official-list?_csrf=${admin.csrf}&lang=${lang}`).attach('file', Buffer.from(csv, 'utf8'), 'danh-sach.csv');

  beforeAll(async () => {
    sut = await startTestApp(kind, 'official-list', { now: '2025-07-10T03:00:00Z' });
    for (const unit of BEFORE) await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
    await send(sut, [...buildSettled(3, 'early', { unitCode: 'xa-a1' }), ...buildSettled(2, 'late', { unitCode: 'xa-b3' })]).then((answer) => expect(answer.status).toBeLessThan(300));
    await sut.http.post('/api/v1/report-subscriptions').set(bearer(ADMIN_KEY)).send({ unitCode: 'xa-a1', recipients: ['chu-tich@xa-a1.gov.vn'], periodKind: 'month', sendDay: 1, sendAt: '07:00', locale: 'vi' }).expect(201);
    admin = await signedIn(sut, 'quan-tri@tinh.gov.vn', 'admin');
  });
  afterAll(() => sut?.close());

  it('is for admins only, linked from the settings page, its forms with the session token', async () => {
    const manager = await signedIn(sut, 'quan-ly@tinh-a.gov.vn', 'manager', 'tinh-a');
    await manager.agent.get('/admin/units/official-list').expect(403);
    expect((await manager.agent.get('/admin/settings').expect(200)).text).not.toContain('/admin/units/official-list');
    expect((await admin.agent.get('/admin/settings').expect(200)).text).toContain('href="/admin/units/official-list"');
    const page = await admin.agent.get('/admin/units/official-list').expect(200);
    expect(page.text).toContain(`action="/admin/units/official-list?_csrf=${admin.csrf}"`);
    await admin.agent.post('/admin/units/official-list').attach('file', Buffer.from(LIST), 'danh-sach.csv').expect(403);
    await admin.agent.post('/admin/units/official-list/apply').type('form').send({ list: 'x', fingerprint: 'y' }).expect(403);
  });

  it('refuses a list with an unknown old code, a unit formed twice and a bad date, naming every line, with nothing applied', async () => {
    const answer = await upload([HEADER, ROWS[0], `xa-moi;Xã Mới;Xã;Xã;tinh-moi;xa-a1, xa-khong-co;01/07/2025;${NQ}`, `xa-moi;Xã Mới;Xã;Xã;tinh-moi;xa-a2;31/06/2025;${NQ}`].join('\n')).expect(422);
    const text = textOf(answer.text);
    expect(text).toContain('The list was not applied; nothing has changed:');
    expect(text).toContain('line 3: Hình thành từ: unit "xa-khong-co" does not exist');
    expect(text).toContain('line 4: Mã đơn vị: unit "xa-moi" is formed twice (also on line 3)');
    expect(text).toContain('line 4: Ngày hiệu lực: "31/06/2025" is not a date (dd/MM/yyyy or YYYY-MM-DD)');
    expect(text).not.toContain('name="fingerprint"');
    const vi = textOf((await upload([HEADER, `xa-moi;Xã Mới;Xã;Xã;tinh-a;xa-khong-co;01/07/2025;${NQ}`].join('\n'), 'vi').expect(422)).text);
    expect(vi).toContain('Dòng 2, cột Hình thành từ: không có đơn vị "xa-khong-co". (line 2: Hình thành từ: unit "xa-khong-co" does not exist)');
    expect((await unitOf('xa-a1')).validTo).toBeNull();
  });

  it("shows the act's own refusals by the line of the list, or by the unit an abolished level retires", async () => {
    // xa-b3 is left out: it would stay under huyen-b, which retires; and a parent that does not exist.
    const answer = await upload([HEADER, ...ROWS.slice(0, 3), `xa-z;Xã Z;Xã;;tinh-khong-co;;01/07/2025;${NQ}`].join('\n')).expect(422);
    const text = textOf(answer.text);
    expect(text).toContain('The act this list gives cannot be applied; nothing has changed:');
    expect(text).toContain('Line 5: parentCode: unit "tinh-khong-co" does not exist');
    expect(text).toContain('Retiring huyen-b (a level the list no longer has): unit "xa-b3" would be left under unit "huyen-b", which retires: move or retire it in the same act');
    expect((await unitOf('huyen-b')).validTo).toBeNull();
  });

  it('previews the act with the dossiers and report subscriptions of every unit it retires, and applies nothing until confirmed', async () => {
    const answer = await upload(LIST).expect(200);
    const text = textOf(answer.text);
    expect(text).toContain(`Preview: in effect from 01/07/2025 · ${NQ}`);
    expect(text).toContain('Not applied: nothing changes until you press “Apply”.');
    expect(text).toContain('Created (4)');
    expect(text).toContain('Merged (3)');
    expect(text).toContain('2 Tỉnh A (tinh-a), Tỉnh B (tinh-b) Tỉnh Mới (tinh-moi)');
    expect(text).toContain('Split (1)');
    expect(text).toContain('5, 6 Xã B3 (xa-b3) Xã C1 (xa-c1), Xã C2 (xa-c2) Xã C2 (xa-c2)');
    expect(text).toContain('Moved to another parent (1) # Unit Old parent New parent 4 Xã B1 (xa-b1) Huyện B (huyen-b) Tỉnh Mới (tinh-moi)');
    expect(text).toContain('Renamed (1) # Old name New name 4 Xã B1 (xa-b1) Phường B1');
    expect(text).toContain('Retired (8) · Last day 30/06/2025');
    expect(text).toContain('Unit Level Stored dossiers Report subscriptions Tỉnh A (tinh-a) Province 0 0');
    expect(text).toContain('Xã A1 (xa-a1) Commune 3 1');
    expect(text).toContain('Xã B3 (xa-b3) Commune 2 0');
    expect(text).toContain('Huyện A (huyen-a) District 0 0');
    expect((await everyUnit()).map((unit) => unit.code)).not.toContain('tinh-moi');
    expect((await unitOf('xa-a1')).validTo).toBeNull();
    expect((await sut.http.get('/api/v1/reorganizations').set(bearer(ADMIN_KEY)).expect(200)).body.reorganizations).toEqual([]);

    // A form whose list was changed after the preview is not applied.
    const tampered = await admin.agent.post('/admin/units/official-list/apply?lang=en').type('form').send({ _csrf: admin.csrf, list: hiddenOf(answer.text, 'list'), fingerprint: 'f'.repeat(64) }).expect(409);
    expect(textOf(tampered.text)).toContain('The list now gives another act than the preview did');
    await admin.agent.post('/admin/units/official-list/apply?lang=en').type('form').send({ _csrf: admin.csrf, list: 'bm90IGd6aXA=', fingerprint: hiddenOf(answer.text, 'fingerprint') }).expect(400);
    expect((await unitOf('xa-a1')).validTo).toBeNull();

    const confirmed = await admin.agent.post('/admin/units/official-list/apply?lang=en').type('form').send({ _csrf: admin.csrf, list: hiddenOf(answer.text, 'list'), fingerprint: hiddenOf(answer.text, 'fingerprint') }).expect(303);
    expect(confirmed.headers.location).toBe('/admin/units/official-list?applied=1');
    const after = textOf((await admin.agent.get(confirmed.headers.location).expect(200)).text);
    expect(after).toContain('Act #1 applied (in effect from 01/07/2025): 12 changes.');

    const xaA1 = await unitOf('xa-a1');
    expect(xaA1.validTo).toBe('2025-06-30');
    expect(xaA1.successors).toEqual([expect.objectContaining({ code: 'xa-moi', carriesHistory: true })]);
    expect((await unitOf('xa-b3')).successors.map((link) => `${link.code}:${link.carriesHistory}`).sort()).toEqual(['xa-c1:false', 'xa-c2:true']);
    expect(await unitOf('xa-b1')).toMatchObject({ name: 'Phường B1', parentCode: 'tinh-moi', validTo: null });
    expect((await unitOf('huyen-a')).validTo).toBe('2025-06-30');
    expect((await unitOf('tinh-b')).successors).toEqual([expect.objectContaining({ code: 'tinh-moi', carriesHistory: true })]);
    const audit = await admin.agent.get('/admin/audit?action=reorganization-applied').expect(200);
    expect(audit.text).toContain(`#1 2025-07-01 &quot;${NQ}&quot;: 12 change(s) from the official list`);

    // The same form again applies nothing: the list now gives another act, which the tree refuses.
    await admin.agent.post('/admin/units/official-list/apply').type('form').send({ _csrf: admin.csrf, list: hiddenOf(answer.text, 'list'), fingerprint: hiddenOf(answer.text, 'fingerprint') }).expect(409);
    expect((await sut.http.get('/api/v1/reorganizations').set(bearer(ADMIN_KEY)).expect(200)).body.reorganizations).toHaveLength(1);
  });
});
