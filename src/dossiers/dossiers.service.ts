import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { instantOf, isSqlite, sqlValue, upsertRows } from '../database/sql';
import { Caller } from '../auth/api-keys.service';
import { Clock } from '../common/clock';
import { localDateOf } from '../common/local-time';
import { quoteForError } from '../common/text';
import { Unit } from '../units/unit.entity';
import { UnitsService, isWithin } from '../units/units.service';
import { classifySettled, isSettled } from './classification';
import { CalendarService } from '../calendar/calendar.service';
import { computeDueAt } from '../calendar/deadlines';
import { WEEKENDS_ONLY } from '../calendar/working-days';
import { Procedure } from '../procedures/procedure.entity';
import { DossierRecord, ProcedureFacts, ProcedureLookup, checkRecord } from './dossier-record';
import { Dossier } from './dossier.entity';
import { RollupDelta, RollupFacts } from '../stats/rollups';
import { FACT_COLUMNS, applyRollupDelta, factsOf, lockUnits } from '../stats/rollup-store';

export const MAX_RECORDS_PER_REQUEST = 5000;
const READ_CHUNK = 2000;

export interface RejectedRecord {
  index: number;
  code: string | null;
  errors: string[];
}

export interface IngestOptions {
  /** Check and count only; nothing is written. */
  dryRun?: boolean;
  /**
   * A record for a unit outside the key's subtree: `forbid` refuses the whole request (403, the
   * JSON API), `reject` refuses that record only (a file, where the other rows still load).
   */
  outsideScope?: 'forbid' | 'reject';
}

interface AcceptedRecord {
  index: number;
  record: DossierRecord;
  unit: Unit;
}

/** Records checked and ready to be written (see DossiersService.prepare). */
export interface PreparedBatch {
  now: Date;
  result: IngestResult;
  accepted: AcceptedRecord[];
  dryRun: boolean;
}

export interface IngestResult {
  created: number;
  updated: number;
  unchanged: number;
  stale: number;
  rejected: RejectedRecord[];
}

type StoredState = Pick<Dossier, 'contentHash' | 'sourceUpdatedAt' | 'status' | 'withdrawnAt'> & {
  exists: true;
  /** What the stored version contributes to the rollups. */
  facts: RollupFacts;
};

