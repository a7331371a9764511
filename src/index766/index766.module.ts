import { Module } from '@nestjs/common';
import { StatsModule } from '../stats/stats.module';
import { UnitsModule } from '../units/units.module';
import { IndicatorDossiersController } from './indicator-dossiers.controller';
import { IndicatorDossiersService } from './indicator-dossiers.service';
import { Index766Controller } from './index766.controller';
import { Index766Service } from './index766.service';

@Module({
  imports: [StatsModule, UnitsModule],
  controllers: [Index766Controller, IndicatorDossiersController],
  providers: [Index766Service, IndicatorDossiersService],
  exports: [Index766Service, IndicatorDossiersService],
})
export class Index766Module {}
