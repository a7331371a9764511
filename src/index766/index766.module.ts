import { Module } from '@nestjs/common';
import { StatsModule } from '../stats/stats.module';
import { Index766Controller } from './index766.controller';
import { Index766Service } from './index766.service';

@Module({
  imports: [StatsModule],
  controllers: [Index766Controller],
  providers: [Index766Service],
  exports: [Index766Service],
})
export class Index766Module {}
