import { QUOTE_LIMIT, plainText, quoteForError, textForError, textProblem } from '../common/text';
import { CHANNELS, Channel, DossierStatus, STATUSES } from '../dossiers/classification';
import { TIME_FIELD_NAMES } from '../dossiers/dossier-record';
import type { Cell } from './row-readers';
import { serialToDate } from './xlsx-cells';

/**
 * From a spreadsheet's header and rows to SPEC §2 records: which column is which field, and each
 * cell as the text the record checker (dossiers/dossier-record.ts) reads. Only the spreadsheet's
 * own conventions are handled here (Vietnamese headings and words, dd/MM/yyyy dates, Excel
 * cells); every rule of the record itself stays with the checker.
 */

export const RECORD_FIELDS = [
  'code',
  'unitCode',
  'procedureCode',
  'procedureName',
  'field',
  'channel',
  'status',
  'receivedAt',
  'dueAt',
  'resolvedAt',
  'extendedDueAt',
  'withdrawnAt',
  'sourceUpdatedAt',
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

const DATE_FIELDS: ReadonlySet<RecordField> = new Set(TIME_FIELD_NAMES);
const REQUIRED_COLUMNS = ['code', 'status', 'receivedAt'] as const;

/** The mapping file (JSON) a desk may give for headings and words the service does not know. */
export interface MappingFile {
  /** Heading text → field; `null` leaves a column out (e.g. a second status-like column). */
  columns?: Record<string, RecordField | null>;
  statuses?: Record<string, DossierStatus>;
  channels?: Record<string, Channel>;
}

export interface ColumnPlan {
  /** The field each column fills, by column index; null for a column that is not read. */
  fields: (RecordField | null)[];
  /**
   * The workbook counts dates from 1904 (row-readers' SheetRow): a number in a date column is a
   * serial of that system, 1,462 days later than the same number in the 1900 system.
   */
  date1904: boolean;
  /** Headings not read: unknown, or outranked by another column for the same field. */
  unknownHeadings: string[];
}

export type RowResult = { ok: true; record: Record<string, string> } | { ok: false; code: string | null; errors: string[] };

// ---------------------------------------------------------------------------------------------
// Vocabulary. Everything is compared on its plain form (common/text.ts), whole value only.

/** The heading shown in messages for a field nobody could find. */
const VIETNAMESE_NAME: Record<RecordField, string> = {
  code: 'Mã hồ sơ',
  unitCode: 'Mã đơn vị',
  procedureCode: 'Mã thủ tục',
  procedureName: 'Tên thủ tục',
  field: 'Lĩnh vực',
  channel: 'Kênh nộp',
  status: 'Trạng thái',
  receivedAt: 'Ngày tiếp nhận',
  dueAt: 'Ngày hẹn trả',
  resolvedAt: 'Ngày có kết quả',
  extendedDueAt: 'Ngày hẹn trả mới',
  withdrawnAt: 'Ngày rút',
  sourceUpdatedAt: 'Ngày cập nhật',
};

/** Headings a one-stop export uses; the field's own name ("unitCode", "unit code") is added below. */
const HEADINGS: Record<RecordField, readonly string[]> = {
  code: ['Mã hồ sơ', 'Số hồ sơ', 'Ma HS', 'Số HS', 'Dossier code'],
  unitCode: ['Mã đơn vị'],
  procedureCode: ['Mã thủ tục', 'Mã TTHC', 'Procedure code'],
  procedureName: ['Thủ tục', 'Tên thủ tục', 'Tên TTHC', 'Thủ tục hành chính', 'Procedure', 'Procedure name'],
  field: ['Lĩnh vực'],
  channel: ['Kênh nộp', 'Hình thức nộp', 'Hình thức tiếp nhận', 'Kênh tiếp nhận'],
  status: ['Trạng thái', 'Trạng thái hồ sơ', 'Trạng thái xử lý'],
  receivedAt: ['Ngày tiếp nhận', 'Ngày nhận', 'Thời gian tiếp nhận', 'Received'],
  dueAt: ['Ngày hẹn trả', 'Hạn giải quyết', 'Hạn xử lý', 'Ngày hẹn trả kết quả', 'Due', 'Due date'],
  resolvedAt: ['Ngày có kết quả', 'Ngày trả kết quả', 'Ngày hoàn thành', 'Resolved'],
  extendedDueAt: ['Ngày hẹn trả mới', 'Ngày gia hạn', 'Hạn mới'],
  withdrawnAt: ['Ngày rút', 'Ngày rút hồ sơ', 'Withdrawn'],
  sourceUpdatedAt: ['Ngày cập nhật', 'Cập nhật lúc', 'Updated at'],
};

/**
 * Headings that name a field only when no other column does: "Đơn vị" often holds the unit's
 * name rather than its code (its values are read only when they look like a code), and
 * "Tình trạng" often holds the export's own "Đúng hạn / Trễ hạn" verdict beside "Trạng thái".
 */
const FALLBACK_HEADINGS: Partial<Record<RecordField, readonly string[]>> = {
  unitCode: ['Đơn vị'],
  status: ['Tình trạng'],
};

const STATUS_WORDS: Record<DossierStatus, readonly string[]> = {
  processing: ['Đang xử lý', 'Đang giải quyết', 'Đang thụ lý', 'Mới tiếp nhận'],
  waiting: ['Chờ bổ sung', 'Tạm dừng', 'Yêu cầu bổ sung', 'Chờ công dân bổ sung'],
  resolved: ['Đã giải quyết', 'Đã trả kết quả', 'Hoàn thành', 'Đã có kết quả'],
  refused: ['Từ chối', 'Không giải quyết', 'Từ chối giải quyết'],
  withdrawn: ['Đã rút', 'Rút hồ sơ', 'Công dân rút hồ sơ', 'Dừng xử lý theo yêu cầu'],
  denied: ['Từ chối tiếp nhận', 'Không tiếp nhận', 'Trả lại hồ sơ'],
};

const CHANNEL_WORDS: Record<Channel, readonly string[]> = {
  direct: ['Trực tiếp', 'Tại quầy', 'Một cửa'],
  online: ['Trực tuyến', 'Dịch vụ công trực tuyến', 'DVC trực tuyến', 'Qua mạng', 'Online'],
  postal: ['Bưu chính', 'Bưu chính công ích', 'Qua bưu điện', 'BCCI'],
};

/** Rank of a heading's claim on a field: a mapping file's beats a known heading beats a fallback. */
const Rank = { Mapping: 0, Known: 1, Fallback: 2 } as const;
type Rank = (typeof Rank)[keyof typeof Rank];

const KNOWN_HEADINGS: ReadonlyMap<string, { field: RecordField; rank: Rank }> = (() => {
  const known = new Map<string, { field: RecordField; rank: Rank }>();
  for (const field of RECORD_FIELDS) {
    for (const heading of [...HEADINGS[field], field, field.replace(/[A-Z]/g, (letter) => ` ${letter}`)]) {
      known.set(plainText(heading), { field, rank: Rank.Known });
    }
    for (const heading of FALLBACK_HEADINGS[field] ?? []) known.set(plainText(heading), { field, rank: Rank.Fallback });
  }
  return known;
})();

function wordTable<T extends string>(words: Record<T, readonly string[]>): Map<string, T> {
  const table = new Map<string, T>();
  for (const value of Object.keys(words) as T[]) {
    table.set(value.toLowerCase(), value);
    for (const word of words[value]) table.set(plainText(word), value);
  }
  return table;
}

const KNOWN_STATUSES = wordTable(STATUS_WORDS);
const KNOWN_CHANNELS = wordTable(CHANNEL_WORDS);

// ---------------------------------------------------------------------------------------------
// The mapping file

/** Reads and checks a mapping file; a mistake throws an Error naming the key and value at fault. */
export function parseMappingFile(json: string): MappingFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`mapping file: not valid JSON (${textForError(error instanceof Error ? error.message : String(error), 200)})`);
  }
  if (!isPlainObject(parsed)) {
    throw new Error('mapping file: must be a JSON object like {"columns": {"Số biên nhận": "code"}, "statuses": {…}, "channels": {…}}');
  }
  for (const key of Object.keys(parsed)) {
    if (key !== 'columns' && key !== 'statuses' && key !== 'channels') {
      throw new Error(`mapping file: unknown key ${quoteForError(key)} (expected columns, statuses, channels)`);
    }
  }
  const mapping: MappingFile = {};
  if (parsed.columns !== undefined) {
    mapping.columns = section(parsed.columns, 'columns', [...RECORD_FIELDS, null], 'a record field');
  }
  if (parsed.statuses !== undefined) mapping.statuses = section(parsed.statuses, 'statuses', STATUSES, 'a status');
  if (parsed.channels !== undefined) mapping.channels = section(parsed.channels, 'channels', CHANNELS, 'a channel');
  return mapping;
}

