import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { ImportsService } from '../src/imports/imports.service';
import { buildSettled } from './factories/dossier.factory';
import { buildExportRows, writeCsv } from './factories/export.factory';
import { TestDatabase } from './support/databases';
import { MariaDbBinaries, PrivateMariaDb, findMariaDbBinaries, startPrivateMariaDb } from './support/private-mariadb';
import { ADMIN_KEY, TestApp, bearer, startTestApp } from './support/test-app';
import { createTree, send } from './support/tree';

/**
 * The database stopped and started again under the running service: widget load, the JSON API
 * and an import in the middle of its batches. The suite runs its own MariaDB server (a
 * temporary data directory on a free port), since it kills it; the shared server is untouched.
 */
const NOW = '2025-06-10T03:00:00Z';
const BATCH = 2000;
const FILE_ROWS = 6 * BATCH + 500;
const REVALIDATE_MS = 200;

const binaries = findMariaDbBinaries();

if (!binaries) {
  if (process.env.CI === 'true') {
    describe('the service through a database outage [mysql]', () => {
      it('needs mariadb-install-db and mariadbd to run its own server', () => {
        throw new Error('CI=true and mariadb-install-db or mariadbd is missing: install mariadb-server (.ci/run does)');
      });
    });
  } else {
    console.warn('\nmariadb-install-db or mariadbd not found: the database outage suite is SKIPPED (install mariadb-server).\n');
    describe.skip('the service through a database outage [mysql]', () => it('needs MariaDB binaries', () => undefined));
  }
} else {
  describeOutage(binaries);
}

