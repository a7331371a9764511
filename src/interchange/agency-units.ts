import { EntityManager, In } from 'typeorm';
import { LocalDate } from '../common/local-time';
import { Unit } from '../units/unit.entity';
import { isValidOn } from '../units/unit-timeline';

/**
 * The units the DVCQG stream names by agency code (`madonvi`, or the agency part of MaHoSo). A
 * code belongs to one unit on any day (units/unit-rules.ts), but may have passed from a retired
 * unit to its successor: the record's day decides.
 */
export class AgencyUnits {
  private constructor(private readonly byAgency: Map<string, Unit[]>) {}

  static async load(manager: EntityManager, agencies: Iterable<string>): Promise<AgencyUnits> {
    const codes = [...new Set([...agencies].map((agency) => agency.trim().toUpperCase()))].filter((code) => code !== '');
    const byAgency = new Map<string, Unit[]>();
    for (let start = 0; start < codes.length; start += 1000) {
      const units = await manager.find(Unit, { where: { agencyCode: In(codes.slice(start, start + 1000)) } });
      for (const unit of units) byAgency.set(unit.agencyCode!, [...(byAgency.get(unit.agencyCode!) ?? []), unit]);
    }
    return new AgencyUnits(byAgency);
  }

  /**
   * The unit of the first agency that names one: the one whose span holds `day`; else, when the
   * code passed between units, the last to have held it (a retired unit's record is then refused
   * by the ingest's own rule, naming where its history went).
   */
  unitFor(agencies: readonly string[], day: LocalDate | null): Unit | null {
    const units = this.holdersOf(agencies);
    if (units.length === 0) return null;
    const onDay = day === null ? undefined : units.find((unit) => isValidOn(unit, day));
    return onDay ?? [...units].sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? '')).at(-1)!;
  }

  /** Every unit that ever held the first of `agencies` that names one (more than one when the code passed on). */
  holdersOf(agencies: readonly string[]): Unit[] {
    for (const agency of agencies) {
      const units = this.byAgency.get(agency.trim().toUpperCase());
      if (units && units.length > 0) return units;
    }
    return [];
  }
}
