import { QUOTE_LIMIT, plainText, quoteForError, textForError, textProblem } from '../common/text';
import { CHANNELS, Channel, DossierStatus, STATUSES } from '../dossiers/classification';
import { RECORD_FIELDS, RecordField } from './vocabulary';

/** The mapping file (JSON) a desk may give for headings and words the service does not know. */
export interface MappingFile {
  /** Heading text → field; `null` leaves a column out (e.g. a second status-like column). */
  columns?: Record<string, RecordField | null>;
  statuses?: Record<string, DossierStatus>;
  channels?: Record<string, Channel>;
}

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

/** A heading or word for an example mapping file: itself, or capped when too long to quote whole. */
export function exampleKey(text: string): string {
  return text.length <= QUOTE_LIMIT && textProblem(text) === null ? text : textForError(text);
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
