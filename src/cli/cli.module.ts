import { DynamicModule, INestApplicationContext, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { StaffAuthService } from '../auth/staff-auth.service';
import { CommonModule } from '../common/common.module';
import { validateEnvironment } from '../config/configuration';
import { DatabaseModule } from '../database/database.module';
import { ImportsModule } from '../imports/imports.module';
import { InterchangeServicesModule } from '../interchange/interchange.module';
import { RollupsService } from '../dossiers/rollups/rollups.service';
import { UnitsModule } from '../units/units.module';

export type CliCommand = 'import' | 'user' | 'rollups' | 'replay';

/**
 * What each command needs beside the database. Services provided here rather than by their
 * module are those whose module would bring HTTP parts with it: StaffAuthService is the
 * console's (AdminModule), RollupsService sits beside the figures' rate-limited controller.
 */
const NEEDS: Record<CliCommand, { imports: NonNullable<ModuleMetadata['imports']>; providers: Provider[] }> = {
  import: { imports: [ImportsModule, UnitsModule], providers: [] },
  user: { imports: [UnitsModule], providers: [StaffAuthService] },
  rollups: { imports: [UnitsModule], providers: [RollupsService] },
  // `dvcqg replay`: DvcqgService and the dossier path beneath it; UnitsModule for --unit.
  replay: { imports: [InterchangeServicesModule, UnitsModule], providers: [] },
};

/**
 * The command line's application: the validated configuration, the clock, the database and the
 * API keys, then the command's own modules. No report scheduler, no rate limit, no console,
 * widget or health endpoint: the running service does those. AuthModule is here because the
 * feature modules' controllers name its guard, and Nest builds a module's guards even where no
 * HTTP server listens.
 */
@Module({})
export class CliModule {
  static forCommand(command: CliCommand): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnvironment }), CommonModule, DatabaseModule, AuthModule, ...NEEDS[command].imports],
      providers: NEEDS[command].providers,
    };
  }
}

export function openCliContext(command: CliCommand): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(CliModule.forCommand(command), { logger: ['error', 'warn'] });
}
