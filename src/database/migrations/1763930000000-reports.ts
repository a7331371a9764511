import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/** Report subscriptions, their runs (one per subscription and period) and the delivery outbox. */
export class Reports1763930000000 implements MigrationInterface {
  name = 'Reports1763930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.driver.options.type !== 'better-sqlite3';
    const collation = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
    const text = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable, ...collation });
    const long = (name: string): TableColumnOptions => ({ name, type: 'text', ...collation });
    const int = (name: string, nullable = false, defaultValue?: number): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable, ...(defaultValue === undefined ? {} : { default: defaultValue }) });
    const flag = (name: string, defaultValue: 0 | 1): TableColumnOptions => ({ name, type: 'boolean', default: defaultValue });
    const instant = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };

    await queryRunner.createTable(
      new Table({
        name: 'report_subscriptions',
        columns: [
          id, int('unitId'), flag('includeChildren', 0), long('recipients'), text('periodKind', 10), int('monthStartDay', false, 1),
          text('sendAt', 5), int('sendDay'), text('locale', 2), flag('skipWhenEmpty', 0), flag('enabled', 1), int('apiKeyId', true),
          instant('createdAt'), instant('updatedAt'),
        ],
        indices: [new TableIndex({ name: 'ix_report_subscriptions_unit', columnNames: ['unitId'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'report_runs',
        columns: [
          id, int('subscriptionId'), text('periodName', 10), text('status', 10), text('claimedBy', 100), instant('claimedAt'),
          text('subject', 300, true), text('attachmentName', 200, true), text('error', 2000, true),
          instant('createdAt'),
        ],
        indices: [new TableIndex({ name: 'uq_report_runs_subscription_period', columnNames: ['subscriptionId', 'periodName'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'report_run_parts',
        columns: [id, int('runId'), text('part', 12), int('seq'), long('chunk')],
        indices: [new TableIndex({ name: 'uq_report_run_parts', columnNames: ['runId', 'part', 'seq'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'report_deliveries',
        columns: [
          id, int('runId'), int('subscriptionId'), text('periodName', 10), text('recipient', 254), text('status', 8), int('attempts', false, 0),
          instant('nextAttemptAt'), text('lockedBy', 100, true), instant('lockedUntil', true), text('lastError', 2000, true),
          text('messageId', 300, true), instant('sentAt', true), instant('createdAt'),
        ],
        indices: [
          new TableIndex({ name: 'uq_report_deliveries_run_recipient', columnNames: ['runId', 'recipient'], isUnique: true }),
          new TableIndex({ name: 'ix_report_deliveries_due', columnNames: ['status', 'nextAttemptAt'] }),
          new TableIndex({ name: 'ix_report_deliveries_subscription', columnNames: ['subscriptionId'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('report_deliveries');
    await queryRunner.dropTable('report_run_parts');
    await queryRunner.dropTable('report_runs');
    await queryRunner.dropTable('report_subscriptions');
  }
}
