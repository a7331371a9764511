import { Module } from '@nestjs/common';
import { StaffAuthService } from '../auth/staff-auth.service';
import { CalendarModule } from '../calendar/calendar.module';
import { DossiersModule } from '../dossiers/dossiers.module';
import { ImportsModule } from '../imports/imports.module';
import { Index766Module } from '../index766/index766.module';
import { ProceduresModule } from '../procedures/procedures.module';
import { ReportsModule } from '../reports/reports.module';
import { StatsModule } from '../stats/stats.module';
import { UnitsModule } from '../units/units.module';
import { WidgetModule } from '../widget/widget.module';
import { AgencyCodePagesController } from './agency-code-pages.controller';
import { AuthPagesController } from './auth-pages.controller';
import { DashboardPagesController } from './dashboard-pages.controller';
import { Index766DossiersPagesController } from './index766-dossiers-pages.controller';
import { Index766PagesController } from './index766-pages.controller';
import { OfficialListPagesController } from './official-list-pages.controller';
import { UnitTreePagesController } from './unit-tree-pages.controller';
import { ReportPagesController } from './report-pages.controller';
import { SettingsPagesController } from './settings-pages.controller';
import { WorkPagesController } from './work-pages.controller';
import { WorkScope } from './work-pages.support';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleGuard } from './console.guard';
import { ConsoleScope } from './console-scope';
import { ConsoleViews } from './console-views';

/** The staff console: server-rendered pages behind a session, a role and a CSRF token. */
@Module({
  imports: [UnitsModule, StatsModule, DossiersModule, ImportsModule, ReportsModule, CalendarModule, ProceduresModule, WidgetModule, Index766Module],
  controllers: [AuthPagesController, DashboardPagesController, Index766PagesController, WorkPagesController, ReportPagesController, SettingsPagesController, OfficialListPagesController, UnitTreePagesController, AgencyCodePagesController, Index766DossiersPagesController],
  providers: [StaffAuthService, ConsoleViews, ConsoleGuard, ConsoleExceptionFilter, WorkScope, ConsoleScope],
  exports: [StaffAuthService, ConsoleViews, ConsoleGuard],
})
export class AdminModule {}
