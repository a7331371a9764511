import { Logger as ServiceLogger } from '@nestjs/common';
import type { Logger } from 'typeorm';

/** How much of a failed statement the log shows: a 5,000-row upsert is ~300 KB of placeholders. */
const QUERY_SHOWN = 300;

/**
 * TypeORM's own logger prints a failed query with its parameters, straight to stdout (past the
 * service's log levels and its JSON lines). The parameters are the rows' values: a step's text
 * (NoiDungXuLy, free text that may name the applicant, README "The national interchange"), a
 * unit's names, an import's cells. This one writes the failure and the statement through the
 * service's log, never the values; every other TypeORM message stays unwritten, as with
 * `logging: ['error']`.
 */
export class QueryFailureLogger implements Logger {
  private readonly logger = new ServiceLogger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    const statement = query.length > QUERY_SHOWN ? `${query.slice(0, QUERY_SHOWN)}…` : query;
    this.logger.error(`query failed: ${error instanceof Error ? error.message : error} — ${statement}`);
  }

  logQuerySlow(): void {}

  logSchemaBuild(): void {}

  logMigration(): void {}

  log(): void {}
}
