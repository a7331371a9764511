import { parse } from 'csv-parse/sync';
import { Phrase, Problems } from '../common/domain-error';
import { LocalDate, localDateProblem } from '../common/local-time';
import { plainText, quoteForError, textForError } from '../common/text';
import { phrase } from '../i18n/refusal-words';
import { UnitChange } from './reorganization-changes';
import { UnitKind, UnitLevel } from './unit.entity';

/**
 * The official list of units (docs/figures.md §9: `Mã đơn vị; Tên đơn vị; Cấp; Loại; Mã đơn vị cấp trên;
 * Hình thành từ; Ngày hiệu lực; Căn cứ`), one row per unit as it stands from the act's day on,
 * turned into the one act that makes the stored tree say the same: a new code is created, the
 * old codes a row is formed from merge into it, an old code spread over several rows splits,
 * a kept unit under another parent moves, and the abolished level's units the list leaves out
 * retire. Each change keeps the CSV lines it comes from, so the act's refusals name them.
 */

/** A stored unit, as much as the list is compared with. */
export interface ListedUnit {
  code: string;
  name: string;
  level: UnitLevel;
  /** The parent as the tree stands today. */
  parentCode: string | null;
  validTo: LocalDate | null;
}

export interface OfficialListAct {
  effectiveOn: LocalDate;
  reference: string;
  changes: UnitChange[];
  /** The CSV lines each change comes from; none for a unit retired because its level is abolished. */
  lines: number[][];
}

/** More rows than this is not one act: the national list of 2025 has some 3,400. */
export const MAX_LIST_ROWS = 20_000;
const MAX_REFERENCE = 500;

type Column = 'code' | 'name' | 'level' | 'kind' | 'parentCode' | 'formedFrom' | 'effectiveOn' | 'reference';

/** The headings as docs/figures.md §9 names them (and in English), compared without accents. */
export const HEADINGS: Record<Column, string> = {
  code: 'Mã đơn vị',
  name: 'Tên đơn vị',
  level: 'Cấp',
  kind: 'Loại',
  parentCode: 'Mã đơn vị cấp trên',
  formedFrom: 'Hình thành từ',
  effectiveOn: 'Ngày hiệu lực',
  reference: 'Căn cứ',
};
const REQUIRED: Column[] = ['code', 'name', 'level', 'effectiveOn'];

function columnOf(heading: string): Column | undefined {
  const plain = plainText(heading);
  for (const [column, words] of Object.entries(HEADINGS) as [Column, string][]) {
    // "Hình thành từ (mã cũ, cách nhau bởi dấu ,)": the heading may explain itself.
    if (plain === plainText(words) || plain === plainText(column) || (column === 'formedFrom' && plain.startsWith('hinh thanh tu'))) return column;
  }
  return undefined;
}

const LEVELS: Record<string, UnitLevel> = {
  tinh: 'province', 'cap tinh': 'province', 'thanh pho truc thuoc trung uong': 'province', province: 'province',
  huyen: 'district', 'cap huyen': 'district', district: 'district',
  xa: 'commune', 'cap xa': 'commune', commune: 'commune',
  'co quan': 'agency', agency: 'agency',
};
const KINDS: Record<string, UnitKind> = { xa: 'xa', phuong: 'phuong', 'dac khu': 'dac-khu' };
/** What a province's row may say as its kind: the list names it, a unit of that level has none. */
const PROVINCE_KINDS = new Set(['tinh', 'thanh pho']);
const LEVEL_ORDER: UnitLevel[] = ['province', 'district', 'commune', 'agency'];

interface Row {
  line: number;
  code: string;
  name: string;
  level: UnitLevel;
  kind: UnitKind | null;
  parentCode: string | null;
  /** Old codes, each with whether the row says it takes "phần còn lại" (the rest) of it. */
  formedFrom: { code: string; rest: boolean }[];
  effectiveOn: LocalDate;
  reference: string;
}

/** `dd/MM/yyyy` (the way the resolutions write it) or `YYYY-MM-DD`. */
function dateOf(text: string): string {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  return match ? `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}` : text;
}

