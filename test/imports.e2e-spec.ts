import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { textProblem } from '../src/common/text';
import { Dossier } from '../src/dossiers/dossier.entity';
import { MAX_WAITING_UPLOADS } from '../src/imports/import-queue';
import { ImportRunner } from '../src/imports/import-runner.service';
import { ImportsService } from '../src/imports/imports.service';
import { uploadFolderOf } from '../src/imports/upload-folder';
import { ExportRow, buildExportRows, withBrokenRows, writeCsv, writeXlsx } from './factories/export.factory';
import { sheetXml, writeWorkbook } from './factories/hostile-xlsx.factory';
import { signedIn } from './support/console';
import { ADMIN_KEY, TestApp, bearer, describeEachDatabase, startTestApp } from './support/test-app';
import { createTestDatabase } from './support/databases';
import { createTree, stats } from './support/tree';

const NOW = '2025-06-10T03:00:00Z';

describeEachDatabase('loading one-stop exports (CSV and XLSX)', (kind) => {
  let sut: TestApp;
  let dir: string;
  let communeKey: string;
  let rows: ExportRow[];
  let broken: { index: number; reason: string }[];
  const BLANK_BEFORE = [0, 40, 41];

  beforeAll(async () => {
    sut = await startTestApp(kind, 'imports', { now: NOW });
    await createTree(sut);
    communeKey = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'một cửa', unitCode: 'huyen' })).body.key;
    dir = mkdtempSync(join(tmpdir(), 'tthc-imports-'));
    ({ rows, broken } = withBrokenRows(buildExportRows(240, { seed: 11 })));
    writeCsv(join(dir, 'export.csv'), rows, { bom: true, crlf: true, blankLinesAt: BLANK_BEFORE });
    await writeXlsx(join(dir, 'export.xlsx'), rows);
  });
  afterAll(async () => {
    await sut?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = async (file: string, fields: Record<string, string>, key = communeKey) => {
    const request = sut.http.post('/api/v1/imports').set(bearer(key));
    for (const [name, value] of Object.entries(fields)) request.field(name, value);
    return request.attach('file', join(dir, file));
  };
  const finished = async (id: number, key = communeKey) => {
    await sut.app.get(ImportsService).settled();
    return (await sut.http.get(`/api/v1/imports/${id}`).set(bearer(key)).expect(200)).body;
  };
  const storedIn = async (unitCode: string) => {
    const [row] = await sut.app.get(DataSource).query('SELECT COUNT(*) AS n FROM dossiers d JOIN units u ON u.id = d.unitId WHERE u.code = ?', [unitCode]);
    return Number(row.n);
  };
  const PERIOD = { from: '2022-06-13', to: '2025-06-10' };
  /** The CSV line of a data row: header on line 1, then the blank lines written before some rows. */
  const csvLine = (index: number) => index + 2 + BLANK_BEFORE.filter((blank) => blank <= index).length;

  it('stores every good row of a CSV export and reports every broken row by its line', async () => {
    const started = await upload('export.csv', { unitCode: 'xa-a' });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', fileName: 'export.csv', format: 'csv', unitCode: 'xa-a', rowsExpected: 247 });
    const done = await finished(started.body.id);
    expect(done).toMatchObject({ status: 'done', rowsRead: 244, counts: { created: 240, updated: 0, unchanged: 0, rejected: 4 } });
    expect(done.rejectedRows.map((row: { line: number }) => row.line)).toEqual(broken.map((b) => csvLine(b.index)));
    broken.forEach((b, i) => expect(done.rejectedRows[i].errors.join('; ')).toContain(b.reason));

    expect(await storedIn('xa-a')).toBe(240);
  });

  it('changes nothing when the same file is loaded again', async () => {
    const before = await stats(sut, 'xa-a', PERIOD);
    const again = await finished((await upload('export.csv', { unitCode: 'xa-a' })).body.id);
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 240, stale: 0, rejected: 4 });
    const after = await stats(sut, 'xa-a', PERIOD);
    expect(after).toEqual({ ...before, judgedAt: after.judgedAt });
  });

  it('gives the same result from the same rows as XLSX', async () => {
    const csv = await finished((await upload('export.csv', { unitCode: 'xa-b', dryRun: 'true' })).body.id);
    const xlsx = await finished((await upload('export.xlsx', { unitCode: 'xa-b' })).body.id);
    expect(xlsx).toMatchObject({ status: 'done', format: 'xlsx', rowsRead: 244, counts: { created: 240, rejected: 4 } });
    expect(csv).toMatchObject({ dryRun: true, counts: { created: 240, rejected: 4 } });
    // XLSX rows are numbered as in Excel: no blank lines there.
    expect(xlsx.rejectedRows.map((row: { line: number }) => row.line)).toEqual(broken.map((b) => b.index + 2));
    expect(xlsx.rejectedRows.map((row: { code: string; errors: string[] }) => [row.code, row.errors])).toEqual(
      csv.rejectedRows.map((row: { code: string; errors: string[] }) => [row.code, row.errors]),
    );
    const [a, b] = await Promise.all([stats(sut, 'xa-a', { ...PERIOD, groupBy: 'field' }), stats(sut, 'xa-b', { ...PERIOD, groupBy: 'field' })]);
    const { unit: _a, dataUpdatedAt: _da, judgedAt: _ja, ...figuresA } = a;
    const { unit: _b, dataUpdatedAt: _db, judgedAt: _jb, ...figuresB } = b;
    expect(figuresB).toEqual(figuresA);
  });

  it('downloads the refused rows as CSV and keeps the history of the unit', async () => {
    const history = (await sut.http.get('/api/v1/imports').query({ unitCode: 'huyen' }).set(bearer(communeKey)).expect(200)).body.imports;
    expect(history.length).toBeGreaterThanOrEqual(4);
    expect(history[0]).toMatchObject({ fileName: 'export.xlsx', unitCode: 'xa-b' });
    const csv = await sut.http.get(`/api/v1/imports/${history[0].id}/errors.csv`).set(bearer(communeKey)).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('\uFEFFDòng,Mã hồ sơ,Lỗi');
    expect(lines).toHaveLength(5);
  });

  it('finds the header below the title rows of a report-style export', async () => {
    writeFileSync(
      join(dir, 'titled.csv'),
      '\uFEFFBÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ\r\nTừ ngày 01/06/2025 đến ngày 09/06/2025\r\n\r\nMã hồ sơ,Trạng thái,Ngày tiếp nhận,Ngày hẹn trả\r\nTITLED-1,Đang xử lý,09/06/2025 08:00,20/06/2025\r\n',
    );
    const done = await finished((await upload('titled.csv', { unitCode: 'xa-a' })).body.id);
    expect(done).toMatchObject({ status: 'done', rowsRead: 1, counts: { created: 1, rejected: 0 } });
  });

  it('refuses what it cannot read, clearly', async () => {
    writeCsv(join(dir, 'no-header.csv'), [{ 'Cột A': 'x', 'Cột B': 'y' }]);
    const headerless = await finished((await upload('no-header.csv', { unitCode: 'xa-a' })).body.id);
    expect(headerless.status).toBe('failed');
    expect(headerless.error).toMatch(/^header: none of its 2 rows has the headings of an export's columns \(Mã hồ sơ, Trạng thái, Ngày tiếp nhận\); line 1, the first, has 2 cells/);
    const wrongType = await sut.http.post('/api/v1/imports').set(bearer(communeKey)).attach('file', Buffer.from('x'), 'notes.pdf');
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toBe('file: "notes.pdf" is not a .csv or .xlsx file');
    const outside = await upload('export.csv', { unitCode: 'tinh' });
    expect(outside.status).toBe(403);
    const other = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'khác', unitCode: 'xa-b' })).body.key;
    await sut.http.get(`/api/v1/imports/${headerless.id}`).set(bearer(other)).expect(404);
  });

  it("quotes no cell of a file whose opening rows are data: applicants' names, phones and ID numbers stay out of the error, the answer and the log", async () => {
    const personal = ['Nguyễn Văn An', '0912345678', '001085012345', 'Trần Thị Bình', '0987654321', '001190054321'];
    const rows = Array.from({ length: 12 }, (_, i) => `${personal[(i % 2) * 3]},${personal[(i % 2) * 3 + 1]},${personal[(i % 2) * 3 + 2]},Hà Nội`);
    writeFileSync(join(dir, 'khong-tieu-de.csv'), `${rows.join('\r\n')}\r\n`);
    const logged: string[] = [];
    const capture = (...args: unknown[]) => void logged.push(args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' '));
    const spies = [Logger.prototype, ConsoleLogger.prototype].flatMap((target) =>
      (['log', 'warn', 'error', 'debug', 'verbose', 'fatal'] as const).map((level) => jest.spyOn(target, level).mockImplementation(capture)),
    );
    try {
      const started = await upload('khong-tieu-de.csv', { unitCode: 'xa-a' });
      const done = await finished(started.body.id);
      expect(done.status).toBe('failed');
      expect(done.error).toBe(
        "header: none of the first 10 rows has the headings of an export's columns (Mã hồ sơ, Trạng thái, Ngày tiếp nhận); line 1, the first, has 4 cells. Load the export with its header row, or name its columns in a mapping file",
      );
      const [stored] = await sut.app.get(DataSource).query('SELECT error FROM imports WHERE id = ?', [started.body.id]);
      expect(logged.some((line) => line.includes(`import ${started.body.id} (khong-tieu-de.csv) failed`))).toBe(true);
      for (const text of [JSON.stringify(started.body), JSON.stringify(done), String(stored.error), ...logged]) {
        for (const value of personal) expect(text).not.toContain(value);
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('reads a date column without a date format in a 1904 workbook in that system, not 1,462 days early', async () => {
    const text = (reference: string, value: string) => `<c r="${reference}" t="inlineStr"><is><t>${value}</t></is></c>`;
    const rows =
      `<row r="1">${text('A1', 'Mã hồ sơ')}${text('B1', 'Trạng thái')}${text('C1', 'Ngày tiếp nhận')}${text('D1', 'Ngày hẹn trả')}</row>` +
      // In the 1904 system 44355.375 is 9 June 2025, 09:00, and 44365 is 19 June (in the 1900 system, June 2021).
      `<row r="2">${text('A2', 'MAC-1904')}${text('B2', 'Đang xử lý')}<c r="C2"><v>44355.375</v></c><c r="D2"><v>44365</v></c></row>`;
    await writeWorkbook(join(dir, 'mac-1904.xlsx'), { date1904: true, sheets: [{ name: 'Hồ sơ', xml: sheetXml(rows) }] });
    const done = await finished((await upload('mac-1904.xlsx', { unitCode: 'xa-a' })).body.id);
    expect(done).toMatchObject({ status: 'done', counts: { created: 1, rejected: 0 } });
    const stored = await sut.app.get(DataSource).getRepository(Dossier).findOneByOrFail({ code: 'MAC-1904' });
    expect(stored.receivedAt.toISOString()).toBe('2025-06-09T02:00:00.000Z'); // 09:00 in Vietnam
    expect(stored.dueAt.toISOString()).toBe('2025-06-19T16:59:59.999Z'); // the end of that day
  });

  it('cuts a long file name to its column without leaving half an emoji', async () => {
    // 254 letters, then a character of two UTF-16 units across the column's 255th.
    const name = `${'a'.repeat(254)}👶.csv`;
    const started = await sut.http.post('/api/v1/imports').set(bearer(communeKey)).field('unitCode', 'xa-a').attach('file', join(dir, 'export.csv'), name);
    expect(started.status).toBe(202);
    const done = await finished(started.body.id);
    expect(done.fileName).toBe('a'.repeat(254));
    expect(textProblem(done.fileName)).toBeNull();
  });

  it('keeps every committed batch when a run dies half-way, and a re-run finishes it', async () => {
    const many = buildExportRows(5000, { seed: 5, codePrefix: 'CRASH' });
    writeCsv(join(dir, 'many.csv'), many);
    const runner = sut.app.get(ImportRunner);
    const admin = { keyId: 0, role: 'admin' as const, unit: null };
    let batches = 0;
    await expect(
      runner.run(join(dir, 'many.csv'), 'csv', admin, { unitCode: 'xa-b', batchSize: 1000 }, {
        progress: () => {
          if (++batches === 2) throw new Error('the process was killed');
        },
        rejected: () => undefined,
      }),
    ).rejects.toThrow('the process was killed');
    const stored = async () => (await stats(sut, 'xa-b', PERIOD)).received.total;
    const afterCrash = await stored();
    // Whole batches only: never a half-written one.
    const counts = await runner.run(join(dir, 'many.csv'), 'csv', admin, { unitCode: 'xa-b', batchSize: 1000 }, { progress: () => undefined, rejected: () => undefined });
    expect(counts.unchanged % 1000).toBe(0);
    expect(counts.unchanged).toBeGreaterThanOrEqual(2000);
    expect(counts.created + counts.unchanged).toBe(5000);
    expect((await stored()) - afterCrash).toBeGreaterThan(0);
  });

  it('reports an import whose process stopped as interrupted', async () => {
    await sut.app.get(DataSource).query(
      "INSERT INTO imports (unitId, fileName, format, dryRun, status, rowsRead, created, updated, unchanged, stale, rejected, createdAt, heartbeatAt) VALUES (NULL, 'dead.csv', 'csv', 0, 'running', 10, 0, 0, 0, 0, 0, '2025-06-10 01:00:00.000', '2025-06-10 01:00:00.000')",
    );
    const history = (await sut.http.get('/api/v1/imports').set(bearer(ADMIN_KEY)).expect(200)).body.imports;
    expect(history.find((row: { fileName: string }) => row.fileName === 'dead.csv')).toMatchObject({ status: 'failed', error: expect.stringMatching(/^interrupted/) });
  });
});

describeEachDatabase('uploads on one instance: one import at a time, a bounded line', (kind) => {
  let sut: TestApp;
  let dir: string;
  let dataDir: string;
  let uploads: string;
  let key: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tthc-queue-data-'));
    // On MySQL, the suite's own DATA_DIR: the upload folder under it is this instance's alone.
    sut = await startTestApp(kind, 'import-queue', { now: NOW, env: kind === 'mysql' ? { DATA_DIR: dataDir } : {} });
    uploads = uploadFolderOf(sut.app.get(ConfigService).getOrThrow<string>('DATA_DIR'));
    await createTree(sut);
    key = (await sut.http.post('/api/v1/api-keys').set(bearer(ADMIN_KEY)).send({ name: 'một cửa', unitCode: 'huyen' })).body.key;
    dir = mkdtempSync(join(tmpdir(), 'tthc-queue-'));
  });
  afterAll(async () => {
    await sut?.close();
    for (const path of [dir, dataDir]) if (path) rmSync(path, { recursive: true, force: true });
  });

  const upload = (file: string, unitCode = 'xa-a') => sut.http.post('/api/v1/imports').set(bearer(key)).field('unitCode', unitCode).attach('file', join(dir, file));
  const importOf = async (id: number) => (await sut.http.get(`/api/v1/imports/${id}`).set(bearer(key)).expect(200)).body;

  /**
   * Holds the imports of this instance at their first batch, however fast the machine. On MySQL
   * a table lock as \`mysqldump --lock-tables\` takes: the batch's writes to dossiers wait for it,
   * the uploads' own records do not. SQLite has a single writer, whose lock would hold the
   * uploads' records too: there the runner is held at its start.
   */
  const holdImports = async (): Promise<() => Promise<void>> => {
    if (kind === 'mysql') {
      const connection = await createConnection({ uri: sut.database.env.DATABASE_URL });
      await connection.query('LOCK TABLES dossiers READ');
      return async () => {
        await connection.query('UNLOCK TABLES');
        await connection.end();
      };
    }
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const runner = sut.app.get(ImportRunner);
    const run = runner.run.bind(runner);
    const held = jest.spyOn(runner, 'run').mockImplementation(async (...args) => {
      await gate;
      return run(...args);
    });
    return async () => {
      open();
      held.mockRestore();
    };
  };

  it('loads uploads sent at once one after the other, and every one ends done', async () => {
    const runner = sut.app.get(ImportRunner);
    const run = runner.run.bind(runner);
    let running = 0;
    let mostAtOnce = 0;
    const counted = jest.spyOn(runner, 'run').mockImplementation(async (...args) => {
      mostAtOnce = Math.max(mostAtOnce, ++running);
      try {
        return await run(...args);
      } finally {
        running--;
      }
    });
    try {
      const units = ['xa-a', 'xa-b', 'xa-a', 'xa-b', 'xa-a'];
      units.forEach((unitCode, i) => writeCsv(join(dir, `at-once-${i}.csv`), buildExportRows(300, { seed: 40 + i, codePrefix: `ONCE${i}`, unitCode })));
      const answers = await Promise.all(units.map((unitCode, i) => upload(`at-once-${i}.csv`, unitCode)));
      expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202]);
      await sut.app.get(ImportsService).settled();
      for (const answer of answers) expect(await importOf(answer.body.id)).toMatchObject({ status: 'done', queuePosition: null, counts: { created: 300, rejected: 0 } });
      expect(mostAtOnce).toBe(1);
      expect(readdirSync(uploads)).toEqual([]);
    } finally {
      counted.mockRestore();
    }
  });

  it('keeps later uploads queued with their place while one loads, and refuses one past 20 waiting: 503, Retry-After, its file removed', async () => {
    writeCsv(join(dir, 'line.csv'), buildExportRows(20, { seed: 50, codePrefix: 'LINE' }));
    const desk = await signedIn(sut, `mot-cua-${kind}@xa-a.gov.vn`, 'staff', 'xa-a');
    const release = await holdImports();
    const accepted: number[] = [];
    try {
      const first = await upload('line.csv');
      expect(first.body).toMatchObject({ status: 'queued', queuePosition: 0 });
      accepted.push(first.body.id);
      for (let place = 1; place <= MAX_WAITING_UPLOADS; place++) {
        const later = await upload('line.csv');
        expect({ status: later.status, queuePosition: later.body.queuePosition }).toEqual({ status: 202, queuePosition: place });
        accepted.push(later.body.id);
      }
      expect(await importOf(accepted[5])).toMatchObject({ status: 'queued', queuePosition: 5 });
      // The console's page of a waiting import says where it stands, in the page's language.
      expect((await desk.agent.get(`/admin/imports/${accepted[5]}`).expect(200)).text).toContain('Còn 5 lượt nạp chạy trước lượt này.');
      expect((await desk.agent.get(`/admin/imports/${accepted[0]}?lang=en`).expect(200)).text).toContain('This import runs next, after the one loading now.');

      const refused = await upload('line.csv');
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('60');
      expect(refused.body.message).toBe('this service already holds 20 uploads waiting to be loaded, the most it queues; send the file again in a minute or two');
      const page = await desk.agent.post(`/admin/imports?_csrf=${desk.csrf}`).field('unitCode', 'xa-a').attach('file', join(dir, 'line.csv'));
      expect(page.status).toBe(503);
      expect(page.headers['retry-after']).toBe('60');
      expect(page.text).toContain('this service already holds 20 uploads waiting to be loaded');
      // The running import's file and the 20 waiting ones: the refused ones' are gone.
      expect(readdirSync(uploads)).toHaveLength(MAX_WAITING_UPLOADS + 1);
      await sut.http.get('/health/live').expect(200);
    } finally {
      await release();
    }
    await sut.app.get(ImportsService).settled();
    const ended = await Promise.all(accepted.map((id) => importOf(id)));
    expect(ended.map((item) => item.status)).toEqual(accepted.map(() => 'done'));
    expect(ended[0].counts.created + ended[0].counts.unchanged).toBe(20);
    expect(readdirSync(uploads)).toEqual([]);
  });
});

