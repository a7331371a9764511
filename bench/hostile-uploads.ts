import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { EXPORT_HEADINGS, ExportRow, buildExportRows, writeCsv, writeXlsx } from '../test/factories/export.factory';
import { bombSheet, exportSheet, hugeSharedStrings, sheetXml, writeWorkbook, writeZip } from '../test/factories/hostile-xlsx.factory';
import { RunningService, startService } from './service';

const ROOT = resolve(__dirname, '..');
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
/** How often /health/live is asked while an import runs. */
const SAMPLE_MS = 50;
const TARGET_HEALTH_MS = 200;
const TARGET_RSS_MB = 300;

interface Shape {
  name: string;
  file: string;
  make(path: string): Promise<void>;
}

/** Hostile shapes (bombs, huge tables, wide rows, deep XML) and a normal export of each format beside them. */
function shapes(rows: number): Shape[] {
  return [
    { name: 'bomb: one inline cell of 400 MiB', file: 'bomb.xlsx', make: (path) => writeWorkbook(path, { sheets: [{ name: 'Hồ sơ', xml: () => bombSheet(400 * 1024 * 1024) }] }) },
    {
      name: 'shared strings: 1,000,001 texts',
      file: 'strings.xlsx',
      make: (path) => writeWorkbook(path, { sheets: [{ name: 'Hồ sơ', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }], sharedStrings: () => hugeSharedStrings(1_000_001) }),
    },
    {
      name: 'shared strings at the bounds: 1,000,000 texts, 16 Mi characters (Vietnamese)',
      file: 'strings-at-bound.xlsx',
      make: (path) =>
        writeWorkbook(path, {
          sheets: [{ name: 'Hồ sơ', xml: () => exportSheet(buildExportRows(1000, { seed: 30, codePrefix: 'BOUND' }), (row) => `<c r="Z${row}" t="s"><v>${row}</v></c>`) }],
          sharedStrings: () => boundedSharedStrings(1_000_000),
        }),
    },
    {
      name: `wide: ${count(rows)} rows, a value at XFD`,
      file: 'wide-values.xlsx',
      make: (path) => writeWorkbook(path, { sheets: [{ name: 'Hồ sơ', xml: () => exportSheet(buildExportRows(rows, { seed: 31, codePrefix: 'WIDE' }), (row) => `<c r="XFD${row}"><v>1</v></c>`) }] }),
    },
    {
      name: `wide: ${count(rows)} rows, styled out to XFD`,
      file: 'wide-styles.xlsx',
      make: (path) => writeWorkbook(path, { sheets: [{ name: 'Hồ sơ', xml: () => exportSheet(buildExportRows(rows, { seed: 32, codePrefix: 'STYLED' }), (row) => `<c r="XFD${row}" s="0"/>`) }] }),
    },
    { name: 'CSV: 99 MB, one line of delimiters', file: 'one-line.csv', make: (path) => oneHugeLine(path, 99 * 1024 * 1024) },
    {
      name: 'many sheets: 2,000, the last one visible',
      file: 'many-sheets.xlsx',
      make: (path) =>
        writeWorkbook(path, {
          sheetsFirst: true,
          sheets: [
            ...Array.from({ length: 1999 }, (_, index) => ({ name: `Ẩn ${index}`, state: 'hidden' as const, xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') })),
            { name: 'Hồ sơ', xml: () => exportSheet(buildExportRows(1000, { seed: 33, codePrefix: 'SHEETS' })) },
          ],
        }),
    },
    {
      name: 'deep XML: 1,000,000 nested elements',
      file: 'deep.xlsx',
      make: (path) => writeWorkbook(path, { sheets: [{ name: 'Hồ sơ', xml: () => deepSheet(1_000_000) }] }),
    },
    {
      name: 'zip: 700 entries named 65,000 bytes',
      file: 'long-names.xlsx',
      make: (path) => writeZip(path, Array.from({ length: 700 }, (_, index) => ({ name: `${String(index).padStart(5, '0')}${'x'.repeat(64_995)}`, content: '' }))),
    },
    {
      name: 'rich text: 60 rows, a cell of 200,000 empty runs each',
      file: 'runs.xlsx',
      make: (path) =>
        writeWorkbook(path, {
          sheets: [{ name: 'Hồ sơ', xml: () => richTextSheet(buildExportRows(60, { seed: 35, codePrefix: 'RUNS' }), '<r><t></t></r>'.repeat(200_000)) }],
        }),
    },
    {
      name: `CSV: ${count(rows)} rows, every one refused (unknown status)`,
      file: 'refused.csv',
      make: (path) => Promise.resolve(writeCsv(path, buildExportRows(rows, { seed: 36, codePrefix: 'REFUSED' }).map((row) => ({ ...row, [EXPORT_HEADINGS.status]: 'Đang treo' })))),
    },
    { name: `normal XLSX: ${count(rows)} rows (exceljs)`, file: 'normal.xlsx', make: (path) => writeXlsx(path, buildExportRows(rows, { seed: 34, codePrefix: 'NORMAL' })) },
  ];
}

/** Export rows whose procedure names are `runs`, a rich text of many runs. */
function* richTextSheet(rows: ExportRow[], runs: string): Generator<string> {
  const marked = rows.map((row) => ({ ...row, [EXPORT_HEADINGS.procedureName]: 'RUNS' }));
  for (const part of exportSheet(marked)) yield part.split('<is><t>RUNS</t></is>').join(`<is>${runs}</is>`);
}

/** `entries` texts of 16 two-byte characters: the table just inside both shared-strings bounds. */
function* boundedSharedStrings(entries: number): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?><sst>';
  for (let i = 0; i < entries; i += 1000) {
    let items = '';
    for (let j = i; j < Math.min(entries, i + 1000); j++) items += `<si><t>Thủ tục ${String(j).padStart(8, '0')}</t></si>`;
    yield items;
  }
  yield '</sst>';
}

function* deepSheet(depth: number): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>';
  for (let i = 0; i < depth; i += 10_000) yield '<x>'.repeat(10_000);
  for (let i = 0; i < depth; i += 10_000) yield '</x>'.repeat(10_000);
  yield '</sheetData></worksheet>';
}

/** A header, then one line of `bytes` of empty fields: some 50 million delimiters. */
function oneHugeLine(path: string, bytes: number): Promise<void> {
  const file = openSync(path, 'w');
  try {
    writeSync(file, 'Mã hồ sơ,Trạng thái,Ngày tiếp nhận\r\nHS-1');
    const piece = ','.repeat(1024 * 1024);
    for (let written = 0; written < bytes; written += piece.length) writeSync(file, piece);
    writeSync(file, '\r\n');
  } finally {
    closeSync(file);
  }
  return Promise.resolve();
}

interface Result {
  shape: string;
  megabytes: number;
  outcome: string;
  seconds: number;
  health: number[];
  peakRssMb: number;
}

/**
 * `npm run bench -- hostile [--rows N]`: each hostile upload against the service as `npm start`
 * runs it (192 MB heap, embedded SQLite), a fresh process per shape so its peak RSS is that
 * shape's (warmed by a 1,000-row import first); /health/live is asked every 50 ms while the
 * import runs.
 */
export async function hostileBench(args: string[]): Promise<void> {
  const rowsArg = args.indexOf('--rows');
  const rows = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 200_000;
  const dir = mkdtempSync(join(tmpdir(), 'tthc-bench-hostile-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'tthc-bench-hostile-data-'));
  try {
    log('build (nest build)');
    await run(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build']);
    const warmUp = join(dir, 'warm-up.csv');
    writeCsv(warmUp, buildExportRows(1000, { seed: 29, codePrefix: 'WARM' }));
    const results: Result[] = [];
    for (const [index, shape] of shapes(rows).entries()) {
      const path = join(dir, shape.file);
      let started = Date.now();
      await shape.make(path);
      log(`${shape.name}: made ${(statSync(path).size / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const service = await startService(ROOT, { DATA_DIR: dataDir, DATABASE_URL: '', DEMO_DATA: 'never', REPORTS_TICK_SECONDS: '0', BOOTSTRAP_ADMIN_KEY: ADMIN_KEY });
      try {
        if (index === 0) await createUnit(service);
        // A new process pays 70–200 ms once, at its first batch (code compiled, statements prepared):
        // a small import first, so each shape is measured on a warm service, as a running one is.
        await importFile(service, warmUp);
        started = Date.now();
        const sampling = sampleHealth(service);
        const outcome = await importFile(service, path);
        const health = await sampling.stop();
        results.push({ shape: shape.name, megabytes: statSync(path).size / 1e6, outcome, seconds: (Date.now() - started) / 1000, health, peakRssMb: service.peakRssMb() });
        log(`   ${outcome}`);
      } finally {
        await service.stop();
      }
      rmSync(path, { force: true });
    }
    printResults(results);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function createUnit(service: RunningService): Promise<void> {
  const answer = await fetch(`${service.base}/api/v1/units`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: 'xa-bench', name: 'Xã Đo', level: 'commune' }),
  });
  if (answer.status !== 201) throw new Error(`creating the unit answered ${answer.status}: ${await answer.text()}`);
}

/** Uploads the file, follows the import to its end; "done (created N, rejected M)" or "failed: reason". */
async function importFile(service: RunningService, path: string): Promise<string> {
  const form = new FormData();
  form.append('unitCode', 'xa-bench');
  form.append('file', new Blob([await readFile(path)]), basename(path));
  const answer = await fetch(`${service.base}/api/v1/imports`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_KEY}` }, body: form });
  if (answer.status !== 202) return `upload answered ${answer.status}: ${(await answer.text()).slice(0, 200)}`;
  const { id } = (await answer.json()) as { id: number };
  for (;;) {
    await new Promise((wait) => setTimeout(wait, 250));
    const state = (await (await fetch(`${service.base}/api/v1/imports/${id}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } })).json()) as {
      status: string;
      error: string | null;
      counts: { created: number; rejected: number };
    };
    if (state.status === 'done') return `done (created ${count(state.counts.created)}, rejected ${count(state.counts.rejected)})`;
    if (state.status === 'failed') return `failed: ${state.error}`;
  }
}

/** Asks /health/live every SAMPLE_MS (the next question after the answer, at the earliest) until stopped. */
function sampleHealth(service: RunningService): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const sent = performance.now();
      try {
        await fetch(`${service.base}/health/live`).then((answer) => answer.arrayBuffer());
      } catch {
        latencies.push(Number.POSITIVE_INFINITY);
      }
      const took = performance.now() - sent;
      latencies.push(took);
      await new Promise((wait) => setTimeout(wait, Math.max(0, SAMPLE_MS - took)));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return latencies;
    },
  };
}

function printResults(results: Result[]): void {
  const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const table = [['shape', 'file MB', 'outcome', 's', 'health n', 'p50 ms', 'p99 ms', 'max ms', 'peak RSS MB', 'targets']];
  for (const result of results) {
    const sorted = [...result.health].sort((a, b) => a - b);
    const max = sorted[sorted.length - 1];
    const met = max < TARGET_HEALTH_MS && result.peakRssMb < TARGET_RSS_MB;
    const outcome = result.outcome.length > 110 ? `${result.outcome.slice(0, 107)}…` : result.outcome;
    table.push([
      result.shape, result.megabytes.toFixed(1), outcome, result.seconds.toFixed(1), String(sorted.length),
      quantile(sorted, 0.5).toFixed(1), quantile(sorted, 0.99).toFixed(1), max.toFixed(1), String(result.peakRssMb), met ? 'met' : 'NOT met',
    ]);
  }
  log('');
  log(`| ${table[0].join(' | ')} |`);
  log(`| ${table[0].map(() => '---').join(' | ')} |`);
  for (const row of table.slice(1)) log(`| ${row.join(' | ')} |`);
  log('');
  log(`targets: /health/live under ${TARGET_HEALTH_MS} ms at every sample, peak RSS (VmHWM of a fresh process) under ${TARGET_RSS_MB} MB`);
  log(`machine: ${readFileSync('/proc/loadavg', 'utf8').trim()} (load average at the end)`);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolveRun() : reject(new Error(`${args.join(' ')} exited ${code}:\n${output}`))));
  });
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}
