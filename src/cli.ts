import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SingleBar } from 'cli-progress';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { validateEnvironment } from './config/configuration';
import { toSafeCsv } from './common/csv';
import { DomainError } from './common/domain-error';
import { formatCount } from './common/locale';
import { parseIntegerParam } from './common/query-params';

/** Rows per batch `--batch` may ask for: one row a transaction up to five times the default. */
const BATCH_ROWS = { min: 1, max: 10_000 };

const USAGE = `Cách dùng / usage:
  npm run cli -- import <file.csv|file.xlsx> [--unit MA-DON-VI] [--mapping mapping.json] [--dry-run] [--errors loi.csv] [--batch N]
  npm run cli -- rollups rebuild|check
      (rebuild: recount the figures' rollups from the dossiers, e.g. after loading rows with SQL;
       check: list every rollup row that differs from a recount, exit code 1 if any)
  npm run cli -- user create --email a@b.gov.vn --role admin|manager|staff|viewer [--unit MA-DON-VI] [--name "Họ tên"]
      (the password is read from the environment variable TTHC_PASSWORD, or from standard input)

  --unit      đơn vị của các dòng không có cột "Mã đơn vị" / unit of rows without a unit column
  --mapping   tệp JSON ánh xạ tiêu đề cột, trạng thái, kênh nộp / column, status and channel mapping file
  --dry-run   chỉ kiểm tra, không ghi / check only, write nothing
  --errors    ghi mọi dòng bị từ chối vào tệp CSV này / write every refused row to this CSV file
  --batch     số dòng mỗi lần ghi, 1–10000 (mặc định 2000) / rows per transaction, 1–10000 (default 2000)

Exit code: 0 every row loaded, 1 some rows refused, 2 the import could not run.
The database is DATABASE_URL's, or the embedded SQLite file under DATA_DIR when unset.`;

/**
 * `npm run cli -- import …`: loads an export into the same database the service uses, through
 * the same import path as the upload API, with a progress bar on a terminal and plain lines
 * when not a TTY (logs, CI).
 */
async function main(argv: string[]): Promise<number> {
  // The command line borrows the service's modules; the report scheduler is the service's job.
  process.env.REPORTS_TICK_SECONDS = '0';
  const [command, ...rest] = argv;
  if (command === 'user' && rest[0] === 'create') return createUser(rest.slice(1));
  if (command === 'rollups' && (rest[0] === 'rebuild' || rest[0] === 'check')) return rollups(rest[0]);
  if (command !== 'import') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
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
  if (!file || positionals.length > 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (!existsSync(file)) {
    process.stderr.write(`Không tìm thấy tệp / file not found: ${file}\n`);
    return 2;
  }
  let batchSize: number | undefined;
  try {
    // Read as every number in a URL is: `Number` would take 1e21, -1 and "abc" (NaN) as a batch size.
    batchSize = parseIntegerParam(values.batch, '--batch', BATCH_ROWS);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }

  validateEnvironment(process.env);
  const { formatOf } = await import('./imports/row-readers');
  const { parseMappingFile } = await import('./imports/column-mapping');
  const format = formatOf(file);
  if (!format) {
    process.stderr.write(`${file}: chỉ nhận .csv hoặc .xlsx / only .csv or .xlsx files\n`);
    return 2;
  }
  const mapping = values.mapping ? parseMappingFile(readFileSync(values.mapping, 'utf8')) : undefined;

  const { AppModule } = await import('./app.module');
  const { ImportRunner, estimateRows } = await import('./imports/import-runner.service');
  const app: INestApplicationContext = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    if (values.unit) {
      const { UnitsService } = await import('./units/units.service');
      await app.get(UnitsService).getByCode(values.unit);
    }
    const total = await estimateRows(file, format);
    const progress = new Progress(basename(file), total);
    const refused: { line: number; code: string | null; errors: string[] }[] = [];
    const started = Date.now();
    // The command line is the operator's own: it acts as an admin on the configured database.
    const counts = await app.get(ImportRunner).run(
      file,
      format,
      { keyId: 0, role: 'admin', unit: null },
      { unitCode: values.unit, mapping, dryRun: values['dry-run'], batchSize },
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
    const n = (value: number) => formatCount(value, 'vi');
    const lines = [
      `${values['dry-run'] ? 'Kiểm tra (không ghi) / dry run' : 'Đã nhập / loaded'}: ${basename(file)}`,
      `  dòng đọc / rows read:     ${n(counts.rowsRead)} in ${seconds.toFixed(1)} s (${n(Math.round(counts.rowsRead / Math.max(seconds, 0.001)))} rows/s)`,
      `  tạo mới / created:        ${n(counts.created)}`,
      `  cập nhật / updated:       ${n(counts.updated)}`,
      `  không đổi / unchanged:    ${n(counts.unchanged)}`,
      `  cũ hơn / stale:           ${n(counts.stale)}`,
      `  từ chối / rejected:       ${n(counts.rejected)}`,
      `  peak RSS:                 ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    ];
    for (const row of refused.slice(0, 20)) lines.push(`  dòng ${row.line}${row.code ? ` (${row.code})` : ''}: ${row.errors.join('; ')}`);
    if (refused.length > 20) lines.push(`  … ${n(refused.length - 20)} dòng khác / more rows${values.errors ? '' : ' (--errors FILE to list them all)'}`);
    if (values.errors) {
      // The same file as the API's errors.csv: codes from the file are written as text, never a formula.
      writeFileSync(values.errors, toSafeCsv(['Dòng', 'Mã hồ sơ', 'Lỗi'], refused.map((row) => [row.line, row.code, row.errors.join('; ')])));
      lines.push(`  refused rows written to ${values.errors}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return counts.rejected > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}

/** `user create`: the first admin of a new installation comes from here. */
async function createUser(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' } },
  });
  if (!values.email || !values.role) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const password = process.env.TTHC_PASSWORD ?? (process.stdin.isTTY ? await askHidden('Mật khẩu / password: ') : await readStdin());
  validateEnvironment(process.env);
  const { AppModule } = await import('./app.module');
  const { StaffAuthService } = await import('./auth/staff-auth.service');
  const { AuditService } = await import('./auth/audit.service');
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const account = await app.get(StaffAuthService).createAccount({
      email: values.email,
      name: values.name,
      password: password.replace(/\r?\n$/, ''),
      role: values.role as never,
      unitCode: values.unit ?? null,
    });
    await app.get(AuditService).record('cli', 'account-created', `${account.email} (${account.role})`, account.unitId);
    process.stdout.write(`Đã tạo tài khoản / account created: ${account.email} (${account.role})\n`);
    return 0;
  } catch (error) {
    const answer = error instanceof DomainError ? { message: error.message, errors: error.details.errors as string[] | undefined } : (error as { getResponse?: () => { errors?: string[]; message?: string } }).getResponse?.();
    process.stderr.write(`${answer?.errors?.join('\n') ?? answer?.message ?? (error instanceof Error ? error.message : String(error))}\n`);
    return 2;
  } finally {
    await app.close();
  }
}

