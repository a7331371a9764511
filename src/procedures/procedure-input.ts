import { parse } from 'csv-parse/sync';
import { plainText } from '../common/text';

export interface ProcedureInput {
  code: string;
  name: string;
  field: string;
  processingDays: number;
}

export type ProcedureCheck = { ok: true; procedure: ProcedureInput } | { ok: false; code: string | null; errors: string[] };

const text = (value: unknown) => (typeof value === 'string' ? value.normalize('NFC').replace(/\s+/g, ' ').trim() : value);

/** One catalogue entry `{ code, name, field, processingDays }`, every failed field named. */
export function checkProcedure(raw: unknown): ProcedureCheck {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, code: null, errors: ['procedure: must be an object'] };
  const input = raw as Record<string, unknown>;
  const code = text(input.code);
  const name = text(input.name);
  const field = text(input.field);
  const days = typeof input.processingDays === 'string' && /^\s*\d+\s*$/.test(input.processingDays) ? Number(input.processingDays) : input.processingDays;
  const errors: string[] = [];
  if (typeof code !== 'string' || code.length < 1 || code.length > 64) errors.push('code: is required, 1–64 characters');
  if (typeof name !== 'string' || name.length < 1 || name.length > 500) errors.push('name: is required, 1–500 characters');
  if (field !== undefined && field !== '' && (typeof field !== 'string' || field.length > 200)) errors.push('field: must be 1–200 characters');
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 365) {
    errors.push('processingDays: is required, a whole number of working days 0–365');
  }
  const knownCode = typeof code === 'string' && code !== '' ? code : null;
  if (errors.length > 0) return { ok: false, code: knownCode, errors };
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

/** A CSV catalogue (BOM, `,` or `;`, Vietnamese headings) as raw records with their line numbers. */
export function readProcedureCsv(csv: string): { rows: { line: number; raw: Record<string, string> }[]; errors: string[] } {
  const firstLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(csv, { bom: true, delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return { rows: [], errors: [`file: not readable as CSV (${error instanceof Error ? error.message : String(error)})`] };
  }
  if (records.length === 0) return { rows: [], errors: ['file: is empty'] };
  const keys = records[0].map(headingKey);
  const missing = (['code', 'name', 'processingDays'] as const).filter((key) => !keys.includes(key));
  if (missing.length > 0) return { rows: [], errors: [`header: no column for ${missing.join(', ')} (found: ${records[0].join(', ')})`] };
  const rows = records.slice(1).map((cells, i) => {
    const raw: Record<string, string> = {};
    keys.forEach((key, column) => {
      if (key && cells[column] !== undefined) raw[key] = cells[column];
    });
    return { line: i + 2, raw };
  });
  return { rows, errors: [] };
}
