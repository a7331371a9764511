import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * A report subscription counts, like the stats, the units whose history its unit carries
 * (docs/figures.md §9) unless told otherwise: every existing one does, as a new one does.
 */
export class SubscriptionPredecessors1764000000000 implements MigrationInterface {
  name = 'SubscriptionPredecessors1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('report_subscriptions', new TableColumn({ name: 'includePredecessors', type: 'boolean', default: 1 }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('report_subscriptions', 'includePredecessors');
  }
}
