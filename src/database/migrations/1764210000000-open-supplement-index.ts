import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

const NAME = 'ix_dossiers_unit_status_supplement';
const BEFORE = ['unitId', 'status', 'supplementAt'];
const AFTER = [...BEFORE, 'receivedOn', 'dueAt', 'supplementDoneAt', 'supplementAgainAt', 'supplementDueMoved'];

/**
 * The index of the open dossiers with a supplement request, which a period ending today judges
 * one by one (stats/rollup-store.ts), carries what they are judged by: read from the index
 * alone instead of a lookup of each dossier's row. With 2 million dossiers a province's 1,600
 * such reads took 11.6 ms of its 2.1 judged now, 6.7 from the index alone (the index766 bench).
 */
export class OpenSupplementIndex1764210000000 implements MigrationInterface {
  name = 'OpenSupplementIndex1764210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('dossiers', NAME);
    await queryRunner.createIndex('dossiers', new TableIndex({ name: NAME, columnNames: AFTER }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('dossiers', NAME);
    await queryRunner.createIndex('dossiers', new TableIndex({ name: NAME, columnNames: BEFORE }));
  }
}
