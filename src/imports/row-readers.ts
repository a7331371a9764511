import { parse } from 'csv-parse';
import { parse as parseNow } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { createReadStream, promises as fs } from 'node:fs';
import { extname } from 'node:path';
import { PassThrough, Readable, pipeline } from 'node:stream';

/**
 * The rows of a one-stop system's export, read as a stream: memory stays flat however large the
 * file (only XLSX's shared-strings table, one entry per distinct text, is held whole).
 */

export type ImportFormat = 'csv' | 'xlsx';
export type Cell = string | number | boolean | Date | null;
export interface SheetRow {
  /** 1-based: the CSV line on which the record starts, or the XLSX row number. */
  line: number;
  cells: Cell[];
}

const FORMATS: Record<string, ImportFormat> = { '.csv': 'csv', '.txt': 'csv', '.xlsx': 'xlsx' };

/** The format a file name says it has; null for anything else (.xls, .ods: save as .xlsx). */
export function formatOf(fileName: string): ImportFormat | null {
  return FORMATS[extname(fileName).toLowerCase()] ?? null;
}

/**
 * Rows of the CSV or of the first sheet of the XLSX, header included. Cells are trimmed, an
 * empty cell is null; blank rows are skipped but still counted in the line numbers.
 */
export function readRows(path: string, format: ImportFormat): AsyncIterable<SheetRow> {
  return format === 'csv' ? readCsv(path) : readXlsx(path);
}

// ---------------------------------------------------------------------------------------------
// CSV

/** Enough of the file's start to hold its header line. */
const HEADER_PEEK_BYTES = 64 * 1024;
/** A record longer than this means an unclosed quote: fail there rather than buffer the file. */
const MAX_RECORD_CHARACTERS = 1_000_000;

/**
 * csv-parse 7 counts a CRLF inside a quoted field as two lines in `info.lines`. Measured once here
 * rather than assumed, so a version that counts it as one needs no change.
 */
const EXTRA_LINES_PER_QUOTED_CRLF = (() => {
  const records = parseNow('"a\r\nb"\r\nc', { info: true }) as unknown as { info: { lines: number } }[];
  return records[1].info.lines - 3;
})();

