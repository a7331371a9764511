import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ACCOUNT_LOCK } from './account-lock';
import { AuditService } from './audit.service';
import { StaffAccount } from './staff.entities';

/**
 * The writes a failed sign-in leads to for an account that exists: one more failure for its
 * owner to be told of, and the audit line when the account locks. They are made after the
 * answer has gone, never awaited on its way: a refused sign-in must take as long for an address
 * that has an account as for one that has not, or its timing would tell which accounts exist.
 * A failed write is logged by account id and error code only (a database's message may quote
 * the row), and the answer is not changed by it.
 *
 * Failures of one account waiting to be written are written together, as one increment, so a
 * burst of refused sign-ins is a few writes, not one per request.
 */
export class SignInNotes {
  private readonly logger = new Logger('SignInNotes');
  /** Per account id: failures not yet written. */
  private readonly unwritten = new Map<number, number>();
  /** Per account id: the write of its failures under way. */
  private readonly writing = new Map<number, Promise<void>>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** One more failed sign-in with the account's address, for its owner to be told of at the next sign-in. */
  failed(accountId: number): void {
    this.unwritten.set(accountId, (this.unwritten.get(accountId) ?? 0) + 1);
    if (!this.writing.has(accountId)) this.writing.set(accountId, this.later(() => this.writeFailures(accountId)));
  }

  /** The account locked at this failure: the audit log says so. */
  locked(account: StaffAccount, lockedUntil: Date, ip: string): void {
    const minutes = ACCOUNT_LOCK.windowMs / 60_000;
    const details = `${ACCOUNT_LOCK.maxFailures} failed sign-ins within ${minutes} minutes; refused until ${lockedUntil.toISOString()} (last from ${ip || '?'})`;
    void this.later(async () => {
      try {
        await this.audit.record(`staff:${account.id} ${account.email}`, 'sign-in-locked', details, account.unitId);
      } catch (error) {
        this.logger.error(`could not write the sign-in lock of account ${account.id} to the audit log (${errorCode(error)})`);
      }
    });
  }

  /** Every failure of this account noted so far is written (before its owner is told how many). */
  async written(accountId: number): Promise<void> {
    for (let pending = this.writing.get(accountId); pending; pending = this.writing.get(accountId)) await pending;
  }

  /** Every write started so far is done or logged: on shutdown, and for the suites. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private async writeFailures(accountId: number): Promise<void> {
    try {
      for (let count = this.take(accountId); count > 0; count = this.take(accountId)) {
        try {
          await this.dataSource.getRepository(StaffAccount).increment({ id: accountId }, 'failedSignInsUnseen', count);
        } catch (error) {
          this.logger.error(`could not count ${count} failed sign-in(s) for account ${accountId} (${errorCode(error)})`);
        }
      }
    } finally {
      this.writing.delete(accountId);
    }
  }

  private take(accountId: number): number {
    const count = this.unwritten.get(accountId) ?? 0;
    this.unwritten.delete(accountId);
    return count;
  }

  /** Runs `work` once the current answer is on its way (after this turn of the event loop), tracked until done. */
  private later(work: () => Promise<void>): Promise<void> {
    const task = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((error: unknown) => this.logger.error(`a write after a failed sign-in failed (${errorCode(error)})`));
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
    return task;
  }
}

/** What a log line may say about a failed write: the driver's error code, never its message. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,60}$/.test(code) ? code : error instanceof Error ? error.name : 'unknown error';
}
