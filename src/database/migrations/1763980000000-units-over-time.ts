import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * Units over time (docs/figures.md §9): each unit's days of validity, a commune's kind, the agency's
 * electronic code; the parent of a unit over time; who succeeded whom. Every unit that exists
 * is valid since always with no end, under the parent it has, so nothing it counts changes.
 * `units.parentId` and `units.path` stay the tree as it stands today.
 */
export class UnitsOverTime1763980000000 implements MigrationInterface {
  name = 'UnitsOverTime1763980000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.driver.options.type !== 'better-sqlite3';
    const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
      name, type: 'varchar', length: String(length), isNullable: nullable, ...(mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
    });
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    // Local dates YYYY-MM-DD, as every date of a dossier is stored; null: open on that side.
    const day = (name: string, nullable = true) => text(name, 10, nullable);

    for (const column of [day('validFrom'), day('validTo'), text('kind', 8, true), text('agencyCode', 32, true)]) {
      await queryRunner.addColumn('units', new TableColumn(column));
    }
    // Unique among the units valid on the same day: checked by the service, since a partial
    // unique index is not portable; this index makes the check a lookup.
    await queryRunner.createIndex('units', new TableIndex({ name: 'ix_units_agency_code', columnNames: ['agencyCode'] }));

    await queryRunner.createTable(new Table({
      name: 'unit_parents',
      columns: [id, { name: 'unitId', type: 'integer' }, { name: 'parentId', type: 'integer', isNullable: true }, day('validFrom'), day('validTo')],
      indices: [
        new TableIndex({ name: 'ix_unit_parents_unit', columnNames: ['unitId', 'validFrom'] }),
        new TableIndex({ name: 'ix_unit_parents_parent', columnNames: ['parentId'] }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'unit_successions',
      columns: [
        id,
        { name: 'fromUnitId', type: 'integer' },
        { name: 'toUnitId', type: 'integer' },
        { name: 'carriesHistory', type: 'boolean' },
        day('effectiveOn', false),
        { name: 'reorganizationId', type: 'integer', isNullable: true },
      ],
      indices: [
        new TableIndex({ name: 'ix_unit_successions_from', columnNames: ['fromUnitId'] }),
        new TableIndex({ name: 'ix_unit_successions_to', columnNames: ['toUnitId'] }),
      ],
    }));
    await queryRunner.query('INSERT INTO unit_parents (unitId, parentId, validFrom, validTo) SELECT id, parentId, NULL, NULL FROM units');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('unit_successions');
    await queryRunner.dropTable('unit_parents');
    await queryRunner.dropIndex('units', 'ix_units_agency_code');
    for (const column of ['agencyCode', 'kind', 'validTo', 'validFrom']) await queryRunner.dropColumn('units', column);
  }
}
