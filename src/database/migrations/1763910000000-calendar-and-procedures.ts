import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';
import { localDateOf, seededCalendarDays } from './frozen/calendar-1763910000000';

/**
 * The working-day calendar (seeded with Vietnam's holidays 2020–2030 under the Labour Code 2019,
 * Art. 112, plus the swaps announced so far), the procedure catalogue, and what a dossier needs
 * to have its deadline computed and recomputed.
 */
export class CalendarAndProcedures1763910000000 implements MigrationInterface {
  name = 'CalendarAndProcedures1763910000000';

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
    const updatedAt: TableColumnOptions = { name: 'updatedAt', type: 'datetime', precision: 3 };

    await queryRunner.createTable(
      new Table({
        name: 'calendar_days',
        columns: [id, { name: 'unitId', type: 'integer', default: 0 }, text('date', 10), text('kind', 8), text('name', 200), text('source', 8), updatedAt],
        indices: [new TableIndex({ name: 'uq_calendar_days_unit_date', columnNames: ['unitId', 'date'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'procedures',
        columns: [id, text('code', 64), text('name', 500), text('field', 200), { name: 'processingDays', type: 'integer' }, updatedAt],
        indices: [new TableIndex({ name: 'uq_procedures_code', columnNames: ['code'], isUnique: true })],
      }),
    );

    await queryRunner.addColumn('dossiers', new TableColumn({ ...text('dueOn', 10), default: "''" }));
    await queryRunner.addColumn('dossiers', new TableColumn({ name: 'dueAtComputed', type: 'boolean', default: 0 }));
    // Local dates are computed in code, never by the database's time-zone functions.
    for (let lastId = 0; ; ) {
      const rows: { id: number; dueAt: Date | string }[] = await queryRunner.query(
        'SELECT id, dueAt FROM dossiers WHERE id > ? ORDER BY id LIMIT 1000',
        [lastId],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const dueAt = row.dueAt instanceof Date ? row.dueAt : new Date(`${row.dueAt.replace(' ', 'T')}Z`);
        await queryRunner.query('UPDATE dossiers SET dueOn = ? WHERE id = ?', [localDateOf(dueAt), row.id]);
      }
      lastId = rows[rows.length - 1].id;
    }
    // The empty default only served the rows that existed before; every write sets dueOn.
    await queryRunner.changeColumn('dossiers', 'dueOn', new TableColumn(text('dueOn', 10)));
    await queryRunner.createIndex('dossiers', new TableIndex({ name: 'ix_dossiers_computed_due', columnNames: ['dueAtComputed', 'dueOn'] }));

    const now = new Date();
    const days = seededCalendarDays();
    for (let start = 0; start < days.length; start += 200) {
      await queryRunner.manager
        .createQueryBuilder()
        .insert()
        .into('calendar_days')
        .values(days.slice(start, start + 200).map((day) => ({ unitId: 0, date: day.date, kind: day.kind, name: day.name, source: 'seed', updatedAt: now })))
        .execute();
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('dossiers', 'ix_dossiers_computed_due');
    await queryRunner.dropColumn('dossiers', 'dueAtComputed');
    await queryRunner.dropColumn('dossiers', 'dueOn');
    await queryRunner.dropTable('procedures');
    await queryRunner.dropTable('calendar_days');
  }
}
