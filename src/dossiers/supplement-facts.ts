import { EntityManager } from 'typeorm';
import { instantOf, isSqlite, sqlValue } from '../database/sql';
import { sameInstant } from './dossier-events';
import { Supplement766, supplementOf } from './progress-766';
import { RollupDelta, RollupFacts } from './rollups/rollups';
import { FACT_COLUMNS, factsOf } from './rollups/rollup-tables';

/**
 * Keeps each dossier's summary of its supplement rounds (Supplement766, stored on the row) equal
 * to what its steps say, and the rollups with it: 2.1 judges a dossier by its rounds, so a step
 * that opens or closes one moves the dossier's figures. Runs inside the writer's transaction,
 * under the units' locks, after the steps were written.
 */

export interface DossierKey {
  unitId: number;
  dossierCode: string;
}

const READ_CHUNK = 500;
/** The steps a round is read from (supplements.ts): a request (5), the desk working on it again (2, 4). */
const ROUND_STEPS = [2, 4, 5];

const keyOf = (unitId: number, code: string) => `${unitId}\u0000${code}`;

/**
 * Brings the stored summaries of `keys` up to date: `known` gives the facts a dossier's row holds
 * now when the caller has them (it just wrote the row), else they are read. Adds what changes to
 * `delta` and returns the units whose figures moved.
 */
export async function refreshSupplements(
  manager: EntityManager,
  keys: readonly DossierKey[],
  delta: RollupDelta,
  known: ReadonlyMap<string, RollupFacts> = new Map(),
): Promise<Set<number>> {
  const changed = new Set<number>();
  const unique = [...new Map(keys.map((key) => [keyOf(key.unitId, key.dossierCode), key])).values()];
  if (unique.length === 0) return changed;
  const steps = await roundSteps(manager, unique);
  const unknown = unique.filter((key) => !known.has(keyOf(key.unitId, key.dossierCode)));
  const stored = await storedFacts(manager, unknown);
  const sqlite = isSqlite(manager);
  for (const { unitId, dossierCode } of unique) {
    const key = keyOf(unitId, dossierCode);
    const facts = known.get(key) ?? stored.get(key);
    // Steps of a dossier not stored yet wait for it: its first record picks them up.
    if (!facts) continue;
    const summary = supplementOf(steps.get(key) ?? []);
    if (sameSummary(facts.supplement, summary)) continue;
    await manager.query(
      'UPDATE dossiers SET supplementAt = ?, supplementDoneAt = ?, supplementAgainAt = ?, supplementDueMoved = ? WHERE unitId = ? AND code = ?',
      [summary.supplementAt, summary.supplementDoneAt, summary.supplementAgainAt, summary.supplementDueMoved, unitId, dossierCode].map((value) => sqlValue(value, sqlite)),
    );
    delta.remove(unitId, facts);
    delta.add(unitId, { ...facts, supplement: summary });
    changed.add(unitId);
  }
  return changed;
}

function sameSummary(a: Supplement766, b: Supplement766): boolean {
  return (
    sameInstant(a.supplementAt, b.supplementAt) && sameInstant(a.supplementDoneAt, b.supplementDoneAt) && sameInstant(a.supplementAgainAt, b.supplementAgainAt) &&
    a.supplementDueMoved === b.supplementDueMoved
  );
}

/** A condition on (unitId, a code column) for a chunk of keys, with its parameters. */
function keysWhere(manager: EntityManager, chunk: readonly DossierKey[], codeColumn: string): { where: string; params: unknown[] } {
  const sqlite = isSqlite(manager);
  const params = chunk.flatMap(({ unitId, dossierCode }) => [unitId, sqlValue(dossierCode, sqlite)]);
  // MySQL and MariaDB read `(a, b) IN (…)` as ranges of the index; SQLite wants the ORs.
  const where = sqlite ? chunk.map(() => `(unitId = ? AND ${codeColumn} = ?)`).join(' OR ') : `(unitId, ${codeColumn}) IN (${chunk.map(() => '(?, ?)').join(', ')})`;
  return { where, params };
}

async function roundSteps(manager: EntityManager, keys: readonly DossierKey[]): Promise<Map<string, { statusCode: number; at: Date; stepDueAt: Date | null; roundDueAt: Date | null; origin: string }[]>> {
  const byKey = new Map<string, { statusCode: number; at: Date; stepDueAt: Date | null; roundDueAt: Date | null; origin: string }[]>();
  for (let start = 0; start < keys.length; start += READ_CHUNK) {
    const { where, params } = keysWhere(manager, keys.slice(start, start + READ_CHUNK), 'dossierCode');
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT unitId, dossierCode, statusCode, at, stepDueAt, roundDueAt, origin FROM dossier_events WHERE (${where}) AND statusCode IN (${ROUND_STEPS.join(', ')})`,
      params,
    );
    for (const row of rows) {
      const key = keyOf(Number(row.unitId), String(row.dossierCode));
      const list = byKey.get(key) ?? [];
      list.push({ statusCode: Number(row.statusCode), at: instantOf(row.at as Date | string)!, stepDueAt: instantOf(row.stepDueAt as Date | string | null), roundDueAt: instantOf(row.roundDueAt as Date | string | null), origin: String(row.origin) });
      byKey.set(key, list);
    }
  }
  return byKey;
}

async function storedFacts(manager: EntityManager, keys: readonly DossierKey[]): Promise<Map<string, RollupFacts>> {
  const facts = new Map<string, RollupFacts>();
  for (let start = 0; start < keys.length; start += READ_CHUNK) {
    const { where, params } = keysWhere(manager, keys.slice(start, start + READ_CHUNK), 'code');
    const rows: Record<string, unknown>[] = await manager.query(`SELECT unitId, code, ${FACT_COLUMNS.join(', ')} FROM dossiers WHERE ${where}`, params);
    for (const row of rows) facts.set(keyOf(Number(row.unitId), String(row.code)), factsOf(row));
  }
  return facts;
}
