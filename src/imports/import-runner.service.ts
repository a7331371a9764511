import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createReadStream } from 'node:fs';
import { Caller } from '../auth/api-keys.service';
import { databaseErrorReason } from '../common/database-errors';
import { DatabaseWaitExpired, retryWhileDatabaseDown } from '../common/database-retry';
import { EnvironmentVariables } from '../config/configuration';
import { DossiersService, IngestResult, PreparedBatch } from '../dossiers/dossiers.service';
import { planColumns } from './header-plan';
import { MappingFile } from './mapping-file';
import { ColumnPlan, RecordValue, rowToRecord } from './row-conversion';
import { Cell, ImportFormat, readRows } from './row-readers';
import { REQUIRED_HEADINGS } from './vocabulary';

export interface ImportCounts {
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  stale: number;
  rejected: number;
}

export interface RejectedRow {
  line: number;
  code: string | null;
  errors: string[];
}

export interface ImportOptions {
  /** The unit of every row that has no unit column (or an empty one). */
  unitCode?: string;
  mapping?: MappingFile;
  dryRun?: boolean;
  batchSize?: number;
}

/** Where a run reports as it goes: progress after every batch, refused rows as they are found. */
export interface ImportSink {
  progress(counts: ImportCounts): void | Promise<void>;
  rejected(rows: RejectedRow[]): void | Promise<void>;
}

export class ImportHeaderError extends Error {}

/**
 * The database stayed away longer than IMPORT_DB_WAIT_SECONDS: the message names the batch
 * and lines that were not stored, and what was; `counts` are those of the committed batches.
 */
export class ImportInterruptedError extends Error {
  constructor(
    message: string,
    readonly counts: ImportCounts,
  ) {
    super(message);
  }
}

/** Where the committed part of the file ends: every batch up to `batches` is stored whole. */
interface CommittedPart {
  batches: number;
  lastLine: number | null;
}

const DEFAULT_BATCH = 2000;
/**
 * A batch is also written once its texts pass this many characters (4 MB of two-byte text): rows
 * of long values (up to 32,767 characters a cell) would otherwise make 2,000 rows hundreds of MB,
 * and up to three batches are in memory at once (read, checked, written). Real rows have some
 * 300 characters, so this changes nothing for them.
 */
export const MAX_BATCH_CHARACTERS = 2_000_000;
/** How many rows above the header (titles, dates of the report) an export may have. */
const MAX_TITLE_ROWS = 10;

/**
 * Loads a CSV or XLSX export row by row: rows are read, mapped and written in batches (one
 * transaction each, through the same ingestion as the JSON API), so memory stays flat however
 * large the file, every committed batch stays committed if the run dies, and a re-run only
 * finds `unchanged` rows. The next batch is read while the previous one is being written.
 */
@Injectable()
export class ImportRunner implements OnApplicationShutdown {
  private readonly logger = new Logger(ImportRunner.name);
  private readonly waitMs: number;
  /** Ends every wait for the database when the service stops. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly dossiers: DossiersService,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.waitMs = (config.get('IMPORT_DB_WAIT_SECONDS', { infer: true }) ?? 300) * 1000;
  }

  onApplicationShutdown(): void {
    this.stopping.abort();
  }

  async run(path: string, format: ImportFormat, caller: Caller, options: ImportOptions, sink: ImportSink): Promise<ImportCounts> {
    return new ImportRun(this.dossiers, { logger: this.logger, waitMs: this.waitMs, signal: this.stopping.signal }, caller, options, sink).load(path, format);
  }
}

/** A row read and mapped, waiting for its batch. */
interface BatchRow {
  line: number;
  record: Record<string, RecordValue>;
}

/** How long a run waits for the database, where it says so, and what ends the wait. */
interface DatabaseWait {
  logger: Logger;
  waitMs: number;
  signal: AbortSignal;
}

/** One file's run: what has been read, held and committed so far. */
class ImportRun {
  private readonly counts: ImportCounts = { rowsRead: 0, created: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0 };
  private readonly batchSize: number;
  private plan: ColumnPlan | null = null;
  private batch: BatchRow[] = [];
  private batchCharacters = 0;
  private refused: RejectedRow[] = [];
  private inFlight: Promise<void> = Promise.resolve();
  private batchNumber = 0;
  private readonly committed: CommittedPart = { batches: 0, lastLine: null };
  private readonly opening: OpeningRows = { tried: 0, firstLine: null, firstCells: 0, headerErrors: null };

