import { Global, Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { DeadlinesService } from '../calendar/deadlines.service';
import { UnitsModule } from '../units/units.module';
import { DeadlineMovesService } from './deadline-moves.service';
import { DossierWriter } from './dossier-writer';

/**
 * The dossier writer, and the deadline moves made through it. Global because calendar/ and
 * procedures/ ask for DeadlinesService (a change of theirs moves deadlines) and stand below
 * dossiers/: they name the abstract class, this module provides it.
 */
@Global()
@Module({
  imports: [UnitsModule, CalendarModule],
  providers: [DossierWriter, DeadlineMovesService, { provide: DeadlinesService, useExisting: DeadlineMovesService }],
  exports: [DossierWriter, DeadlinesService],
})
export class DossierWriterModule {}
