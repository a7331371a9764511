import { createHash } from 'node:crypto';
import { instantRangeProblem, parseRecordTime } from '../common/local-time';
import { quoteForError, textForError, textProblem } from '../common/text';
import { CHANNELS, Channel, DossierStatus, STATUSES, isSettled } from './classification';
import { RecordFacts, checkFacts, factsText } from './record-facts';

export const DEFAULT_FIELD = 'Khác';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Vietnamese text arrives in NFC or NFD depending on the exporting system: store one form. */
function text(value: unknown): unknown {
  return typeof value === 'string' ? value.normalize('NFC').replace(/\s+/g, ' ').trim() : value;
}

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** The longest dossier code (docs/figures.md §2). */
const CODE_MAX = 64;

/**
 * A dossier code in the form records store it (NFC, every run of white space one space,
 * trimmed), and why no record could have it (the rule of the record's `code` below), or null.
 * For what names a dossier by its code without being its record: the DVCQG progress rows and
 * supplement rounds, whose steps must be found under the code the dossier is stored with.
 */
export function storedCodeOf(raw: string): { code: string; problem: string | null } {
  const code = text(raw) as string;
  const problem =
    textProblem(code) ??
    (code.length < 1 || code.length > CODE_MAX ? `must be 1–${CODE_MAX} characters` : CONTROL_CHARACTER.test(code) ? 'must not contain control characters' : null);
  return { code, problem };
}

/**
 * The text fields of docs/figures.md §2 and their rules. Checked by hand rather than through
 * class-validator: that cost ~150 µs a record, and an import checks millions; the messages
 * are the same as before and dossier-record.spec.ts pins them.
 */
const TEXT_FIELDS = [
  { name: 'code', max: CODE_MAX, required: true, noControl: true },
  { name: 'unitCode', max: 64, required: true, noControl: false },
  { name: 'procedureCode', max: 64, required: false, noControl: false },
  { name: 'procedureName', max: 500, required: false, noControl: false },
  { name: 'field', max: 200, required: false, noControl: false },
] as const;

/** The record as it arrives, once its text is normalised. */
interface RecordInput {
  code: string;
  unitCode: string;
  procedureCode?: string;
  procedureName?: string;
  field?: string;
  channel?: Channel;
  status: DossierStatus;
}

function checkFields(raw: Record<string, unknown>, errors: string[]): RecordInput {
  const input: Record<string, unknown> = {};
  for (const { name, max, required, noControl } of TEXT_FIELDS) {
    const value = text(raw[name]);
    if (value === undefined || value === null) {
      if (required) errors.push(`${name}: is required (a string)`);
      continue;
    }
    input[name] = value;
    let problem: string | null = null;
    if (typeof value !== 'string') errors.push(`${name}: ${required ? 'is required (a string)' : 'must be a string'}`);
    else if ((problem = textProblem(value)) !== null) errors.push(`${name}: ${problem}`);
    else if (value.length < 1 || value.length > max) errors.push(`${name}: must be 1–${max} characters`);
    else if (noControl && CONTROL_CHARACTER.test(value)) errors.push(`${name}: must not contain control characters`);
  }
  const channel = raw.channel;
  if (channel !== undefined && channel !== null) {
    input.channel = channel;
    if (!(CHANNELS as readonly unknown[]).includes(channel)) errors.push(`channel: must be one of ${CHANNELS.join(', ')}`);
  }
  input.status = raw.status;
  if (!(STATUSES as readonly unknown[]).includes(raw.status)) errors.push(`status: is required, one of ${STATUSES.join(', ')}`);
  return input as unknown as RecordInput;
}

/** Which times a record has, whether each is required, and which end of a bare date it means. */
const TIME_FIELDS = [
  { name: 'receivedAt', bound: 'start', required: true },
  // Required unless the procedure's processing days are known (docs/figures.md §4): checked below.
  { name: 'dueAt', bound: 'end', required: false },
  { name: 'resolvedAt', bound: 'start', required: false },
  { name: 'extendedDueAt', bound: 'end', required: false },
  { name: 'withdrawnAt', bound: 'start', required: false },
  { name: 'sourceUpdatedAt', bound: 'start', required: false },
  // A hand-back given as a date may be the day of the result itself: its end, so it is never "before" it.
  { name: 'returnedAt', bound: 'end', required: false },
] as const;
type TimeField = (typeof TIME_FIELDS)[number]['name'];

