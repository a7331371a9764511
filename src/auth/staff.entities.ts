import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Console roles, weakest first: each can do what the ones before it can. */
export const STAFF_ROLES = ['viewer', 'staff', 'manager', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A role as it comes from a form or the command line: any text, checked. */
export function isStaffRole(text: string): text is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(text);
}

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

  /** Failed sign-ins with this address since the account's last sign-in: told to its owner at the next one. */
  @Column({ type: 'int', default: 0 })
  failedSignInsUnseen: number;
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

  /** Failed sign-ins since the account's previous sign-in, shown in this session until dismissed. */
  @Column({ type: 'int', default: 0 })
  failedSignInsNotice: number;
}

/**
 * Failed sign-ins per e-mail address as typed (known or not; only its hash is kept), counted
 * across instances and restarts, and the lock they lead to (account-lock.ts).
 */
@Entity('sign_in_failures')
@Index('ix_sign_in_failures_window', ['windowStartedAt'])
export class SignInFailure {
  /** HMAC-SHA-256 (hex) of the address, trimmed and lower-cased, keyed by the `sign-in-failures` service secret. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  emailHash: string;

  @Column({ type: 'int' })
  failures: number;

  @Column({ type: 'datetime', precision: 3 })
  windowStartedAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  /** Bumped by every change: instances change a row only if it is still the one they read. */
  @Column({ type: 'int' })
  version: number;
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
