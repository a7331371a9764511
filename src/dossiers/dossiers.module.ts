import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../calendar/calendar.module';
import { UnitsModule } from '../units/units.module';
import { Dossier } from './dossier.entity';
import { DossiersController } from './dossiers.controller';
import { DossiersService } from './dossiers.service';
import { OpenDossiersController } from './open-dossiers.controller';
import { OpenDossiersService } from './open-dossiers.service';

@Module({
  imports: [TypeOrmModule.forFeature([Dossier]), UnitsModule, CalendarModule],
  controllers: [DossiersController, OpenDossiersController],
  providers: [DossiersService, OpenDossiersService],
  exports: [DossiersService, OpenDossiersService],
})
export class DossiersModule {}
