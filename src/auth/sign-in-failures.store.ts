import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ACCOUNT_LOCK, afterFailure, lockedForMs } from './account-lock';
import { ServiceSecret } from './service-secret.entity';
import { SignInFailure } from './staff.entities';

/** How many times a failure is counted again when another instance changed the row meanwhile. */
const CONTENDED_TRIES = 8;
/** The service secret (service_secrets, made by a migration) that keys the addresses' hashes. */
const SECRET_NAME = 'sign-in-failures';

/**
 * What counting one attempt came to: the address is locked (nothing counted), the attempt is
 * counted (`startedLock`: the end of the lock this very attempt started, else null), or other
 * instances kept changing the row and it could not be counted.
 */
export type Reservation = { kind: 'locked'; retryAfterMs: number } | { kind: 'counted'; startedLock: Date | null } | { kind: 'contended' };

/**
 * The account lock's state in the database (table sign_in_failures), one row per e-mail
 * address that failed lately: every instance counts into the same row (a row is changed only
 * if it is still the version read), and rows whose window and lock have passed are removed.
 *
 * An attempt is counted before its password is checked (`reserve`) and forgotten if it signs
 * in (`clear`): counted after the check, attempts sent at once would all be checked before the
 * first was counted. The row is named by an HMAC of the address under a secret of the
 * service's own, so the table names no one to a reader with a list of staff addresses, nor
 * keeps a password typed into the e-mail field as its bare hash.
 */
export class SignInFailureStore {
  private secret: Promise<Buffer> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts this attempt as a failure, unless the address is locked. The same reads and writes
   * whether or not an account has the address.
   */
  async reserve(email: string, now: Date): Promise<Reservation> {
    const emailHash = await this.emailHashOf(email);
    const rows = this.dataSource.getRepository(SignInFailure);
    for (let attempt = 0; attempt < CONTENDED_TRIES; attempt++) {
      const row = await rows.findOneBy({ emailHash });
      const locked = lockedForMs(row, now);
      if (locked > 0) return { kind: 'locked', retryAfterMs: locked };
      const { state, lockedNow } = afterFailure(row, now);
      if (row === null) {
        try {
          await rows.insert({ emailHash, ...state, version: 1 });
        } catch (error) {
          // Another instance counted a first failure at the same moment: count on its row.
          if ((await rows.existsBy({ emailHash })) === true) continue;
          throw error;
        }
        await this.removeSpent(now);
      } else {
        const changed = await rows.update({ emailHash, version: row.version }, { ...state, version: row.version + 1 });
        if (changed.affected !== 1) continue;
      }
      return { kind: 'counted', startedLock: lockedNow ? state.lockedUntil : null };
    }
    return { kind: 'contended' };
  }

  /**
   * After a sign-in that was counted and then succeeded: the address starts with a clean count.
   * A lock stays, unless it is the one this attempt started (`startedLock`): a right password
   * is no failure.
   */
  async clear(email: string, now: Date, startedLock: Date | null): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(SignInFailure)
      .where('emailHash = :emailHash AND (lockedUntil IS NULL OR lockedUntil <= :until)', { emailHash: await this.emailHashOf(email), until: startedLock ?? now })
      .execute();
  }

  /** The row's key: HMAC-SHA-256 (hex) of the trimmed, lower-cased address. */
  async emailHashOf(email: string): Promise<string> {
    return createHmac('sha256', await this.key()).update(email.trim().toLowerCase()).digest('hex');
  }

  /** Read once per instance; read again after a failure (a database that was away). */
  private key(): Promise<Buffer> {
    this.secret ??= this.dataSource
      .getRepository(ServiceSecret)
      .findOneBy({ name: SECRET_NAME })
      .then((row) => {
        if (!row) throw new Error(`the service secret "${SECRET_NAME}" is missing: the database migrations have not run`);
        return Buffer.from(row.secret, 'base64url');
      });
    return this.secret.catch((error: unknown) => {
      this.secret = null;
      throw error;
    });
  }

  /** Rows whose window and lock have both passed count for nothing: the table holds only the last minutes. */
  private async removeSpent(now: Date): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(SignInFailure)
      .where('windowStartedAt <= :windowStart AND (lockedUntil IS NULL OR lockedUntil <= :now)', { windowStart: new Date(now.getTime() - ACCOUNT_LOCK.windowMs), now })
      .execute();
  }
}
