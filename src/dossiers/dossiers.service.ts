import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Caller } from '../auth/api-keys.service';
import { Clock } from '../common/clock';
import { localDateOf } from '../common/local-time';
import { Unit } from '../units/unit.entity';
import { UnitsService, isWithin } from '../units/units.service';
import { classifySettled, isSettled } from './classification';
import { CalendarService } from '../calendar/calendar.service';
import { computeDueAt } from '../calendar/deadlines';
import { WEEKENDS_ONLY } from '../calendar/working-days';
import { Procedure } from '../procedures/procedure.entity';
import { DossierRecord, ProcedureFacts, ProcedureLookup, checkRecord } from './dossier-record';
import { Dossier } from './dossier.entity';

export const MAX_RECORDS_PER_REQUEST = 5000;
const WRITE_CHUNK = 500;

export interface RejectedRecord {
  index: number;
  code: string | null;
  errors: string[];
}

export interface IngestResult {
  created: number;
  updated: number;
  unchanged: number;
  stale: number;
  rejected: RejectedRecord[];
}

type StoredState = Pick<Dossier, 'contentHash' | 'sourceUpdatedAt' | 'status' | 'withdrawnAt'> & { exists: true };

/** Columns an upsert overwrites; `id`, `unitId`, `code` and `createdAt` stay as first stored. */
const OVERWRITTEN: (keyof Dossier)[] = [
  'procedureCode', 'procedureName', 'field', 'channel', 'status', 'receivedAt', 'dueAt', 'dueOn', 'dueAtComputed', 'resolvedAt',
  'extendedDueAt', 'withdrawnAt', 'sourceUpdatedAt', 'receivedOn', 'settledOn', 'withdrawnOn', 'timeliness',
  'contentHash', 'updatedAt',
];

