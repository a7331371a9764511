import { Injectable } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { Caller } from '../auth/api-keys.service';
import { DossiersService, IngestResult, PreparedBatch } from '../dossiers/dossiers.service';
import { ColumnPlan, MappingFile, planColumns, rowToRecord } from './column-mapping';
import { ImportFormat, readRows } from './row-readers';

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

const DEFAULT_BATCH = 2000;
/** How many rows above the header (titles, dates of the report) an export may have. */
const MAX_TITLE_ROWS = 10;

/**
 * Loads a CSV or XLSX export row by row: rows are read, mapped and written in batches (one
 * transaction each, through the same ingestion as the JSON API), so memory stays flat however
 * large the file, every committed batch stays committed if the run dies, and a re-run only
 * finds `unchanged` rows. The next batch is read while the previous one is being written.
 */
@Injectable()
export class ImportRunner {
  constructor(private readonly dossiers: DossiersService) {}

  async run(path: string, format: ImportFormat, caller: Caller, options: ImportOptions, sink: ImportSink): Promise<ImportCounts> {
    const counts: ImportCounts = { rowsRead: 0, created: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0 };
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    let plan: ColumnPlan | null = null;
    let batch: { line: number; record: Record<string, string> }[] = [];
    let refused: RejectedRow[] = [];
    let inFlight: Promise<void> = Promise.resolve();

    const write = async (rows: typeof batch, prepared: PreparedBatch) => {
      const result: IngestResult = await this.dossiers.commit(prepared);
      counts.created += result.created;
      counts.updated += result.updated;
      counts.unchanged += result.unchanged;
      counts.stale += result.stale;
      if (result.rejected.length > 0) {
        counts.rejected += result.rejected.length;
        await sink.rejected(result.rejected.map((rejected) => ({ line: rows[rejected.index].line, code: rejected.code, errors: rejected.errors })));
      }
      await sink.progress({ ...counts });
    };
    const flush = async () => {
      const rows = batch;
      batch = [];
      if (refused.length > 0) {
        const rows2 = refused;
        refused = [];
        await sink.rejected(rows2);
      }
      // Checked while the previous batch is still in the database (CPU beside I/O)…
      const prepared = await this.dossiers.prepare(
        rows.map((row) => row.record),
        caller,
        { dryRun: options.dryRun, outsideScope: 'reject' },
      );
      // …and written one batch at a time, in file order: a code repeated further down the file
      // is written after its earlier row, as it would be in one request.
      await inFlight;
      inFlight = write(rows, prepared);
      // A failure surfaces at the next flush (or the end), never as an unhandled rejection.
      inFlight.catch(() => undefined);
    };

    let firstHeaderErrors: string[] | null = null;
    let rowsBeforeHeader = 0;
    for await (const { line, cells } of readRows(path, format)) {
      if (!plan) {
        // Exports often open with title rows ("BÁO CÁO …", "Từ ngày … đến ngày …"): the header
        // is the first of the opening rows whose headings make sense.
        const planned = planColumns(cells, options.mapping);
        if ('plan' in planned) {
          plan = planned.plan;
          continue;
        }
        firstHeaderErrors ??= planned.errors;
        if (++rowsBeforeHeader >= MAX_TITLE_ROWS) throw new ImportHeaderError(firstHeaderErrors.join('; '));
        continue;
      }
      counts.rowsRead++;
      const row = rowToRecord(cells, plan, { unitCode: options.unitCode, mapping: options.mapping });
      if (row.ok) batch.push({ line, record: row.record });
      else {
        counts.rejected++;
        refused.push({ line, code: row.code, errors: row.errors });
      }
      if (batch.length >= batchSize) await flush();
    }
    if (!plan) throw new ImportHeaderError(firstHeaderErrors ? firstHeaderErrors.join('; ') : 'file: has no header row (the file is empty)');
    await flush();
    await inFlight;
    return counts;
  }
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