/** The CSV's records with the line each starts on, or why the file does not read. */
function recordsOf(csv: string, problems: Problems): { line: number; cells: string[] }[] {
  const firstLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    const records = parse(csv, { bom: true, delimiter, skip_empty_lines: true, relax_column_count: true, trim: true, info: true, to: MAX_LIST_ROWS + 2, max_record_size: 100_000 }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ line: info.lines, cells: record }));
  } catch (error) {
    problems.add(`file: not readable as CSV (${textForError(error instanceof Error ? error.message : String(error), 200)})`, phrase('errors.officialList.notCsv'));
    return [];
  }
}

/** Every row read, each fault named by its line and column. */
function readRows(csv: string, problems: Problems): Row[] {
  const records = recordsOf(csv, problems);
  if (problems.length > 0) return [];
  if (records.length < 2) {
    problems.add('file: has no row below its header', phrase('errors.officialList.empty'));
    return [];
  }
  if (records.length > MAX_LIST_ROWS + 1) {
    problems.add(`file: has more than ${MAX_LIST_ROWS} rows`, phrase('errors.officialList.tooManyRows', { max: MAX_LIST_ROWS }));
    return [];
  }
  const columns = records[0].cells.map(columnOf);
  const missing = REQUIRED.filter((column) => !columns.includes(column)).map((column) => HEADINGS[column]);
  if (missing.length > 0) {
    problems.add(`header: no column ${missing.join(', ')}`, phrase('errors.officialList.missingColumns', { columns: missing.join(', ') }));
    return [];
  }
  return records.slice(1).map(({ line, cells }) => {
    const cell = (column: Column) => (cells[columns.indexOf(column)] ?? '').normalize('NFC').trim();
    const at = (column: Column) => ({ line, column: HEADINGS[column] });
    const fail = (column: Column, english: string, words: Phrase) => problems.add(`line ${line}: ${HEADINGS[column]}: ${english}`, words);
    const levelText = plainText(cell('level'));
    const level = LEVELS[levelText];
    if (!level) fail('level', `${quoteForError(cell('level'))} is not a level (Tỉnh, Huyện, Xã, Cơ quan)`, phrase('errors.officialList.level', { ...at('level'), value: quoteForError(cell('level')) }));
    const kindText = plainText(cell('kind'));
    let kind: UnitKind | null = null;
    if (kindText !== '' && level === 'commune') {
      kind = KINDS[kindText] ?? KINDS[kindText.replace(/-/g, ' ')] ?? null;
      if (!kind) fail('kind', `${quoteForError(cell('kind'))} is not a kind of commune (Xã, Phường, Đặc khu)`, phrase('errors.officialList.kind', { ...at('kind'), value: quoteForError(cell('kind')) }));
    } else if (kindText !== '' && !(level === 'province' && PROVINCE_KINDS.has(kindText))) {
      fail('kind', `only a commune has a kind (Xã, Phường, Đặc khu)`, phrase('errors.officialList.kindNotCommune', at('kind')));
    }
    const effectiveOn = dateOf(cell('effectiveOn'));
    const dateProblem = localDateProblem(effectiveOn);
    if (dateProblem) fail('effectiveOn', `${quoteForError(cell('effectiveOn'))} is not a date (dd/MM/yyyy or YYYY-MM-DD)`, phrase('errors.officialList.date', { ...at('effectiveOn'), value: quoteForError(cell('effectiveOn')) }));
    // "xa-a1, xa-a2," — an empty item (a trailing comma) names nothing.
    const formedFrom = cell('formedFrom').split(',').filter((item) => item.trim() !== '').map((item) => {
      const match = /^([^\s(]+)\s*(?:\((.*)\))?$/.exec(item.trim());
      return { code: match?.[1] ?? item.trim(), rest: match?.[2] !== undefined && plainText(match[2]) === 'phan con lai' };
    });
    return { line, code: cell('code'), name: cell('name'), level: level ?? 'commune', kind, parentCode: cell('parentCode') || null, formedFrom, effectiveOn, reference: cell('reference') };
  });
}

/** Faults of the list as a whole: a unit formed twice, an unknown or repeated old code, differing days. */
function checkRows(rows: Row[], stored: Map<string, ListedUnit>, problems: Problems): void {
  const lineOf = new Map<string, number>();
  for (const row of rows) {
    const earlier = lineOf.get(row.code);
    if (earlier !== undefined) problems.add(`line ${row.line}: ${HEADINGS.code}: unit ${quoteForError(row.code)} is formed twice (also on line ${earlier})`, phrase('errors.officialList.formedTwice', { line: row.line, code: quoteForError(row.code), other: earlier }));
    else lineOf.set(row.code, row.line);
    const kept = stored.get(row.code);
    if (kept?.validTo) problems.add(`line ${row.line}: ${HEADINGS.code}: unit ${quoteForError(row.code)} is retired (its last day was ${kept.validTo}): a new unit needs a new code`, phrase('errors.officialList.retiredCode', { line: row.line, code: quoteForError(row.code), day: kept.validTo }));
    if (kept && kept.level !== row.level) problems.add(`line ${row.line}: ${HEADINGS.level}: unit ${quoteForError(row.code)} is a ${kept.level}, and an act does not change a unit's level`, phrase('errors.officialList.levelChanged', { line: row.line, code: quoteForError(row.code) }));
    const seen = new Set<string>();
    for (const old of row.formedFrom) {
      if (seen.has(old.code)) problems.add(`line ${row.line}: ${HEADINGS.formedFrom}: names unit ${quoteForError(old.code)} twice`, phrase('errors.officialList.oldTwice', { line: row.line, code: quoteForError(old.code) }));
      else if (!stored.has(old.code)) problems.add(`line ${row.line}: ${HEADINGS.formedFrom}: unit ${quoteForError(old.code)} does not exist`, phrase('errors.officialList.unknownOld', { line: row.line, code: quoteForError(old.code) }));
      seen.add(old.code);
    }
  }
  const first = rows.find((row) => localDateProblem(row.effectiveOn) === null);
  for (const row of rows) {
    if (first && row.effectiveOn !== first.effectiveOn && localDateProblem(row.effectiveOn) === null) {
      problems.add(`line ${row.line}: ${HEADINGS.effectiveOn}: ${row.effectiveOn} differs from ${first.effectiveOn} on line ${first.line}: one list is one act, of one day`, phrase('errors.officialList.otherDay', { line: row.line, day: row.effectiveOn, first: first.effectiveOn, firstLine: first.line }));
    }
  }
  const references = [...new Set(rows.map((row) => row.reference).filter(Boolean))].join('; ');
  if (references === '') problems.add(`${HEADINGS.reference}: no row names the act's legal basis`, phrase('errors.officialList.noReference'));
  else if (references.length > MAX_REFERENCE) problems.add(`${HEADINGS.reference}: the rows' legal bases together are longer than ${MAX_REFERENCE} characters`, phrase('errors.officialList.referenceTooLong', { max: MAX_REFERENCE }));
}

/** The official list as one act against the stored units (today's tree), or every fault of the list. */
export function readOfficialList(csv: string, units: readonly ListedUnit[]): { act: OfficialListAct } | { problems: Problems } {
  const problems = new Problems();
  const rows = readRows(csv, problems);
  const stored = new Map(units.map((unit) => [unit.code, unit]));
  if (rows.length > 0) checkRows(rows, stored, problems);
  if (problems.length > 0) return { problems };
  const changes: UnitChange[] = [];
  const lines: number[][] = [];
  const add = (change: UnitChange, from: number[]) => {
    changes.push(change);
    lines.push(from);
  };
  const rowOf = new Map(rows.map((row) => [row.code, row]));
  const sorted = [...rows].sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.line - b.line);
  for (const row of sorted.filter((one) => !stored.has(one.code))) {
    add({ op: 'create', code: row.code, name: row.name, level: row.level, kind: row.level === 'commune' ? row.kind : null, parentCode: row.parentCode, agencyCode: null }, [row.line]);
  }
  const { merges, splits } = successionsOf(rows, rowOf);
  for (const row of sorted) {
    const from = merges.get(row.code) ?? [];
    if (from.some((code) => code !== row.code)) add({ op: 'merge', from, into: row.code }, [row.line]);
  }
  for (const split of splits) {
    const marked = split.rows.filter((row) => row.formedFrom.some((old) => old.code === split.from && old.rest));
    if (marked.length > 1) problems.add(`line ${marked[1].line}: ${HEADINGS.formedFrom}: unit ${quoteForError(split.from)} has its rest ("phần còn lại") on line ${marked[0].line} already`, phrase('errors.officialList.restTwice', { line: marked[1].line, code: quoteForError(split.from), other: marked[0].line }));
    const historyTo = (marked[0] ?? split.rows[0]).code;
    add({ op: 'split', from: split.from, into: split.rows.map((row) => row.code), historyTo }, split.rows.map((row) => row.line));
  }
  for (const row of sorted.filter((one) => stored.has(one.code))) {
    const kept = stored.get(row.code)!;
    if (kept.parentCode !== row.parentCode) add({ op: 'move', code: row.code, parentCode: row.parentCode }, [row.line]);
    if (kept.name !== row.name) add({ op: 'rename', code: row.code, name: row.name }, [row.line]);
  }
  for (const code of abolished(rows, units, changes)) add({ op: 'retire', code }, []);
  if (problems.length > 0) return { problems };
  return { act: { effectiveOn: rows[0].effectiveOn, reference: [...new Set(rows.map((row) => row.reference).filter(Boolean))].join('; '), changes, lines } };
}

