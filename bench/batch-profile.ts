import { AddressInfo } from 'node:net';
import { benchServer, count, log, ms, numberOption } from './bench-kit';
import { dropDatabase, recreateDatabase } from './province-load';
import { dossierStream, provinceUnits } from './province-data';

/**
 * `npm run bench -- batch-profile [--batches N]`: where the milliseconds of one 2,000-record
 * batch of `POST /api/v1/dossiers` go, on MariaDB, for a province of 211 units (the provincial
 * bench's tree): the service runs in this process, and every statement its writer sends is timed
 * by kind (the units' locks, the read of stored versions, the upsert, the steps, the rollups, the
 * data versions, the commit); what is left of the request's time is the service's own work
 * (reading the body, checking the records, the diff, the answer). Two shapes: batches spanning
 * every unit, and batches of one unit each.
 */
const DATABASE = 'tthc_bench_profile';
const ADMIN_KEY = 'bench-profile-admin-key-0123456789';
const BATCH = 2000;

/** The kinds statements are told apart by, first match wins. */
const KINDS: [string, RegExp][] = [
  ['lock units', /FOR UPDATE/i],
  ['read stored versions', /^SELECT[\s\S]*FROM `?dossiers`?/i],
  ['upsert dossiers', /^INSERT INTO `?dossiers`?/i],
  ['steps and rounds', /dossier_events/i],
  ['rollups (four tables)', /^INSERT INTO `?dossier_(field_)?(day|month)_counts/i],
  ['data versions', /^UPDATE `?units`?/i],
  ['begin / commit', /^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION)/i],
];

export async function batchProfileBench(args: string[]): Promise<void> {
  const batches = numberOption(args, 'batches', 10);
  const server = benchServer();
  const url = await recreateDatabase(server, DATABASE);
  Object.assign(process.env, { DATABASE_URL: url, DEMO_DATA: 'never', BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, REPORTS_TICK_SECONDS: '0', PUBLIC_RATE_LIMIT: '0', NODE_ENV: 'production', LOG_LEVEL: 'error' });
  const timings = new Map<string, number>();
  const counts = new Map<string, number>();
  // Every statement of the service, timed where TypeORM hands it to mysql2.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MysqlQueryRunner } = require('typeorm/driver/mysql/MysqlQueryRunner') as { MysqlQueryRunner: { prototype: { query: (...a: unknown[]) => Promise<unknown> } } };
  const original = MysqlQueryRunner.prototype.query;
  MysqlQueryRunner.prototype.query = async function timed(this: unknown, ...a: unknown[]) {
    const sql = String(a[0]).trimStart();
    const kind = KINDS.find(([, pattern]) => pattern.test(sql))?.[0] ?? `other: ${sql.replace(/\s+/g, ' ').slice(0, 60)}`;
    const start = performance.now();
    try {
      return await original.apply(this, a);
    } finally {
      timings.set(kind, (timings.get(kind) ?? 0) + performance.now() - start);
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
  };
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../src/app.module');
  const { setupApp } = await import('../src/setup-app');
  const app = setupApp(await NestFactory.create(AppModule, { logger: ['error'] }) as never) as unknown as { listen: (p: number, h: string) => Promise<void>; getHttpServer: () => { address: () => AddressInfo }; close: () => Promise<void> };
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_KEY}` }, body: JSON.stringify(body) });
  try {
    const units = provinceUnits();
    for (const unit of units) {
      const answer = await post('/api/v1/units', { code: unit.code, name: unit.name, level: unit.level, parentCode: unit.parentCode ?? undefined });
      if (answer.status !== 201) throw new Error(`unit ${unit.code}: ${answer.status}`);
    }
    const stream = dossierStream(1_000_000, 1_000_000, new Date());
    let next = 0;
    const mixed = () => Array.from({ length: BATCH }, () => stream.record(next++));
    const communes = units.filter((unit) => unit.level === 'commune');
    const oneUnit = (k: number) => {
      const code = communes[k % communes.length].code;
      return Array.from({ length: BATCH }, () => ({ ...stream.record(next++), unitCode: code }));
    };
    log(`batch-profile: ${count(units.length)} units on ${server.replace(/\/\/[^@]*@/, '//')}, ${batches} batches of ${count(BATCH)} new records a shape (after 2 to warm up)`);
    for (const [shape, build] of [['batches spanning every unit', mixed], ['one unit a batch', oneUnit]] as const) {
      for (let k = 0; k < 2; k++) await post('/api/v1/dossiers', { dossiers: build(k) });
      timings.clear();
      counts.clear();
      let total = 0;
      for (let k = 0; k < batches; k++) {
        const body = { dossiers: build(k + 2) };
        const start = performance.now();
        const answer = await post('/api/v1/dossiers', body);
        const json = (await answer.json()) as { created?: number; rejected?: unknown[] };
        total += performance.now() - start;
        if (answer.status !== 200 || json.created !== BATCH) throw new Error(`${shape}: ${answer.status} ${JSON.stringify(json).slice(0, 300)}`);
      }
      print(shape, total / batches, timings, counts, batches);
    }
  } finally {
    MysqlQueryRunner.prototype.query = original;
    await app.close();
    if (!args.includes('--keep')) await dropDatabase(server, DATABASE);
  }
}

function print(shape: string, perBatch: number, timings: Map<string, number>, counts: Map<string, number>, batches: number): void {
  const inDatabase = [...timings.values()].reduce((a, b) => a + b, 0) / batches;
  log(`\n${shape}: ${ms(perBatch)} ms a batch of ${count(BATCH)} (${count(Math.round((BATCH * 1000) / perBatch))} records/s)`);
  log('| part | ms a batch | share | statements a batch |');
  log('|---|---:|---:|---:|');
  for (const [kind, total] of [...timings.entries()].sort((a, b) => b[1] - a[1])) {
    log(`| ${kind} | ${ms(total / batches)} | ${Math.round((100 * total) / batches / perBatch)} % | ${ms(counts.get(kind)! / batches)} |`);
  }
  log(`| the service's own work (body, checks, diff, answer) | ${ms(perBatch - inDatabase)} | ${Math.round((100 * (perBatch - inDatabase)) / perBatch)} % | |`);
}
