import { Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleGuard } from './console.guard';

/** Dashboard, open dossiers, widget settings (filled in by the console pages work). */
@ApiExcludeController()
@Controller('admin')
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleExceptionFilter)
export class DashboardPagesController {}
