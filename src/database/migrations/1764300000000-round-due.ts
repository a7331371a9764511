import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * On each step, the due date a record's supplement round moved the dossier to (NgayHenTraMoi),
 * kept apart from the step's own deadline: when the one-stop system reported the same step as a
 * progress row, that row stays the step and keeps its details, and 2.1 still knows the due was
 * moved for the round (nothing taken off). The records' completion steps stored before get it
 * from their stepDueAt, where they held it.
 */
export class RoundDue1764300000000 implements MigrationInterface {
  name = 'RoundDue1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('dossier_events', new TableColumn({ name: 'roundDueAt', type: 'datetime', precision: 3, isNullable: true }));
    // A record's completion step held the round's new due in stepDueAt: it moves with the step now.
    await queryRunner.query("UPDATE dossier_events SET roundDueAt = stepDueAt WHERE origin = 'record' AND statusCode IN (2, 4) AND stepDueAt IS NOT NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('dossier_events', 'roundDueAt');
  }
}
