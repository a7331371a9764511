import { Module } from '@nestjs/common';
import { LookupController } from './lookup.controller';
import { LookupService } from './lookup.service';

/**
 * The national interchange (docs/figures.md §10): for now the citizen lookup, which the DVCQG
 * envelope's `TraCuuHoSo` answers with too.
 */
@Module({
  controllers: [LookupController],
  providers: [LookupService],
  exports: [LookupService],
})
export class InterchangeModule {}
