import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Caller } from '../auth/api-keys.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { quoteForError } from '../common/text';
import { Unit } from '../units/unit.entity';
import { UnitsService, isWithin } from '../units/units.service';
import { CalendarService } from '../calendar/calendar.service';
import { computeDueAt } from '../calendar/deadlines';
import { WEEKENDS_ONLY } from '../calendar/working-days';
import { Procedure } from '../procedures/procedure.entity';
import { ProcedureFacts, ProcedureLookup, checkRecord } from './dossier-record';
import { DossierWriter } from './dossier-writer';
import { phrase } from '../i18n/refusal-words';
import { AcceptedRecord, IngestResult, PreparedBatch } from './ingest-batch';
import { receivedAfterLastDay, retiredUnitProblem } from './retired-units';
import { historyCarrier } from '../units/unit-successor';

export type { IngestResult, PreparedBatch, RejectedRecord } from './ingest-batch';

export const MAX_RECORDS_PER_REQUEST = 5000;

export interface IngestOptions {
  /** Check and count only; nothing is written. */
  dryRun?: boolean;
  /**
   * A record for a unit outside the key's subtree: `forbid` refuses the whole request (403, the
   * JSON API), `reject` refuses that record only (a file, where the other rows still load).
   */
  outsideScope?: 'forbid' | 'reject';
  /** The units the records name, when the caller has loaded them already (by code). */
  units?: Map<string, Unit>;
}

@Injectable()
export class DossiersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly calendar: CalendarService,
    private readonly writer: DossierWriter,
    private readonly clock: Clock,
  ) {}

  /**
   * docs/figures.md §2 and §6: every record is checked on its own; the valid ones are written in one
   * transaction, so a batch is stored whole or not at all, and the rejected ones are listed
   * with their index, code and every failed field.
   */
  async ingest(records: unknown[], caller: Caller, options: IngestOptions = {}): Promise<IngestResult> {
    return this.commit(await this.prepare(records, caller, options));
  }

  /**
   * The first half of `ingest`, all checks and no writes: a file import prepares its next batch
   * while the database is still writing the previous one.
   */
  async prepare(records: unknown[], caller: Caller, options: IngestOptions = {}): Promise<PreparedBatch> {
    const now = this.clock.now();
    const result: IngestResult = { created: 0, updated: 0, unchanged: 0, stale: 0, rejected: [] };

    const unitsByCode = options.units ?? (await this.units.findByCodes(distinctStrings(records, 'unitCode')));
    const procedures = await this.procedureLookup(records, unitsByCode);
    const checked = records.map((raw, index) => ({ index, check: checkRecord(raw, now, procedures) }));

    const named = new Set(checked.flatMap(({ check }) => (check.ok ? [check.record.unitCode] : [])));
    const outside = [...unitsByCode.values()].filter((unit) => named.has(unit.code) && !mayWrite(caller, unit)).map((unit) => unit.code);
    if (outside.length > 0 && options.outsideScope !== 'reject') {
      const units = outside.sort().join(', ');
      throw new DomainError('forbidden', `this key may not write unit(s): ${units}`, {}, { message: phrase('errors.dossiers.mayNotWrite', { units }) });
    }

    // Who carries a retired unit's history is asked only once a record is refused for it: a file
    // of a retired unit's late updates costs no lookup.
    const heirs = new Map<number, Promise<string | null>>();
    const heirOf = (unit: Unit) => heirs.get(unit.id) ?? heirs.set(unit.id, this.heirOf(unit)).get(unit.id)!;
    const accepted: AcceptedRecord[] = [];
    for (const { index, check } of checked) {
      if (!check.ok) {
        result.rejected.push({ index, code: check.code, errors: check.errors });
        continue;
      }
      const unit = unitsByCode.get(check.record.unitCode);
      if (!unit) {
        result.rejected.push({ index, code: check.record.code, errors: [`unitCode: unit ${quoteForError(check.record.unitCode)} does not exist`] });
        continue;
      }
      if (!mayWrite(caller, unit)) {
        result.rejected.push({ index, code: check.record.code, errors: [`unitCode: this key may not write unit ${quoteForError(unit.code)}`] });
        continue;
      }
      if (receivedAfterLastDay(unit, check.record.receivedAt)) {
        result.rejected.push({ index, code: check.record.code, errors: [retiredUnitProblem(unit, check.record.receivedAt, await heirOf(unit))!] });
        continue;
      }
      accepted.push({ index, record: check.record, unit });
    }
    return { now, result, accepted, dryRun: options.dryRun ?? false };
  }

  /** The code of the unit that carries a retired unit's history now, or null. */
  private async heirOf(unit: Unit): Promise<string | null> {
    const carrier = await historyCarrier(this.dataSource.manager, unit);
    // A line that ends in a retired unit leads nowhere a new dossier could go.
    return carrier !== null && carrier.unit.validTo === null ? carrier.unit.code : null;
  }

  /** The second half, the dossier writer's: compares with what is stored and writes the difference. */
  async commit(batch: PreparedBatch): Promise<IngestResult> {
    return this.writer.writeRecords(batch);
  }

  /**
   * The catalogue entries the records name, and the calendars of their units, loaded once for
   * the batch, for records that leave dueAt to be computed (docs/figures.md §4).
   */
  private async procedureLookup(records: unknown[], unitsByCode: Map<string, Unit>): Promise<ProcedureLookup> {
    const withoutDueAt = records.filter((raw) => isObject(raw) && (raw.dueAt === undefined || raw.dueAt === null || raw.dueAt === ''));
    const codes = distinctStrings(withoutDueAt, 'procedureCode');
    if (codes.length === 0) return () => undefined;
    const found = await this.dataSource.getRepository(Procedure).findBy({ code: In(codes) });
    if (found.length === 0) return () => undefined;
    const calendars = await this.calendar.calendarsFor([...unitsByCode.values()]);
    const byCode = new Map<string, ProcedureFacts>(
      found.map((procedure) => [
        procedure.code,
        {
          name: procedure.name,
          field: procedure.field,
          dueAt: (receivedAt: Date, unitCode: string) => {
            const unit = unitsByCode.get(unitCode);
            const calendar = (unit && calendars.get(unit.id)) || WEEKENDS_ONLY;
            return computeDueAt(receivedAt, procedure.processingDays, calendar);
          },
        },
      ]),
    );
    return (code) => byCode.get(code);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The distinct string values of one property across raw records (before they are checked). */
function distinctStrings(records: unknown[], property: string): string[] {
  const values = new Set<string>();
  for (const raw of records) {
    const value = isObject(raw) ? raw[property] : undefined;
    if (typeof value === 'string' && value.trim() !== '') values.add(value.normalize('NFC').trim());
  }
  return [...values];
}

export function mayWrite(caller: Caller, unit: Unit): boolean {
  return caller.role === 'admin' || (caller.unit !== null && isWithin(unit, caller.unit));
}
