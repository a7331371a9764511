import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ACCOUNT_LOCK, FailureState, afterFailure, lockedForMs } from './account-lock';
import { SignInFailure } from './staff.entities';

/** How many times a failure is counted again when another instance changed the row meanwhile. */
const CONTENDED_TRIES = 8;

export const emailHashOf = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

/**
 * The account lock's state in the database (table sign_in_failures), one row per e-mail
 * address that failed lately: every instance counts into the same row (a row is changed only
 * if it is still the version read), and rows whose window and lock have passed are removed.
 */
export class SignInFailureStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Milliseconds until the address may be tried again; 0 when it is not locked. */
  async lockedFor(email: string, now: Date): Promise<number> {
    return lockedForMs(await this.read(emailHashOf(email)), now);
  }

  /** Counts one failure; answers the lock's end when this failure started it, else null. */
  async failed(email: string, now: Date): Promise<Date | null> {
    const emailHash = emailHashOf(email);
    const rows = this.dataSource.getRepository(SignInFailure);
    for (let attempt = 0; attempt < CONTENDED_TRIES; attempt++) {
      const row = await this.read(emailHash);
      const { state, lockedNow } = afterFailure(row, now);
      if (row === null) {
        try {
          await rows.insert({ emailHash, ...state, version: 1 });
        } catch (error) {
          // Another instance counted the first failure at the same moment: count on its row.
          if ((await this.read(emailHash)) !== null) continue;
          throw error;
        }
        await this.removeSpent(now);
      } else {
        const changed = await rows.update({ emailHash, version: row.version }, { ...state, version: row.version + 1 });
        if (changed.affected !== 1) continue;
      }
      return lockedNow ? state.lockedUntil : null;
    }
    return null;
  }

  /** After a sign-in that was not locked out: the address starts with a clean count. */
  async clear(email: string, now: Date): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(SignInFailure)
      .where('emailHash = :emailHash AND (lockedUntil IS NULL OR lockedUntil <= :now)', { emailHash: emailHashOf(email), now })
      .execute();
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

  private async read(emailHash: string): Promise<(FailureState & { version: number }) | null> {
    return this.dataSource.getRepository(SignInFailure).findOneBy({ emailHash });
  }
}
