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
    .query(`SELECT u.code AS unitCode, d.field, d.status, d.channel, d.receivedAt, d.dueAt, d.resolvedAt, d.withdrawnAt FROM dossiers d JOIN units u ON u.id = d.unitId${only}`, unitCodes ?? []);
  return rows.map((row) => ({
    unitCode: String(row.unitCode),
    field: String(row.field),
    status: row.status as DossierStatus,
    channel: row.channel as Channel,
    receivedAt: instantOf(row.receivedAt as string)!,
    dueAt: instantOf(row.dueAt as string)!,
    resolvedAt: instantOf(row.resolvedAt as string | null),
    withdrawnAt: instantOf(row.withdrawnAt as string | null),
  }));
}
