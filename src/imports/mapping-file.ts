import { Phrase } from '../common/domain-error';
import { QUOTE_LIMIT, plainText, quoteForError, textFault, textForError, textProblem } from '../common/text';
import { phrase } from '../i18n/refusal-words';
import { CHANNELS, Channel, DossierStatus, STATUSES } from '../dossiers/classification';
import { RECORD_FIELDS, RecordField } from './vocabulary';

/** The mapping file (JSON) a desk may give for headings and words the service does not know. */
export interface MappingFile {
  /** Heading text → field; `null` leaves a column out (e.g. a second status-like column). */
  columns?: Record<string, RecordField | null>;
  statuses?: Record<string, DossierStatus>;
  channels?: Record<string, Channel>;
}

/** A mistake in a mapping file: the English names the key and value at fault; `words` say it on a page. */
export class MappingFileError extends Error {
  constructor(
    message: string,
    readonly words: Phrase,
  ) {
    super(message);
    this.name = 'MappingFileError';
  }
}

/** Reads and checks a mapping file; a mistake throws a MappingFileError naming the key and value at fault. */
export function parseMappingFile(json: string): MappingFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new MappingFileError(`mapping file: not valid JSON (${textForError(error instanceof Error ? error.message : String(error), 200)})`, phrase('errors.mapping.notJson'));
  }
  if (!isPlainObject(parsed)) {
    throw new MappingFileError('mapping file: must be a JSON object like {"columns": {"Số biên nhận": "code"}, "statuses": {…}, "channels": {…}}', phrase('errors.mapping.notAnObject'));
  }
  for (const key of Object.keys(parsed)) {
    if (key !== 'columns' && key !== 'statuses' && key !== 'channels') {
      throw new MappingFileError(`mapping file: unknown key ${quoteForError(key)} (expected columns, statuses, channels)`, phrase('errors.mapping.unknownKey', { key: quoteForError(key) }));
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
  if (!isPlainObject(value)) throw new MappingFileError(`mapping file: "${name}" must be an object of "text": value`, phrase('errors.mapping.sectionNotAnObject', { section: name }));
  const checked: Record<string, T> = {};
  const seen = new Map<string, string>();
  for (const [key, entry] of Object.entries(value)) {
    // Headings and words are text from outside like any other (common/text.ts).
    const fault = textFault(key);
    if (fault) throw new MappingFileError(`mapping file: ${name} key ${quoteForError(key)} ${fault.reason}`, phrase('errors.mapping.keyNotText', { section: name, key: quoteForError(key), at: fault.at }));
    const plain = plainText(key);
    if (plain === '') throw new MappingFileError(`mapping file: ${name} key ${quoteForError(key)} has no letters or digits`, phrase('errors.mapping.keyWithoutLetters', { section: name, key: quoteForError(key) }));
    if (!allowed.includes(entry as T)) {
      const choices = allowed.map((choice) => (choice === null ? 'null' : String(choice))).join(', ');
      throw new MappingFileError(
        `mapping file: ${name}[${quoteForError(key)}] = ${quoteForError(entry)} is not ${what} (one of ${choices})`,
        phrase('errors.mapping.notAllowed', { section: name, key: quoteForError(key), value: quoteForError(entry), choices }),
      );
    }
    const earlier = seen.get(plain);
    if (earlier !== undefined && value[earlier] !== entry) {
      throw new MappingFileError(
        `mapping file: ${name} keys ${quoteForError(earlier)} and ${quoteForError(key)} are the same text and say different things`,
        phrase('errors.mapping.sameText', { section: name, first: quoteForError(earlier), second: quoteForError(key) }),
      );
    }
    seen.set(plain, key);
    checked[key] = entry as T;
  }
  return checked;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
