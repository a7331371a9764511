import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyCheck } from '../common/api-key-check';
import { AuditTrail } from '../common/audit-trail';
import { UnitsModule } from '../units/units.module';
import { ApiKey } from './api-key.entity';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuditService } from './audit.service';

/**
 * Global: every controller can put its routes behind the API-key guard, and the folders below
 * auth/ behind the same check as ApiKeyCheck (common/api-key-check.ts), and write the audit log
 * as AuditTrail (common/audit-trail.ts).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey]), UnitsModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysService, ApiKeyGuard, { provide: ApiKeyCheck, useExisting: ApiKeyGuard }, AuditService, { provide: AuditTrail, useExisting: AuditService }],
  exports: [ApiKeysService, ApiKeyGuard, ApiKeyCheck, AuditService, AuditTrail],
})
export class AuthModule {}
