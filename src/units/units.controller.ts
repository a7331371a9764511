import { BadRequestException, Body, Controller, Get, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiKeyRequired } from '../common/api-key-check';
import { LocalDate } from '../common/local-time';
import { parseBoolean, parseLocalDateParam } from '../common/query-params';
import { CreateUnitDto, UnitHistoryView, UnitView } from './units.dto';
import { UnitsService, toView } from './units.service';
import { UnitsApi } from './units.api';

@ApiTags('units')
@Controller('api/v1/units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Post()
  @ApiBearerAuth()
  @UseGuards(ApiKeyRequired)
  @AdminOnly()
  @UnitsApi.create()
  async create(@Body() dto: CreateUnitDto): Promise<UnitView> {
    const unit = await this.units.create(dto);
    return toView(unit, dto.parentCode ?? null);
  }

  /**
   * Public: the tree is what the widget and the stats are addressed by. `?at=` gives the tree as
   * it stood that day (default today); `?all=true` every unit there ever was, with its history.
   */
  @Get()
  @UnitsApi.list()
  async list(@Query('at') at?: unknown, @Query('all') all?: unknown): Promise<{ at: LocalDate; units: UnitView[] } | { units: UnitHistoryView[] }> {
    const everyUnit = parseBoolean(all, 'all', false);
    const day = parseLocalDateParam(at, 'at');
    if (everyUnit) {
      if (day !== undefined) throw new BadRequestException('at: cannot be given with all=true, which lists every unit of every day');
      return { units: await this.units.allUnits() };
    }
    const date = day ?? this.units.today();
    return { at: date, units: await this.units.treeAt(date) };
  }
}