  constructor(
    private readonly dossiers: DossiersService,
    private readonly wait: DatabaseWait,
    private readonly caller: Caller,
    private readonly options: ImportOptions,
    private readonly sink: ImportSink,
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH;
  }

  async load(path: string, format: ImportFormat): Promise<ImportCounts> {
    for await (const { line, cells, date1904 } of readRows(path, format)) {
      if (this.plan) await this.readRow(line, cells, this.plan);
      else this.tryHeader(line, cells, date1904);
    }
    if (!this.plan) throw noHeader(this.opening);
    await this.flush();
    await this.inFlight;
    return this.counts;
  }

  /**
   * Exports often open with title rows ("BÁO CÁO …", "Từ ngày … đến ngày …"): the header is the
   * first of the opening rows whose headings make sense.
   */
  private tryHeader(line: number, cells: Cell[], date1904: boolean | undefined): void {
    const planned = planColumns(cells, this.options.mapping, { date1904 });
    if ('plan' in planned) {
      this.plan = planned.plan;
      return;
    }
    const opening = this.opening;
    if (opening.firstLine === null) [opening.firstLine, opening.firstCells] = [line, filledCells(cells)];
    if (planned.headings > 0) opening.headerErrors ??= planned.errors;
    if (++opening.tried >= MAX_TITLE_ROWS) throw noHeader(opening);
  }

  private async readRow(line: number, cells: Cell[], plan: ColumnPlan): Promise<void> {
    this.counts.rowsRead++;
    const row = rowToRecord(cells, plan, { unitCode: this.options.unitCode, mapping: this.options.mapping });
    if (row.ok) {
      this.batch.push({ line, record: row.record });
      this.batchCharacters += charactersOf(Object.values(row.record));
    } else {
      this.counts.rejected++;
      this.refused.push({ line, code: row.code, errors: row.errors });
      this.batchCharacters += charactersOf(row.errors);
    }
    if (this.batch.length >= this.batchSize || this.batchCharacters >= MAX_BATCH_CHARACTERS) await this.flush();
    else if (this.refused.length >= this.batchSize) await this.recordRefused(`up to line ${line}`);
  }

  /**
   * The database went away: wait for it (each batch is one transaction, rolled back whole if
   * cut, so writing it again is safe), or give up naming what was stored and what was not.
   */
  private whileDatabaseDown<T>(doing: string, action: () => Promise<T>): Promise<T> {
    const { logger, waitMs, signal } = this.wait;
    return retryWhileDatabaseDown(action, {
      waitMs,
      signal,
      onWait: (failure, attempt) => {
        if (attempt === 1) logger.warn(`import paused while ${doing}: database unavailable (${databaseErrorReason(failure)}); waiting up to ${waitMs / 1000} s`);
      },
    }).catch((error: unknown) => {
      if (!(error instanceof DatabaseWaitExpired)) throw error;
      throw new ImportInterruptedError(interruptedMessage(error, doing, this.committed, this.counts), { ...this.counts });
    });
  }

  private async flush(): Promise<void> {
    const rows = this.batch;
    this.batch = [];
    this.batchCharacters = 0;
    const number = ++this.batchNumber;
    await this.recordRefused(`before batch ${number}`);
    // Checked while the previous batch is still in the database (CPU beside I/O)…
    let prepared: PreparedBatch;
    try {
      prepared = await this.whileDatabaseDown(`checking batch ${number} (${lineRange(rows)})`, () =>
        this.dossiers.prepare(
          rows.map((row) => row.record),
          this.caller,
          { dryRun: this.options.dryRun, outsideScope: 'reject' },
        ),
      );
    } catch (error) {
      // The earlier batch's failure, if any, is the one to report: it comes first in the file.
      await this.inFlight;
      throw error;
    }
    // …and written one batch at a time, in file order: a code repeated further down the file
    // is written after its earlier row, as it would be in one request.
    await this.inFlight;
    this.inFlight = this.write(rows, prepared, number);
    // A failure surfaces at the next flush (or the end), never as an unhandled rejection.
    this.inFlight.catch(() => undefined);
  }