/**
 * Where each old code goes: wholly into the one row that names it (a merge), or into each of the
 * rows that name it (a split). An old code that has a row of its own stays that unit: the parts
 * other rows take of it carry no history, and it does not retire.
 */
function successionsOf(rows: Row[], rowOf: Map<string, Row>) {
  const namedBy = new Map<string, Row[]>();
  for (const row of rows) for (const old of row.formedFrom) namedBy.set(old.code, [...(namedBy.get(old.code) ?? []), row]);
  const merges = new Map<string, string[]>();
  const splits: { from: string; rows: Row[] }[] = [];
  for (const [code, named] of namedBy) {
    if (rowOf.has(code)) {
      if (named.some((row) => row.code === code)) merges.set(code, [...(merges.get(code) ?? []), code]);
    } else if (named.length === 1) {
      merges.set(named[0].code, [...(merges.get(named[0].code) ?? []), code]);
    } else {
      splits.push({ from: code, rows: named });
    }
  }
  return { merges, splits };
}

/**
 * The units of a level the list abolishes (districts, when it has none) that stand under, or
 * are, a unit the list touches, and that no row keeps and no merge or split already retires.
 */
function abolished(rows: Row[], units: readonly ListedUnit[], changes: UnitChange[]): string[] {
  const levels = new Set(rows.map((row) => row.level));
  if (levels.has('district')) return [];
  const retiring = new Set(changes.flatMap((change) => (change.op === 'merge' ? change.from.filter((code) => code !== change.into) : change.op === 'split' ? [change.from] : [])));
  const named = new Set([...rows.map((row) => row.code), ...rows.flatMap((row) => row.formedFrom.map((old) => old.code))]);
  const parentOf = new Map(units.map((unit) => [unit.code, unit.parentCode]));
  const touched = new Set<string>();
  for (const code of named) {
    for (let cursor: string | null | undefined = code; cursor; cursor = parentOf.get(cursor)) touched.add(cursor);
  }
  return units
    .filter((unit) => unit.level === 'district' && unit.validTo === null && !rows.some((row) => row.code === unit.code) && !retiring.has(unit.code))
    .filter((unit) => touched.has(unit.code) || (unit.parentCode !== null && touched.has(unit.parentCode)))
    .map((unit) => unit.code);
}

/**
 * A refusal line of the act ("changes[3]: into: …") said where the list has it: the CSV lines of
 * that change, or the unit an abolished level retires.
 */
export function placeOfChange(act: OfficialListAct, line: string): { lines: number[]; retired: string | null; text: string } {
  const match = /^changes\[(\d+)\]: (.*)$/s.exec(line);
  if (!match) return { lines: [], retired: null, text: line };
  const index = Number(match[1]);
  const change = act.changes[index];
  const lines = act.lines[index] ?? [];
  return { lines, retired: lines.length === 0 && change?.op === 'retire' ? change.code : null, text: match[2] };
}
