/**
 * What one uploaded export may cost, checked while it is read and before any text is held: an
 * upload over a bound fails with a reason naming where (line, cell, zip entry), and the service
 * goes on answering. The service runs with a 192 MB heap (package.json `start`): every bound that
 * keeps something in memory is sized so that it fits there beside the rest of the service.
 */

/** Excel's own limit for the text of one cell: no spreadsheet program writes a longer one. */
export const MAX_CELL_CHARACTERS = 32_767;

/**
 * Columns read from one row (CSV record or XLSX row). Exports have some 10–60; a value further
 * right fails the import naming its line and column, so no row costs more than this many cells.
 * Empty (or only styled) cells beyond it cost nothing: spreadsheets often format whole rows.
 */
export const MAX_ROW_COLUMNS = 1_000;

/**
 * One CSV record, or the cells of one XLSX row together: a record longer than this means an
 * unclosed quote (fail there rather than buffer the file), and a row is held whole until it ends,
 * so 1,000 cells of 32,767 characters (64 MB) must not be. Real rows have a few thousand.
 */
export const MAX_RECORD_CHARACTERS = 1_000_000;

/**
 * Excel's last row. A row number past it is no spreadsheet's, and line numbers are stored with the
 * refused rows (an INT column), so a larger one is refused rather than stored.
 */
export const MAX_ROW_NUMBER = 1_048_576;

/**
 * The shared-strings table is the one part of an XLSX held whole (a sheet refers to its texts by
 * index, from any row). 16 Mi characters is at most 32 MB of two-byte (Vietnamese) text, and a
 * million texts add some 24 MB of string headers and slots: with the service's own use, that stays
 * well inside the 192 MB heap. A 200,000-row export written with shared strings needs ~250,000.
 */
export const MAX_SHARED_STRING_CHARACTERS = 16 * 1024 * 1024;
export const MAX_SHARED_STRINGS = 1_000_000;

/**
 * Bytes inflated from one upload's zip entries, all parts together (sheet, shared strings, styles,
 * workbook). Memory does not grow with it (everything is streamed) but time does: saxes parses
 * some 30 MB of sheet XML a second on one core, so 1 GiB is about half a minute of work (the event
 * loop keeps its turns throughout). A 1,048,576-row sheet of 20 columns, Excel's largest, is some
 * 750 MB. An entry declaring more is refused before it is opened; one that inflates to more than
 * it declares is stopped by yauzl (validateEntrySizes) as soon as it does.
 */
export const MAX_INFLATED_BYTES = 1024 * 1024 * 1024;

/** Entries in the zip's central directory: a workbook of 1,000 sheets has some 3,000. */
export const MAX_ZIP_ENTRIES = 10_000;

/**
 * What the central directory may hold beside its entries' fixed fields: names, extra fields and
 * comments, each kept with its entry while the parts are read. A zip may give each entry 64 KB of
 * each, so 10,000 entries could hold some 2 GB in the heap; real part names are under 100 bytes
 * (xl/worksheets/sheet1000.xml), extra fields a few dozen. Past a bound the file is refused.
 */
export const MAX_ZIP_NAME_BYTES = 1_024;
export const MAX_ZIP_ENTRY_EXTRA_BYTES = 4_096;
export const MAX_ZIP_DIRECTORY_BYTES = 4 * 1024 * 1024;

/**
 * What saxes may buffer before it reports it: one text run, one start tag with its name and all
 * its attributes, one comment. saxes holds a token whole until it ends, so a 400 MB text node would
 * be held whole: it is stopped here, at 1 Mi characters (2 MB), first. The longest real token
 * is a cell's text (32,767 characters, some 200,000 when every one is escaped).
 */
export const MAX_XML_TOKEN_CHARACTERS = 1024 * 1024;

/** Element nesting. SpreadsheetML goes some 8 deep (12 with extensions); saxes keeps the stack. */
export const MAX_XML_DEPTH = 100;

/**
 * Cell formats (styles.xml cellXfs) and number formats kept to tell date cells: Excel allows
 * some 64,000 cell formats in a workbook.
 */
export const MAX_CELL_FORMATS = 65_536;

/**
 * How long reading and mapping rows may hold the event loop before giving it a turn: the rows of
 * an already-read chunk resolve on microtasks only, so without these turns a fast source would
 * keep health checks and the widget waiting for the whole file.
 */
export const WORK_SLICE_MS = 10;

/** An upload that is over one of the bounds above: the import fails with this message as it is. */
export class UploadRefused extends Error {}

/** Counts work done since the event loop last had a turn, and gives it one every WORK_SLICE_MS. */
export class EventLoopTurns {
  private since = performance.now();

  /** True when the loop is due a turn: `await turns.take()` then (checked cheaply per row). */
  get due(): boolean {
    return performance.now() - this.since >= WORK_SLICE_MS;
  }

  async take(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }
}

/** 1,234,567 */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
