import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { backfillScorecard } from './frozen/scorecard-1764200000000';

const TABLES = ['dossier_day_counts', 'dossier_month_counts', 'dossier_field_day_counts', 'dossier_field_month_counts'];
const COUNTERS = [
  'onTime766', 'late766', 'openLate766', 'resolvedReceived', 'results', 'electronicResults', 'digitizedResults',
  'reusedData', 'citizenRepository', 'vneidVerified', 'complaints', 'feePayable', 'paidOnline',
];

/**
 * The Decision 766 scorecard (docs/figures.md §11):
 * - on dossiers, what the steps say of the supplement rounds (the first request, its completion,
 *   a second request, whether the due date was moved for it), which 2.1 judges by; an index for
 *   the open dossiers with a request, judged one by one for a period that ends today;
 * - on the rollups, the scorecard's counters (2.1 by DVCQG's rules, 2.2's times, the results and
 *   the facts the record carries), filled in from the dossiers and their steps.
 */
export class Scorecard7661764200000000 implements MigrationInterface {
  name = 'Scorecard7661764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = (name: string) => new TableColumn({ name, type: 'datetime', precision: 3, isNullable: true });
    await queryRunner.addColumns('dossiers', [
      instant('supplementAt'),
      instant('supplementDoneAt'),
      instant('supplementAgainAt'),
      new TableColumn({ name: 'supplementDueMoved', type: 'boolean', default: 0 }),
    ]);
    await queryRunner.createIndex('dossiers', new TableIndex({ name: 'ix_dossiers_unit_status_supplement', columnNames: ['unitId', 'status', 'supplementAt'] }));
    for (const table of TABLES) {
      await queryRunner.addColumns(table, [
        ...COUNTERS.map((name) => new TableColumn({ name, type: 'integer', default: 0 })),
        new TableColumn({ name: 'resolutionMinutes', type: 'bigint', default: 0 }),
      ]);
    }
    await backfillScorecard(queryRunner.manager);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) for (const name of [...COUNTERS, 'resolutionMinutes']) await queryRunner.dropColumn(table, name);
    await queryRunner.dropIndex('dossiers', 'ix_dossiers_unit_status_supplement');
    for (const name of ['supplementAt', 'supplementDoneAt', 'supplementAgainAt', 'supplementDueMoved']) await queryRunner.dropColumn('dossiers', name);
  }
}
