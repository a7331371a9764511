import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller } from '../auth/api-keys.service';
import { Clock } from '../common/clock';
import { localDateOf } from '../common/local-time';
import { quoteForError } from '../common/text';
import { isSqlite, sqlValue } from '../database/sql';
import { EventBatchItem } from '../dossiers/dossier-events';
import { DossierWriter } from '../dossiers/dossier-writer';
import { DossiersService, MAX_RECORDS_PER_REQUEST, mayWrite } from '../dossiers/dossiers.service';
import { AgencyUnits } from './agency-units';
import { Unit } from '../units/unit.entity';
import { DossiersResult, DvcqgAnswer, ProgressResult, RefusedItem, answerFor, badEnvelope } from './dvcqg-answer';
import { MappedDossier, inDvcqgNames, mapDossier } from './dvcqg-dossier';
import { mapProgressRow } from './dvcqg-progress';
import { LookupService } from './lookup.service';
import { lookupJson } from './lookup-view';

/** Codes one TraCuuHoSo envelope may ask about. */
export const MAX_LOOKUPS = 100;

export const DVCQG_SERVICES = ['DongBoHoSoMC', 'CapNhatTienDoHoSoMC', 'TraCuuHoSo'] as const;

interface Envelope {
  madonvi: string | null;
  service: (typeof DVCQG_SERVICES)[number];
  data: unknown[];
}

/**
 * The national interchange (docs/figures.md §10): the envelope and its three services, mapped
 * onto the one ingest path (DossiersService → DossierWriter) so a dossier sent as DVCQG and the
 * same dossier sent as our record are the same stored row.
 */
@Injectable()
export class DvcqgService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dossiers: DossiersService,
    private readonly writer: DossierWriter,
    private readonly lookup: LookupService,
    private readonly clock: Clock,
  ) {}

  async handle(body: unknown, caller: Caller): Promise<DvcqgAnswer> {
    const envelope = readEnvelope(body);
    if (typeof envelope === 'string') return badEnvelope(envelope);
    if (envelope.service === 'DongBoHoSoMC') return answerFor(await this.syncDossiers(envelope, caller));
    if (envelope.service === 'CapNhatTienDoHoSoMC') return answerFor(await this.syncProgress(envelope, caller));
    return this.lookUp(envelope);
  }

  private async syncDossiers({ madonvi, data }: Envelope, caller: Caller): Promise<DossiersResult> {
    const result: DossiersResult = { received: data.length, created: 0, updated: 0, unchanged: 0, stale: 0, skipped: 0, rejected: [], warnings: [], steps: { created: 0, updated: 0, unchanged: 0 } };
    const now = this.clock.now();
    const mapped = data.map((raw) => mapDossier(raw, madonvi, now));
    const units = await AgencyUnits.load(this.dataSource.manager, mapped.flatMap((item) => (item.kind === 'record' ? item.agencies : [])));
    const records: Record<string, unknown>[] = [];
    const origin: number[] = [];
    const roundsListed = new Set<number>();
    const chosen = new Map<string, Unit>();
    const steps: NonNullable<Parameters<DossiersService['commit']>[0]['steps']> = [];
    mapped.forEach((item: MappedDossier, index) => {
      if (item.kind === 'skipped') return void result.skipped++;
      if (item.kind === 'refused') return void result.rejected.push({ index, code: item.code, errors: item.errors });
      const unit = units.unitFor(item.agencies, item.receivedOn);
      if (!unit) return void result.rejected.push({ index, code: item.code, errors: [unknownAgency(item.agencies)] });
      if (item.warnings.length > 0) result.warnings.push({ index, code: item.code, warnings: item.warnings });
      for (const event of item.events) steps.push({ forIndex: records.length, step: { dossierCode: item.code, event } });
      if (item.roundsListed) roundsListed.add(records.length);
      origin.push(index);
      item.record.unitCode = unit.code;
      records.push(item.record);
      chosen.set(unit.code, unit);
    });
    // The units are known already: the ingest need not look them up again.
    const batch = await this.dossiers.prepare(records, caller, { outsideScope: 'reject', units: chosen });
    batch.steps = steps;
    batch.roundsListed = roundsListed;
    const written = await this.dossiers.commit(batch);
    for (const key of ['created', 'updated', 'unchanged', 'stale'] as const) result[key] = written[key];
    for (const refused of written.rejected) {
      result.rejected.push({ index: origin[refused.index], code: refused.code, errors: refused.errors.map(inDvcqgNames) });
    }
    result.rejected.sort((a, b) => a.index - b.index);
    if (batch.stepCounts) result.steps = batch.stepCounts;
    return result;
  }

  private async syncProgress({ madonvi, data }: Envelope, caller: Caller): Promise<ProgressResult> {
    const rejected: RefusedItem[] = [];
    const now = this.clock.now();
    const mapped = data.map((raw) => mapProgressRow(raw, madonvi, now));
    const units = await AgencyUnits.load(this.dataSource.manager, mapped.flatMap((item) => (item.kind === 'step' ? item.agencies : [])));
    const items: EventBatchItem[] = [];
    const holding = await this.dossierHolders(mapped, units);
    mapped.forEach((item, index) => {
      if (item.kind === 'refused') return void rejected.push({ index, code: item.code, errors: item.errors });
      // The step belongs where its dossier is; a step before its dossier, to the unit of its day.
      const unit = holding.get(index) ?? units.unitFor(item.agencies, localDateOf(item.event.at));
      if (!unit) return void rejected.push({ index, code: item.code, errors: [unknownAgency(item.agencies)] });
      if (!mayWrite(caller, unit)) return void rejected.push({ index, code: item.code, errors: [`madonvi: this key may not write unit ${quoteForError(unit.code)}`] });
      items.push({ unitId: unit.id, dossierCode: item.code, event: item.event });
    });
    // Under the units' locks: a step that opens or closes a supplement round moves 2.1.
    const counts = await this.writer.writeSteps(items, now);
    return { received: data.length, ...counts, waitingForDossier: await this.notHereYet(items), rejected };
  }

  /**
   * For steps whose agency code passed between units (a retired unit's code taken on by its
   * successor), the unit that holds the dossier: the step's own day would put a late step of an
   * old dossier with the successor, apart from its dossier.
   */
  private async dossierHolders(mapped: ReturnType<typeof mapProgressRow>[], units: AgencyUnits): Promise<Map<number, Unit>> {
    const asked = mapped.flatMap((item, index) => {
      if (item.kind !== 'step') return [];
      const list = units.holdersOf(item.agencies);
      return list.length > 1 ? [{ index, code: item.code, units: list }] : [];
    });
    const found = await this.storedDossiers(asked.flatMap(({ code, units: list }) => list.map((unit) => ({ unitId: unit.id, dossierCode: code }))));
    const holders = new Map<number, Unit>();
    for (const { index, code, units: list } of asked) {
      const holder = list.find((unit) => found.has(`${unit.id}\u0000${code}`));
      if (holder) holders.set(index, holder);
    }
    return holders;
  }

  /** Steps whose dossier is not stored: kept (keyed by unit and code), counted in the answer. */
  private async notHereYet(items: EventBatchItem[]): Promise<number> {
    const found = await this.storedDossiers(items);
    return items.filter((item) => !found.has(`${item.unitId}\u0000${item.dossierCode}`)).length;
  }

  /** Which of these (unit, code) pairs are stored dossiers, as `unitId\u0000code`. */
  private async storedDossiers(pairs: readonly { unitId: number; dossierCode: string }[]): Promise<Set<string>> {
    const distinct = [...new Map(pairs.map((pair) => [`${pair.unitId}\u0000${pair.dossierCode}`, pair])).values()];
    const sqlite = isSqlite(this.dataSource.manager);
    const found = new Set<string>();
    for (let start = 0; start < distinct.length; start += 500) {
      const chunk = distinct.slice(start, start + 500);
      const rows: { unitId: number; code: string }[] = await this.dataSource.query(
        `SELECT unitId, code FROM dossiers WHERE ${chunk.map(() => '(unitId = ? AND code = ?)').join(' OR ')}`,
        chunk.flatMap((pair) => [pair.unitId, sqlValue(pair.dossierCode, sqlite)]),
      );
      for (const row of rows) found.add(`${Number(row.unitId)}\u0000${row.code}`);
    }
    return found;
  }

  private async lookUp({ data }: Envelope): Promise<DvcqgAnswer> {
    // A lookup is a citizen's question: a sender asks a few at a time, never a province's list.
    if (data.length > MAX_LOOKUPS) return badEnvelope(`data: at most ${MAX_LOOKUPS} codes to look up per request (got ${data.length})`);
    const results: unknown[] = [];
    for (const [index, item] of data.entries()) {
      const code = typeof item === 'string' ? item : item && typeof item === 'object' ? (item as Record<string, unknown>).MaHoSo : undefined;
      if (typeof code !== 'string' || code.trim() === '') return badEnvelope(`data[${index}].MaHoSo: is required (the dossier code to look up)`);
      // The citizen lookup's answer (no personal data, the same "not found" for every unknown code).
      const found = await this.lookup.lookup(code.trim());
      results.push(found ? { found: true, ...lookupJson(found, 'vi') } : { found: false, message: 'Không tìm thấy hồ sơ' });
    }
    return { error_code: 0, message: 'Thành công', result: results };
  }
}

