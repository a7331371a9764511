import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitsModule } from '../units/units.module';
import { ApiKey } from './api-key.entity';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuditService } from './audit.service';

/** Global: every controller can put its routes behind the API-key guard. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey]), UnitsModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysService, ApiKeyGuard, AuditService],
  exports: [ApiKeysService, ApiKeyGuard, AuditService],
})
export class AuthModule {}
