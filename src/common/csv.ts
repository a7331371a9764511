import { stringify } from 'csv-stringify/sync';

/**
 * Every CSV the service writes (the open list, the refused rows of an import, the command
 * line's errors file) goes through here, so none of them hands a spreadsheet a formula.
 *
 * A cell Excel or LibreOffice would read as a formula or a DDE call ("=HYPERLINK(…)",
 * "+cmd|' /C calc'!A0", "@SUM(…)", "-1+2") is written as text: a single quote in front and the
 * cell quoted (OWASP's CSV-injection rule). The characters that start one are = + - @, tab and
 * carriage return; their full-width forms (＝ ＋ － ＠), which some spreadsheet set-ups with an
 * East Asian input method turn into the ASCII ones; and any of them after leading white space,
 * which an import that trims cells would strip away. Numbers passed as numbers (−3 working days
 * left) stay numbers: only text is ever changed.
 */

export type CsvCell = string | number | null | undefined;

/** What a cell may not start with, after any white space before it. */
const FORMULA_START = /^[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;
/** Tab and carriage return start a formula-bearing cell in some readers on their own. */
const CONTROL_START = /^[\t\r]/;

export function isFormulaLike(text: string): boolean {
  return CONTROL_START.test(text) || FORMULA_START.test(text);
}

/** The cell as it is written: text that a spreadsheet would run gets its quote; numbers stay numbers. */
export function neutraliseCell(value: CsvCell): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  return isFormulaLike(value) ? `'${value}` : value;
}

/**
 * A CSV Excel opens as UTF-8 with its accents intact: a BOM, CRLF line ends, the headings, then
 * the rows. Neutralised cells (and any other starting with a quote) are always quoted.
 */
export function toSafeCsv(headings: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  return '\uFEFF' + safeCsvRows([headings]) + safeCsvRows(rows);
}

/**
 * Rows as toSafeCsv writes them, without the BOM and headings: for a file written a few rows at
 * a time (the command line's refused records, which may be millions) after a first toSafeCsv.
 */
export function safeCsvRows(rows: Iterable<readonly CsvCell[]>): string {
  const records: (string | number)[][] = [];
  for (const row of rows) records.push(row.map(neutraliseCell));
  return records.length === 0 ? '' : stringify(records, { record_delimiter: 'windows', quoted_match: /^'/ });
}
