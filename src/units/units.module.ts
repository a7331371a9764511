import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Unit } from './unit.entity';
import { UnitParent, UnitSuccession } from './unit-history.entities';
import { Reorganization, ReorganizationChange } from './reorganization.entities';
import { ReorganizationsController } from './reorganizations.controller';
import { ReorganizationsService } from './reorganizations.service';
import { UnitsController } from './units.controller';
import { UnitsService } from './units.service';

@Module({
  imports: [TypeOrmModule.forFeature([Unit, UnitParent, UnitSuccession, Reorganization, ReorganizationChange])],
  controllers: [UnitsController, ReorganizationsController],
  providers: [UnitsService, ReorganizationsService],
  exports: [UnitsService, ReorganizationsService],
})
export class UnitsModule {}
