import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { Clock } from './common/clock';
import { CommonModule } from './common/common.module';
import { ClockRateLimitStorage } from './common/rate-limit-storage';
import { EnvironmentVariables, validateEnvironment } from './config/configuration';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { DossiersModule } from './dossiers/dossiers.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { InterchangeModule } from './interchange/interchange.module';
import { ProceduresModule } from './procedures/procedures.module';
import { ReportsModule } from './reports/reports.module';
import { StatsModule } from './stats/stats.module';
import { Index766Module } from './index766/index766.module';
import { UnitsModule } from './units/units.module';
import { WidgetModule } from './widget/widget.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnvironment }),
    CommonModule,
    // Public endpoints are limited per network address (the controllers opt in); 0 turns it off.
    // Counted on the injected clock (see ClockRateLimitStorage).
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, Clock],
      useFactory: (config: ConfigService<EnvironmentVariables, true>, clock: Clock) => {
        const limit = config.get('PUBLIC_RATE_LIMIT', { infer: true });
        return { throttlers: [{ ttl: 60_000, limit: limit || 1 }], skipIf: () => limit === 0, storage: new ClockRateLimitStorage(clock) };
      },
    }),
    DatabaseModule,
    UnitsModule,
    AuthModule,
    CalendarModule,
    ProceduresModule,
    DossiersModule,
    InterchangeModule,
    ImportsModule,
    StatsModule,
    Index766Module,
    WidgetModule,
    ReportsModule,
    HealthModule,
    DemoModule,
    AdminModule,
  ],
})
export class AppModule {}
