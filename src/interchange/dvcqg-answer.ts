/**
 * The answers DVCQG senders expect (NATIONAL.md §3): `error_code` 0 is success and the message
 * says "Thành công"; anything else is a failure with a message a person can act on.
 */
export const DVCQG_OK = 0;
/** Some records were refused; every valid one was stored. */
export const DVCQG_RECORDS_REFUSED = 1;
/** The envelope itself is wrong: nothing was read. */
export const DVCQG_BAD_ENVELOPE = 2;
/** No valid session or key. */
export const DVCQG_NOT_SIGNED_IN = 3;

export interface DvcqgAnswer<R = unknown> {
  error_code: number;
  message: string;
  result?: R;
}

export interface RefusedItem {
  index: number;
  code: string | null;
  errors: string[];
}

export interface DossiersResult {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  stale: number;
  /** TrangThaiHoSo 1: registered online, not yet received by the desk — not a dossier yet. */
  skipped: number;
  rejected: RefusedItem[];
  warnings: { index: number; code: string; warnings: string[] }[];
  /** The supplement rounds the records list, as steps of their dossiers. */
  steps: { created: number; updated: number; unchanged: number };
}

export interface ProgressResult {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Steps of dossiers not (yet) here: kept, and theirs once the dossier arrives. */
  waitingForDossier: number;
  rejected: RefusedItem[];
}

/** How many refused records the message names; the result lists them all. */
const NAMED_IN_MESSAGE = 3;

export function answerFor<R extends { rejected: RefusedItem[] }>(result: R): DvcqgAnswer<R> {
  if (result.rejected.length === 0) return { error_code: DVCQG_OK, message: 'Thành công', result };
  const named = result.rejected.slice(0, NAMED_IN_MESSAGE).map(({ index, code, errors }) => `${code ?? `bản ghi ${index + 1}`}: ${errors.join('; ')}`);
  const more = result.rejected.length > NAMED_IN_MESSAGE ? ` (và ${result.rejected.length - NAMED_IN_MESSAGE} bản ghi khác)` : '';
  return { error_code: DVCQG_RECORDS_REFUSED, message: `${result.rejected.length} bản ghi không hợp lệ, các bản ghi còn lại đã lưu — ${named.join(' | ')}${more}`, result };
}

export function badEnvelope(message: string): DvcqgAnswer<never> {
  return { error_code: DVCQG_BAD_ENVELOPE, message };
}
