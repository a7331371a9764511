import { DataSource } from 'typeorm';
import { instantOf } from '../../src/database/sql';
import { Channel, DossierStatus } from '../../src/dossiers/classification';
import { DossierFacts } from '../../src/stats/figures';
import type { TestApp } from './test-app';

/** A stored dossier as docs/figures.md counts it, with its unit's code and its field. */
export type StoredFacts = DossierFacts & { unitCode: string; field: string };

/**
 * Every stored dossier (or those of `unitCodes`) read back from the database, for suites that
 * count the figures one dossier at a time and compare them with the service's.
 */
export async function storedFacts(sut: TestApp, unitCodes?: string[]): Promise<StoredFacts[]> {
  const only = unitCodes ? ` WHERE u.code IN (${unitCodes.map(() => '?').join(', ')})` : '';
  const rows: Record<string, unknown>[] = await sut.app
    .get(DataSource)
    .query(`SELECT u.code AS unitCode, d.* FROM dossiers d JOIN units u ON u.id = d.unitId${only}`, unitCodes ?? []);
  return rows.map((row) => ({ unitCode: String(row.unitCode), field: String(row.field), ...factsOfStoredRow(row) }));
}

/** One raw `dossiers` row as docs/figures.md counts it (MySQL gives Dates, SQLite UTC text); the benches read theirs with it too. */
export function factsOfStoredRow(row: Record<string, unknown>): DossierFacts {
  const flag = (value: unknown) => (value === null || value === undefined ? null : value === true || Number(value) === 1);
  const instant = (value: unknown) => instantOf(value as Date | string | null);
  return {
    status: row.status as DossierStatus,
    channel: row.channel as Channel,
    receivedAt: instant(row.receivedAt)!,
    dueAt: instant(row.dueAt)!,
    resolvedAt: instant(row.resolvedAt),
    withdrawnAt: instant(row.withdrawnAt),
    supplement: {
      supplementAt: instant(row.supplementAt),
      supplementDoneAt: instant(row.supplementDoneAt),
      supplementAgainAt: instant(row.supplementAgainAt),
      supplementDueMoved: flag(row.supplementDueMoved) === true,
    },
    electronicResult: flag(row.electronicResult),
    digitized: flag(row.digitized),
    resultDigitized: flag(row.resultDigitized),
    reusedData: flag(row.reusedData),
    citizenRepository: flag(row.citizenRepository),
    vneidVerified: flag(row.vneidVerified),
    feeAmount: row.feeAmount === null || row.feeAmount === undefined ? null : Number(row.feeAmount),
    paidOnline: (row.paidOnline as DossierFacts['paidOnline']) ?? null,
    complaint: flag(row.complaint),
  };
}
