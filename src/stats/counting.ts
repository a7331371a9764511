import { Period } from './figures';

/**
 * What StatsService asks the rollups for (rollup-store.ts `countFromRollups`). docs/figures.md §5 written
 * dossier by dossier is `countDossiers` in figures.ts; the e2e suites hold the two equal.
 */
export type GroupColumn = 'field' | 'channel' | 'unitId' | null;

export interface CountQuery {
  unitIds: number[];
  period: Period;
  judgedAt: Date;
  groupColumn: GroupColumn;
}
