import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnvironmentVariables, databaseSettings } from '../config/configuration';
import { dataSourceOptions } from './data-source-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) => ({
        ...dataSourceOptions(
          databaseSettings({
            DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
            DATA_DIR: config.get('DATA_DIR', { infer: true }),
          } as EnvironmentVariables),
        ),
        // A database that is still starting (compose) gets a few tries; a wrong URL fails soon.
        retryAttempts: 5,
        retryDelay: 2000,
      }),
    }),
  ],
})
export class DatabaseModule {}
