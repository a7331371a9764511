import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { rebuildAllRollups } from './frozen/rollups-1763950000000';

/**
 * Rollup rows per unit and day (and per month, and all time; and the same per field and channel)
 * that the figures are summed from,
 * filled in from the dossiers already stored; an index for dossiers withdrawn after a date, and
 * the open-dossier index made covering for the overdue count.
 */
export class Rollups1763950000000 implements MigrationInterface {
  name = 'Rollups1763950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.driver.options.type !== 'better-sqlite3';
    const bucket = (name: string, length: number): TableColumnOptions => ({
      name, type: 'varchar', length: String(length), isPrimary: true, ...(mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
    });
    const counter = (name: string): TableColumnOptions => ({ name, type: 'integer', default: 0 });
    const counters = ['receivedDirect', 'receivedOnline', 'receivedPostal', 'denied', 'early', 'onTime', 'late', 'withdrawn', 'waiting', 'overdue'].map(counter);
    const unitId: TableColumnOptions = { name: 'unitId', type: 'integer', isPrimary: true };
    await queryRunner.createTable(new Table({ name: 'dossier_day_counts', columns: [unitId, bucket('day', 10), ...counters] }));
    await queryRunner.createTable(new Table({ name: 'dossier_month_counts', columns: [unitId, bucket('month', 7), ...counters] }));
    // The same per field and channel, for rows by field or by channel.
    const byField = [bucket('field', 200), bucket('channel', 8)];
    await queryRunner.createTable(new Table({ name: 'dossier_field_day_counts', columns: [unitId, bucket('day', 10), ...byField, ...counters] }));
    await queryRunner.createTable(new Table({ name: 'dossier_field_month_counts', columns: [unitId, bucket('month', 7), ...byField, ...counters] }));
    await queryRunner.createIndex('dossiers', new TableIndex({ name: 'ix_dossiers_unit_withdrawn', columnNames: ['unitId', 'withdrawnOn'] }));
    // Covering for "in progress now, past its deadline, received by the end of the period".
    await queryRunner.dropIndex('dossiers', 'ix_dossiers_unit_status_due');
    await queryRunner.createIndex('dossiers', new TableIndex({ name: 'ix_dossiers_unit_status_due', columnNames: ['unitId', 'status', 'dueAt', 'receivedOn'] }));

    await rebuildAllRollups(queryRunner.manager);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('dossiers', 'ix_dossiers_unit_status_due');
    await queryRunner.createIndex('dossiers', new TableIndex({ name: 'ix_dossiers_unit_status_due', columnNames: ['unitId', 'status', 'dueAt'] }));
    await queryRunner.dropIndex('dossiers', 'ix_dossiers_unit_withdrawn');
    await queryRunner.dropTable('dossier_field_month_counts');
    await queryRunner.dropTable('dossier_field_day_counts');
    await queryRunner.dropTable('dossier_month_counts');
    await queryRunner.dropTable('dossier_day_counts');
  }
}
