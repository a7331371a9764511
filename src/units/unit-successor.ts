import { EntityManager } from 'typeorm';
import { LocalDate } from '../common/local-time';
import { UnitSuccession } from './unit-history.entities';
import { Unit } from './unit.entity';

/** How far a line of successors is followed (a commune merged in 2025, its successor merged again later). */
export const MAX_SUCCESSIONS = 10;

/**
 * The unit that carries a retired unit's history now. `since`: the day it took that history over
 * (the last link of the line); `split`: the retired unit was split (its first succession has
 * siblings), not merged; the carrier may itself be retired, with no one after it.
 */
export interface HistoryCarrier {
  unit: Unit;
  since: LocalDate;
  split: boolean;
}

/**
 * Follows the successions that carry history (a merge's target, a split's `historyTo`) from a
 * retired unit while the successor is itself retired; null when none carries it. Asked only
 * about retired units, so a unit that goes on costs no query.
 */
export async function historyCarrier(manager: EntityManager, unit: Unit): Promise<HistoryCarrier | null> {
  const successions = manager.getRepository(UnitSuccession);
  let current = unit;
  let carrier = null as HistoryCarrier | null;
  for (let step = 0; current.validTo !== null && step < MAX_SUCCESSIONS; step++) {
    const next = await successions.findOne({ where: { fromUnitId: current.id, carriesHistory: true }, order: { effectiveOn: 'DESC' } });
    const successor = next === null ? null : await manager.getRepository(Unit).findOneBy({ id: next.toUnitId });
    if (next === null || successor === null) break;
    const split = carrier?.split ?? (await successions.countBy({ fromUnitId: current.id, effectiveOn: next.effectiveOn })) > 1;
    carrier = { unit: successor, since: next.effectiveOn, split };
    current = successor;
  }
  return carrier;
}
