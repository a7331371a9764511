import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module';
import { DvcqgController } from './dvcqg.controller';
import { DossierLookup, DvcqgService } from './dvcqg.service';

@Module({
  imports: [DossiersModule],
  controllers: [DvcqgController],
  providers: [DvcqgService, { provide: DossierLookup, useValue: { answer: async () => null } }],
  exports: [DvcqgService],
})
export class DvcqgModule {}
