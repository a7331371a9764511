import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { Staff } from '../auth/staff-auth.service';
import { Unit } from '../units/unit.entity';
import { UnitsService, isWithin } from '../units/units.service';
import { UnitNode, unitTree } from './dashboard-view';

/** The units an account may look at: its unit and those below (an admin: all of them). */
export interface Scope {
  staff: Staff;
  nodes: UnitNode[];
}

/**
 * Which units a console page may show an account, and which one a page asks for: one rule for
 * the dashboard's pages and the Decision 766 pages. A unit outside the account's subtree is a
 * 403 whatever the page offered.
 */
@Injectable()
export class ConsoleScope {
  constructor(private readonly units: UnitsService) {}

  async of(staff: Staff): Promise<Scope> {
    if (staff.account.role === 'admin' || !staff.unit) {
      if (staff.account.role !== 'admin') return { staff, nodes: [] };
      const all = await this.units.list();
      return { staff, nodes: all.map((unit) => ({ code: unit.code, name: unit.name, parentCode: unit.parentCode })) };
    }
    const members = await this.units.scope(staff.unit, true);
    const codeById = new Map(members.map((member) => [member.id, member.code]));
    return {
      staff,
      nodes: members.map((member) => ({ code: member.code, name: member.name, parentCode: member.parentId === null ? null : codeById.get(member.parentId) ?? null })),
    };
  }

  /**
   * The unit a page asks for: `?unit=` (404 if unknown, 403 outside the account's subtree), else
   * the account's own unit; an admin without `?unit=` gets the top unit when there is only one.
   */
  async chosenUnit(scope: Scope, raw: unknown): Promise<Unit | null> {
    if (raw !== undefined && raw !== '' && typeof raw !== 'string') throw new BadRequestException('unit: must be given once');
    const { staff } = scope;
    if (typeof raw === 'string' && raw !== '') {
      const unit = await this.units.getByCode(raw);
      if (staff.account.role !== 'admin' && !(staff.unit && isWithin(unit, staff.unit))) {
        throw new ForbiddenException(`this account may not see the unit "${unit.code}"`);
      }
      return unit;
    }
    if (staff.account.role !== 'admin') return staff.unit ? this.units.getByCode(staff.unit.code) : null;
    const roots = scope.nodes.filter((node) => node.parentCode === null);
    return roots.length === 1 ? this.units.getByCode(roots[0].code) : null;
  }

  /** Pages that need one unit (the list, the widget, the scorecard) start at the first top unit of the tree. */
  async firstUnit(scope: Scope): Promise<Unit | null> {
    const first = unitTree(scope.nodes)[0];
    return first ? this.units.getByCode(first.code) : null;
  }
}
