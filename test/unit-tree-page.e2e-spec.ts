import { DemoService } from '../src/demo/demo.service';
import { signedIn } from './support/console';
import { TestApp, describeEachDatabase, startTestApp } from './support/test-app';

/** The console's unit tree on a chosen day, on the demo's reorganized province. */
describeEachDatabase('the unit tree on a day, in the console', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'unit-tree', { now: '2026-06-10T03:07:03Z' });
    await sut.app.get(DemoService).seed();
  }, 180_000);
  afterAll(async () => {
    await sut?.close();
  });

  const rowsOf = (html: string) => [...html.matchAll(/<tr data-unit="([^"]+)"( class="muted" data-retired="true")?>/g)].map((match) => `${match[1]}${match[2] ? ' (retired)' : ''}`);

  it('shows the tree of the day before the act, of its day, and on request the units retired by then with who carries them', async () => {
    const admin = await signedIn(sut, `quan-tri-${kind}@tinh.gov.vn`, 'admin');
    const before = (await admin.agent.get('/admin/units/tree').query({ at: '2025-06-30' }).expect(200)).text;
    expect(rowsOf(before)).toEqual(expect.arrayContaining(['tinh-hai-duong', 'huyen-tu-ky', 'xa-van-to', 'tinh-hung-yen']));
    expect(rowsOf(before)).not.toContain('xa-tu-ky');

    const after = (await admin.agent.get('/admin/units/tree').query({ at: '2025-07-01' }).expect(200)).text;
    expect(rowsOf(after).sort()).toEqual(['phuong-tien-dong-nam', 'tinh-hai-hung', 'xa-gia-tan', 'xa-tien-dong-bac', 'xa-toan-thang', 'xa-tu-ky']);
    expect(after).toContain('Cây đơn vị theo ngày: 01/07/2025');

    const withRetired = (await admin.agent.get('/admin/units/tree').query({ at: '2025-07-01', retired: 'true' }).expect(200)).text;
    expect(rowsOf(withRetired)).toEqual(expect.arrayContaining(['huyen-tu-ky (retired)', 'xa-van-to (retired)']));
    expect(withRetired).toContain('Đã thôi hoạt động sau ngày 30/06/2025 · Lịch sử thuộc: xa-tu-ky');
    expect((await admin.agent.get('/admin/units/tree').query({ at: '2025-02-30' })).status).toBe(400);
  });

  it('is for admins only', async () => {
    const manager = await signedIn(sut, `lanh-dao-${kind}@xa-tu-ky.gov.vn`, 'manager', 'xa-tu-ky');
    expect((await manager.agent.get('/admin/units/tree')).status).toBe(403);
  });
});
