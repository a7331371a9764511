import { parse } from 'csv-parse/sync';
import { Problems } from '../common/domain-error';
import { plainText, textForError, textProblem } from '../common/text';
import { phrase, textPhrase } from '../i18n/refusal-words';

export interface ProcedureInput {
  code: string;
  name: string;
  field: string;
  processingDays: number;
}

/** A refused entry: `errors` are the API's lines, `problems` the same lines with their words for a page. */
export type ProcedureCheck = { ok: true; procedure: ProcedureInput } | { ok: false; code: string | null; errors: string[]; problems: Problems };

export const MAX_PROCESSING_DAYS = 365;

const text = (value: unknown) => (typeof value === 'string' ? value.normalize('NFC').replace(/\s+/g, ' ').trim() : value);

/** One catalogue entry `{ code, name, field, processingDays }`, every failed field named. */
export function checkProcedure(raw: unknown): ProcedureCheck {
  const problems = new Problems();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.add('procedure: must be an object', phrase('errors.procedures.notAnObject'));
    return { ok: false, code: null, errors: problems.lines, problems };
  }
  const input = raw as Record<string, unknown>;
  const code = text(input.code);
  const name = text(input.name);
  const field = text(input.field);
  const days = typeof input.processingDays === 'string' && /^\s*\d+\s*$/.test(input.processingDays) ? Number(input.processingDays) : input.processingDays;
  // Text from outside is stored only when it is valid text (common/text.ts).
  const invalid = (value: unknown) => (typeof value === 'string' ? textProblem(value) : null);
  const codeProblem = invalid(code);
  if (codeProblem) problems.add(`code: ${codeProblem}`, textPhrase('procedureCode', code as string));
  else if (typeof code !== 'string' || code.length < 1 || code.length > 64) problems.add('code: is required, 1–64 characters', phrase('errors.procedures.codeRequired'));
  const nameProblem = invalid(name);
  if (nameProblem) problems.add(`name: ${nameProblem}`, textPhrase('procedureName', name as string));
  else if (typeof name !== 'string' || name.length < 1 || name.length > 500) problems.add('name: is required, 1–500 characters', phrase('errors.procedures.nameRequired'));
  const fieldProblem = invalid(field);
  if (fieldProblem) problems.add(`field: ${fieldProblem}`, textPhrase('procedureField', field as string));
  else if (field !== undefined && field !== '' && (typeof field !== 'string' || field.length > 200)) problems.add('field: must be 1–200 characters', phrase('errors.procedures.fieldLength'));
  // Bounded so that every computed deadline (receipt + processing days, docs/figures.md §4) stays inside
  // the service's range of dates; the longest legal processing time is well under a year.
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > MAX_PROCESSING_DAYS) {
    problems.add(`processingDays: is required, a whole number of working days 0–${MAX_PROCESSING_DAYS}`, phrase('errors.procedures.processingDays', { max: MAX_PROCESSING_DAYS }));
  }
  // The code names the entry in the answer; one that failed its check is shown capped.
  const knownCode = typeof code === 'string' && code !== '' ? (codeProblem || code.length > 64 ? textForError(code) : code) : null;
  if (problems.length > 0) return { ok: false, code: knownCode, errors: problems.lines, problems };
  return { ok: true, procedure: { code: code as string, name: name as string, field: (field as string) || 'Khác', processingDays: days as number } };
}

/** Column headings of a catalogue export, Vietnamese or English, compared without accents. */
const HEADINGS: Record<string, keyof ProcedureInput> = {
  code: 'code', 'ma thu tuc': 'code', 'ma tthc': 'code', 'ma': 'code',
  name: 'name', 'ten thu tuc': 'name', 'ten tthc': 'name', 'thu tuc': 'name',
  field: 'field', 'linh vuc': 'field',
  processingdays: 'processingDays', 'processing days': 'processingDays', 'thoi han giai quyet': 'processingDays',
  'thoi han giai quyet ngay': 'processingDays', 'so ngay giai quyet': 'processingDays', 'so ngay': 'processingDays',
  'thoi gian giai quyet': 'processingDays', 'thoi gian giai quyet ngay': 'processingDays',
};

export function headingKey(heading: string): keyof ProcedureInput | undefined {
  return HEADINGS[plainText(heading)];
}

const MAX_HEADINGS_SHOWN = 20;
/** Rows one catalogue file may have: the national catalogue has some 6,000 procedures. */
export const MAX_PROCEDURE_ROWS = 20_000;

/** A CSV catalogue (BOM, `,` or `;`, Vietnamese headings) as raw records with their line numbers. */
export function readProcedureCsv(csv: string): { rows: { line: number; raw: Record<string, string> }[]; errors: string[] } {
  const firstLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    // Parsed only as far as a request may go (the header and MAX_PROCEDURE_ROWS rows, one more to
    // tell that there are too many), each record bounded: a 10 MB body is not read whole.
    records = parse(csv, { bom: true, delimiter, skip_empty_lines: true, relax_column_count: true, trim: true, to: MAX_PROCEDURE_ROWS + 2, max_record_size: 100_000 });
  } catch (error) {
    // csv-parse's message may quote the file: capped like every quoted value.
    return { rows: [], errors: [`file: not readable as CSV (${textForError(error instanceof Error ? error.message : String(error), 200)})`] };
  }
  if (records.length === 0) return { rows: [], errors: ['file: is empty'] };
  const keys = records[0].map(headingKey);
  const missing = (['code', 'name', 'processingDays'] as const).filter((key) => !keys.includes(key));
  if (missing.length > 0) {
    const found = records[0].slice(0, MAX_HEADINGS_SHOWN).map((heading) => textForError(heading)).join(', ');
    const more = records[0].length > MAX_HEADINGS_SHOWN ? ` and ${records[0].length - MAX_HEADINGS_SHOWN} more` : '';
    return { rows: [], errors: [`header: no column for ${missing.join(', ')} (found: ${found}${more})`] };
  }
  const rows = records.slice(1).map((cells, i) => {
    const raw: Record<string, string> = {};
    keys.forEach((key, column) => {
      if (key && cells[column] !== undefined) raw[key] = cells[column];
    });
    return { line: i + 2, raw };
  });
  return { rows, errors: [] };
}
