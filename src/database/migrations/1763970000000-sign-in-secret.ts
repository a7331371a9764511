import { randomBytes } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * A secret for the keyed hash that names an e-mail address in sign_in_failures. The rows were
 * keyed by a plain SHA-256 of the address, which anyone with a list of staff addresses can
 * reverse (and which kept a password typed into the e-mail field as its bare hash). The old rows
 * cannot be re-keyed and count only the last 15 minutes: they are removed.
 */
export class SignInSecret1763970000000 implements MigrationInterface {
  name = 'SignInSecret1763970000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'service_secrets',
        columns: [
          { name: 'name', type: 'varchar', length: '60', isPrimary: true },
          { name: 'secret', type: 'varchar', length: '200' },
        ],
      }),
    );
    await queryRunner.query('INSERT INTO service_secrets (name, secret) VALUES (?, ?)', ['sign-in-failures', randomBytes(32).toString('base64url')]);
    await queryRunner.query('DELETE FROM sign_in_failures');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM sign_in_failures');
    await queryRunner.dropTable('service_secrets');
  }
}