/** The record's fields that hold a date or date-time (what an import reads as dates). */
export const TIME_FIELD_NAMES: readonly TimeField[] = TIME_FIELDS.map((field) => field.name);

/** A record that passed every rule, in the form it is stored. */
export interface DossierRecord extends RecordFacts {
  code: string;
  unitCode: string;
  procedureCode: string | null;
  procedureName: string | null;
  field: string;
  channel: Channel;
  status: DossierStatus;
  receivedAt: Date;
  dueAt: Date;
  /** True when dueAt was computed from the procedure's processing days and the calendar. */
  dueAtComputed: boolean;
  resolvedAt: Date | null;
  extendedDueAt: Date | null;
  /** As sent; the service fills in the first-stored moment for a withdrawn dossier without one. */
  withdrawnAt: Date | null;
  sourceUpdatedAt: Date | null;
  /** The result handed to the applicant; only for a settled dossier. */
  returnedAt: Date | null;
  /** Identifies the content: an identical re-send is reported `unchanged`. */
  contentHash: string;
}

/** What a record takes from the procedure catalogue when it does not say it itself. */
export interface ProcedureFacts {
  name: string;
  field: string;
  /** The deadline for a dossier of this procedure received at `receivedAt` in `unitCode`. */
  dueAt(receivedAt: Date, unitCode: string): Date;
}

export type ProcedureLookup = (procedureCode: string) => ProcedureFacts | undefined;

export type RecordCheck = { ok: true; record: DossierRecord } | { ok: false; code: string | null; errors: string[] };

/**
 * Every rule of docs/figures.md §2 that needs nothing but the record and the time: the errors name each
 * failed field as `field: reason`, all of them at once.
 */
export function checkRecord(raw: unknown, now: Date, procedures: ProcedureLookup = () => undefined): RecordCheck {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, code: null, errors: ['record: must be an object'] };
  }
  const errors: string[] = [];
  const input = checkFields(raw as Record<string, unknown>, errors);
  // The code names the record in the answer; one that failed its own check is shown capped.
  const codeFailed = errors.some((error) => error.startsWith('code: '));
  const code = typeof input.code === 'string' && input.code !== '' ? (codeFailed ? textForError(input.code) : input.code) : null;

  const given = raw as Record<TimeField, unknown>;
  const times = {} as Record<TimeField, Date | null>;
  for (const { name, bound, required } of TIME_FIELDS) {
    times[name] = null;
    const value = given[name];
    if (isBlank(value)) {
      if (required) errors.push(`${name}: is required`);
      continue;
    }
    const parsed = parseRecordTime(value, bound);
    if (parsed.ok) times[name] = parsed.value;
    else errors.push(`${name}: ${parsed.reason}`);
  }
  const facts = checkFacts(raw as Record<string, unknown>, errors);
  const { receivedAt, dueAt, resolvedAt, withdrawnAt } = times;
  const status = (STATUSES as readonly string[]).includes(input.status) ? input.status : null;

  orderProblems(status, given, times, now, errors);

  const procedure = typeof input.procedureCode === 'string' ? procedures(input.procedureCode) : undefined;
  let computedDueAt: Date | null = null;
  if (isBlank(given.dueAt)) {
    if (procedure && receivedAt && typeof input.unitCode === 'string') {
      computedDueAt = procedure.dueAt(receivedAt, input.unitCode);
      const problem = instantRangeProblem(computedDueAt);
      if (problem) errors.push(`dueAt: the deadline computed from the procedure's processing days ${problem}`);
    } else if (!procedure) {
      errors.push("dueAt: is required when the procedure's processing time is not known");
      errors.push(
        isBlank((raw as Record<string, unknown>).procedureCode)
          ? 'procedureCode: is required to compute dueAt'
          : `procedureCode: ${quoteForError(input.procedureCode)} is not in the procedure catalogue, so dueAt cannot be computed`,
      );
    }
  }

  if (errors.length > 0) return { ok: false, code, errors };

  const record: Omit<DossierRecord, 'contentHash'> = {
    code: input.code,
    unitCode: input.unitCode,
    procedureCode: input.procedureCode ?? null,
    procedureName: input.procedureName ?? procedure?.name ?? null,
    field: input.field ?? procedure?.field ?? DEFAULT_FIELD,
    channel: input.channel ?? 'direct',
    status: input.status,
    receivedAt: receivedAt!,
    dueAt: dueAt ?? computedDueAt!,
    dueAtComputed: dueAt === null,
    resolvedAt,
    extendedDueAt: times.extendedDueAt,
    withdrawnAt,
    sourceUpdatedAt: times.sourceUpdatedAt,
    returnedAt: times.returnedAt,
    ...facts,
  };
  return { ok: true, record: { ...record, contentHash: contentHashOf(record) } };
}

