import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module';
import { DvcqgController } from './dvcqg.controller';
import { DvcqgService } from './dvcqg.service';
import { LookupController } from './lookup.controller';
import { LookupService } from './lookup.service';

/**
 * The national interchange (docs/figures.md §10): the DVCQG envelope and its services, and the
 * citizen lookup, which the envelope's `TraCuuHoSo` answers with too.
 */
@Module({
  imports: [DossiersModule],
  controllers: [DvcqgController, LookupController],
  providers: [DvcqgService, LookupService],
  exports: [DvcqgService, LookupService],
})
export class InterchangeModule {}
