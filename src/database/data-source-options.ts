import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { ApiKey } from '../auth/api-key.entity';
import { Dossier } from '../dossiers/dossier.entity';
import { Unit } from '../units/unit.entity';
import { DatabaseSettings } from '../config/configuration';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema';

export const ENTITIES = [Unit, ApiKey, Dossier];
export const MIGRATIONS = [InitialSchema1763900000000];

/**
 * One place that turns the configuration into TypeORM options. The schema only ever comes from
 * migrations (never `synchronize`), on MySQL and on the embedded SQLite alike.
 */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: ['error'] as ('error' | 'warn')[],
  };
  if (settings.kind === 'mysql') {
    return {
      ...common,
      type: 'mysql',
      url: settings.url,
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
