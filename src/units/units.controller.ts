import { BadRequestException, Body, Controller, Get, Param, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiKeyRequired } from '../common/api-key-check';
import { AuditTrail, KeyCaller, keyActor } from '../common/audit-trail';
import { LocalDate } from '../common/local-time';
import { parseBoolean, parseLocalDateParam } from '../common/query-params';
import { ChangeUnitDto, CreateUnitDto, UnitHistoryView, UnitView } from './units.dto';
import { UnitsService, toView } from './units.service';
import { UnitsApi } from './units.api';

@ApiTags('units')
@Controller('api/v1/units')
export class UnitsController {
  constructor(
    private readonly units: UnitsService,
    private readonly audit: AuditTrail,
  ) {}

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
   * Sets or clears (null, "") the unit's agency code, the `madonvi` the DVCQG stream names it by.
   * Admin only, as every other write of the units' identity (create, reorganizations): the code
   * decides which unit a national record lands on, so a unit key does not choose it.
   */
  @Patch(':code')
  @UnitsApi.change()
  @ApiBearerAuth()
  @UseGuards(ApiKeyRequired)
  @AdminOnly()
  async change(@Param('code') code: string, @Body() dto: ChangeUnitDto, @Req() request: { caller: KeyCaller }): Promise<UnitView> {
    const { unit, before } = await this.units.setAgencyCode(code, dto.agencyCode);
    await this.audit.record(keyActor(request.caller), 'agency-code-changed', `${unit.code}: ${before ?? 'none'} → ${unit.agencyCode ?? 'none'}`, unit.id);
    return this.units.viewOf(unit);
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
