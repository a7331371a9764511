import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CalendarModule } from '../calendar/calendar.module';
import { Index766Module } from '../index766/index766.module';
import { StatsModule } from '../stats/stats.module';
import { UnitsModule } from '../units/units.module';
import { MailerService } from './mailer.service';
import { ReportBuilder } from './report-builder.service';
import { ReportScheduler } from './report-scheduler';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { SubscriptionsService } from './subscriptions.service';

@Module({
  imports: [ScheduleModule.forRoot(), StatsModule, Index766Module, UnitsModule, CalendarModule],
  controllers: [ReportsController],
  providers: [MailerService, ReportBuilder, ReportsService, SubscriptionsService, ReportScheduler],
  exports: [ReportsService, SubscriptionsService, MailerService, ReportBuilder],
})
export class ReportsModule {}
