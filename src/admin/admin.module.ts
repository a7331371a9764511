import { Module } from '@nestjs/common';
import { AuditService } from '../auth/audit.service';
import { StaffAuthService } from '../auth/staff-auth.service';
import { UnitsModule } from '../units/units.module';
import { AuthPagesController } from './auth-pages.controller';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleGuard } from './console.guard';
import { ConsoleViews } from './console-views';

/** The staff console: server-rendered pages behind a session, a role and a CSRF token. */
@Module({
  imports: [UnitsModule],
  controllers: [AuthPagesController],
  providers: [StaffAuthService, AuditService, ConsoleViews, ConsoleGuard, ConsoleExceptionFilter],
  exports: [StaffAuthService, AuditService, ConsoleViews, ConsoleGuard],
})
export class AdminModule {}
