import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../calendar/calendar.module';
import { UnitsModule } from '../units/units.module';
import { Dossier } from './dossier.entity';
import { DossierWriterModule } from './dossier-writer.module';
import { DossiersController } from './dossiers.controller';
import { DossiersService } from './dossiers.service';
import { OpenDossiersController } from './open-dossiers.controller';
import { OpenDossiersService } from './open-dossiers.service';
import { RollupsService } from './rollups/rollups.service';
import { DossierEventsService } from './dossier-events';
import { DossierViewService } from './dossier-view.service';

@Module({
  imports: [TypeOrmModule.forFeature([Dossier]), UnitsModule, CalendarModule, DossierWriterModule],
  controllers: [DossiersController, OpenDossiersController],
  providers: [DossiersService, OpenDossiersService, RollupsService, DossierEventsService, DossierViewService],
  exports: [DossiersService, OpenDossiersService, RollupsService, DossierEventsService],
})
export class DossiersModule {}
