/** Builds docs/figures.md §2 records for tests: a settled-early dossier unless told otherwise. */
export interface RecordInput {
  code?: string;
  unitCode?: string;
  procedureCode?: string;
  procedureName?: string;
  field?: string;
  channel?: string;
  status?: string;
  receivedAt?: string;
  dueAt?: string;
  resolvedAt?: string;
  extendedDueAt?: string;
  withdrawnAt?: string;
  sourceUpdatedAt?: string;
  [other: string]: unknown;
}

let sequence = 0;

export function buildDossier(overrides: RecordInput = {}): RecordInput {
  sequence++;
  const base: RecordInput = {
    code: `HS-${String(sequence).padStart(6, '0')}`,
    unitCode: 'xa-a',
    field: 'Hộ tịch',
    channel: 'direct',
    status: 'resolved',
    receivedAt: '2025-05-02T08:00:00',
    dueAt: '2025-05-09',
    resolvedAt: '2025-05-06T10:00:00',
  };
  const record = { ...base, ...overrides };
  if (record.status !== 'resolved' && record.status !== 'refused' && !('resolvedAt' in overrides)) delete record.resolvedAt;
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return record;
}

/** `count` dossiers settled with the given timeliness, resolved on `resolvedOn` (local date). */
export function buildSettled(count: number, timeliness: 'early' | 'onTime' | 'late', overrides: RecordInput = {}, resolvedOn = '2025-05-06'): RecordInput[] {
  const dueAt = { early: '2025-05-09', onTime: resolvedOn, late: '2025-05-05' }[timeliness];
  return Array.from({ length: count }, () =>
    buildDossier({ receivedAt: '2025-05-02T08:00:00', resolvedAt: `${resolvedOn}T10:00:00`, dueAt, ...overrides }),
  );
}
