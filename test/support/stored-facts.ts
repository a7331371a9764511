import { DataSource } from 'typeorm';
import { instantOf } from '../../src/database/sql';
import { Channel, DossierStatus } from '../../src/dossiers/classification';
import { DossierFacts } from '../../src/stats/figures';
import { TestApp } from './test-app';

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
  const flag = (value: unknown) => (value === null || value === undefined ? null : value === true || Number(value) === 1);
  return rows.map((row) => ({
    unitCode: String(row.unitCode),
    field: String(row.field),
    status: row.status as DossierStatus,
    channel: row.channel as Channel,
    receivedAt: instantOf(row.receivedAt as string)!,
    dueAt: instantOf(row.dueAt as string)!,
    resolvedAt: instantOf(row.resolvedAt as string | null),
    withdrawnAt: instantOf(row.withdrawnAt as string | null),
    supplement: {
      supplementAt: instantOf(row.supplementAt as string | null),
      supplementDoneAt: instantOf(row.supplementDoneAt as string | null),
      supplementAgainAt: instantOf(row.supplementAgainAt as string | null),
      supplementDueMoved: flag(row.supplementDueMoved) === true,
    },
    electronicResult: flag(row.electronicResult),
    digitized: flag(row.digitized),
    resultDigitized: flag(row.resultDigitized),
    reusedData: flag(row.reusedData),
    citizenRepository: flag(row.citizenRepository),
    vneidVerified: flag(row.vneidVerified),
    feeAmount: row.feeAmount === null ? null : Number(row.feeAmount),
    paidOnline: (row.paidOnline as string | null) ?? null,
    complaint: flag(row.complaint),
  }));
}
