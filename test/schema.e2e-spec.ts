import { DataSource } from 'typeorm';
import { databaseSettings, validateEnvironment } from '../src/config/configuration';
import { MIGRATIONS, dataSourceOptions, detectServer } from '../src/database/data-source-options';
import { Scorecard7661764200000000 } from '../src/database/migrations/1764200000000-scorecard-766';
import { ROLLUP_COLUMNS } from '../src/dossiers/rollups/rollups';
import { recountUnit } from '../src/dossiers/rollups/rollup-tables';
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

describeEachDatabase('upgrading to the 766 scorecard (dossiers and steps already stored)', (kind) => {
  it('fills in each dossier’s supplement summary from its steps and recounts the rollups as the live code counts them', async () => {
    const database = await createTestDatabase(kind, 'upgrade766');
    const settings = databaseSettings(validateEnvironment(database.env));
    const server = settings.kind === 'mysql' ? await detectServer(settings.url!) : undefined;
    try {
      const before = new DataSource({ ...dataSourceOptions(settings, server), migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(Scorecard7661764200000000)) });
      await before.initialize();
      await before.query("INSERT INTO units (code, name, level, path, dataVersion, createdAt) VALUES ('xa', 'Xã', 'commune', '/1/', 0, '2025-01-01 00:00:00.000')");
      const dossier = (code: string, status: string, resolvedAt: string | null, settledOn: string | null, timeliness: string | null) =>
        before.query(
          `INSERT INTO dossiers (unitId, code, field, channel, status, receivedAt, dueAt, dueOn, resolvedAt, receivedOn, settledOn, timeliness, electronicResult, contentHash, createdAt, updatedAt)
           VALUES (1, ?, 'Hộ tịch', 'online', ?, '2025-06-02 01:00:00.000', '2025-06-09 10:00:00.000', '2025-06-09', ?, '2025-06-02', ?, ?, 1, 'x', '2025-06-02 01:00:00.000', '2025-06-02 01:00:00.000')`,
          [code, status, resolvedAt, settledOn, timeliness],
        );
      // Settled a day late, but the applicant held it two days: on time by 2.1.
      await dossier('HELD', 'resolved', '2025-06-10 03:00:00.000', '2025-06-10', 'late');
      // Settled early, after two supplement requests: late by 2.1.
      await dossier('TWICE', 'resolved', '2025-06-06 03:00:00.000', '2025-06-06', 'early');
      // Still open, waiting for papers asked after its deadline: overdue by 2.1.
      await dossier('ASKED-LATE', 'waiting', null, null, null);
      const step = (code: string, statusCode: number, at: string) =>
        before.query(
          "INSERT INTO dossier_events (unitId, dossierCode, statusCode, at, origin, createdAt, updatedAt) VALUES (1, ?, ?, ?, 'progress', '2025-06-02 01:00:00.000', '2025-06-02 01:00:00.000')",
          [code, statusCode, at],
        );
      await step('HELD', 5, '2025-06-03 01:00:00.000');
      await step('HELD', 4, '2025-06-05 01:00:00.000');
      await step('TWICE', 5, '2025-06-03 01:00:00.000');
      await step('TWICE', 2, '2025-06-03 05:00:00.000');
      await step('TWICE', 5, '2025-06-04 01:00:00.000');
      await step('ASKED-LATE', 5, '2025-06-10 01:00:00.000');
      await before.destroy();

      const upgraded = new DataSource(dataSourceOptions(settings, server));
      await upgraded.initialize();
      const rows: Record<string, unknown>[] = await upgraded.query("SELECT code, supplementAt, supplementDoneAt, supplementAgainAt FROM dossiers ORDER BY code");
      expect(rows.map((row) => [row.code, Boolean(row.supplementAt), Boolean(row.supplementDoneAt), Boolean(row.supplementAgainAt)])).toEqual([
        ['ASKED-LATE', true, false, false], ['HELD', true, true, false], ['TWICE', true, true, true],
      ]);
      const month: Record<string, unknown>[] = await upgraded.query("SELECT onTime766, late766, openLate766, results, electronicResults FROM dossier_month_counts WHERE unitId = 1 AND month = '*'");
      expect(month.map((row) => Object.values(row).map(Number))).toEqual([[1, 1, 1, 2, 2]]);
      // Exactly what the live code would keep.
      const expected = (await recountUnit(upgraded.manager, 1)).changes().filter((change) => change.table === 'month');
      for (const change of expected) {
        const [stored] = await upgraded.query(`SELECT * FROM dossier_month_counts WHERE unitId = 1 AND month = ?`, [change.bucket]);
        expect(Object.fromEntries(ROLLUP_COLUMNS.map((column) => [column, Number(stored[column])]))).toEqual(change.counters);
      }
      await upgraded.destroy();
    } finally {
      await database.drop();
    }
  });
});
