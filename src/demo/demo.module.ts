import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module';
import { UnitsModule } from '../units/units.module';
import { DemoService } from './demo.service';

@Module({
  imports: [UnitsModule, DossiersModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
