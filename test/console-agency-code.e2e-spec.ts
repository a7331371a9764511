import { DataSource } from 'typeorm';
import { signedIn } from './support/console';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { createTree } from './support/tree';

/** A unit's agency code (madonvi) seen and set in the console, with the API's rule and refusals. */
describeEachDatabase('the agency code of a unit, in the console', (kind) => {
  let sut: TestApp;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  const PAGE = '/admin/units/agency-code';
  const post = (fields: Record<string, string>, who = admin) => who.agent.post(PAGE).type('form').send({ _csrf: who.csrf, ...fields });
  const storedCode = async (code: string) => (await sut.app.get(DataSource).query('SELECT agencyCode FROM units WHERE code = ?', [code]))[0].agencyCode;
  /** The page's text as a reader sees it: the quotes Handlebars escapes read back. */
  const read = (html: string) => html.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
  const errorsOf = (html: string) => [...read(html).matchAll(/<ul class="work-errors" id="agency-code-errors">(.*?)<\/ul>/gs)].flatMap((match) => [...match[1].matchAll(/<li>(.*?)<\/li>/g)].map((line) => line[1]));

  beforeAll(async () => {
    sut = await startTestApp(kind, 'console-agency-code', { now: '2025-06-10T03:07:03Z' });
    await createTree(sut);
    admin = await signedIn(sut, `quan-tri-${kind}@tinh.gov.vn`, 'admin');
  }, 180_000);
  afterAll(() => sut?.close());

  it('shows each unit’s code on the tree page, with a link to set it', async () => {
    await sut.http.patch('/api/v1/units/xa-b').set(bearer(ADMIN_KEY)).send({ agencyCode: 'H56.14' }).expect(200);
    const tree = (await admin.agent.get('/admin/units/tree').expect(200)).text;
    expect(tree).toContain('<th>Mã định danh</th>');
    expect(tree).toMatch(/<tr data-unit="xa-b">[\s\S]*?data-agency-code="H56.14">H56.14 · <a href="\/admin\/units\/agency-code\?unit=xa-b">Đặt mã<\/a>/);
    expect(tree).toMatch(/<tr data-unit="xa-a">[\s\S]*?data-agency-code="">— · <a href="\/admin\/units\/agency-code\?unit=xa-a">/);
  });

  it('sets the code trimmed and in capitals, says so, and logs who did it', async () => {
    const form = (await admin.agent.get(PAGE).query({ unit: 'xa-a' }).expect(200)).text;
    expect(form).toContain('Mã định danh điện tử (mã đơn vị DVCQG): Xã A');
    expect(form).toContain('<input type="text" name="agencyCode" value=""');
    const saved = await post({ unit: 'xa-a', agencyCode: ' 000.00.21.h23 ' }).expect(303);
    expect(saved.headers.location).toBe(`${PAGE}?unit=xa-a&saved=1`);
    const after = (await admin.agent.get(saved.headers.location).expect(200)).text;
    expect(after).toContain('Đã lưu mã định danh điện tử của đơn vị.');
    expect(after).toContain('data-agency-code="000.00.21.H23">000.00.21.H23</td>');
    expect(await storedCode('xa-a')).toBe('000.00.21.H23');
    const logged = await sut.app.get(DataSource).query("SELECT actor, details FROM audit_log WHERE action = 'agency-code-changed' AND actor LIKE 'staff:%'");
    expect(logged).toEqual([{ actor: expect.stringContaining(`quan-tri-${kind}@tinh.gov.vn`), details: 'xa-a: none → 000.00.21.H23' }]);
    expect((await admin.agent.get('/admin/audit').query({ action: 'agency-code-changed' }).expect(200)).text).toContain('Đặt mã định danh điện tử của đơn vị');
  });

  it('refuses a code another unit of the same days has, naming it in Vietnamese with the API’s English, and keeps the code typed', async () => {
    const refused = await post({ unit: 'xa-b', agencyCode: '000.00.21.H23' }).expect(409);
    expect(errorsOf(refused.text)).toEqual(['Mã định danh "000.00.21.H23" đã là mã của đơn vị "xa-a". (agencyCode: "000.00.21.H23" is already the agency code of unit "xa-a")']);
    expect(read(refused.text)).toContain('Chưa lưu, mã định danh vẫn như cũ:');
    expect(refused.text).toContain('<input type="text" name="agencyCode" value="000.00.21.H23"');
    expect(await storedCode('xa-b')).toBe('H56.14');
  });

  it('refuses a code set in the console when the API asks for it again, and the other way round', async () => {
    const api = await sut.http.patch('/api/v1/units/huyen').set(bearer(ADMIN_KEY)).send({ agencyCode: '000.00.21.H23' }).expect(409);
    expect(api.body.message).toBe('agencyCode: "000.00.21.H23" is already the agency code of unit "xa-a"');
    const inConsole = await post({ unit: 'huyen', agencyCode: 'h56.14' }).expect(409);
    expect(errorsOf(inConsole.text)).toEqual(['Mã định danh "H56.14" đã là mã của đơn vị "xa-b". (agencyCode: "H56.14" is already the agency code of unit "xa-b")']);
    expect(await storedCode('huyen')).toBeNull();
  });

  it('refuses a code that does not read, and says it in English on an English page', async () => {
    const vi = await post({ unit: 'xa-a', agencyCode: '000 00 21' }).expect(400);
    expect(errorsOf(vi.text)).toEqual(['Mã định danh phải gồm 1–32 chữ cái, chữ số hoặc dấu chấm, ví dụ 000.00.21.H23. (agencyCode must be 1–32 letters, digits or ".")']);
    expect(vi.text).toContain('value="000 00 21"');

    await admin.agent.get(PAGE).query({ unit: 'xa-a', lang: 'en' }).expect(200);
    const en = await post({ unit: 'xa-a', agencyCode: 'H'.repeat(33) }).expect(400);
    expect(errorsOf(en.text)).toEqual(['agencyCode must be 1–32 letters, digits or "."']);
    expect(read(en.text)).toContain('Not saved; the agency code stays as it was:');
    const taken = await post({ unit: 'xa-b', agencyCode: '000.00.21.H23' }).expect(409);
    expect(errorsOf(taken.text)).toEqual(['agencyCode: "000.00.21.H23" is already the agency code of unit "xa-a"']);
    expect((await admin.agent.get(PAGE).query({ unit: 'xa-a' }).expect(200)).text).toContain('Electronic agency code (DVCQG madonvi): Xã A');
    await admin.agent.get(PAGE).query({ lang: 'vi' }).expect(200);
    expect(await storedCode('xa-a')).toBe('000.00.21.H23');
  });

  it('clears the code when the field is left empty', async () => {
    await post({ unit: 'xa-b', agencyCode: '' }).expect(303);
    expect(await storedCode('xa-b')).toBeNull();
    expect((await admin.agent.get(PAGE).query({ unit: 'xa-b', saved: '1' }).expect(200)).text).toContain('Đã xoá mã định danh điện tử: đơn vị không còn mã.');
  });

  it('answers an unknown unit with a 404 page', async () => {
    expect(read((await admin.agent.get(PAGE).query({ unit: 'xa-khong-co' }).expect(404)).text)).toContain('Không có đơn vị "xa-khong-co".');
    await post({ unit: 'xa-khong-co', agencyCode: '000.00.61.H23' }).expect(404);
  });

  it('is for admins only: a manager of the unit may neither see nor set it', async () => {
    const manager = await signedIn(sut, `lanh-dao-${kind}@huyen.gov.vn`, 'manager', 'huyen');
    await manager.agent.get(PAGE).query({ unit: 'xa-a' }).expect(403);
    await post({ unit: 'xa-a', agencyCode: '000.00.71.H23' }, manager).expect(403);
    expect(await storedCode('xa-a')).toBe('000.00.21.H23');
  });

  it('refuses a form without the session’s token, or sent from another site', async () => {
    await admin.agent.post(PAGE).type('form').send({ unit: 'xa-a', agencyCode: '000.00.81.H23' }).expect(403);
    await post({ unit: 'xa-a', agencyCode: '000.00.81.H23' }).set('Origin', 'https://evil.example').expect(403);
    expect(await storedCode('xa-a')).toBe('000.00.21.H23');
  });
});