describe('upload files left by a process that died', () => {
  it('are removed at start-up once an hour old, while younger ones (another instance may hold them) and other files stay', async () => {
    const database = await createTestDatabase('sqlite', 'sweep');
    const folder = uploadFolderOf(database.env.DATA_DIR);
    mkdirSync(folder, { recursive: true });
    const file = (name: string, ageMinutes: number) => {
      const path = join(folder, name);
      writeFileSync(path, 'Mã hồ sơ,Trạng thái\r\n');
      const at = new Date(Date.now() - ageMinutes * 60_000);
      utimesSync(path, at, at);
      return path;
    };
    const old = file('tthc-import-0b5a4f1e-2c61-4c1a-9a59-8c0e3f2d7a10', 61);
    const older = file('tthc-import-7d3c2b1a-0f9e-4d8c-b7a6-5e4f3d2c1b0a', 60 * 24 * 3);
    const young = file('tthc-import-1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b', 30);
    const other = file('ghi-chu.txt', 60 * 24);
    const logged = jest.spyOn(Logger.prototype, 'log');
    const sut = await startTestApp('sqlite', 'sweep', { database });
    try {
      expect([old, older, young, other].map((path) => existsSync(path))).toEqual([false, false, true, true]);
      expect(logged.mock.calls.map(([message]) => String(message))).toContain(`removed 2 uploaded files left by a stopped process in ${folder}`);
    } finally {
      logged.mockRestore();
      await sut.close();
      await database.drop();
    }
  });
});

