import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { toSafeCsv } from '../common/csv';
import { formatCount } from '../common/locale';
import { parseIntegerParam } from '../common/query-params';
import { validateEnvironment } from '../config/configuration';
import type { ImportCounts, RejectedRow } from '../imports/import-runner.service';
import type { MappingFile } from '../imports/mapping-file';
import type { ImportFormat } from '../imports/row-readers';
import { reportFailure } from './failure';
import { Progress } from './progress';
import { usage } from './usage';

/** Rows per batch `--batch` may ask for: one row a transaction up to five times the default. */
const BATCH_ROWS = { min: 1, max: 10_000 };
/** Refused rows the summary lists; the rest go to `--errors`. */
const REFUSED_SHOWN = 20;

interface ImportRequest {
  file: string;
  unit: string | undefined;
  mappingPath: string | undefined;
  dryRun: boolean;
  errorsPath: string | undefined;
  batchSize: number | undefined;
}

/**
 * `npm run cli -- import …`: loads an export into the same database the service uses, through
 * the same import path as the upload API, with a progress bar on a terminal and plain lines
 * when not a TTY (logs, CI).
 */
export async function importFile(args: string[]): Promise<number> {
  const request = readRequest(args);
  if (typeof request === 'number') return request;

  validateEnvironment(process.env);
  const { formatOf } = await import('../imports/row-readers');
  const { parseMappingFile } = await import('../imports/mapping-file');
  const format = formatOf(request.file);
  if (!format) {
    process.stderr.write(`${request.file}: chỉ nhận .csv hoặc .xlsx / only .csv or .xlsx files\n`);
    return 2;
  }
  const mapping = request.mappingPath ? parseMappingFile(readFileSync(request.mappingPath, 'utf8')) : undefined;
  return load(request, format, mapping);
}

/** The command's arguments, or the exit code when they cannot be run. */
function readRequest(args: string[]): ImportRequest | number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      unit: { type: 'string' },
      mapping: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      errors: { type: 'string' },
      batch: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) return usage();
  if (!existsSync(file)) {
    process.stderr.write(`Không tìm thấy tệp / file not found: ${file}\n`);
    return 2;
  }
  let batchSize: number | undefined;
  try {
    // Read as every number in a URL is: `Number` would take 1e21, -1 and "abc" (NaN) as a batch size.
    batchSize = parseIntegerParam(values.batch, '--batch', BATCH_ROWS);
  } catch (error) {
    return reportFailure(error);
  }
  return { file, unit: values.unit, mappingPath: values.mapping, dryRun: values['dry-run'], errorsPath: values.errors, batchSize };
}

/** Runs the import with a progress display, then prints the summary; answers the exit code. */
async function load(request: ImportRequest, format: ImportFormat, mapping: MappingFile | undefined): Promise<number> {
  const { openCliContext } = await import('./cli.module');
  const { ImportRunner, estimateRows } = await import('../imports/import-runner.service');
  const app = await openCliContext('import');
  try {
    if (request.unit) {
      const { UnitsService } = await import('../units/units.service');
      await app.get(UnitsService).getByCode(request.unit);
    }
    const progress = new Progress(basename(request.file), await estimateRows(request.file, format));
    const refused: RejectedRow[] = [];
    const started = Date.now();
    // The command line is the operator's own: it acts as an admin on the configured database.
    const counts = await app.get(ImportRunner).run(
      request.file,
      format,
      { keyId: 0, role: 'admin', unit: null },
      { unitCode: request.unit, mapping, dryRun: request.dryRun, batchSize: request.batchSize },
      {
        progress: (current) => progress.update(current.rowsRead, current.rejected),
        rejected: (rows) => {
          refused.push(...rows);
        },
      },
    );
    progress.stop(counts.rowsRead, counts.rejected);
    const seconds = (Date.now() - started) / 1000;
    refused.sort((a, b) => a.line - b.line);
    process.stdout.write(`${summary(request, counts, refused, seconds).join('\n')}\n`);
    return counts.rejected > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}

/** What was loaded, the first refused rows, and where the others were written. */
function summary(request: ImportRequest, counts: ImportCounts, refused: RejectedRow[], seconds: number): string[] {
  const n = (value: number) => formatCount(value, 'vi');
  const lines = [
    `${request.dryRun ? 'Kiểm tra (không ghi) / dry run' : 'Đã nhập / loaded'}: ${basename(request.file)}`,
    `  dòng đọc / rows read:     ${n(counts.rowsRead)} in ${seconds.toFixed(1)} s (${n(Math.round(counts.rowsRead / Math.max(seconds, 0.001)))} rows/s)`,
    `  tạo mới / created:        ${n(counts.created)}`,
    `  cập nhật / updated:       ${n(counts.updated)}`,
    `  không đổi / unchanged:    ${n(counts.unchanged)}`,
    `  cũ hơn / stale:           ${n(counts.stale)}`,
    `  từ chối / rejected:       ${n(counts.rejected)}`,
    `  peak RSS:                 ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  ];
  for (const row of refused.slice(0, REFUSED_SHOWN)) lines.push(`  dòng ${row.line}${row.code ? ` (${row.code})` : ''}: ${row.errors.join('; ')}`);
  if (refused.length > REFUSED_SHOWN) {
    lines.push(`  … ${n(refused.length - REFUSED_SHOWN)} dòng khác / more rows${request.errorsPath ? '' : ' (--errors FILE to list them all)'}`);
  }
  if (request.errorsPath) {
    // The same file as the API's errors.csv: codes from the file are written as text, never a formula.
    writeFileSync(request.errorsPath, toSafeCsv(['Dòng', 'Mã hồ sơ', 'Lỗi'], refused.map((row) => [row.line, row.code, row.errors.join('; ')])));
    lines.push(`  refused rows written to ${request.errorsPath}`);
  }
  return lines;
}
