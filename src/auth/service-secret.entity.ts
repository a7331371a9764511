import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Random secrets the service keeps in its own database, made once by a migration: every
 * instance reads the same one, and it outlives restarts. `sign-in-failures` keys the hash by
 * which the failed sign-ins of an e-mail address are counted (sign-in-failures.store.ts).
 */
@Entity('service_secrets')
export class ServiceSecret {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  name: string;

  /** base64url; never shown, logged or sent. */
  @Column({ type: 'varchar', length: 200 })
  secret: string;
}