function section<T>(value: unknown, name: string, allowed: readonly T[], what: string): Record<string, T> {
  if (!isPlainObject(value)) throw new Error(`mapping file: "${name}" must be an object of "text": value`);
  const checked: Record<string, T> = {};
  const seen = new Map<string, string>();
  for (const [key, entry] of Object.entries(value)) {
    // Headings and words are text from outside like any other (common/text.ts).
    const problem = textProblem(key);
    if (problem) throw new Error(`mapping file: ${name} key ${quoteForError(key)} ${problem}`);
    const plain = plainText(key);
    if (plain === '') throw new Error(`mapping file: ${name} key ${quoteForError(key)} has no letters or digits`);
    if (!allowed.includes(entry as T)) {
      const choices = allowed.map((choice) => (choice === null ? 'null' : String(choice))).join(', ');
      throw new Error(`mapping file: ${name}[${quoteForError(key)}] = ${quoteForError(entry)} is not ${what} (one of ${choices})`);
    }
    const earlier = seen.get(plain);
    if (earlier !== undefined && value[earlier] !== entry) {
      throw new Error(`mapping file: ${name} keys ${quoteForError(earlier)} and ${quoteForError(key)} are the same text and say different things`);
    }
    seen.set(plain, key);
    checked[key] = entry as T;
  }
  return checked;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function plainKeys<T>(entries: Record<string, T> | undefined): Map<string, T> {
  const table = new Map<string, T>();
  for (const [key, value] of Object.entries(entries ?? {})) table.set(plainText(key), value);
  return table;
}

// ---------------------------------------------------------------------------------------------
// The header

interface Claim {
  index: number;
  heading: string;
  field: RecordField;
  rank: Rank;
}

/** A row that is not the header: why, and how many of its cells are headings (known, or the mapping file's). */
export interface NotAHeader {
  errors: string[];
  headings: number;
}

/**
 * Which column is which field. Fails when a required column (code, status, receivedAt) is
 * missing, or when two columns of the same rank claim one field. The errors quote the row's
 * cells only when one of them at least is a heading: a row with none is likely a data row (an
 * export without its header), whose cells are applicants' names, phone numbers and ID numbers,
 * never to be written into an error, which is stored and logged.
 */
export function planColumns(header: Cell[], mapping?: MappingFile, options: { date1904?: boolean } = {}): { plan: ColumnPlan } | NotAHeader {
  const mapped = plainKeys(mapping?.columns);
  const fields: (RecordField | null)[] = header.map(() => null);
  const unknownHeadings: string[] = [];
  const claims = new Map<RecordField, Claim[]>();
  let headings = 0;

  header.forEach((cell, index) => {
    const heading = cellText(cell);
    if (heading === '') return;
    const claim = claimOf(heading, mapped);
    if (claim !== undefined) headings++;
    if (claim === undefined) {
      unknownHeadings.push(heading);
    } else if (claim !== null) {
      claims.set(claim.field, [...(claims.get(claim.field) ?? []), { index, heading, ...claim }]);
    }
  });

  const errors: string[] = [];
  const lenientUnitColumns = new Set<number>();
  for (const [field, candidates] of claims) {
    const best = Math.min(...candidates.map((claim) => claim.rank));
    const winners = candidates.filter((claim) => claim.rank === best);
    if (winners.length > 1) {
      const names = winners.map((claim) => `${quoteForError(claim.heading)} (${columnLetter(claim.index)})`).join(' and ');
      const example = JSON.stringify({ columns: { [exampleKey(winners[1].heading)]: null } });
      errors.push(`header: columns ${names} both mean ${field}; keep one with a mapping file, e.g. ${example}`);
      continue;
    }
    fields[winners[0].index] = field;
    if (field === 'unitCode' && best === Rank.Fallback) lenientUnitColumns.add(winners[0].index);
    for (const loser of candidates) if (loser.rank !== best) unknownHeadings.push(loser.heading);
  }

  const missing = REQUIRED_COLUMNS.filter((field) => !claims.has(field));
  if (missing.length > 0) {
    const found = header.map(cellText).filter((heading) => heading !== '');
    let what: string;
    if (found.length === 0) what = 'found: nothing';
    else if (headings === 0) what = `none of the row's ${found.length} ${found.length === 1 ? 'cell is a heading' : 'cells is a heading'} of an export`;
    else {
      const shown = found.slice(0, MAX_HEADINGS_SHOWN).map((heading) => textForError(heading)).join(', ');
      what = `found: ${shown}${found.length > MAX_HEADINGS_SHOWN ? ` and ${found.length - MAX_HEADINGS_SHOWN} more` : ''}`;
    }
    errors.push(`header: no column for ${missing.map((field) => `${field} (${VIETNAMESE_NAME[field]})`).join(', ')} (${what}); name the columns in a mapping file`);
  }
  if (errors.length > 0) return { errors, headings };

  const plan: ColumnPlan = { fields, unknownHeadings, date1904: options.date1904 ?? false };
  compiledPlans.set(plan, compile(plan, mapping, lenientUnitColumns));
  return { plan };
}

/** The headings of the required columns, as an error names them: "Mã hồ sơ, Trạng thái, Ngày tiếp nhận". */
export const REQUIRED_HEADINGS = REQUIRED_COLUMNS.map((field) => VIETNAMESE_NAME[field]).join(', ');

/** Headings an error lists; a sheet may have thousands of columns. */
const MAX_HEADINGS_SHOWN = 20;

/** A heading or word for an example mapping file: itself, or capped when too long to quote whole. */
function exampleKey(text: string): string {
  return text.length <= QUOTE_LIMIT && textProblem(text) === null ? text : textForError(text);
}

/** The field a heading names (null: a mapping file leaves it out), or undefined when unknown. */
function claimOf(heading: string, mapped: Map<string, RecordField | null>): { field: RecordField; rank: Rank } | null | undefined {
  const plain = plainText(heading);
  // "Ngày tiếp nhận (dd/mm/yyyy)", "Mã hồ sơ (*)": the remark in brackets is not the name.
  const bare = plainText(heading.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
  for (const key of bare !== plain && bare !== '' ? [plain, bare] : [plain]) {
    const field = mapped.get(key);
    if (field === null) return null;
    if (field !== undefined) return { field, rank: Rank.Mapping };
  }
  return KNOWN_HEADINGS.get(plain) ?? (bare !== '' ? KNOWN_HEADINGS.get(bare) : undefined);
}

function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

// ---------------------------------------------------------------------------------------------
// The rows

/** A cell that cannot be read: the reason, without the field name. */
class Unreadable {
  constructor(readonly reason: string) {}
}
type Converter = (value: Cell | undefined) => string | null | Unreadable;

interface CompiledPlan {
  mapping: MappingFile | undefined;
  lenientUnitColumns: ReadonlySet<number>;
  columns: { index: number; field: RecordField; convert: Converter }[];
}

/** The per-column converters of a plan, built once (by planColumns) rather than on every row. */
const compiledPlans = new WeakMap<ColumnPlan, CompiledPlan>();

/**
 * One data row as a record of strings for the record checker. Empty cells are left out; the
 * command line's unit fills `unitCode` where the row has none. A cell that cannot be read (an
 * unknown status word, a date that is not a real dd/MM/yyyy date) is an error naming the value:
 * nothing is guessed.
 */
export function rowToRecord(cells: Cell[], plan: ColumnPlan, options: { unitCode?: string; mapping?: MappingFile } = {}): RowResult {
  let compiled = compiledPlans.get(plan);
  if (compiled === undefined || (options.mapping !== undefined && options.mapping !== compiled.mapping)) {
    compiled = compile(plan, options.mapping ?? compiled?.mapping, compiled?.lenientUnitColumns ?? new Set());
    compiledPlans.set(plan, compiled);
  }
  const record: Record<string, string> = {};
  let errors: string[] | null = null;
  for (const { index, field, convert } of compiled.columns) {
    const value = convert(cells[index]);
    if (value === null) continue;
    if (typeof value === 'string') record[field] = value;
    else (errors ??= []).push(`${field}: ${value.reason}`);
  }
  if (record.unitCode === undefined && options.unitCode) record.unitCode = options.unitCode;
  if (errors !== null) return { ok: false, code: record.code ?? null, errors };
  return { ok: true, record };
}

function compile(plan: ColumnPlan, mapping: MappingFile | undefined, lenientUnitColumns: ReadonlySet<number>): CompiledPlan {
  const statuses = wordReader(KNOWN_STATUSES, mapping?.statuses, 'status', 'statuses', 'processing');
  const channels = wordReader(KNOWN_CHANNELS, mapping?.channels, 'channel', 'channels', 'online');
  const columns: CompiledPlan['columns'] = [];
  plan.fields.forEach((field, index) => {
    if (field === null) return;
    let convert: Converter;
    if (field === 'status') convert = statuses;
    else if (field === 'channel') convert = channels;
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

/** Text of a cell for a text field or a heading; numbers as Excel shows them (1234, not 1234.0). */
function cellText(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return wallClockText(value.getTime()) ?? '';
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

/** `2025-06-10…`: ISO 8601, handed to the record checker as it is. */
function looksIso(text: string): boolean {
  return text.length >= 10 && text.charCodeAt(4) === DASH && isDigit(text.charCodeAt(0)) && isDigit(text.charCodeAt(3));
}

/**
 * A wall-clock time held in a Date's UTC fields (how exceljs gives a date cell) as local ISO
 * text, rounded to the second as Excel shows it.
 */
function wallClockText(utcMs: number): string | null {
  if (!Number.isFinite(utcMs)) return null;
  const instant = new Date(Math.round(utcMs / 1000) * 1000);
  const year = instant.getUTCFullYear();
  if (year < 1000 || year > 9999) return null;
  return isoText(year, instant.getUTCMonth() + 1, instant.getUTCDate(), instant.getUTCHours(), instant.getUTCMinutes(), instant.getUTCSeconds());
}

const SLASH = 47;
const DASH = 45;
const DOT = 46;
const COLON = 58;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 160;
}

/** Where the last `digits` call stopped: the scanner below is written out for speed. */
let scanEnd = 0;

/** The number written with `min`–`max` digits at `from`, or -1; sets `scanEnd`. */
function digits(text: string, from: number, min: number, max: number): number {
  let value = 0;
  let at = from;
  while (at < text.length && at - from < max) {
    const code = text.charCodeAt(at);
    if (!isDigit(code)) break;
    value = value * 10 + code - 48;
    at++;
  }
  scanEnd = at;
  return at - from < min ? -1 : value;
}

/**
 * `dd/MM/yyyy`, `dd/MM/yyyy HH:mm`, `dd/MM/yyyy HH:mm:ss`; one or two digits for day, month and
 * hour; `/`, `-` or `.` between the date's parts. Day first always: 01/02/2025 is 1 February.
 * Anything else, or a date or time that does not exist, is null.
 */
function dayFirstToIso(text: string): string | null {
  const day = digits(text, 0, 1, 2);
  const separator = text.charCodeAt(scanEnd);
  if (day < 0 || (separator !== SLASH && separator !== DASH && separator !== DOT)) return null;
  const month = digits(text, scanEnd + 1, 1, 2);
  if (month < 0 || text.charCodeAt(scanEnd) !== separator) return null;
  const year = digits(text, scanEnd + 1, 4, 4);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (scanEnd === text.length) return isoText(year, month, day, 0, 0, 0);

  let at = scanEnd;
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  if (at === scanEnd) return null;
  const hour = digits(text, at, 1, 2);
  if (hour < 0 || text.charCodeAt(scanEnd) !== COLON) return null;
  const minute = digits(text, scanEnd + 1, 2, 2);
  if (minute < 0) return null;
  let second = 0;
  if (text.charCodeAt(scanEnd) === COLON) {
    second = digits(text, scanEnd + 1, 2, 2);
    if (second < 0) return null;
  }
  if (scanEnd !== text.length || hour > 23 || minute > 59 || second > 59) return null;
  return isoText(year, month, day, hour, minute, second);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1];
}

function isoText(year: number, month: number, day: number, hour: number, minute: number, second: number): string {
  const date = `${year}-${two(month)}-${two(day)}`;
  if (hour === 0 && minute === 0 && second === 0) return date;
  return `${date}T${two(hour)}:${two(minute)}:${two(second)}`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
