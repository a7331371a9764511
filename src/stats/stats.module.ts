import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { StatsController } from './stats.controller';
import { RollupsService } from './rollups.service';
import { StatsService } from './stats.service';

@Module({
  imports: [UnitsModule],
  controllers: [StatsController],
  providers: [StatsService, RollupsService],
  exports: [StatsService, RollupsService],
})
export class StatsModule {}