/** `rollups rebuild` and `rollups check` (see the usage text). */
async function rollups(action: 'rebuild' | 'check'): Promise<number> {
  validateEnvironment(process.env);
  const { AppModule } = await import('./app.module');
  const { RollupsService } = await import('./stats/rollups.service');
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const service = app.get(RollupsService);
    const started = Date.now();
    if (action === 'rebuild') {
      const units = await service.rebuild();
      process.stdout.write(`Đã tính lại / rebuilt: ${units} đơn vị / units in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      return 0;
    }
    const mismatches = await service.check();
    for (const m of mismatches.slice(0, 50)) process.stdout.write(`unit #${m.unitId} ${m.table} ${m.bucket}: stored ${JSON.stringify(m.stored)} recounted ${JSON.stringify(m.recounted)}\n`);
    process.stdout.write(mismatches.length === 0 ? 'Khớp / consistent\n' : `${mismatches.length} dòng lệch / rows differ\n`);
    return mismatches.length === 0 ? 0 : 1;
  } finally {
    await app.close();
  }
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolvePromise) => {
    process.stdout.write(question);
    const stdin = process.stdin;
    stdin.setRawMode?.(true);
    let answer = '';
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode?.(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolvePromise(answer);
          return;
        }
        if (char === '\u0003') process.exit(130);
        answer = char === '\u007f' ? answer.slice(0, -1) : answer + char;
      }
    };
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** A bar with rows/s and ETA on a terminal; a plain line every few seconds otherwise. */
class Progress {
  private readonly bar: SingleBar | null;
  private lastLine = 0;
  private readonly started = Date.now();

  constructor(
    private readonly name: string,
    private readonly total: number | null,
  ) {
    this.bar = process.stdout.isTTY
      ? new SingleBar({
          format: total
            ? `${name} [{bar}] {percentage}% | {value}/{total} dòng | {speed} dòng/s | còn {eta_formatted} | từ chối {refused}`
            : `${name} | {value} dòng | {speed} dòng/s | từ chối {refused}`,
          barsize: 30,
          hideCursor: true,
          etaBuffer: 50,
        })
      : null;
    this.bar?.start(total ?? 0, 0, { speed: '0', refused: '0' });
  }

  update(rows: number, refused: number): void {
    const speed = Math.round(rows / Math.max((Date.now() - this.started) / 1000, 0.001));
    if (this.bar) {
      this.bar.update(rows, { speed: formatCount(speed, 'vi'), refused: formatCount(refused, 'vi') });
      return;
    }
    if (Date.now() - this.lastLine < 2000) return;
    this.lastLine = Date.now();
    const share = this.total ? ` (${Math.min(100, Math.floor((rows / this.total) * 100))}%)` : '';
    process.stdout.write(`${this.name}: ${rows}${this.total ? `/${this.total}` : ''} rows${share}, ${speed} rows/s, ${refused} refused\n`);
  }

  stop(rows: number, refused: number): void {
    if (this.bar) {
      this.bar.update(rows, { refused: formatCount(refused, 'vi') });
      this.bar.stop();
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Không nhập được / import failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
