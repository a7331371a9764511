import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSourceOptions } from 'typeorm';
import { ApiKey } from '../auth/api-key.entity';
import { Dossier } from '../dossiers/dossier.entity';
import { AuditEntry, SignInFailure, StaffAccount, StaffSession } from '../auth/staff.entities';
import { ServiceSecret } from '../auth/service-secret.entity';
import { Unit } from '../units/unit.entity';
import { UnitParent, UnitSuccession } from '../units/unit-history.entities';
import { Reorganization, ReorganizationChange } from '../units/reorganization.entities';
import { DatabaseSettings } from '../config/configuration';
import { QueryFailureLogger } from './query-logger';
import { CalendarDay } from '../calendar/calendar-day.entity';
import { Import, ImportError } from '../imports/import.entity';
import { Procedure } from '../procedures/procedure.entity';
import { ReportDelivery, ReportRun, ReportRunPart, ReportSubscription } from '../reports/report.entities';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema';
import { CalendarAndProcedures1763910000000 } from './migrations/1763910000000-calendar-and-procedures';
import { Imports1763920000000 } from './migrations/1763920000000-imports';
import { Reports1763930000000 } from './migrations/1763930000000-reports';
import { Console1763940000000 } from './migrations/1763940000000-console';
import { Rollups1763950000000 } from './migrations/1763950000000-rollups';
import { SignInLock1763960000000 } from './migrations/1763960000000-sign-in-lock';
import { SignInSecret1763970000000 } from './migrations/1763970000000-sign-in-secret';
import { UnitsOverTime1763980000000 } from './migrations/1763980000000-units-over-time';
import { Reorganizations1763990000000 } from './migrations/1763990000000-reorganizations';
import { SubscriptionPredecessors1764000000000 } from './migrations/1764000000000-subscription-predecessors';
import { NationalInterchange1764100000000 } from './migrations/1764100000000-national-interchange';
import { Scorecard7661764200000000 } from './migrations/1764200000000-scorecard-766';
import { OpenSupplementIndex1764210000000 } from './migrations/1764210000000-open-supplement-index';
import { RoundDue1764300000000 } from './migrations/1764300000000-round-due';
import { DossierEvent } from '../dossiers/dossier-event.entity';
import { DossierDayCount, DossierFieldDayCount, DossierFieldMonthCount, DossierMonthCount } from '../dossiers/rollups/rollup.entity';

export const ENTITIES = [Unit, UnitParent, UnitSuccession, Reorganization, ReorganizationChange, ApiKey, Dossier, DossierEvent, CalendarDay, Procedure, Import, ImportError, ReportSubscription, ReportRun, ReportRunPart, ReportDelivery, StaffAccount, StaffSession, AuditEntry, SignInFailure, ServiceSecret, DossierDayCount, DossierMonthCount, DossierFieldDayCount, DossierFieldMonthCount];
export const MIGRATIONS = [InitialSchema1763900000000, CalendarAndProcedures1763910000000, Imports1763920000000, Reports1763930000000, Console1763940000000, Rollups1763950000000, SignInLock1763960000000, SignInSecret1763970000000, UnitsOverTime1763980000000, Reorganizations1763990000000, SubscriptionPredecessors1764000000000, NationalInterchange1764100000000, Scorecard7661764200000000, OpenSupplementIndex1764210000000, RoundDue1764300000000];

/**
 * One place that turns the configuration into TypeORM options. The schema only ever comes from
 * migrations (never `synchronize`), on MySQL and on the embedded SQLite alike.
 */
export function dataSourceOptions(settings: DatabaseSettings, server: 'mysql' | 'mariadb' = 'mysql'): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: ['error'] as ('error' | 'warn')[],
    // Failed queries without their parameters (query-logger.ts).
    logger: new QueryFailureLogger(),
  };
  if (settings.kind === 'mysql') {
    return {
      ...common,
      // Same mysql2 driver; TypeORM reads MariaDB's catalogue slightly differently.
      type: server,
      // With read replicas, TypeORM still sends everything to the primary unless a query runner
      // is asked for a replica (`onReadReplica` in sql.ts): figures only, never a read before a write.
      ...(settings.readUrls
        ? { replication: { master: { url: settings.url }, slaves: settings.readUrls.map((url) => ({ url })), defaultMode: 'master' as const } }
        : { url: settings.url }),
      // Instants are stored in UTC and converted to Vietnam time only for display.
      timezone: 'Z',
      charset: 'utf8mb4_bin',
      supportBigNumbers: true,
      bigNumberStrings: false,
      extra: { connectionLimit: 10 },
    };
  }
  mkdirSync(dirname(settings.sqlitePath!), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: settings.sqlitePath!,
    enableWAL: true,
  };
}

/**
 * MySQL or MariaDB behind a `mysql://` URL: asked once at start-up, with the same few tries
 * the connection itself gets (a database container may still be starting).
 */
export async function detectServer(url: string, attempts = 5, delayMs = 2000): Promise<'mysql' | 'mariadb'> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await askServer(url);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

async function askServer(url: string): Promise<'mysql' | 'mariadb'> {
  const connection = await createConnection({ uri: url, connectTimeout: 10_000 });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return /mariadb/i.test(String((rows as { version: string }[])[0]?.version)) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}
