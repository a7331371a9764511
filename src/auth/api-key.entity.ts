import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ApiKeyRole = 'admin' | 'unit';

@Entity('api_keys')
@Index('uq_api_keys_hash', ['keyHash'], { unique: true })
export class ApiKey {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** SHA-256 of the key, hex. The key itself is shown once, at creation, and never stored. */
  @Column({ type: 'varchar', length: 64 })
  keyHash: string;

  /** The first characters of the key, to recognise it in a list. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ type: 'varchar', length: 8 })
  role: ApiKeyRole;

  /** The unit whose subtree this key may write; null for admin keys. */
  @Column({ type: 'int', nullable: true })
  unitId: number | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;
}
