import { Body, Controller, Get, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiKeyRequired } from '../common/api-key-check';
import { CreateUnitDto, UnitView } from './units.dto';
import { UnitsService, toView } from './units.service';

@ApiTags('units')
@Controller('api/v1/units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Post()
  @ApiBearerAuth()
  @UseGuards(ApiKeyRequired)
  @AdminOnly()
  async create(@Body() dto: CreateUnitDto): Promise<UnitView> {
    const unit = await this.units.create(dto);
    return toView(unit, dto.parentCode ?? null);
  }

  /** Public: the tree is what the widget and the stats are addressed by. */
  @Get()
  async list(): Promise<{ units: UnitView[] }> {
    return { units: await this.units.list() };
  }
}
