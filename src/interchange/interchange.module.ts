import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module';
import { DvcqgController } from './dvcqg.controller';
import { DvcqgService } from './dvcqg.service';
import { LookupController } from './lookup.controller';
import { LookupService } from './lookup.service';

/**
 * The national interchange's services (docs/figures.md §10): the DVCQG envelope and the citizen
 * lookup, which the envelope's `TraCuuHoSo` answers with too. Without the HTTP routes, so the
 * command line's replay loads them without the rate limiter the routes stand behind.
 */
@Module({
  imports: [DossiersModule],
  providers: [DvcqgService, LookupService],
  exports: [DvcqgService, LookupService],
})
export class InterchangeServicesModule {}

/** The interchange's routes: POST /api/v1/dvcqg (+ /login), GET /api/v1/lookup/{code}, GET /tra-cuu. */
@Module({
  imports: [InterchangeServicesModule],
  controllers: [DvcqgController, LookupController],
})
export class InterchangeModule {}
