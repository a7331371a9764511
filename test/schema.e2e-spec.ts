import { DataSource } from 'typeorm';
import { TestApp, describeEachDatabase, startTestApp } from './support/test-app';

describeEachDatabase('the schema', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, 'schema');
  });
  afterAll(() => sut?.close());

  it('built by the migrations is exactly what the entities describe (no pending change)', async () => {
    const pending = await sut.app.get(DataSource).driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('has run every migration', async () => {
    expect(await sut.app.get(DataSource).showMigrations()).toBe(false);
  });
});