  private async write(rows: BatchRow[], prepared: PreparedBatch, number: number): Promise<void> {
    const doing = `writing batch ${number} (${lineRange(rows)})`;
    // Each try starts from the prepared counts: a cut transaction's partial counts are dropped.
    const result: IngestResult = await this.whileDatabaseDown(doing, () =>
      this.dossiers.commit({ ...prepared, result: { ...prepared.result, rejected: [...prepared.result.rejected] } }),
    );
    const { counts, committed } = this;
    committed.batches = number;
    committed.lastLine = rows.length > 0 ? rows[rows.length - 1].line : committed.lastLine;
    counts.created += result.created;
    counts.updated += result.updated;
    counts.unchanged += result.unchanged;
    counts.stale += result.stale;
    if (result.rejected.length > 0) {
      counts.rejected += result.rejected.length;
      const rejected = result.rejected.map((row) => ({ line: rows[row.index].line, code: row.code, errors: row.errors }));
      await this.whileDatabaseDown(`recording the refused rows of batch ${number}`, async () => this.sink.rejected(rejected));
    }
    const progress = { ...counts };
    await this.whileDatabaseDown(`recording the progress after batch ${number}`, async () => this.sink.progress(progress));
  }

  /**
   * Rows refused by the mapping are recorded as they add up, not held for a batch of valid rows
   * that may never come (a file whose every row is refused).
   */
  private async recordRefused(where: string): Promise<void> {
    if (this.refused.length === 0) return;
    const rows = this.refused;
    this.refused = [];
    await this.whileDatabaseDown(`recording refused rows ${where}`, async () => this.sink.rejected(rows));
    const progress = { ...this.counts };
    await this.whileDatabaseDown(`recording the progress ${where}`, async () => this.sink.progress(progress));
  }
}

/** The rows tried as the header, for the error when none was. */
interface OpeningRows {
  tried: number;
  firstLine: number | null;
  firstCells: number;
  /** The errors of the first row that has a heading at least: a header, wrongly named in part. */
  headerErrors: string[] | null;
}

/**
 * No header among the opening rows. The errors of a row that is a header in part say which
 * columns are missing and what was found; a file with no such row (an export saved without its
 * header) has data rows there, applicants' names and phone numbers: this error, stored with the
 * import and logged, quotes none of them, only how many cells the first row has.
 */
function noHeader(opening: OpeningRows): ImportHeaderError {
  if (opening.headerErrors) return new ImportHeaderError(opening.headerErrors.join('; '));
  if (opening.firstLine === null) return new ImportHeaderError('file: has no header row (the file is empty)');
  const rows = opening.tried >= MAX_TITLE_ROWS ? `none of the first ${MAX_TITLE_ROWS} rows` : `none of its ${opening.tried === 1 ? 'one row' : `${opening.tried} rows`}`;
  return new ImportHeaderError(
    `header: ${rows} has the headings of an export's columns (${REQUIRED_HEADINGS}); line ${opening.firstLine}, the first, has ${opening.firstCells} ${opening.firstCells === 1 ? 'cell' : 'cells'}. ` +
      'Load the export with its header row, or name its columns in a mapping file',
  );
}

function filledCells(cells: Cell[]): number {
  let filled = 0;
  for (const cell of cells) if (cell !== null && cell !== undefined && cell !== '') filled++;
  return filled;
}

function charactersOf(texts: unknown[]): number {
  let characters = 0;
  for (const text of texts) if (typeof text === 'string') characters += text.length;
  return characters;
}

function lineRange(rows: { line: number }[]): string {
  if (rows.length === 0) return 'no rows';
  return `lines ${rows[0].line}–${rows[rows.length - 1].line}`;
}

function interruptedMessage(expired: DatabaseWaitExpired, doing: string, committed: CommittedPart, counts: ImportCounts): string {
  const stored =
    committed.batches === 0
      ? 'no batch of this file was stored'
      : `${committed.batches === 1 ? 'batch 1' : `batches 1–${committed.batches}`} (up to line ${committed.lastLine}) ${committed.batches === 1 ? 'is' : 'are'} stored whole, ${counts.created + counts.updated + counts.unchanged + counts.stale} rows`;
  return (
    `${expired.message} (${databaseErrorReason(expired.cause)}) while ${doing}; ${stored}; ` +
    'nothing after them was written. Load the same file again once the database is back: stored rows come back unchanged'
  );
}

/** Lines in a CSV file, counted fast without parsing, for an ETA; null for XLSX. */
export async function estimateRows(path: string, format: ImportFormat): Promise<number | null> {
  if (format !== 'csv') return null;
  let newlines = 0;
  let last = 10;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
    last = chunk[chunk.length - 1];
  }
  const lines = newlines + (last === 10 ? 0 : 1);
  return Math.max(0, lines - 1); // minus the header
}
