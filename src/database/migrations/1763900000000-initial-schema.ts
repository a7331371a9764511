import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * The first schema, written with TypeORM's Table API so the same migration builds MySQL/MariaDB
 * and the embedded SQLite. Text is compared byte for byte (utf8mb4_bin) on MySQL, as SQLite
 * does, so a dossier code or a field name groups the same on both engines.
 */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const columns = columnBuilders(queryRunner.connection.driver.options.type !== 'better-sqlite3');
    await queryRunner.createTable(unitsTable(columns));
    await queryRunner.createTable(apiKeysTable(columns));
    await queryRunner.createTable(dossiersTable(columns));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('dossiers');
    await queryRunner.dropTable('api_keys');
    await queryRunner.dropTable('units');
  }
}

interface ColumnBuilders {
  text: (name: string, length: number, nullable?: boolean, type?: string) => TableColumnOptions;
  instant: (name: string, nullable?: boolean) => TableColumnOptions;
  id: TableColumnOptions;
}

function columnBuilders(mysql: boolean): ColumnBuilders {
  const text = (name: string, length: number, nullable = false, type = 'varchar'): TableColumnOptions => ({
    name,
    type,
    length: String(length),
    isNullable: nullable,
    ...(mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
  });
  const instant = (name: string, nullable = false): TableColumnOptions => ({
    name,
    type: 'datetime',
    precision: 3,
    isNullable: nullable,
  });
  const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
  return { text, instant, id };
}

/** The unit tree: a path of ids from the root makes "this unit and those below" one prefix. */
function unitsTable({ text, instant, id }: ColumnBuilders): Table {
  return new Table({
    name: 'units',
    columns: [
      id,
      text('code', 64),
      text('name', 255),
      text('level', 16),
      { name: 'parentId', type: 'integer', isNullable: true },
      text('path', 255),
      { name: 'dataVersion', type: 'integer', default: 0 },
      instant('dataUpdatedAt', true),
      instant('createdAt'),
    ],
    indices: [
      new TableIndex({ name: 'uq_units_code', columnNames: ['code'], isUnique: true }),
      new TableIndex({ name: 'ix_units_path', columnNames: ['path'] }),
      new TableIndex({ name: 'ix_units_parent', columnNames: ['parentId'] }),
    ],
  });
}

/** API keys, stored hashed; a key of a unit writes that unit and those below. */
function apiKeysTable({ text, instant, id }: ColumnBuilders): Table {
  return new Table({
    name: 'api_keys',
    columns: [
      id,
      text('name', 200),
      text('keyHash', 64),
      text('prefix', 16),
      text('role', 8),
      { name: 'unitId', type: 'integer', isNullable: true },
      instant('createdAt'),
      instant('revokedAt', true),
    ],
    indices: [new TableIndex({ name: 'uq_api_keys_hash', columnNames: ['keyHash'], isUnique: true })],
  });
}

/** The dossiers, one row per unit and code, with the local dates their figures are counted on. */
function dossiersTable({ text, instant, id }: ColumnBuilders): Table {
  return new Table({
    name: 'dossiers',
    columns: [
      id,
      { name: 'unitId', type: 'integer' },
      text('code', 64),
      text('procedureCode', 64, true),
      text('procedureName', 500, true),
      text('field', 200),
      text('channel', 8),
      text('status', 16),
      instant('receivedAt'),
      instant('dueAt'),
      instant('resolvedAt', true),
      instant('extendedDueAt', true),
      instant('withdrawnAt', true),
      instant('sourceUpdatedAt', true),
      text('receivedOn', 10),
      text('settledOn', 10, true),
      text('withdrawnOn', 10, true),
      text('timeliness', 8, true),
      text('contentHash', 64),
      instant('createdAt'),
      instant('updatedAt'),
    ],
    indices: [
      new TableIndex({ name: 'uq_dossiers_unit_code', columnNames: ['unitId', 'code'], isUnique: true }),
      new TableIndex({ name: 'ix_dossiers_unit_settled', columnNames: ['unitId', 'settledOn', 'timeliness'] }),
      new TableIndex({ name: 'ix_dossiers_unit_received', columnNames: ['unitId', 'receivedOn'] }),
      new TableIndex({ name: 'ix_dossiers_unit_status_due', columnNames: ['unitId', 'status', 'dueAt'] }),
    ],
  });
}
