import { parse } from 'csv-parse';
import { parse as parseNow } from 'csv-parse/sync';
import { createReadStream, promises as fs } from 'node:fs';
import { extname } from 'node:path';
import { pipeline } from 'node:stream';
import { textForError } from '../common/text';
import { EventLoopTurns, MAX_RECORD_CHARACTERS, MAX_ROW_COLUMNS, UploadRefused, count } from './upload-limits';
import { readXlsx } from './xlsx-reader';

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
  /**
   * Set on the rows of an XLSX whose dates count from 1904: a plain number in a date column (no
   * date format, so still a number here) is a serial of that system.
   */
  date1904?: true;
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
    // Past MAX_ROW_COLUMNS fields the rest of the record is one field (bounded by the record
    // size): a line of a million delimiters never becomes a million cells.
    ignore_last_delimiters: MAX_ROW_COLUMNS + 1,
  });
  // pipeline, not pipe: a read error must end the iteration instead of leaving it waiting.
  pipeline(createReadStream(path), parser, () => undefined);
  const turns = new EventLoopTurns();
  // What csv-parse's running line count has over-counted so far (see EXTRA_LINES_PER_QUOTED_CRLF).
  let overcount = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      let blank = true;
      let breaks = 0;
      const width = Math.min(record.length, MAX_ROW_COLUMNS);
      const cells: Cell[] = new Array(width);
      for (let i = 0; i < record.length; i++) {
        const value = record[i];
        if (value.indexOf('\n') !== -1 || value.indexOf('\r') !== -1) {
          const inside = lineBreaksIn(value);
          breaks += inside.breaks;
          overcount += inside.crlfs * EXTRA_LINES_PER_QUOTED_CRLF;
        }
        if (i >= width) continue;
        const text = value.trim();
        cells[i] = text === '' ? null : text;
        if (text !== '') blank = false;
      }
      // The line on which the record ends, less its own line breaks: the line it starts on.
      const line = info.lines - overcount - breaks;
      if (record.length > width && holdsValue(record[width], delimiter)) throw beyondLastColumn(line);
      if (!blank) yield { line, cells };
      if (turns.due) await turns.take();
    }
  } catch (error) {
    if (error instanceof UploadRefused) throw error;
    throw csvFailure(error);
  } finally {
    parser.destroy();
  }
}

/** The fields past the last column read, joined with their delimiters: anything but those and blanks? */
function holdsValue(rest: string, delimiter: string): boolean {
  for (let i = 0; i < rest.length; i++) {
    const character = rest[i];
    if (character !== delimiter && character !== '"' && character.trim() !== '') return true;
  }
  return false;
}

function beyondLastColumn(line: number): UploadRefused {
  return new UploadRefused(
    `file: line ${line} holds a value beyond column ${count(MAX_ROW_COLUMNS)}: an import reads the first ${count(MAX_ROW_COLUMNS)} columns (empty ones further right are ignored)`,
  );
}

/** csv-parse's error, said as the desk needs it: which line, and what to do. */
function csvFailure(error: unknown): Error {
  const { code, lines, column } = (error ?? {}) as { code?: string; lines?: number; column?: unknown };
  if (code === 'CSV_MAX_RECORD_SIZE') {
    return new UploadRefused(`file: line ${lines}: a record runs past ${count(MAX_RECORD_CHARACTERS)} characters; is a quote left open?`);
  }
  // A quote out of place in the fields past the last column read (delimiters are not split there).
  if (typeof column === 'number' && column >= MAX_ROW_COLUMNS && typeof lines === 'number') return beyondLastColumn(lines);
  // Capped: csv-parse's messages may quote the field at fault.
  return new Error(`file: not readable as CSV (${textForError(error instanceof Error ? error.message : String(error), 200)})`);
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
