import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * The sign-in lock: failed sign-ins per e-mail address (its hash), counted across instances and
 * restarts; the failures an account's owner has not yet been told of, and the session that tells.
 */
export class SignInLock1763960000000 implements MigrationInterface {
  name = 'SignInLock1763960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.driver.options.type !== 'better-sqlite3';
    const instant = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
    await queryRunner.createTable(new Table({
      name: 'sign_in_failures',
      columns: [
        { name: 'emailHash', type: 'varchar', length: '64', isPrimary: true, ...(mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}) },
        { name: 'failures', type: 'integer' },
        instant('windowStartedAt'),
        instant('lockedUntil', true),
        { name: 'version', type: 'integer' },
      ],
      indices: [new TableIndex({ name: 'ix_sign_in_failures_window', columnNames: ['windowStartedAt'] })],
    }));
    await queryRunner.addColumn('staff_accounts', new TableColumn({ name: 'failedSignInsUnseen', type: 'integer', default: 0 }));
    await queryRunner.addColumn('staff_sessions', new TableColumn({ name: 'failedSignInsNotice', type: 'integer', default: 0 }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('staff_sessions', 'failedSignInsNotice');
    await queryRunner.dropColumn('staff_accounts', 'failedSignInsUnseen');
    await queryRunner.dropTable('sign_in_failures');
  }
}
