import { plainText, quoteForError } from '../common/text';
import { TIME_FIELD_NAMES } from '../dossiers/dossier-record';
import { FACT_FLAGS } from '../dossiers/record-facts';
import { dayFirstToIso, looksIso, wallClockText } from './date-scan';
import { MappingFile, exampleKey } from './mapping-file';
import type { Cell } from './row-readers';
import { KNOWN_CHANNELS, KNOWN_FLAGS, KNOWN_PAYMENTS, KNOWN_STATUSES, RecordField, plainKeys } from './vocabulary';
import { serialToDate } from './xlsx-cells';

/**
 * From a spreadsheet's rows to docs/figures.md §2 records: each cell as the text the record checker
 * (dossiers/dossier-record.ts) reads. Only the spreadsheet's own conventions are handled here
 * (Vietnamese words, dd/MM/yyyy dates, Excel cells); every rule of the record itself stays with
 * the checker.
 */

export type RowResult = { ok: true; record: Record<string, RecordValue> } | { ok: false; code: string | null; errors: string[] };

/** A cell as the checker reads it: text, or for the §11 facts a flag or an amount. */
export type RecordValue = string | boolean | number;

/** A cell that cannot be read: the reason, without the field name. */
class Unreadable {
  constructor(readonly reason: string) {}
}
type Converter = (value: Cell | undefined) => RecordValue | null | Unreadable;

interface CompiledColumns {
  mapping: MappingFile | undefined;
  lenientUnitColumns: ReadonlySet<number>;
  columns: { index: number; field: RecordField; convert: Converter }[];
}

const DATE_FIELDS: ReadonlySet<RecordField> = new Set(TIME_FIELD_NAMES);
const FLAG_FIELDS: ReadonlySet<RecordField> = new Set(FACT_FLAGS);

/** Which column is which field (header-plan's planColumns makes one), with each column's converter. */
export class ColumnPlan {
  /** The per-column converters, built once rather than on every row. */
  #compiled: CompiledColumns;

  constructor(
    /** The field each column fills, by column index; null for a column that is not read. */
    readonly fields: (RecordField | null)[],
    /** Headings not read: unknown, or outranked by another column for the same field. */
    readonly unknownHeadings: string[],
    /**
     * The workbook counts dates from 1904 (row-readers' SheetRow): a number in a date column is a
     * serial of that system, 1,462 days later than the same number in the 1900 system.
     */
    readonly date1904: boolean,
    mapping: MappingFile | undefined,
    /** Columns headed "Đơn vị", read only where they hold a code. */
    lenientUnitColumns: ReadonlySet<number>,
  ) {
    this.#compiled = compile(this, mapping, lenientUnitColumns);
  }

