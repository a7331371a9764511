import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Console roles, weakest first: each can do what the ones before it can. */
export const STAFF_ROLES = ['viewer', 'staff', 'manager', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function roleAtLeast(role: StaffRole, needed: StaffRole): boolean {
  return STAFF_ROLES.indexOf(role) >= STAFF_ROLES.indexOf(needed);
}

/** A person who signs in to the console, bound to a unit and the units below it (admin: all). */
@Entity('staff_accounts')
@Index('uq_staff_accounts_email', ['email'], { unique: true })
export class StaffAccount {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 8 })
  role: StaffRole;

  @Column({ type: 'int', nullable: true })
  unitId: number | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  passwordChangedAt: Date;
}

/** A signed-in browser: the cookie holds a random token, the table only its hash. */
@Entity('staff_sessions')
@Index('uq_staff_sessions_token', ['tokenHash'], { unique: true })
export class StaffSession {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'int' })
  accountId: number;

  /** The synchronizer token every form of this session must carry. */
  @Column({ type: 'varchar', length: 64 })
  csrfToken: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  expiresAt: Date;
}

/** Who imported, changed the calendar, created a key … and when. */
@Entity('audit_log')
@Index('ix_audit_log_at', ['at'])
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  /** "staff:12 a@b.vn" or "key:5" or "cli". */
  @Column({ type: 'varchar', length: 300 })
  actor: string;

  @Column({ type: 'int', nullable: true })
  unitId: number | null;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 1000 })
  details: string;
}
