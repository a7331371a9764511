import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * Reorganizations (docs/figures.md §9): one dated act per row, its changes one row each in the order sent.
 * `fingerprint` is the SHA-256 of the act's canonical JSON (its day and changes): unique, so the
 * same act sent twice is refused rather than applied twice, also when both arrive at once.
 * A change is a row of its own, not one column for the whole act: the national act of 2025 has
 * thousands of changes, more than a portable text column holds.
 */
export class Reorganizations1763990000000 implements MigrationInterface {
  name = 'Reorganizations1763990000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.driver.options.type !== 'better-sqlite3';
    const collation = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
    const text = (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...collation });
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };

    await queryRunner.createTable(new Table({
      name: 'reorganizations',
      columns: [
        id,
        // A local date YYYY-MM-DD, as units' validFrom and validTo.
        text('effectiveOn', 10),
        text('reference', 500),
        text('fingerprint', 64),
        { name: 'createdAt', type: 'datetime', precision: 3 },
      ],
      indices: [
        new TableIndex({ name: 'uq_reorganizations_fingerprint', columnNames: ['fingerprint'], isUnique: true }),
        new TableIndex({ name: 'ix_reorganizations_effective_on', columnNames: ['effectiveOn'] }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'reorganization_changes',
      columns: [
        id,
        { name: 'reorganizationId', type: 'integer' },
        { name: 'position', type: 'integer' },
        { name: 'change', type: 'text', ...collation },
      ],
      indices: [new TableIndex({ name: 'ix_reorganization_changes_act', columnNames: ['reorganizationId', 'position'] })],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reorganization_changes');
    await queryRunner.dropTable('reorganizations');
  }
}