  /** The converters for rows read with `mapping`: rebuilt once when it is another file than the plan's. */
  convertersFor(mapping: MappingFile | undefined): CompiledColumns['columns'] {
    if (mapping !== undefined && mapping !== this.#compiled.mapping) this.#compiled = compile(this, mapping, this.#compiled.lenientUnitColumns);
    return this.#compiled.columns;
  }
}

/**
 * One data row as a record of strings for the record checker. Empty cells are left out; the
 * command line's unit fills `unitCode` where the row has none. A cell that cannot be read (an
 * unknown status word, a date that is not a real dd/MM/yyyy date) is an error naming the value:
 * nothing is guessed.
 */
export function rowToRecord(cells: Cell[], plan: ColumnPlan, options: { unitCode?: string; mapping?: MappingFile } = {}): RowResult {
  const record: Record<string, RecordValue> = {};
  let errors: string[] | null = null;
  for (const { index, field, convert } of plan.convertersFor(options.mapping)) {
    const value = convert(cells[index]);
    if (value === null) continue;
    if (!(value instanceof Unreadable)) record[field] = value;
    else (errors ??= []).push(`${field}: ${value.reason}`);
  }
  if (record.unitCode === undefined && options.unitCode) record.unitCode = options.unitCode;
  if (errors !== null) return { ok: false, code: typeof record.code === 'string' ? record.code : null, errors };
  return { ok: true, record };
}

/** Text of a cell for a text field or a heading; numbers as Excel shows them (1234, not 1234.0). */
export function cellText(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return wallClockText(value.getTime()) ?? '';
}

function compile(plan: ColumnPlan, mapping: MappingFile | undefined, lenientUnitColumns: ReadonlySet<number>): CompiledColumns {
  const statuses = wordReader(KNOWN_STATUSES, mapping?.statuses, 'status', 'statuses', 'processing');
  const channels = wordReader(KNOWN_CHANNELS, mapping?.channels, 'channel', 'channels', 'online');
  const columns: CompiledColumns['columns'] = [];
  plan.fields.forEach((field, index) => {
    if (field === null) return;
    let convert: Converter;
    if (field === 'status') convert = statuses;
    else if (field === 'channel') convert = channels;
    else if (FLAG_FIELDS.has(field)) convert = readFlag;
    else if (field === 'feeAmount') convert = readAmount;
    else if (field === 'paidOnline') convert = readPayment;
    else if (DATE_FIELDS.has(field)) convert = plan.date1904 ? readDate1904 : readDate1900;
    else if (lenientUnitColumns.has(index)) convert = readUnitCodeOrNothing;
    else convert = readText;
    columns.push({ index, field, convert });
  });
  return { mapping, lenientUnitColumns, columns };
}

function readText(value: Cell | undefined): string | null {
  const text = cellText(value);
  return text === '' ? null : text;
}

const WHITESPACE = /\s/;

/** From an "Đơn vị" column: a code is read, a unit's name ("UBND xã Tân Phú") is not. */
function readUnitCodeOrNothing(value: Cell | undefined): string | null {
  const text = cellText(value);
  return text === '' || WHITESPACE.test(text) ? null : text;
}

/** Cache size past which a word cache starts over: a file of distinct garbage cannot grow it. */
const WORD_CACHE_LIMIT = 1000;

/** Status and channel words: the few distinct values of a file are looked up once each. */
function wordReader<T extends string>(
  known: ReadonlyMap<string, T>,
  given: Record<string, T> | undefined,
  field: string,
  section: string,
  example: T,
): Converter {
  const table = new Map([...known, ...plainKeys(given)]);
  const cache = new Map<string, string | Unreadable>();
  return (value) => {
    const text = cellText(value);
    if (text === '') return null;
    let result = cache.get(text);
    if (result === undefined) {
      result =
        table.get(plainText(text)) ??
        new Unreadable(
          `${quoteForError(text)} is not a known ${field}; add it to the mapping file, e.g. ${JSON.stringify({ [section]: { [exampleKey(text)]: example } })}`,
        );
      if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
      cache.set(text, result);
    }
    return result;
  };
}

// ---------------------------------------------------------------------------------------------
// The facts of docs/figures.md §11: flags, an amount, how it was paid

function readFlag(value: Cell | undefined): boolean | null | Unreadable {
  if (typeof value === 'boolean') return value;
  const text = cellText(value);
  if (text === '') return null;
  const word = KNOWN_FLAGS.get(plainText(text));
  if (word === undefined) return new Unreadable(`${quoteForError(text)} is neither yes (Có, x, 1) nor no (Không, 0)`);
  return word === 'true';
}

/**
 * An amount in VND: a number cell, or text as Vietnamese exports write it — "50.000", "50 000",
 * "50.000 đ", "1.250.000 VNĐ". A dot or a space groups thousands; a comma before one or two last
 * digits is a decimal part ("50.000,00"). Anything else ("abc", "50.5.0") is an error.
 */
const FREE: ReadonlySet<string> = new Set(['mien phi', 'khong', 'khong thu phi']);

function readAmount(value: Cell | undefined): number | null | Unreadable {
  if (typeof value === 'number') return value;
  const text = cellText(value);
  if (text === '') return null;
  // "Miễn phí" (free) or "Không" (none) is a fee of nothing, not a cell that cannot be read.
  if (FREE.has(plainText(text))) return 0;
  const match = /^(\d{1,3}(?:[.\s\u00a0]\d{3})+|\d+)(?:,(\d{1,2}))?\s*(?:đ|₫|vnđ|vnd|đồng)?$/i.exec(text);
  if (!match) return new Unreadable(`${quoteForError(text)} is not an amount of VND (e.g. 50000 or 50.000 đ)`);
  return Number(match[1].replace(/[.\s\u00a0]/g, '')) + (match[2] ? Number(`0.${match[2]}`) : 0);
}

function readPayment(value: Cell | undefined): string | null | Unreadable {
  const text = cellText(value);
  if (text === '') return null;
  const word = KNOWN_PAYMENTS.get(plainText(text));
  if (word === undefined) return new Unreadable(`${quoteForError(text)} is not a way of paying online (DVCQG, Cổng tỉnh, Không)`);
  return word === 'none' ? null : word;
}

// ---------------------------------------------------------------------------------------------
// Dates

const DATE_FORMAT = 'dd/MM/yyyy [HH:mm[:ss]]';
const notADate = (value: Cell | undefined) => new Unreadable(`${quoteForError(String(value))} is not a date ${DATE_FORMAT}`);

/**
 * Serials read from a number in a date column, in the 1900 system: 25569 is 1970-01-01 (a smaller
 * number is more likely a count than a date), 2958466 would be the year 10000.
 */
const FIRST_SERIAL_READ = 25569;
const LAST_SERIAL = 2958466;
const DATE_1904_OFFSET = 1462;

const readDate1900: Converter = (value) => readDate(value, false);
const readDate1904: Converter = (value) => readDate(value, true);

/**
 * A date cell as the local ISO text the record checker reads: `yyyy-MM-dd` for a date, so a
 * deadline keeps its "end of that day" meaning, and `yyyy-MM-ddTHH:mm:ss` (no offset: Vietnam
 * time) for a date-time. Midnight exactly is a date: a spreadsheet cannot tell "10/06/2023"
 * from "10/06/2023 00:00", and the CSV and XLSX of one export must give the same records.
 */
function readDate(value: Cell | undefined, date1904: boolean): string | null | Unreadable {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return null;
    if (looksIso(text)) return text;
    return dayFirstToIso(text) ?? notADate(text);
  }
  if (value instanceof Date) return wallClockText(value.getTime()) ?? notADate(value);
  if (typeof value === 'number') {
    // An Excel serial (a date cell without a date format), of the workbook's date system.
    const serial = date1904 ? value + DATE_1904_OFFSET : value;
    if (serial >= FIRST_SERIAL_READ && serial < LAST_SERIAL) return wallClockText(serialToDate(serial, false)!.getTime()) ?? notADate(value);
  }
  return notADate(value);
}
