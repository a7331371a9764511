import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnvironmentVariables, databaseSettings } from '../config/configuration';
import { dataSourceOptions, detectServer } from './data-source-options';

/** A database that is still starting (compose) gets a few tries; a wrong URL fails soon. */
const RETRIES = { retryAttempts: 5, retryDelay: 2000 };

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: async (config: ConfigService<EnvironmentVariables, true>) => {
        const settings = databaseSettings({
          DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
          DATABASE_READ_URL: config.get('DATABASE_READ_URL', { infer: true }),
          DATA_DIR: config.get('DATA_DIR', { infer: true }),
        } as EnvironmentVariables);
        const server = settings.kind === 'mysql' ? await detectServer(settings.url!) : undefined;
        return { ...dataSourceOptions(settings, server), ...RETRIES };
      },
    }),
  ],
})
export class DatabaseModule {}