function describeOutage(found: MariaDbBinaries) {
  describe('the service through a database outage [mysql]', () => {
    let server: PrivateMariaDb;
    /** Waits up to a minute for the database, then goes on by itself. */
    let patient: TestApp;
    /** IMPORT_DB_WAIT_SECONDS=0: gives up at the first failure, naming what was stored. */
    let impatient: TestApp;
    let dir: string;

    beforeAll(async () => {
      server = await startPrivateMariaDb(found);
      const admin = await createConnection({ uri: server.url });
      await admin.query('CREATE DATABASE tthc_outage CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
      await admin.end();
      // The server and its data directory go in afterAll: nothing to drop here.
      const database: TestDatabase = { kind: 'mysql', env: { DATABASE_URL: `${server.url}/tthc_outage` }, drop: async () => undefined };
      const env = { WIDGET_REVALIDATE_MS: String(REVALIDATE_MS) };
      patient = await startTestApp('mysql', 'outage', { now: NOW, database, env: { ...env, IMPORT_DB_WAIT_SECONDS: '60' } });
      impatient = await startTestApp('mysql', 'outage', { now: NOW, database, env: { ...env, IMPORT_DB_WAIT_SECONDS: '0' } });
      // The failed queries of the outage are expected: keep TypeORM from printing each one.
      for (const app of [patient, impatient]) jest.spyOn(app.app.get(DataSource).logger, 'logQueryError').mockImplementation(() => undefined);
      await createTree(patient);
      // A commune the import scenarios hold locked, so that an import stops at its second batch.
      await patient.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'xa-c', name: 'Xã C', level: 'commune', parentCode: 'huyen' }).expect(201);
      expect((await send(patient, [...buildSettled(7, 'early', { unitCode: 'xa-a' }), ...buildSettled(1, 'late', { unitCode: 'xa-a' })])).body.created).toBe(8);
      dir = mkdtempSync(join(tmpdir(), 'tthc-outage-'));
    }, 60_000);
    afterAll(async () => {
      await impatient?.close();
      await patient?.close();
      await server?.destroy();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const storedIn = async (unitCode: string): Promise<number> => {
      const connection = await createConnection({ uri: `${server.url}/tthc_outage` });
      try {
        const [rows] = await connection.query('SELECT COUNT(*) AS n FROM dossiers d JOIN units u ON u.id = d.unitId WHERE u.code = ?', [unitCode]);
        return Number((rows as { n: number }[])[0].n);
      } finally {
        await connection.end();
      }
    };
    /**
     * Until `condition` holds. The deadline only turns a hang into a clear failure: every wait
     * here is for a state (a row stored, a lock waited on), never for an amount of time.
     */
    const until = async (what: string, condition: () => Promise<boolean> | boolean) => {
      const deadline = Date.now() + 30_000;
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`${what}: not after 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    /**
     * Holds the lock of a unit's row, as a writer of that unit does (lockUnits): an import's batch
     * with dossiers of that unit waits for it. Released when the server dies.
     */
    const holdUnitLock = async (unitCode: string) => {
      const connection = await createConnection({ uri: `${server.url}/tthc_outage` });
      connection.on('error', () => undefined); // it dies with the server, as intended
      await connection.query('START TRANSACTION');
      await connection.query('SELECT id FROM units WHERE code = ? FOR UPDATE', [unitCode]);
      return connection;
    };
    const lockWaits = async (): Promise<number> => {
      const connection = await createConnection({ uri: server.url });
      try {
        const [rows] = await connection.query("SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'");
        return Number((rows as { n: number }[])[0].n);
      } finally {
        await connection.end();
      }
    };
    /**
     * A file whose first batch is all of `first` and the rest of `held`: with `held` locked, the
     * import commits batch 1 and then waits at batch 2, however fast the machine.
     */
    const twoUnitExport = (first: string, held: string, seed: number, prefix: string) => [
      ...buildExportRows(BATCH, { seed, codePrefix: `${prefix}1`, unitCode: first, includeUnitColumn: true }),
      ...buildExportRows(FILE_ROWS - BATCH, { seed: seed + 100, codePrefix: `${prefix}2`, unitCode: held, includeUnitColumn: true }),
    ];
    /** Batch 1 is stored and batch 2 waits for the lock: the moment to take the database away. */
    const untilSecondBatchWaits = async (first: string, before: number) => {
      await until('batch 1 stored', async () => (await storedIn(first)) - before >= BATCH);
      await until('batch 2 waiting for the unit lock', async () => (await lockWaits()) > 0);
    };
    /** The service answers again by itself: no restart of the app. */
    const untilAnswering = async (app: TestApp) => {
      const deadline = Date.now() + 15_000;
      while ((await app.http.get('/api/v1/units/huyen/stats')).status !== 200) {
        if (Date.now() > deadline) throw new Error('the service did not answer within 15 s of the database restart');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const upload = (app: TestApp, file: string, unitCode: string) =>
      app.http.post('/api/v1/imports').set(bearer(ADMIN_KEY)).field('unitCode', unitCode).attach('file', join(dir, file)).expect(202);
    const importOf = async (app: TestApp, id: number) => (await app.http.get(`/api/v1/imports/${id}`).set(bearer(ADMIN_KEY)).expect(200)).body;

    it('keeps the widget at its last good figures (200, marked stale) and answers the API 503 + Retry-After, then recovers without a restart', async () => {
      const good = await patient.http.get('/widget/huyen.json').expect(200);
      const goodHtml = await patient.http.get('/widget/huyen').expect(200);
      expect(good.body.settled).toMatchObject({ total: 8, late: 1 });
      expect(good.headers['x-data-stale']).toBeUndefined();

      // Public traffic: concurrent widget requests all along the outage.
      const answers: { status: number; stale: boolean; total: number | null }[] = [];
      let loading = true;
      const worker = async () => {
        while (loading) {
          const response = await patient.http.get('/widget/huyen.json');
          answers.push({ status: response.status, stale: response.headers['x-data-stale'] === '1', total: response.body?.settled?.total ?? null });
        }
      };
      const load = Promise.all(Array.from({ length: 6 }, worker));
      await until('every worker answered twice', () => answers.length >= 12);

      // A clean shutdown here (open connections are killed: ER_SERVER_SHUTDOWN, ER_CONNECTION_KILLED),
      // a crash in the import scenarios below.
      await server.stop('SIGTERM');
      patient.stopwatch.advance(REVALIDATE_MS + 1); // past the revalidation window: the widget must ask the database again

      const stale = await patient.http.get('/widget/huyen.json').expect(200);
      expect(stale.headers['x-data-stale']).toBe('1');
      expect(stale.headers.warning).toBe('110 - "Response is Stale"');
      expect(stale.headers['cache-control']).toBe('public, max-age=5');
      expect(stale.body).toEqual(good.body);
      await patient.http.get('/widget/huyen.json').set('If-None-Match', good.headers.etag).expect(304);
      const staleHtml = await patient.http.get('/widget/huyen').expect(200);
      expect(staleHtml.text).toBe(goodHtml.text);
      expect(staleHtml.headers['x-data-stale']).toBe('1');

      // Never rendered: nothing to fall back on.
      const never = await patient.http.get('/widget/xa-b.json').expect(503);
      expect(never.headers['retry-after']).toBe('5');
      expect(never.headers['access-control-allow-origin']).toBe('*');
      const neverHtml = await patient.http.get('/widget/xa-b').expect(503);
      expect(neverHtml.headers['content-type']).toMatch(/^text\/html/);
      expect(neverHtml.text).toContain('Tạm thời không truy cập được cơ sở dữ liệu');
      expect(neverHtml.text).toContain('The database is temporarily unavailable');

      const api = await patient.http.get('/api/v1/units/huyen/stats').expect(503);
      expect(api.headers['retry-after']).toBe('5');
      expect(api.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.stringContaining('database is temporarily unavailable'), retryAfterSeconds: 5 });
      expect(JSON.stringify(api.body)).not.toMatch(/ECONNREFUSED|at .*\.js/);
      // The key check in the guard needs the database too.
      const write = await send(patient, buildSettled(1, 'early', { unitCode: 'xa-b' }));
      expect([write.status, write.headers['retry-after']]).toEqual([503, '5']);
      // A console page keeps the console's layout.
      const page = await patient.http.get('/admin').set('Cookie', 'tthc_session=not-a-real-session').expect(503);
      expect(page.headers['retry-after']).toBe('5');
      expect(page.text).toContain('Tạm thời không truy cập được cơ sở dữ liệu');

      const duringOutage = answers.length;
      await server.start();
      await untilAnswering(patient);
      // The next window: the widget asks the database again, and its answers are fresh again.
      patient.stopwatch.advance(REVALIDATE_MS + 1);
      await until('a fresh widget answer after the restart', () => answers.length > duringOutage && !answers[answers.length - 1].stale);
      loading = false;
      await load;

      // Every widget answer of the outage was the last good figures, none an error.
      expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
      expect(answers.every((answer) => answer.total === 8)).toBe(true);
      expect(answers.some((answer) => answer.stale)).toBe(true);
      expect(answers[answers.length - 1].stale).toBe(false);

      // Fresh connections from the same pool: writes and figures as before, on both instances.
      expect((await send(patient, buildSettled(2, 'late', { unitCode: 'xa-b' }))).body.created).toBe(2);
      const after = await patient.http.get('/widget/huyen.json').expect(200);
      expect(after.headers['x-data-stale']).toBeUndefined();
      expect(after.body.settled).toMatchObject({ total: 10, late: 3 });
      await untilAnswering(impatient);
      expect((await impatient.http.get('/widget/xa-b.json').expect(200)).body.settled.total).toBe(2);
    });

    it('stores only whole batches when the database dies in the middle of an import, and the same file finishes it', async () => {
      writeCsv(join(dir, 'xa-a.csv'), twoUnitExport('xa-a', 'xa-c', 21, 'OUT-A'));
      const firstBefore = await storedIn('xa-a');
      const before = firstBefore + (await storedIn('xa-c'));
      await holdUnitLock('xa-c');
      const started = await upload(impatient, 'xa-a.csv', 'huyen');

      await untilSecondBatchWaits('xa-a', firstBefore);
      await server.stop('SIGKILL');
      await server.start();
      await impatient.app.get(ImportsService).settled();

      const failed = await importOf(impatient, started.body.id);
      const stored = (await storedIn('xa-a')) + (await storedIn('xa-c')) - before;
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/^the database could not be reached \(\w+\) while writing batch 2 \(lines 2002–4001\); batch 1 \(up to line 2001\) is stored whole, 2000 rows/);
      expect(failed.error).toContain('Load the same file again');
      // Exactly the first batch, whole; what the import says it committed is what is stored.
      expect(stored).toBe(BATCH);
      expect(failed.counts.created).toBe(BATCH);

      const again = await upload(impatient, 'xa-a.csv', 'huyen');
      await impatient.app.get(ImportsService).settled();
      const done = await importOf(impatient, again.body.id);
      expect(done).toMatchObject({ status: 'done', rowsRead: FILE_ROWS, error: null, counts: { created: FILE_ROWS - stored, unchanged: stored, updated: 0, rejected: 0 } });
      expect((await storedIn('xa-a')) + (await storedIn('xa-c')) - before).toBe(FILE_ROWS);
    });

    it('waits for the database and finishes the same import by itself when it is back', async () => {
      writeCsv(join(dir, 'xa-b.csv'), twoUnitExport('xa-b', 'xa-c', 22, 'OUT-B'));
      const firstBefore = await storedIn('xa-b');
      const before = firstBefore + (await storedIn('xa-c'));
      await holdUnitLock('xa-c');
      const started = await upload(patient, 'xa-b.csv', 'huyen');

      await untilSecondBatchWaits('xa-b', firstBefore);
      await server.stop('SIGKILL');
      await server.start();
      await patient.app.get(ImportsService).settled();

      const done = await importOf(patient, started.body.id);
      expect(done).toMatchObject({ status: 'done', rowsRead: FILE_ROWS, error: null });
      const { created, updated, unchanged, stale, rejected } = done.counts;
      expect([updated, stale, rejected]).toEqual([0, 0, 0]);
      // Batch 2 never committed: it is written once, when the database is back.
      expect([created, unchanged]).toEqual([FILE_ROWS, 0]);
      expect((await storedIn('xa-b')) + (await storedIn('xa-c')) - before).toBe(FILE_ROWS);
      const figures = (await patient.http.get('/api/v1/units/xa-b/stats').query({ from: '2025-01-01', to: '2025-06-10' }).expect(200)).body;
      expect(figures.received.total + figures.carriedOver).toBeGreaterThan(0);
    });
  });
}
