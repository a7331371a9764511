import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/** The history and progress of uploaded files, and their refused rows. */
export class Imports1763920000000 implements MigrationInterface {
  name = 'Imports1763920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.driver.options.type !== 'better-sqlite3';
    const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
      ...(mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
    });
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const count = (name: string): TableColumnOptions => ({ name, type: 'integer', default: 0 });
    await queryRunner.createTable(
      new Table({
        name: 'imports',
        columns: [
          id,
          { name: 'unitId', type: 'integer', isNullable: true },
          { name: 'apiKeyId', type: 'integer', isNullable: true },
          text('fileName', 255),
          text('format', 8),
          { name: 'dryRun', type: 'boolean', default: 0 },
          text('status', 8),
          count('rowsRead'),
          { name: 'rowsExpected', type: 'integer', isNullable: true },
          count('created'),
          count('updated'),
          count('unchanged'),
          count('stale'),
          count('rejected'),
          text('error', 2000, true),
          { name: 'createdAt', type: 'datetime', precision: 3 },
          { name: 'heartbeatAt', type: 'datetime', precision: 3 },
          { name: 'finishedAt', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [new TableIndex({ name: 'ix_imports_unit_created', columnNames: ['unitId', 'createdAt'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'import_errors',
        columns: [
          id,
          { name: 'importId', type: 'integer' },
          { name: 'line', type: 'integer' },
          text('code', 64, true),
          { name: 'errors', type: 'text', ...(mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}) },
        ],
        indices: [new TableIndex({ name: 'ix_import_errors_import_line', columnNames: ['importId', 'line'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('import_errors');
    await queryRunner.dropTable('imports');
  }
}
