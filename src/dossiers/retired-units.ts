import { LocalDate, localDateOf } from '../common/local-time';
import { quoteForError } from '../common/text';

/** A unit as far as its end matters to a record: its code and last day (null: it goes on). */
export interface UnitEnd {
  code: string;
  validTo: LocalDate | null;
}

/**
 * docs/figures.md and the README's "Units over time": a retired unit still takes the late updates
 * of its dossiers — a record received on or before its last day is written (nothing is lost, and
 * its figures count wherever the unit's history went) — but one received after that day is not
 * its dossier: refused, naming the unit that carries its history so the sender knows where it
 * belongs. `heir`: the code of that unit, or null when none carries it.
 */
export function retiredUnitProblem(unit: UnitEnd, receivedAt: Date, heir: string | null): string | null {
  if (!receivedAfterLastDay(unit, receivedAt)) return null;
  const where = heir === null ? 'no unit carries its history' : `send it for ${quoteForError(heir)}, which carries its history`;
  return `unitCode: unit ${quoteForError(unit.code)} was retired after ${unit.validTo}; a dossier received later is not its own (${where})`;
}

/** Whether a dossier received at `receivedAt` came after the unit's last day (Vietnam time). */
export function receivedAfterLastDay(unit: UnitEnd, receivedAt: Date): boolean {
  return unit.validTo !== null && localDateOf(receivedAt) > unit.validTo;
}