async function* readCsv(path: string): AsyncGenerator<SheetRow> {
  const delimiter = await detectDelimiter(path);
  const parser = parse({
    bom: true, // UTF-8, or UTF-16LE as Excel's "Unicode text" writes it
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
    max_record_size: MAX_RECORD_CHARACTERS,
  });
  // pipeline, not pipe: a read error must end the iteration instead of leaving it waiting.
  pipeline(createReadStream(path), parser, () => undefined);
  // What csv-parse's running line count has over-counted so far (see EXTRA_LINES_PER_QUOTED_CRLF).
  let overcount = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      let blank = true;
      let breaks = 0;
      const cells: Cell[] = new Array(record.length);
      for (let i = 0; i < record.length; i++) {
        const value = record[i];
        if (value.indexOf('\n') !== -1 || value.indexOf('\r') !== -1) {
          const inside = lineBreaksIn(value);
          breaks += inside.breaks;
          overcount += inside.crlfs * EXTRA_LINES_PER_QUOTED_CRLF;
        }
        const text = value.trim();
        cells[i] = text === '' ? null : text;
        if (text !== '') blank = false;
      }
      // The line on which the record ends, less its own line breaks: the line it starts on.
      if (!blank) yield { line: info.lines - overcount - breaks, cells };
    }
  } catch (error) {
    throw new Error(`file: not readable as CSV (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    parser.destroy();
  }
}

/** The line breaks inside a quoted value (CRLF, LF or CR each one), and how many are CRLF. */
function lineBreaksIn(value: string): { breaks: number; crlfs: number } {
  let breaks = 0;
  let crlfs = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 13 && value.charCodeAt(i + 1) === 10) {
      crlfs++;
      i++;
    }
    if (code === 10 || code === 13) breaks++;
  }
  return { breaks, crlfs };
}

const DELIMITERS = ['\t', ';', ','] as const;

/**
 * The delimiter the header line uses most, outside quotes: `,` by default, `;` from a
 * spreadsheet set to Vietnamese regional settings, a tab from Excel's "Unicode text".
 */
async function detectDelimiter(path: string): Promise<string> {
  const file = await fs.open(path, 'r');
  let start: Buffer;
  try {
    const buffer = Buffer.alloc(HEADER_PEEK_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEADER_PEEK_BYTES, 0);
    start = buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
  const utf16 = start[0] === 0xff && start[1] === 0xfe;
  const text = utf16 ? start.toString('utf16le') : start.toString('utf8');
  const counts = new Map<string, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === '\n' || character === '\r')) break;
    else if (!quoted && counts.has(character)) counts.set(character, counts.get(character)! + 1);
    else if (character === '\uFFFD') {
      // Excel's plain "CSV" on a Vietnamese Windows writes code page 1258: every accent would be lost.
      throw new Error('file: the header is not UTF-8 text; save the spreadsheet as "CSV UTF-8" and send it again');
    }
  }
  let best = ',';
  let bestCount = 0;
  for (const [delimiter, count] of counts) {
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// XLSX

type WorkbookReader = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookReader>;
/** What exceljs's streaming reader keeps of a worksheet that its typings do not show. */
interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  id?: number | string;
  name?: string;
  iterator?: unknown;
}
interface SheetEntry {
  id: number;
  state?: string;
}

const WORKBOOK_OPTIONS = {
  entries: 'emit',
  sharedStrings: 'cache',
  hyperlinks: 'ignore',
  // Needed for a date-formatted cell to come back as a Date rather than its serial number.
  styles: 'cache',
  worksheets: 'emit',
} as const;

async function* readXlsx(path: string): AsyncGenerator<SheetRow> {
  await fs.access(path); // a missing file fails here, plainly, not inside the zip reader
  const source = createReadStream(path);
  // exceljs pipes its input into the unzipper, and a pipe does not carry errors: on a read
  // error the input ends (the zip reader then stops) and the error is thrown below.
  const input = new PassThrough();
  let readError: Error | null = null;
  source.on('error', (error) => {
    readError = error;
    input.end();
  });
  source.pipe(input);

  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, WORKBOOK_OPTIONS);
  const sheets = (workbook as unknown as AsyncIterable<SheetReader>)[Symbol.asyncIterator]();
  let sheetsDone = false;
  let current: SheetReader | null = null;
  let read = false;
  try {
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      const sheet = next.value;
      if (read || !isFirstVisibleSheet(workbook, sheet)) {
        discard(sheet);
        continue;
      }
      current = sheet;
      for await (const row of sheet) {
        const cells = cellsOf(row);
        if (cells !== null) yield { line: row.number, cells };
      }
      current = null;
      read = true;
      // The other sheets are not read, but the reader is let run to its end: it deletes the
      // temporary files it made for them only then.
    }
    sheetsDone = true;
    if (readError) throw readError;
  } catch (error) {
    throw new Error(`file: not readable as XLSX (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    if (!sheetsDone) await stopEarly(sheets, current, source, input);
  }
}

/**
 * The caller stopped, or the file failed, part-way. A sheet read from a temporary file (exceljs
 * makes one when a sheet comes before the shared strings in the zip, as Excel writes them) is
 * closed and the reader let run on, so those files are deleted now and not at process exit.
 */
async function stopEarly(sheets: AsyncIterator<SheetReader>, current: SheetReader | null, source: Readable, input: PassThrough) {
  const fromTemporaryFile = current !== null && current.iterator instanceof Readable;
  if (current !== null) discard(current);
  if (fromTemporaryFile) {
    try {
      for (let next = await sheets.next(); !next.done; next = await sheets.next()) discard(next.value);
    } catch {
      // Cleaning up after a failure: the failure is what the caller hears about.
    }
  }
  source.destroy();
  input.destroy();
}

/**
 * A sheet that will not be read: its temporary file's stream, if any, is closed. Its file may be
 * deleted by exceljs before the stream's own open has run, so an error of that stream is
 * expected and ignored (unheard, it would crash the process).
 */
function discard(sheet: SheetReader) {
  if (!(sheet.iterator instanceof Readable)) return;
  sheet.iterator.on('error', () => undefined);
  sheet.iterator.destroy();
}

/** The sheet a user sees first (tab order, hidden sheets skipped); when unknown, the first one met. */
function isFirstVisibleSheet(workbook: WorkbookReader, sheet: SheetReader): boolean {
  const entries = (workbook as unknown as { model?: { sheets?: SheetEntry[] } }).model?.sheets ?? [];
  const first = entries.find((entry) => entry.state === undefined || entry.state === 'visible') ?? entries[0];
  if (first === undefined || sheet.name === undefined) return true;
  return String(sheet.id) === String(first.id);
}

/** A row's cells from column A on, or null for a row with nothing in it. */
function cellsOf(row: ExcelJS.Row): Cell[] | null {
  const values = row.values as unknown[];
  const cells: Cell[] = new Array(Math.max(0, values.length - 1)).fill(null);
  let blank = true;
  for (let column = 1; column < values.length; column++) {
    const cell = cellOf(values[column]);
    cells[column - 1] = cell;
    if (cell !== null) blank = false;
  }
  return blank ? null : cells;
}

/** Rich text as its plain text, a formula as its result, an error as its text (#N/A). */
function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const text = value.trim();
    return text === '' ? null : text;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.richText)) return cellOf(object.richText.map((run: { text?: string }) => run.text ?? '').join(''));
    if ('formula' in object || 'sharedFormula' in object) return cellOf(object.result);
    if ('error' in object) return String(object.error);
    if ('text' in object) return cellOf(object.text); // a hyperlink
  }
  return null;
}
