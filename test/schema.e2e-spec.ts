import { DataSource } from 'typeorm';
import { databaseSettings, validateEnvironment } from '../src/config/configuration';
import { MIGRATIONS, dataSourceOptions, detectServer } from '../src/database/data-source-options';
import { createTestDatabase } from './support/databases';
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

describeEachDatabase('upgrading a database that already holds dossiers', (kind) => {
  it('keeps every dossier and fills in the new columns', async () => {
    const database = await createTestDatabase(kind, 'upgrade');
    const settings = databaseSettings(validateEnvironment(database.env));
    const server = settings.kind === 'mysql' ? await detectServer(settings.url!) : undefined;
    try {
      const first = new DataSource({ ...dataSourceOptions(settings, server), migrations: [MIGRATIONS[0]], entities: [] });
      await first.initialize();
      await first.query("INSERT INTO units (code, name, level, path, dataVersion, createdAt) VALUES ('xa', 'Xã', 'commune', '/1/', 0, '2025-01-01 00:00:00.000')");
      await first.query(
        `INSERT INTO dossiers (unitId, code, field, channel, status, receivedAt, dueAt, receivedOn, contentHash, createdAt, updatedAt)
         VALUES (1, 'OLD-1', 'Hộ tịch', 'direct', 'processing', '2025-06-01 01:00:00.000', '2025-06-09 16:59:59.999', '2025-06-01', 'x', '2025-06-01 01:00:00.000', '2025-06-01 01:00:00.000')`,
      );
      await first.destroy();

      const upgraded = new DataSource(dataSourceOptions(settings, server));
      await upgraded.initialize();
      const rows = await upgraded.query("SELECT code, dueOn, dueAtComputed FROM dossiers WHERE code = 'OLD-1'");
      expect(rows).toEqual([{ code: 'OLD-1', dueOn: '2025-06-09', dueAtComputed: 0 }]);
      const holidays = await upgraded.query("SELECT COUNT(*) AS n FROM calendar_days WHERE kind = 'holiday' AND date LIKE '2025-%'");
      expect(Number(holidays[0].n)).toBeGreaterThanOrEqual(12);
      await upgraded.destroy();
    } finally {
      await database.drop();
    }
  });
});
