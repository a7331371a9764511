import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DossiersModule } from '../dossiers/dossiers.module';
import { UnitsModule } from '../units/units.module';
import { ImportRunner } from './import-runner.service';
import { Import, ImportError } from './import.entity';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({
  imports: [TypeOrmModule.forFeature([Import, ImportError]), DossiersModule, UnitsModule],
  controllers: [ImportsController],
  providers: [ImportRunner, ImportsService],
  exports: [ImportRunner, ImportsService],
})
export class ImportsModule {}
