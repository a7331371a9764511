import { createConnection } from 'mysql2/promise';
import { buildSettled } from './factories/dossier.factory';
import { MYSQL_SERVER_URL, TestDatabase, createTestDatabase } from './support/databases';
import { TestApp, startTestApp } from './support/test-app';
import { createTree, send, stats } from './support/tree';

const mysqlSkipped = process.env.TTHC_TEST_MYSQL === '0';

/**
 * DATABASE_READ_URL: figures are read from the replica, writes go to the primary. The "replica"
 * here is a second database on the same server, filled by copying tables, so the test can tell
 * which of the two a figure came from.
 */
(mysqlSkipped ? describe.skip : describe)('figures from a read replica [mysql]', () => {
  let replica: TestDatabase;
  let sut: TestApp;
  const nameOf = (database: TestDatabase) => database.env.DATABASE_URL.split('/').pop()!;

  beforeAll(async () => {
    replica = await createTestDatabase('mysql', 'replica');
    // The replica's schema, as replication would bring it: the service's own migrations.
    const schemaOnly = await startTestApp('mysql', 'replica-schema', { database: replica });
    await schemaOnly.app.close();
    sut = await startTestApp('mysql', 'primary', { env: { DATABASE_READ_URL: replica.env.DATABASE_URL } });
    await createTree(sut);
  }, 60_000);
  afterAll(async () => {
    await sut?.close();
    await replica?.drop();
  });

  const copyToReplica = async () => {
    const admin = await createConnection({ uri: MYSQL_SERVER_URL });
    try {
      for (const table of ['units', 'dossiers', 'dossier_day_counts', 'dossier_month_counts', 'dossier_field_day_counts', 'dossier_field_month_counts']) {
        await admin.query(`DELETE FROM \`${nameOf(replica)}\`.${table}`);
        await admin.query(`INSERT INTO \`${nameOf(replica)}\`.${table} SELECT * FROM \`${nameOf(sut.database)}\`.${table}`);
      }
    } finally {
      await admin.end();
    }
  };

  it('writes to the primary and reads figures from the replica, as of its last copy', async () => {
    expect((await send(sut, buildSettled(5, 'early'))).body).toMatchObject({ created: 5, rejected: [] });
    // Not yet on the replica: the figures say so, although the primary has the dossiers.
    expect((await stats(sut, 'xa-a', { from: '2025-05-01', to: '2025-05-31' })).settled.total).toBe(0);

    await copyToReplica();
    expect((await stats(sut, 'xa-a', { from: '2025-05-01', to: '2025-05-31' })).settled).toEqual({ total: 5, early: 5, onTime: 0, late: 0 });
    expect((await stats(sut, 'tinh', { from: '2025-05-01', to: '2025-05-31', includeChildren: true, groupBy: 'field' })).groups).toHaveLength(1);

    // The next write goes to the primary only, and still reads what it updates from there.
    expect((await send(sut, buildSettled(2, 'late'))).body).toMatchObject({ created: 2, rejected: [] });
    expect((await stats(sut, 'xa-a', { from: '2025-05-01', to: '2025-05-31' })).settled.total).toBe(5);
    await copyToReplica();
    expect((await stats(sut, 'xa-a', { from: '2025-05-01', to: '2025-05-31' })).settled).toEqual({ total: 7, early: 5, onTime: 0, late: 2 });
  });
});
