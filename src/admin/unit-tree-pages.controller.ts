import { Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Clock } from '../common/clock';
import { formatLocalDate, localDateOf } from '../common/local-time';
import { parseBoolean, parseLocalDateParam } from '../common/query-params';
import { lookup, t } from '../i18n/i18n';
import { UnitsService } from '../units/units.service';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleGuard, ConsoleRequest, ConsoleRole } from './console.guard';
import { ConsoleViews } from './console-views';
import { pageLang, sendPage } from './work-pages.support';

/** One step of the tree's indent: no-break spaces, as the console's policy allows no inline style. */
const INDENT = '\u00a0\u00a0\u00a0\u00a0';

/**
 * The unit tree as it stood on a chosen day (today unless asked), indented by parent; on request
 * the units that had retired by then too, marked, with who carries their history.
 */
@ApiExcludeController()
@Controller('admin/units/tree')
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleExceptionFilter)
export class UnitTreePagesController {
  constructor(
    private readonly units: UnitsService,
    private readonly views: ConsoleViews,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ConsoleRole('admin')
  async page(@Req() request: ConsoleRequest, @Res() response: Response, @Query('at') at?: string, @Query('retired') retired?: string): Promise<void> {
    const lang = pageLang(request, response);
    const day = parseLocalDateParam(at, 'at') ?? localDateOf(this.clock.now());
    const withRetired = parseBoolean(retired, 'retired', false);
    const tree = await this.units.treeAt(day);
    const depth = new Map<string, number>();
    const rows = tree.map((unit) => {
      const level = unit.parentCode === null ? 0 : (depth.get(unit.parentCode) ?? 0) + 1;
      depth.set(unit.code, level);
      return { ...unit, indentText: INDENT.repeat(level), levelLabel: lookup(lang, `work.level_${unit.level}`) ?? unit.level, since: unit.validFrom ? formatLocalDate(unit.validFrom) : null, retired: false, carriedBy: null };
    });
    const gone = !withRetired
      ? []
      : (await this.units.allUnits())
          .filter((unit) => unit.validTo !== null && unit.validTo < day)
          .map((unit) => ({
            ...unit,
            indentText: '',
            levelLabel: lookup(lang, `work.level_${unit.level}`) ?? unit.level,
            since: unit.validFrom ? formatLocalDate(unit.validFrom) : null,
            retired: true,
            lastDayLine: t(lang, 'work.unitTreeRetired', { day: formatLocalDate(unit.validTo!) }),
            carriedBy: unit.successors.filter((next) => next.carriesHistory).map((next) => next.code).join(', ') || null,
          }));
    sendPage(this.views, request, response, 'unit-tree', { day, dayShown: formatLocalDate(day), withRetired, rows: [...rows, ...gone] }, { title: 'unitTree', current: 'settings', lang });
  }
}