function readEnvelope(body: unknown): Envelope | string {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'the body must be a JSON envelope {session, madonvi, service, isUpdating, data}';
  const given = body as Record<string, unknown>;
  if (typeof given.service !== 'string' || given.service.trim() === '') return `service: is required, one of ${DVCQG_SERVICES.join(', ')}`;
  const service = given.service.trim();
  if (!(DVCQG_SERVICES as readonly string[]).includes(service)) return `service: ${quoteForError(service)} is not a service of this endpoint (one of ${DVCQG_SERVICES.join(', ')})`;
  if (given.madonvi !== undefined && given.madonvi !== null && typeof given.madonvi !== 'string') return 'madonvi: must be the agency code, a string';
  if (given.isUpdating !== undefined && !isUpdatingFlag(given.isUpdating)) return 'isUpdating: must be "True" or "False"';
  let data = given.data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) data = [data];
  if (!Array.isArray(data)) return 'data: is required, a list of records';
  if (data.length > MAX_RECORDS_PER_REQUEST) return `data: at most ${MAX_RECORDS_PER_REQUEST} records per request (got ${data.length}); send them in several requests`;
  const madonvi = typeof given.madonvi === 'string' && given.madonvi.trim() !== '' ? given.madonvi.trim().toUpperCase() : null;
  return { madonvi, service: service as Envelope['service'], data };
}

/** "True", "False" (any case, or empty) or a JSON boolean; never String() of an object, which may throw ({"toString": 1}). */
function isUpdatingFlag(value: unknown): boolean {
  if (typeof value === 'boolean') return true;
  return typeof value === 'string' && ['true', 'false', ''].includes(value.toLowerCase());
}

function unknownAgency(agencies: readonly string[]): string {
  if (agencies.length === 0) return 'madonvi: is required (the agency code of the unit), or a MaHoSo of the form <agency>-YYMMDD-XXXX';
  const named = agencies.map((agency) => quoteForError(agency)).join(' nor ');
  return `madonvi: no unit has the agency code ${named}; set it on the unit (the console's unit page, or PATCH /api/v1/units/{code})`;
}
