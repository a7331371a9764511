import { closeSync, openSync, writeSync } from 'node:fs';
import { safeCsvRows, toSafeCsv } from '../common/csv';
import { formatCount } from '../common/locale';
import { DVCQG_OK, DVCQG_RECORDS_REFUSED, DvcqgAnswer, RefusedItem } from '../interchange/dvcqg-answer';

/** What became of one line of the file. */
export type LineOutcome =
  | { kind: 'answer'; answer: DvcqgAnswer; codes: readonly string[] }
  | { kind: 'refused'; reason: string; codes: readonly string[] }
  | { kind: 'lookup' }
  | { kind: 'blank' };

/** A refused record (`record` is its place in the envelope's data, from 1), or a whole line (`record` null). */
export interface RefusedRecord {
  line: number;
  record: number | null;
  code: string | null;
  errors: string[];
}

/** Refused records the summary lists; `--errors` has them all. */
export const REFUSED_SHOWN = 20;

/**
 * The answers of a replay summed over the file, as the service gave them envelope by envelope:
 * the dossiers of DongBoHoSoMC, the steps (progress rows, and the supplement rounds dossiers
 * list), and every refusal with its line. Only MaHoSo and the service's reasons are kept,
 * nothing else of a record.
 */
export class ReplayTally {
  lines = 0;
  envelopes = 0;
  lookups = 0;
  readonly dossiers = { created: 0, updated: 0, unchanged: 0, stale: 0, skipped: 0 };
  readonly steps = { created: 0, updated: 0, unchanged: 0, waitingForDossier: 0 };
  warnings = 0;
  refusedRecords = 0;
  refusedLines = 0;
  readonly firstRefused: RefusedRecord[] = [];

  get refused(): number {
    return this.refusedRecords + this.refusedLines;
  }

  /** Counts the line's outcome; answers its refusals (for the errors file). */
  add(line: number, outcome: LineOutcome): RefusedRecord[] {
    this.lines++;
    if (outcome.kind === 'blank') return [];
    if (outcome.kind === 'lookup') {
      this.lookups++;
      return [];
    }
    if (outcome.kind === 'refused') return this.refuseLine(line, outcome.codes, outcome.reason);
    this.envelopes++;
    const { answer } = outcome;
    const result = answer.result;
    if ((answer.error_code !== DVCQG_OK && answer.error_code !== DVCQG_RECORDS_REFUSED) || !isObject(result)) {
      return this.refuseLine(line, outcome.codes, answer.message);
    }
    if ('skipped' in result) {
      for (const key of ['created', 'updated', 'unchanged', 'stale', 'skipped'] as const) this.dossiers[key] += count(result[key]);
      const steps = isObject(result.steps) ? result.steps : {};
      for (const key of ['created', 'updated', 'unchanged'] as const) this.steps[key] += count(steps[key]);
      this.warnings += Array.isArray(result.warnings) ? result.warnings.length : 0;
    } else {
      for (const key of ['created', 'updated', 'unchanged', 'waitingForDossier'] as const) this.steps[key] += count(result[key]);
    }
    const rejected = Array.isArray(result.rejected) ? (result.rejected as RefusedItem[]) : [];
    const refused = rejected.map((item): RefusedRecord => ({ line, record: count(item.index) + 1, code: item.code ?? null, errors: Array.isArray(item.errors) ? item.errors.map(String) : [] }));
    this.refusedRecords += refused.length;
    this.keep(refused);
    return refused;
  }

  private refuseLine(line: number, codes: readonly string[], reason: string): RefusedRecord[] {
    this.refusedLines++;
    const refused = [{ line, record: null, code: codes.length > 0 ? codes.join(', ') : null, errors: [reason] }];
    this.keep(refused);
    return refused;
  }

  /** Outcomes come in file order, so the first ones kept are the first of the file. */
  private keep(refused: RefusedRecord[]) {
    for (const record of refused) if (this.firstRefused.length < REFUSED_SHOWN) this.firstRefused.push(record);
  }

  /** The summary's lines: what was sent, what the service did with it, and the first refusals. */
  summary(seconds: number): string[] {
    const n = (value: number) => formatCount(value, 'vi');
    const lines = [
      `  dòng đọc / lines read:                 ${n(this.lines)} in ${seconds.toFixed(1)} s (${n(Math.round(this.lines / Math.max(seconds, 0.001)))} lines/s)`,
      `  phong bì gửi / envelopes sent:         ${n(this.envelopes)}`,
      `  hồ sơ tạo mới / dossiers created:      ${n(this.dossiers.created)}`,
      `  hồ sơ cập nhật / dossiers updated:     ${n(this.dossiers.updated)}`,
      `  hồ sơ không đổi / dossiers unchanged:  ${n(this.dossiers.unchanged)}`,
      `  hồ sơ cũ hơn / dossiers stale:         ${n(this.dossiers.stale)}`,
      `  chưa tiếp nhận / not yet received:     ${n(this.dossiers.skipped)}`,
      `  bước tạo mới / steps created:          ${n(this.steps.created)}`,
      `  bước cập nhật / steps updated:         ${n(this.steps.updated)}`,
      `  bước không đổi / steps unchanged:      ${n(this.steps.unchanged)}`,
      `  bước chờ hồ sơ / steps before dossier: ${n(this.steps.waitingForDossier)}`,
      `  cảnh báo / warnings:                   ${n(this.warnings)}`,
      `  tra cứu bỏ qua / lookups not replayed: ${n(this.lookups)}`,
      `  bản ghi từ chối / records refused:     ${n(this.refusedRecords)}`,
      `  dòng từ chối / lines refused:          ${n(this.refusedLines)}`,
      `  peak RSS:                              ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    ];
    for (const refused of this.firstRefused) lines.push(`  dòng ${refused.line}${refused.code ? ` (${refused.code})` : ''}: ${refused.errors.join('; ')}`);
    return lines;
  }
}

/**
 * `--errors`: every refusal, written as it comes (a replay may refuse millions), through the
 * safe CSV writer: a code or a reason from the file is text, never a formula.
 */
export class RefusalsFile {
  private readonly fd: number;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, toSafeCsv(['Dòng', 'Bản ghi', 'Mã hồ sơ', 'Lỗi'], []));
  }

  write(refused: RefusedRecord[]): void {
    if (refused.length > 0) writeSync(this.fd, safeCsvRows(refused.map((row) => [row.line, row.record, row.code, row.errors.join('; ')])));
  }

  close(): void {
    closeSync(this.fd);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
