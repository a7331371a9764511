import { LocalDate } from '../common/local-time';

export interface RecomputeScope {
  /** Only dossiers of this procedure (its processing days changed). */
  procedureCode?: string;
  /** Calendar dates that changed, and whose calendar: NATIONAL or a unit (with those below). */
  days?: { unitId: number; dates: LocalDate[] };
}

/**
 * Keeps computed deadlines true to the calendar and the catalogue: a change moves every
 * deadline it crosses (and the timeliness of settled dossiers with it), never a deadline that
 * came with its record.
 *
 * The calendar and the catalogue say what changed; moving deadlines is a write of dossiers, so
 * dossiers/ provides this (deadline-moves.service.ts) through the one dossier writer, and the
 * folders below it ask for it here without importing upward.
 */
export abstract class DeadlinesService {
  /** Returns how many deadlines moved. */
  abstract recompute(scope: RecomputeScope): Promise<number>;
}