/** Columns an upsert overwrites; `id`, `unitId`, `code` and `createdAt` stay as first stored. */
const OVERWRITTEN: (keyof Dossier)[] = [
  'procedureCode', 'procedureName', 'field', 'channel', 'status', 'receivedAt', 'dueAt', 'dueOn', 'dueAtComputed', 'resolvedAt',
  'extendedDueAt', 'withdrawnAt', 'sourceUpdatedAt', 'receivedOn', 'settledOn', 'withdrawnOn', 'timeliness',
  'contentHash', 'updatedAt',
];
/** Every column a new row is written with. */
const WRITTEN: (keyof Dossier)[] = ['unitId', 'code', 'createdAt', ...OVERWRITTEN];

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

    const unitsByCode = await this.units.findByCodes(distinctStrings(records, 'unitCode'));
    const procedures = await this.procedureLookup(records, unitsByCode);
    const checked = records.map((raw, index) => ({ index, check: checkRecord(raw, now, procedures) }));

    const named = new Set(checked.flatMap(({ check }) => (check.ok ? [check.record.unitCode] : [])));
    const outside = [...unitsByCode.values()].filter((unit) => named.has(unit.code) && !mayWrite(caller, unit)).map((unit) => unit.code);
    if (outside.length > 0 && options.outsideScope !== 'reject') {
      throw new ForbiddenException(`this key may not write unit(s): ${outside.sort().join(', ')}`);
    }

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
      accepted.push({ index, record: check.record, unit });
    }
    return { now, result, accepted, dryRun: options.dryRun ?? false };
  }

  /** The second half: in one transaction, compares with what is stored and writes the difference. */
  async commit(batch: PreparedBatch): Promise<IngestResult> {
    const { now, result, accepted } = batch;
    if (accepted.length === 0) return result;

    const write = async (manager: EntityManager) => {
      // First, so that a writer of the same units on another instance goes before or after us.
      if (!batch.dryRun) await lockUnits(manager, accepted.map(({ unit }) => unit.id));
      const stored = await this.loadStoredStates(manager, accepted);
      const rows = new Map<string, Partial<Dossier>>();
      const touchedUnits = new Set<number>();
      const rollups = new RollupDelta();

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
        const facts = factsOf(row);
        if (previous) rollups.remove(unit.id, previous.facts);
        rollups.add(unit.id, facts);
        stored.set(key, { exists: true, contentHash: row.contentHash!, sourceUpdatedAt: row.sourceUpdatedAt!, status: row.status!, withdrawnAt: row.withdrawnAt!, facts });
        touchedUnits.add(unit.id);
      }

      if (batch.dryRun) return;
      const pending = [...rows.values()] as Record<string, unknown>[];
      await upsertRows(manager, 'dossiers', WRITTEN, ['unitId', 'code'], OVERWRITTEN, pending);
      await applyRollupDelta(manager, rollups);
      await this.units.bumpDataVersion(manager, [...touchedUnits], now);
    };
    // A dry run reads what is stored to tell created from updated, and writes nothing.
    if (batch.dryRun) await write(this.dataSource.manager);
    else await this.dataSource.transaction(write);
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

  private async loadStoredStates(manager: EntityManager, accepted: AcceptedRecord[]): Promise<Map<string, StoredState>> {
    const codesByUnit = new Map<number, Set<string>>();
    for (const { record, unit } of accepted) {
      if (!codesByUnit.has(unit.id)) codesByUnit.set(unit.id, new Set());
      codesByUnit.get(unit.id)!.add(record.code);
    }
    const states = new Map<string, StoredState>();
    const sqlite = isSqlite(manager);
    const remember = (row: Record<string, unknown>) =>
      states.set(`${Number(row.unitId)}\u0000${String(row.code)}`, {
        exists: true,
        contentHash: String(row.contentHash),
        sourceUpdatedAt: instantOf(row.sourceUpdatedAt as Date | string | null),
        status: row.status as Dossier['status'],
        withdrawnAt: instantOf(row.withdrawnAt as Date | string | null),
        facts: factsOf(row),
      });
    const columns = `unitId, code, contentHash, sourceUpdatedAt, withdrawnAt, ${FACT_COLUMNS.join(', ')}`;
    if (!sqlite) {
      // One statement for a batch spread over many units (a province's system sends them mixed):
      // MySQL and MariaDB read `(unitId, code) IN (…)` as ranges of the unique index.
      const pairs = [...codesByUnit].flatMap(([unitId, codes]) => [...codes].map((code) => [unitId, code] as const));
      for (let start = 0; start < pairs.length; start += READ_CHUNK) {
        const chunk = pairs.slice(start, start + READ_CHUNK);
        const found: Record<string, unknown>[] = await manager.query(
          `SELECT ${columns} FROM dossiers WHERE (unitId, code) IN (${chunk.map(() => '(?, ?)').join(', ')})`,
          chunk.flat(),
        );
        found.forEach(remember);
      }
      return states;
    }
    for (const [unitId, codeSet] of codesByUnit) {
      const codes = [...codeSet];
      for (let start = 0; start < codes.length; start += READ_CHUNK) {
        const chunk = codes.slice(start, start + READ_CHUNK);
        const found: Record<string, unknown>[] = await manager.query(
          `SELECT ${columns} FROM dossiers WHERE unitId = ? AND code IN (${chunk.map(() => '?').join(', ')})`,
          [unitId, ...chunk.map((code) => sqlValue(code, sqlite))],
        );
        found.forEach(remember);
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
    // Never before the receipt, though an update may have moved the receipt later.
    const stored = previous?.status === 'withdrawn' ? previous.withdrawnAt : null;
    const firstStored = stored && stored.getTime() >= record.receivedAt.getTime() ? stored : null;
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
