import { HttpException } from '@nestjs/common';
import type { Caller } from '../auth/api-keys.service';
import { DatabaseWaitExpired, retryWhileDatabaseDown } from '../common/database-retry';
import { DomainError } from '../common/domain-error';
import { DVCQG_BAD_ENVELOPE } from '../interchange/dvcqg-answer';
import type { DvcqgService } from '../interchange/dvcqg.service';
import { reasonOf } from './failure';
import { EnvelopeSender, SenderStopped } from './replay-http';

/**
 * Hands each envelope to the service's own DvcqgService, as the endpoint would after reading
 * the key, on the database the service uses. While the database cannot be reached it waits
 * (IMPORT_DB_WAIT_SECONDS, as an import does) and tries again: an envelope written twice comes
 * back unchanged. A refusal in the domain's terms is the line's; any other failure stops.
 */
export function databaseSender(dvcqg: DvcqgService, caller: Caller, waitMs: number): EnvelopeSender {
  return async (envelope) => {
    try {
      return await retryWhileDatabaseDown(() => dvcqg.handle(envelope, caller), { waitMs });
    } catch (error) {
      if (error instanceof DomainError || (error instanceof HttpException && error.getStatus() < 500)) {
        return { error_code: DVCQG_BAD_ENVELOPE, message: reasonOf(error) };
      }
      if (error instanceof DatabaseWaitExpired) throw new SenderStopped(error.message);
      throw error;
    }
  };
}
