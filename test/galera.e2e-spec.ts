import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { RollupsService } from '../src/dossiers/rollups/rollups.service';
import { RecordInput, buildDossier } from './factories/dossier.factory';
import { TestDatabase } from './support/databases';
import { GaleraCluster, findGaleraProvider, startGaleraCluster } from './support/galera';
import { findMariaDbBinaries } from './support/private-mariadb';
import { ADMIN_KEY, TestApp, bearer, startTestApp } from './support/test-app';
import { send, stats } from './support/tree';

/**
 * Three service instances, each writing through its own node of a three-node MariaDB Galera
 * cluster (the suite's own, on loopback): the same dossiers sent at once through different
 * nodes, with different content. A cluster does not lock across nodes: a conflict shows at
 * commit, as a certification failure the loser sees as a deadlock. The service retries those;
 * nothing may be lost and the rollups must stay exact.
 */
const NOW = '2025-06-10T03:00:00Z';
const DATABASE = 'tthc_galera';
const COMMUNES = ['xa-g1', 'xa-g2', 'xa-g3', 'xa-g4', 'xa-g5', 'xa-g6'];
const WRITERS_PER_INSTANCE = 2;
const BATCHES = 20;
const BATCH = 200;
/** Each writer sends every code once, from its own starting point: neighbours overlap at every moment. */
const CODES = BATCHES * BATCH;
const SHIFT = 67;

