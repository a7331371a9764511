import type { FileLine } from './jsonl-lines';

/**
 * A line of a replay file as the replay sees it: an envelope to send (with the dossier codes it
 * touches, so two envelopes of one dossier are never sent at once), a line refused before it is
 * sent, a lookup (nothing to replay) or a blank line.
 *
 * What a refusal says is about the line's shape only, never its content: the envelopes carry
 * applicants' names and phone numbers, and JSON.parse's own message quotes the text around the
 * fault.
 */
export type ReplayItem =
  | { line: number; kind: 'envelope'; body: Record<string, unknown>; codes: string[]; bytes: number }
  | { line: number; kind: 'refused'; codes: string[]; reason: string }
  | { line: number; kind: 'lookup' }
  | { line: number; kind: 'blank' };

export function readEnvelopeLine(fileLine: FileLine): ReplayItem {
  const line = fileLine.number;
  if ('problem' in fileLine) return { line, kind: 'refused', codes: [], reason: `the line is ${fileLine.problem}` };
  if (fileLine.text.trim() === '') return { line, kind: 'blank' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fileLine.text);
  } catch (error) {
    return { line, kind: 'refused', codes: [], reason: `the line is not JSON${positionOf(error)}` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { line, kind: 'refused', codes: [], reason: 'the line is not a DVCQG envelope {session, madonvi, service, isUpdating, data}' };
  }
  const body = parsed as Record<string, unknown>;
  // The session the capture holds is another system's (or this one's, long expired): the
  // replay's own key goes with every envelope instead.
  delete body.session;
  if (typeof body.service === 'string' && body.service.trim() === 'TraCuuHoSo') return { line, kind: 'lookup' };
  return { line, kind: 'envelope', body, codes: dossierCodes(body.data), bytes: fileLine.text.length };
}

/** The MaHoSo of every record of `data` (a list, or one record as the service also takes it). */
export function dossierCodes(data: unknown): string[] {
  const records = Array.isArray(data) ? data : data !== null && typeof data === 'object' ? [data] : [];
  const codes = new Set<string>();
  for (const record of records) {
    const code = record !== null && typeof record === 'object' ? (record as Record<string, unknown>).MaHoSo : undefined;
    if (typeof code === 'string' && code.trim() !== '') codes.add(code.trim());
  }
  return [...codes];
}

/** Where in the line JSON.parse stopped, when it says so: a position, never the text around it. */
function positionOf(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return ` (at character ${Number(position) + 1})`;
  return /end of JSON input/i.test(message) ? ' (it ends before the JSON does)' : '';
}
