import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { CommonModule } from './common/common.module';
import { validateEnvironment } from './config/configuration';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { DossiersModule } from './dossiers/dossiers.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { ProceduresModule } from './procedures/procedures.module';
import { ReportsModule } from './reports/reports.module';
import { StatsModule } from './stats/stats.module';
import { UnitsModule } from './units/units.module';
import { WidgetModule } from './widget/widget.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnvironment }),
    CommonModule,
    DatabaseModule,
    UnitsModule,
    AuthModule,
    CalendarModule,
    ProceduresModule,
    DossiersModule,
    ImportsModule,
    StatsModule,
    WidgetModule,
    ReportsModule,
    HealthModule,
    DemoModule,
    AdminModule,
  ],
})
export class AppModule {}
