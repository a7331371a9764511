import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * The national interchange (docs/figures.md §10, §11):
 * - the record's optional facts that the DVCQG stream carries (result handed back, electronic
 *   result, digitisation and reuse, VNeID, fee, online payment, complaint) as nullable columns of
 *   dossiers: null is "not said", which is not the same as false;
 * - dossier_events, a dossier's progress rows (CapNhatTienDoHoSoMC) and the supplement rounds its
 *   record lists, keyed by unit and dossier code rather than the dossier's id, so a progress row
 *   that arrives before its dossier is kept and belongs to it when it comes. One step is one
 *   (status, moment): a re-send of the same step overwrites it, never adds a second;
 * - an index on the dossier code alone, for the citizen lookup (a citizen has only the code).
 */
export class NationalInterchange1764100000000 implements MigrationInterface {
  name = 'NationalInterchange1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.driver.options.type !== 'better-sqlite3';
    const collation = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
    const text = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable, ...collation });
    const flag = (name: string) => new TableColumn({ name, type: 'boolean', isNullable: true });

    await queryRunner.addColumns('dossiers', [
      new TableColumn({ name: 'returnedAt', type: 'datetime', precision: 3, isNullable: true }),
      flag('electronicResult'),
      flag('digitized'),
      flag('resultDigitized'),
      flag('reusedData'),
      flag('citizenRepository'),
      flag('vneidVerified'),
      new TableColumn({ name: 'feeAmount', type: 'bigint', isNullable: true }),
      new TableColumn({ ...text('paidOnline', 8, true) }),
      flag('complaint'),
    ]);
    await queryRunner.createIndex('dossiers', new TableIndex({ name: 'ix_dossiers_code', columnNames: ['code'] }));

    await queryRunner.createTable(new Table({
      name: 'dossier_events',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'unitId', type: 'integer' },
        text('dossierCode', 64),
        // The DVCQG status code of the step, 1–10.
        { name: 'statusCode', type: 'integer' },
        { name: 'at', type: 'datetime', precision: 3 },
        { name: 'startedAt', type: 'datetime', precision: 3, isNullable: true },
        { name: 'stepDueAt', type: 'datetime', precision: 3, isNullable: true },
        text('content', 1000, true),
        text('department', 200, true),
        // 'progress': a CapNhatTienDoHoSoMC row; 'record': a supplement round the dossier listed.
        text('origin', 8),
        { name: 'createdAt', type: 'datetime', precision: 3 },
        { name: 'updatedAt', type: 'datetime', precision: 3 },
      ],
      indices: [new TableIndex({ name: 'uq_dossier_events_step', columnNames: ['unitId', 'dossierCode', 'at', 'statusCode'], isUnique: true })],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('dossier_events');
    await queryRunner.dropIndex('dossiers', 'ix_dossiers_code');
    for (const column of ['complaint', 'paidOnline', 'feeAmount', 'vneidVerified', 'citizenRepository', 'reusedData', 'resultDigitized', 'digitized', 'electronicResult', 'returnedAt']) {
      await queryRunner.dropColumn('dossiers', column);
    }
  }
}