const provider = findGaleraProvider();
const onPath = (name: string) => (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
const rsync = onPath('rsync');
/** The joiners' state transfer: mariadbd runs it (Debian's mariadb-server ships it). */
const sstScript = onPath('wsrep_sst_rsync');
const binaries = findMariaDbBinaries();
const TITLE = 'service instances writing through the nodes of a Galera cluster [mysql]';

if (!provider || !rsync || !sstScript || !binaries) {
  const missing = [!provider && 'galera-4 (libgalera_smm.so)', !rsync && 'rsync', !sstScript && 'wsrep_sst_rsync (mariadb-server)', !binaries && 'mariadb-server-core']
    .filter(Boolean)
    .join(', ');
  if (process.env.CI === 'true') {
    describe(TITLE, () => {
      it('needs galera-4, rsync and the MariaDB server binaries to run its own cluster', () => {
        throw new Error(`CI=true and ${missing} missing: install them (.ci/run does)`);
      });
    });
  } else {
    console.warn(`\n${missing} not found: the Galera suite is SKIPPED (install galera-4 and rsync).\n`);
    describe.skip(TITLE, () => it('needs a Galera provider', () => undefined));
  }
} else {
  describeGalera();
}

/** The version writer `writer` sends of code number `n`: later writers carry a later sourceUpdatedAt. */
function version(n: number, writer: number): RecordInput {
  return buildDossier({
    code: `GL-${String(n).padStart(5, '0')}`,
    unitCode: COMMUNES[n % COMMUNES.length],
    channel: (['direct', 'online', 'postal'] as const)[(n + writer) % 3],
    field: `Lĩnh vực ${writer % 3}`,
    receivedAt: '2025-05-02T08:00:00',
    dueAt: '2025-05-09',
    // Settled on a different day by each writer: the rollups move between buckets.
    resolvedAt: `2025-05-0${3 + writer}T10:00:00`,
    sourceUpdatedAt: `2025-06-0${1 + writer}T08:00:00`,
  });
}

function describeGalera() {
  describe(TITLE, () => {
    let cluster: GaleraCluster;
    const instances: TestApp[] = [];
    /**
     * The errors the instances would print (failed queries, 500s), by first line: the conflicts
     * are expected and retried, and are counted rather than printed with their whole batch.
     */
    const errors = new Map<string, number>();
    const count = (message: unknown) => {
      const line = String(message instanceof Error ? message.message : message).split('\n')[0].slice(0, 120);
      errors.set(line, (errors.get(line) ?? 0) + 1);
    };

    beforeAll(async () => {
      cluster = await startGaleraCluster(3);
      const admin = await createConnection({ uri: cluster.urls[0] });
      await admin.query(`CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await admin.end();
      // The first instance runs the migrations; the cluster and its data go in afterAll.
      for (const url of cluster.urls) {
        const database: TestDatabase = { kind: 'mysql', env: { DATABASE_URL: `${url}/${DATABASE}` }, drop: async () => undefined };
        const instance = await startTestApp('mysql', 'galera', { now: NOW, database });
        jest.spyOn(instance.app.get(DataSource).logger, 'logQueryError').mockImplementation(count);
        instance.app.useLogger({ log: () => undefined, warn: () => undefined, error: (message: unknown) => count(`logged: ${String(message)}`) });
        instances.push(instance);
      }
      const [a] = instances;
      await a.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'tinh-g', name: 'Tỉnh Galera', level: 'province' }).expect(201);
      for (const [i, code] of COMMUNES.entries()) {
        await a.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code, name: `Xã G${i + 1}`, level: 'commune', parentCode: 'tinh-g' }).expect(201);
      }
    }, 120_000);
    afterAll(async () => {
      for (const instance of instances.reverse()) await instance.close();
      await cluster?.destroy();
    });

    /** A query on every node, after the node applied all that the cluster committed (wsrep_sync_wait). */
    const onEachNode = async (sql: string): Promise<number[]> =>
      Promise.all(
        cluster.urls.map(async (url) => {
          const connection = await createConnection({ uri: `${url}/${DATABASE}` });
          try {
            await connection.query('SET SESSION wsrep_sync_wait = 1');
            const [rows] = await connection.query(sql);
            return Number(Object.values((rows as Record<string, unknown>[])[0])[0]);
          } finally {
            await connection.end();
          }
        }),
      );

    it('loses no dossier and keeps the rollups exact while writers on three nodes send the same codes', async () => {
      const failures: string[] = [];
      let busy = 0;
      const writer = async (instance: TestApp, number: number) => {
        for (let batch = 0; batch < BATCHES; batch++) {
          const first = batch * BATCH + number * SHIFT;
          const records = Array.from({ length: BATCH }, (_, k) => version((first + k) % CODES, number));
          let response = await send(instance, records);
          // A batch refused as busy (every one of the service's tries lost a conflict) is sent
          // again, as a sender does with a 503 and Retry-After; it is never a 500, and it is counted.
          for (let again = 0; again < 3 && response.status === 503 && response.body.retryAfterSeconds === 1; again++) {
            busy++;
            response = await send(instance, records);
          }
          if (response.status !== 200 && response.status !== 201) {
            failures.push(`writer ${number} batch ${batch}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
          } else if (response.body.rejected?.length) {
            failures.push(`writer ${number} batch ${batch}: rejected ${JSON.stringify(response.body.rejected[0])}`);
          }
        }
      };
      const writers = instances.flatMap((instance, i) => Array.from({ length: WRITERS_PER_INSTANCE }, (_, j) => writer(instance, i * WRITERS_PER_INSTANCE + j)));
      await Promise.all(writers);

      const conflicts = await onEachNode(
        "SELECT SUM(VARIABLE_VALUE) FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ('WSREP_LOCAL_CERT_FAILURES', 'WSREP_LOCAL_BF_ABORTS')",
      );
      const total = conflicts.reduce((sum, n) => sum + n, 0);
      // How often the cluster aborted a transaction for a conflict (certification failures and
      // brute-force aborts, over the nodes): each one a retry the service had to make. Some
      // hundred on this machine.
      console.log(`Galera conflicts (cert failures + BF aborts, 3 nodes): ${total}; failed writes: ${failures.length} of ${writers.length * BATCHES}; refused as busy and sent again: ${busy}; errors: ${JSON.stringify([...errors])}`);
      expect(Number.isFinite(total)).toBe(true);

      // All at once, so that one failure shows what else went wrong. The cluster is synchronous:
      // every node holds every code, each at its newest version (the last writer's).
      const newest = 'SELECT COUNT(*) FROM dossiers WHERE sourceUpdatedAt = (SELECT MAX(sourceUpdatedAt) FROM dossiers)';
      const figures = await Promise.all(instances.map((instance) => stats(instance, 'tinh-g')));
      const outcome = {
        failed: failures.length,
        firstFailures: failures.slice(0, 5),
        stored: await onEachNode('SELECT COUNT(*) FROM dossiers'),
        newest: await onEachNode(newest),
        mismatches: await Promise.all(instances.map(async (instance) => (await instance.app.get(RollupsService).check()).length)),
        statsLikeA: figures.map((figure) => JSON.stringify(figure) === JSON.stringify(figures[0])),
      };
      expect(outcome).toEqual({
        failed: 0,
        firstFailures: [],
        stored: [CODES, CODES, CODES],
        newest: [CODES, CODES, CODES],
        mismatches: [0, 0, 0],
        statsLikeA: [true, true, true],
      });
    }, 120_000);
  });
}