describe('the command line importer (embedded SQLite)', () => {
  let dir: string;
  let sut: TestApp;
  const run = promisify(execFile);
  const root = resolve(__dirname, '..');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tthc-cli-'));
    // The command line as users run it: compiled (what `npm run cli` does first).
    await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root });
    sut = await startTestApp('sqlite', 'cli', { now: NOW, database: await createTestDatabase('sqlite', 'cli') });
    await createTree(sut);
    await sut.close(); // the database stays until dropped below
    const { rows } = withBrokenRows(buildExportRows(120, { seed: 3 }));
    writeCsv(join(dir, 'export.csv'), rows);
    writeCsv(join(dir, 'good.csv'), buildExportRows(50, { seed: 4, codePrefix: 'GOOD' }));
  }, 120_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = (args: string[]) =>
    run(process.execPath, [join(root, 'dist/cli.js'), ...args], {
      cwd: root,
      env: { ...process.env, ...sut.database.env, DATABASE_URL: '', DEMO_DATA: 'never' },
    }).then(
      (result) => ({ code: 0, ...result }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it('loads a file, prints plain progress and a summary when not on a terminal, and exits 1 when rows were refused', async () => {
    const result = await cli(['import', join(dir, 'export.csv'), '--unit', 'xa-a', '--errors', join(dir, 'errors.csv')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/rows read:\s+124/);
    expect(result.stdout).toMatch(/created:\s+120/);
    expect(result.stdout).toMatch(/rejected:\s+4/);
    expect(result.stdout).toMatch(/dòng \d+/);
    expect(readFileSync(join(dir, 'errors.csv'), 'utf8').split('\r\n').filter(Boolean)).toHaveLength(5);
  }, 120_000);

  it('exits 0 when every row loaded, and writes nothing on a dry run', async () => {
    const dry = await cli(['import', join(dir, 'good.csv'), '--unit', 'xa-b', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/created:\s+50/);
    const real = await cli(['import', join(dir, 'good.csv'), '--unit', 'xa-b']);
    expect(real.stdout).toMatch(/created:\s+50/);
    const again = await cli(['import', join(dir, 'good.csv'), '--unit', 'xa-b']);
    expect(again.stdout).toMatch(/unchanged:\s+50/);
    const missing = await cli(['import', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
  }, 180_000);

  it('user create lists every problem of the account at once, an unknown role among them, and exits 2', async () => {
    const result = await run(process.execPath, [join(root, 'dist/cli.js'), 'user', 'create', '--email', 'bad', '--role', 'bogus'], {
      cwd: root,
      env: { ...process.env, ...sut.database.env, DATABASE_URL: '', DEMO_DATA: 'never', TTHC_PASSWORD: 'short' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result).toEqual({
      code: 2,
      stderr: [
        'email: "bad" is not an e-mail address',
        'role: must be one of viewer, staff, manager, admin',
        'password: at least 10 characters',
        'unitCode: is required for every role but admin',
        '',
      ].join('\n'),
    });
  }, 60_000);

  it('refuses a --batch that is not an integer 1–10000, with exit code 2 and nothing loaded', async () => {
    for (const batch of ['1e21', 'abc', '-1', '0', '10001', '1.5', ' 5']) {
      const result = await cli(['import', join(dir, 'good.csv'), '--unit', 'xa-b', '--dry-run', `--batch=${batch}`]);
      expect({ batch, code: result.code, stderr: result.stderr }).toEqual({ batch, code: 2, stderr: '--batch: must be an integer 1–10000\n' });
    }
    const small = await cli(['import', join(dir, 'good.csv'), '--unit', 'xa-b', '--dry-run', '--batch', '7']);
    expect(small.code).toBe(0);
    expect(small.stdout).toMatch(/unchanged:\s+50/);
    await sut.database.drop();
  }, 180_000);
});