/**
 * A computed deadline is left out: it follows the calendar and the catalogue, so re-sending the
 * same record after they changed is still `unchanged`.
 */
function contentHashOf(record: Omit<DossierRecord, 'contentHash'>): string {
  // One joined string rather than JSON of the entries: this runs for every imported row.
  const text = (value: string | null) => (value === null ? '\u0000' : value);
  const time = (value: Date | null) => (value === null ? '\u0000' : String(value.getTime()));
  const content = [
    record.code, record.unitCode, text(record.procedureCode), text(record.procedureName), record.field, record.channel,
    record.status, time(record.receivedAt), record.dueAtComputed ? '\u0000' : time(record.dueAt), time(record.resolvedAt),
    time(record.extendedDueAt), time(record.withdrawnAt), time(record.sourceUpdatedAt),
  ].join('\u001f');
  // Appended only when said, so a record stored before these fields existed is still `unchanged`.
  const facts = factsText(record);
  const hashed = record.returnedAt === null && facts === '' ? content : `${content}\u001e${time(record.returnedAt)}\u001f${facts}`;
  return createHash('sha256').update(hashed).digest('hex');
}

/** The rules between a record's status and its times, and between the times themselves. */
function orderProblems(status: DossierStatus | null, given: Record<TimeField, unknown>, times: Record<TimeField, Date | null>, now: Date, errors: string[]): void {
  const { receivedAt, dueAt, resolvedAt, withdrawnAt, returnedAt } = times;
  if (status && isSettled(status) && isBlank(given.resolvedAt)) {
    errors.push(`resolvedAt: is required when status is ${status}`);
  }
  if (status && !isSettled(status) && !isBlank(given.resolvedAt)) {
    errors.push(`resolvedAt: must be empty when status is ${status} (only resolved or refused dossiers have a result)`);
  }
  if (status && !isSettled(status) && !isBlank(given.returnedAt)) {
    errors.push(`returnedAt: must be empty when status is ${status} (only a settled dossier has a result to hand back)`);
  }
  if (status && status !== 'withdrawn' && !isBlank(given.withdrawnAt)) {
    errors.push(`withdrawnAt: must be empty when status is ${status}`);
  }
  const tomorrow = now.getTime() + DAY_MS;
  for (const [name, value] of [['receivedAt', receivedAt], ['resolvedAt', resolvedAt], ['withdrawnAt', withdrawnAt], ['returnedAt', returnedAt]] as const) {
    if (value && value.getTime() > tomorrow) errors.push(`${name}: is more than one day in the future`);
  }
  if (receivedAt && resolvedAt && resolvedAt < receivedAt) errors.push('resolvedAt: is before receivedAt');
  if (receivedAt && withdrawnAt && withdrawnAt < receivedAt) errors.push('withdrawnAt: is before receivedAt');
  if (receivedAt && dueAt && dueAt < receivedAt) errors.push('dueAt: is before receivedAt');
  if (resolvedAt && returnedAt && returnedAt < resolvedAt) errors.push('returnedAt: is before resolvedAt (a result is handed back after it is ready)');
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '';