@Injectable()
export class DossiersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  /**
   * SPEC §2 and §6: every record is checked on its own; the valid ones are written in one
   * transaction, so a batch is stored whole or not at all, and the rejected ones are listed
   * with their index, code and every failed field.
   */
  async ingest(records: unknown[], caller: Caller): Promise<IngestResult> {
    const now = this.clock.now();
    const result: IngestResult = { created: 0, updated: 0, unchanged: 0, stale: 0, rejected: [] };

    const unitsByCode = await this.units.findByCodes(distinctStrings(records, 'unitCode'));
    const procedures = await this.procedureLookup(records, unitsByCode);
    const checked = records.map((raw, index) => ({ index, check: checkRecord(raw, now, procedures) }));

    const named = new Set(checked.flatMap(({ check }) => (check.ok ? [check.record.unitCode] : [])));
    const outside = [...unitsByCode.values()].filter((unit) => named.has(unit.code) && !mayWrite(caller, unit)).map((unit) => unit.code);
    if (outside.length > 0) {
      throw new ForbiddenException(`this key may not write unit(s): ${outside.sort().join(', ')}`);
    }

    const accepted: { index: number; record: DossierRecord; unit: Unit }[] = [];
    for (const { index, check } of checked) {
      if (!check.ok) {
        result.rejected.push({ index, code: check.code, errors: check.errors });
        continue;
      }
      const unit = unitsByCode.get(check.record.unitCode);
      if (!unit) {
        result.rejected.push({ index, code: check.record.code, errors: [`unitCode: unit "${check.record.unitCode}" does not exist`] });
        continue;
      }
      accepted.push({ index, record: check.record, unit });
    }
    if (accepted.length === 0) return result;

    await this.dataSource.transaction(async (manager) => {
      const stored = await this.loadStoredStates(manager, accepted);
      const rows = new Map<string, Partial<Dossier>>();
      const touchedUnits = new Set<number>();

      // In request order, so a code sent twice in one batch behaves as two requests would.
      for (const { record, unit } of accepted) {
        const key = `${unit.id}\u0000${record.code}`;
        const previous = stored.get(key);
        if (previous && isOlder(record.sourceUpdatedAt, previous.sourceUpdatedAt)) {
          result.stale++;
          continue;
        }
        if (previous && previous.contentHash === record.contentHash) {
          result.unchanged++;
          continue;
        }
        if (previous) result.updated++;
        else result.created++;
        const row = toRow(record, unit.id, previous, now);
        rows.set(key, row);
        stored.set(key, { exists: true, contentHash: row.contentHash!, sourceUpdatedAt: row.sourceUpdatedAt!, status: row.status!, withdrawnAt: row.withdrawnAt! });
        touchedUnits.add(unit.id);
      }

      const pending = [...rows.values()];
      for (let start = 0; start < pending.length; start += WRITE_CHUNK) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(Dossier)
          .values(pending.slice(start, start + WRITE_CHUNK))
          .orUpdate(OVERWRITTEN, ['unitId', 'code'])
          .updateEntity(false)
          .execute();
      }
      await this.units.bumpDataVersion(manager, [...touchedUnits], now);
    });
    return result;
  }

  /**
   * The catalogue entries the records name, and the calendars of their units, loaded once for
   * the batch, for records that leave dueAt to be computed (SPEC §4).
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

  private async loadStoredStates(
    manager: EntityManager,
    accepted: { record: DossierRecord; unit: Unit }[],
  ): Promise<Map<string, StoredState>> {
    const codesByUnit = new Map<number, Set<string>>();
    for (const { record, unit } of accepted) {
      if (!codesByUnit.has(unit.id)) codesByUnit.set(unit.id, new Set());
      codesByUnit.get(unit.id)!.add(record.code);
    }
    const states = new Map<string, StoredState>();
    for (const [unitId, codeSet] of codesByUnit) {
      const codes = [...codeSet];
      for (let start = 0; start < codes.length; start += WRITE_CHUNK) {
        const found = await manager.find(Dossier, {
          select: { code: true, contentHash: true, sourceUpdatedAt: true, status: true, withdrawnAt: true },
          where: { unitId, code: In(codes.slice(start, start + WRITE_CHUNK)) },
        });
        for (const row of found) {
          states.set(`${unitId}\u0000${row.code}`, {
            exists: true,
            contentHash: row.contentHash,
            sourceUpdatedAt: row.sourceUpdatedAt,
            status: row.status,
            withdrawnAt: row.withdrawnAt,
          });
        }
      }
    }
    return states;
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

/** An incoming version is stale only when both sides carry a version time and it is older. */
function isOlder(incoming: Date | null, stored: Date | null): boolean {
  return incoming !== null && stored !== null && incoming.getTime() < stored.getTime();
}

function toRow(record: DossierRecord, unitId: number, previous: StoredState | undefined, now: Date): Partial<Dossier> {
  let withdrawnAt: Date | null = null;
  if (record.status === 'withdrawn') {
    // SPEC §2: without a time, the moment the service first stored the dossier as withdrawn.
    const firstStored = previous?.status === 'withdrawn' ? previous.withdrawnAt : null;
    withdrawnAt = record.withdrawnAt ?? firstStored ?? new Date(Math.max(now.getTime(), record.receivedAt.getTime()));
  }
  const settled = isSettled(record.status) && record.resolvedAt !== null;
  return {
    unitId,
    code: record.code,
    procedureCode: record.procedureCode,
    procedureName: record.procedureName,
    field: record.field,
    channel: record.channel,
    status: record.status,
    receivedAt: record.receivedAt,
    dueAt: record.dueAt,
    dueOn: localDateOf(record.dueAt),
    dueAtComputed: record.dueAtComputed,
    resolvedAt: record.resolvedAt,
    extendedDueAt: record.extendedDueAt,
    withdrawnAt,
    sourceUpdatedAt: record.sourceUpdatedAt,
    receivedOn: localDateOf(record.receivedAt),
    settledOn: settled ? localDateOf(record.resolvedAt!) : null,
    withdrawnOn: withdrawnAt ? localDateOf(withdrawnAt) : null,
    timeliness: settled ? classifySettled(record.resolvedAt!, record.dueAt) : null,
    contentHash: record.contentHash,
    createdAt: now,
    updatedAt: now,
  };
}
