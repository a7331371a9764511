import { EntityManager } from 'typeorm';
import { instantOf, isSqlite, sqlValue } from '../database/sql';
import { localDateOf } from '../common/local-time';
import { classifySettled, isSettled } from './classification';
import { DossierRecord } from './dossier-record';
import { FACT_FIELDS } from './record-facts';
import { Dossier } from './dossier.entity';
import { AcceptedRecord } from './ingest-batch';
import { RollupFacts } from './rollups/rollups';
import { FACT_COLUMNS, factsOf } from './rollups/rollup-tables';

/**
 * The ingest side of the dossier writer: what is stored of a batch's dossiers, and the row a
 * record becomes.
 */

const READ_CHUNK = 2000;

export type StoredState = Pick<Dossier, 'contentHash' | 'sourceUpdatedAt' | 'status' | 'withdrawnAt'> & {
  exists: true;
  /** What the stored version contributes to the rollups. */
  facts: RollupFacts;
};

/** Columns an upsert overwrites; `id`, `unitId`, `code` and `createdAt` stay as first stored. */
export const OVERWRITTEN: (keyof Dossier)[] = [
  'procedureCode', 'procedureName', 'field', 'channel', 'status', 'receivedAt', 'dueAt', 'dueOn', 'dueAtComputed', 'resolvedAt',
  'extendedDueAt', 'withdrawnAt', 'sourceUpdatedAt', 'returnedAt', ...FACT_FIELDS, 'receivedOn', 'settledOn', 'withdrawnOn', 'timeliness',
  'contentHash', 'updatedAt',
];
/** Every column a new row is written with. */
export const WRITTEN: (keyof Dossier)[] = ['unitId', 'code', 'createdAt', ...OVERWRITTEN];

/** What is stored of the batch's dossiers, by `unitId\u0000code`. */
export async function loadStoredStates(manager: EntityManager, accepted: AcceptedRecord[]): Promise<Map<string, StoredState>> {
  const codesByUnit = new Map<number, Set<string>>();
  for (const { record, unit } of accepted) {
    if (!codesByUnit.has(unit.id)) codesByUnit.set(unit.id, new Set());
    codesByUnit.get(unit.id)!.add(record.code);
  }
  const states = new Map<string, StoredState>();
  const sqlite = isSqlite(manager);
  const remember = (row: Record<string, unknown>) =>
    states.set(`${Number(row.unitId)}\u0000${String(row.code)}`, {
      exists: true,
      contentHash: String(row.contentHash),
      sourceUpdatedAt: instantOf(row.sourceUpdatedAt as Date | string | null),
      status: row.status as Dossier['status'],
      withdrawnAt: instantOf(row.withdrawnAt as Date | string | null),
      facts: factsOf(row),
    });
  const columns = `unitId, code, contentHash, sourceUpdatedAt, withdrawnAt, ${FACT_COLUMNS.join(', ')}`;
  if (!sqlite) {
    // One statement for a batch spread over many units (a province's system sends them mixed):
    // MySQL and MariaDB read `(unitId, code) IN (…)` as ranges of the unique index.
    const pairs = [...codesByUnit].flatMap(([unitId, codes]) => [...codes].map((code) => [unitId, code] as const));
    for (let start = 0; start < pairs.length; start += READ_CHUNK) {
      const chunk = pairs.slice(start, start + READ_CHUNK);
      const found: Record<string, unknown>[] = await manager.query(
        `SELECT ${columns} FROM dossiers WHERE (unitId, code) IN (${chunk.map(() => '(?, ?)').join(', ')})`,
        chunk.flat(),
      );
      found.forEach(remember);
    }
    return states;
  }
  for (const [unitId, codeSet] of codesByUnit) {
    const codes = [...codeSet];
    for (let start = 0; start < codes.length; start += READ_CHUNK) {
      const chunk = codes.slice(start, start + READ_CHUNK);
      const found: Record<string, unknown>[] = await manager.query(
        `SELECT ${columns} FROM dossiers WHERE unitId = ? AND code IN (${chunk.map(() => '?').join(', ')})`,
        [unitId, ...chunk.map((code) => sqlValue(code, sqlite))],
      );
      found.forEach(remember);
    }
  }
  return states;
}

/** An incoming version is stale only when both sides carry a version time and it is older. */
export function isOlder(incoming: Date | null, stored: Date | null): boolean {
  return incoming !== null && stored !== null && incoming.getTime() < stored.getTime();
}

export function toRow(record: DossierRecord, unitId: number, previous: StoredState | undefined, now: Date): Partial<Dossier> {
  let withdrawnAt: Date | null = null;
  if (record.status === 'withdrawn') {
    // docs/figures.md §2: without a time, the moment the service first stored the dossier as withdrawn.
    // Never before the receipt, though an update may have moved the receipt later.
    const stored = previous?.status === 'withdrawn' ? previous.withdrawnAt : null;
    const firstStored = stored && stored.getTime() >= record.receivedAt.getTime() ? stored : null;
    withdrawnAt = record.withdrawnAt ?? firstStored ?? new Date(Math.max(now.getTime(), record.receivedAt.getTime()));
  }
  const settled = isSettled(record.status) && record.resolvedAt !== null;
  return {
    unitId,
    code: record.code,
    procedureCode: record.procedureCode,
    procedureName: record.procedureName,
    field: record.field,
    channel: record.channel,
    status: record.status,
    receivedAt: record.receivedAt,
    dueAt: record.dueAt,
    dueOn: localDateOf(record.dueAt),
    dueAtComputed: record.dueAtComputed,
    resolvedAt: record.resolvedAt,
    extendedDueAt: record.extendedDueAt,
    withdrawnAt,
    sourceUpdatedAt: record.sourceUpdatedAt,
    returnedAt: record.returnedAt,
    electronicResult: record.electronicResult,
    digitized: record.digitized,
    resultDigitized: record.resultDigitized,
    reusedData: record.reusedData,
    citizenRepository: record.citizenRepository,
    vneidVerified: record.vneidVerified,
    feeAmount: record.feeAmount,
    paidOnline: record.paidOnline,
    complaint: record.complaint,
    receivedOn: localDateOf(record.receivedAt),
    settledOn: settled ? localDateOf(record.resolvedAt!) : null,
    withdrawnOn: withdrawnAt ? localDateOf(withdrawnAt) : null,
    timeliness: settled ? classifySettled(record.resolvedAt!, record.dueAt) : null,
    contentHash: record.contentHash,
    createdAt: now,
    updatedAt: now,
  };
}
