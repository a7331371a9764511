import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

/** Staff accounts and sessions for the console, the audit log, and per-unit widget settings. */
export class Console1763940000000 implements MigrationInterface {
  name = 'Console1763940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.driver.options.type !== 'better-sqlite3';
    const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
      name, type: 'varchar', length: String(length), isNullable: nullable, ...(mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
    });
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const instant = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
    await queryRunner.createTable(new Table({
      name: 'staff_accounts',
      columns: [id, text('email', 254), text('name', 200), text('passwordHash', 200), text('role', 8), { name: 'unitId', type: 'integer', isNullable: true }, instant('disabledAt', true), instant('createdAt'), instant('passwordChangedAt')],
      indices: [new TableIndex({ name: 'uq_staff_accounts_email', columnNames: ['email'], isUnique: true })],
    }));
    await queryRunner.createTable(new Table({
      name: 'staff_sessions',
      columns: [id, text('tokenHash', 64), { name: 'accountId', type: 'integer' }, text('csrfToken', 64), instant('createdAt'), instant('expiresAt')],
      indices: [new TableIndex({ name: 'uq_staff_sessions_token', columnNames: ['tokenHash'], isUnique: true })],
    }));
    await queryRunner.createTable(new Table({
      name: 'audit_log',
      columns: [id, instant('at'), text('actor', 300), { name: 'unitId', type: 'integer', isNullable: true }, text('action', 60), text('details', 1000)],
      indices: [new TableIndex({ name: 'ix_audit_log_at', columnNames: ['at'] })],
    }));
    await queryRunner.addColumn('units', new TableColumn({ name: 'widgetDecimals', type: 'integer', isNullable: true }));
    await queryRunner.addColumn('units', new TableColumn(text('widgetLocale', 2, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('units', 'widgetLocale');
    await queryRunner.dropColumn('units', 'widgetDecimals');
    await queryRunner.dropTable('audit_log');
    await queryRunner.dropTable('staff_sessions');
    await queryRunner.dropTable('staff_accounts');
  }
}
