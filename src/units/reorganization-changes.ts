import { createHash } from 'node:crypto';
import { LocalDate } from '../common/local-time';
import { quoteForError, textProblem } from '../common/text';
import { UNIT_KINDS, UNIT_LEVELS, UnitKind, UnitLevel } from './unit.entity';
import { AGENCY_CODE_PATTERN, UNIT_CODE_PATTERN } from './units.dto';

/**
 * The changes of a reorganization (docs/figures.md §9) as they arrive, read into one shape each: every
 * field checked on its own, every fault said with the change's index. What they do to the
 * stored tree is checked elsewhere (reorganization-plan.ts).
 */
export type UnitChange =
  | { op: 'create'; code: string; name: string; level: UnitLevel; kind: UnitKind | null; parentCode: string | null; agencyCode: string | null }
  | { op: 'merge'; from: string[]; into: string }
  | { op: 'split'; from: string; into: string[]; historyTo: string | null }
  | { op: 'move'; code: string; parentCode: string | null }
  | { op: 'rename'; code: string; name: string }
  | { op: 'retire'; code: string };

export type ChangeOp = UnitChange['op'];

/** The fields of each op, in the order its canonical JSON writes them. */
const FIELDS: Record<ChangeOp, readonly string[]> = {
  create: ['code', 'name', 'level', 'kind', 'parentCode', 'agencyCode'],
  merge: ['from', 'into'],
  split: ['from', 'into', 'historyTo'],
  move: ['code', 'parentCode'],
  rename: ['code', 'name'],
  retire: ['code'],
};
const OPS = Object.keys(FIELDS) as ChangeOp[];

/** More codes than this in one merge or split is a mistake in the list, not an act. */
export const MAX_CODES_PER_CHANGE = 200;

/** A field's value read, or why it cannot be. */
type Read<T> = { value: T } | { problem: string };

function unitCode(value: unknown): Read<string> {
  const text = typeof value === 'string' ? value.normalize('NFC').trim() : value;
  if (typeof text !== 'string' || !UNIT_CODE_PATTERN.test(text)) {
    return { problem: `${quoteForError(value)} is not a unit code (1–64 letters, digits, ".", "_" or "-", starting with a letter or digit)` };
  }
  return { value: text };
}

function optionalUnitCode(value: unknown): Read<string | null> {
  return value === undefined || value === null ? { value: null } : unitCode(value);
}

function unitCodes(value: unknown): Read<string[]> {
  if (!Array.isArray(value) || value.length === 0) return { problem: 'must be a list of one or more unit codes' };
  if (value.length > MAX_CODES_PER_CHANGE) return { problem: `lists ${value.length} units, at most ${MAX_CODES_PER_CHANGE}` };
  const codes: string[] = [];
  for (const [index, item] of value.entries()) {
    const read = unitCode(item);
    if ('problem' in read) return { problem: `[${index}] ${read.problem}` };
    if (codes.includes(read.value)) return { problem: `names unit ${quoteForError(read.value)} twice` };
    codes.push(read.value);
  }
  return { value: codes };
}

function unitName(value: unknown): Read<string> {
  const text = typeof value === 'string' ? value.normalize('NFC').trim() : value;
  if (typeof text !== 'string' || text.length < 1 || text.length > 255) return { problem: 'must be a name of 1–255 characters' };
  const fault = textProblem(text);
  return fault ? { problem: fault } : { value: text };
}

function oneOf<T extends string>(values: readonly T[], nullable: boolean) {
  return (value: unknown): Read<T | null> => {
    if (nullable && (value === undefined || value === null)) return { value: null };
    return typeof value === 'string' && (values as readonly string[]).includes(value)
      ? { value: value as T }
      : { problem: `${quoteForError(value)} is not one of ${values.join(', ')}` };
  };
}

function agencyCode(value: unknown): Read<string | null> {
  if (value === undefined || value === null) return { value: null };
  const text = typeof value === 'string' ? value.trim().toUpperCase() : value;
  if (typeof text !== 'string' || !AGENCY_CODE_PATTERN.test(text)) return { problem: `${quoteForError(value)} is not an agency code (1–32 letters, digits or ".")` };
  return { value: text };
}

const READERS: Record<ChangeOp, Record<string, (value: unknown) => Read<unknown>>> = {
  create: { code: unitCode, name: unitName, level: oneOf(UNIT_LEVELS, false), kind: oneOf(UNIT_KINDS, true), parentCode: optionalUnitCode, agencyCode },
  merge: { from: unitCodes, into: unitCode },
  split: { from: unitCode, into: unitCodes, historyTo: optionalUnitCode },
  move: { code: unitCode, parentCode: optionalUnitCode },
  rename: { code: unitCode, name: unitName },
  retire: { code: unitCode },
};

/** One change read into its shape, or every fault of it (each line without the index). */
export function readChange(raw: unknown): { change: UnitChange } | { problems: string[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problems: ['must be an object with an op'] };
  const input = raw as Record<string, unknown>;
  const op = input.op;
  if (typeof op !== 'string' || !(OPS as string[]).includes(op)) return { problems: [`op: ${quoteForError(op)} is not one of ${OPS.join(', ')}`] };
  const problems: string[] = [];
  const change: Record<string, unknown> = { op };
  for (const [field, read] of Object.entries(READERS[op as ChangeOp])) {
    const outcome = read(input[field]);
    if ('problem' in outcome) problems.push(`${field}: ${outcome.problem}`);
    else change[field] = outcome.value;
  }
  for (const field of Object.keys(input)) {
    if (field !== 'op' && !FIELDS[op as ChangeOp].includes(field)) problems.push(`${field}: is not a field of ${op} (${FIELDS[op as ChangeOp].join(', ')})`);
  }
  if (op === 'create' && change.kind !== null && change.kind !== undefined && change.level !== undefined && change.level !== 'commune') {
    problems.push('kind: only a commune has a kind (xa, phuong, dac-khu)');
  }
  return problems.length > 0 ? { problems } : { change: change as UnitChange };
}

/** A change as JSON with its fields in one order, absent optional ones as null. */
export function canonicalChange(change: UnitChange): Record<string, unknown> {
  const fields = change as unknown as Record<string, unknown>;
  return Object.fromEntries([['op', change.op], ...FIELDS[change.op].map((field) => [field, fields[field] ?? null])]);
}

/**
 * What makes two acts the same act: the same day and the same changes in the same order, read
 * the same way (codes trimmed, names in NFC, agency codes in capitals). The reference is left
 * out: an act sent again with its reference written differently is still the act already applied.
 */
export function fingerprintOf(effectiveOn: LocalDate, changes: readonly UnitChange[]): string {
  const canonical = JSON.stringify({ effectiveOn, changes: changes.map(canonicalChange) });
  return createHash('sha256').update(canonical).digest('hex');
}
