import { ForbiddenException, Injectable, Logger, NotFoundException, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Repository } from 'typeorm';
import { Caller } from '../auth/api-keys.service';
import { Clock } from '../common/clock';
import { databaseErrorReason } from '../common/database-errors';
import { retryWhileDatabaseDown } from '../common/database-retry';
import { cutText, textForError } from '../common/text';
import { Unit } from '../units/unit.entity';
import { UnitsService, isWithin } from '../units/units.service';
import { MappingFile } from './column-mapping';
import { ImportCounts, ImportInterruptedError, ImportRunner, RejectedRow, estimateRows } from './import-runner.service';
import { Import, ImportError } from './import.entity';
import { ImportFormat } from './row-readers';

export interface ImportView {
  id: number;
  status: Import['status'];
  fileName: string;
  format: ImportFormat;
  dryRun: boolean;
  unitCode: string | null;
  rowsRead: number;
  rowsExpected: number | null;
  counts: { created: number; updated: number; unchanged: number; stale: number; rejected: number };
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** Uploaded files: queued, run in the background on this instance, and their history per unit. */
/** An import whose batches stopped moving for this long was interrupted (its process stopped). */
export const HEARTBEAT_TIMEOUT_MS = 2 * 60 * 1000;
/**
 * How long the final status of an import (done, failed) keeps being written while the database
 * is away: the run is over, but the desk must see how it ended once the database is back.
 */
const STATUS_WAIT_MS = 60 * 60 * 1000;
/**
 * Rows per batch of a file uploaded to a service on the embedded SQLite. There a batch is written
 * by synchronous calls, holding the event loop some 0.15 ms a row: 500 rows keep /health and the
 * widget answering within some 100–200 ms while a file loads (2,000 held them 300–400 ms at every
 * batch). MySQL's writes wait on the network, not the loop: the runner's 2,000 stay.
 */
export const SQLITE_UPLOAD_BATCH_ROWS = 500;
/** The lengths of the columns (import.entity.ts) that keep an import's file name, refused codes and error. */
const FILE_NAME_LENGTH = 255;
const CODE_LENGTH = 64;
const ERROR_LENGTH = 2000;
/** What the log shows of a failed import's message: its start says what and where. */
const LOGGED_MESSAGE_LENGTH = 500;
const INTERRUPTED =
  'interrupted: the service stopped during the import; every committed batch is kept, load the file again to finish (its rows come back unchanged)';

@Injectable()
export class ImportsService implements OnApplicationShutdown {
  private readonly logger = new Logger(ImportsService.name);
  private readonly running = new Set<Promise<void>>();
  /** The uploaded files of the imports still running here: each is removed however its import ends. */
  private readonly uploads = new Set<string>();
  private readonly stopping = new AbortController();

  constructor(
    @InjectRepository(Import) private readonly imports: Repository<Import>,
    @InjectRepository(ImportError) private readonly errors: Repository<ImportError>,
    private readonly units: UnitsService,
    private readonly runner: ImportRunner,
    private readonly clock: Clock,
  ) {}

  async start(
    caller: Caller,
    file: { path: string; originalName: string; format: ImportFormat },
    options: { unitCode?: string; mapping?: MappingFile; dryRun?: boolean },
  ): Promise<ImportView> {
    const unit = options.unitCode ? await this.units.getByCode(options.unitCode) : caller.unit;
    if (unit && !mayRead(caller, unit)) throw new ForbiddenException(`this key may not load dossiers for "${unit.code}"`);
    const record = await this.imports.save(
      this.imports.create({
        unitId: unit?.id ?? null,
        apiKeyId: caller.keyId || null,
        fileName: cutText(file.originalName, FILE_NAME_LENGTH),
        format: file.format,
        dryRun: options.dryRun ?? false,
        status: 'queued',
        rowsExpected: await estimateRows(file.path, file.format),
        createdAt: this.clock.now(),
        heartbeatAt: this.clock.now(),
      }),
    );
    this.uploads.add(file.path);
    const work = this.execute(record, caller, file.path, { ...options, unitCode: options.unitCode }).finally(() => {
      this.running.delete(work);
      void this.removeUpload(file.path);
    });
    this.running.add(work);
    return this.view(record, unit);
  }

  onApplicationShutdown(): void {
    this.stopping.abort();
    // The process ends before these imports do (they will show as interrupted): their files go now.
    for (const path of this.uploads) rmSync(path, { force: true });
    this.uploads.clear();
  }

  /** Resolves when every import this instance started has finished (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.running]);
  }

  /**
   * Runs the file. If the database goes away, the runner waits for it (IMPORT_DB_WAIT_SECONDS)
   * and goes on by itself; past that, the import ends `failed` with a message naming the batch
   * and lines not stored. The final status is written as soon as the database is back.
   */
  private async execute(record: Import, caller: Caller, path: string, options: { unitCode?: string; mapping?: MappingFile; dryRun?: boolean }): Promise<void> {
    try {
      await this.writeStatus(record, { status: 'running', heartbeatAt: this.clock.now() });
      const batchSize = this.imports.manager.connection.options.type === 'better-sqlite3' ? SQLITE_UPLOAD_BATCH_ROWS : undefined;
      const counts = await this.runner.run(path, record.format, caller, { ...options, batchSize }, {
        progress: (progress: ImportCounts) => this.imports.update(record.id, { ...progress, heartbeatAt: this.clock.now() }).then(() => undefined),
        rejected: (rows: RejectedRow[]) =>
          this.errors
            .insert(rows.map((row) => ({ importId: record.id, line: row.line, code: row.code === null ? null : cutText(row.code, CODE_LENGTH), errors: row.errors.join('\n') })))
            .then(() => undefined),
      });
      // Removed before the end is shown: whoever sees `done` or `failed` finds the file gone.
      await this.removeUpload(path);
      await this.writeStatus(record, { ...counts, status: 'done', finishedAt: this.clock.now() });
    } catch (error) {
      await this.removeUpload(path);
      const message = error instanceof Error ? error.message : String(error);
      // Capped and escaped: a message may quote what the file holds.
      this.logger.warn(`import ${record.id} (${textForError(record.fileName)}) failed: ${textForError(message, LOGGED_MESSAGE_LENGTH)}`);
      // An interrupted run knows exactly what its committed batches counted.
      const counts = error instanceof ImportInterruptedError ? error.counts : {};
      await this.writeStatus(record, { ...counts, status: 'failed', error: cutText(message, ERROR_LENGTH), finishedAt: this.clock.now() }).catch((failure: unknown) =>
        this.logger.error(`import ${record.id}: could not record its end (${databaseErrorReason(failure)})`),
      );
    }
  }

  private async removeUpload(path: string): Promise<void> {
    this.uploads.delete(path);
    await rm(path, { force: true }).catch((error: unknown) => this.logger.error(`could not remove the uploaded file ${path}: ${String(error)}`));
  }

  private writeStatus(record: Import, changes: Partial<Import>): Promise<void> {
    return retryWhileDatabaseDown(() => this.imports.update(record.id, changes).then(() => undefined), { waitMs: STATUS_WAIT_MS, signal: this.stopping.signal });
  }

  async get(caller: Caller, id: number): Promise<ImportView & { rejectedRows: RejectedRow[] }> {
    const { record, unit } = await this.readable(caller, id);
    const rejectedRows = await this.rejectedRows(id, 100);
    return { ...this.view(record, unit), rejectedRows };
  }

  async rejectedRows(id: number, limit?: number): Promise<RejectedRow[]> {
    const rows = await this.errors.find({ where: { importId: id }, order: { line: 'ASC', id: 'ASC' }, ...(limit ? { take: limit } : {}) });
    return rows.map((row) => ({ line: row.line, code: row.code, errors: row.errors.split('\n') }));
  }

  async readable(caller: Caller, id: number): Promise<{ record: Import; unit: Unit | null }> {
    const record = Number.isInteger(id) ? await this.imports.findOneBy({ id }) : null;
    if (!record) throw new NotFoundException(`import ${id} does not exist`);
    const unit = record.unitId === null ? null : await this.units.findById(record.unitId);
    const allowed = caller.role === 'admin' || (unit !== null && mayRead(caller, unit)) || (record.apiKeyId !== null && record.apiKeyId === caller.keyId);
    if (!allowed) throw new NotFoundException(`import ${id} does not exist`);
    return { record, unit };
  }

  /** The imports of a unit and the units below it, newest first. */
  async history(caller: Caller, unitCode: string | undefined, limit = 50): Promise<ImportView[]> {
    const unit = unitCode ? await this.units.getByCode(unitCode) : caller.unit;
    if (unit && !mayRead(caller, unit)) throw new ForbiddenException(`this key may not read the imports of "${unit.code}"`);
    const scope = unit ? await this.units.scope(unit, true) : null;
    const builder = this.imports.createQueryBuilder('i').orderBy('i.createdAt', 'DESC').addOrderBy('i.id', 'DESC').take(limit);
    if (scope) builder.where('i.unitId IN (:...ids)', { ids: scope.map((member) => member.id) });
    const rows = await builder.getMany();
    // An admin's history spans every unit: look up only the units its rows name.
    const members = scope ?? (await Promise.all([...new Set(rows.map((row) => row.unitId).filter((id): id is number => id !== null))].map((id) => this.units.findById(id))));
    const byId = new Map(members.filter((member): member is Unit => member !== null).map((member) => [member.id, member]));
    return rows.map((row) => this.view(row, row.unitId === null ? null : byId.get(row.unitId) ?? null));
  }

  private view(record: Import, unit: Unit | null): ImportView {
    // Any instance may answer for an import another one ran: a silent heartbeat means it died.
    const interrupted =
      (record.status === 'queued' || record.status === 'running') &&
      this.clock.now().getTime() - record.heartbeatAt.getTime() > HEARTBEAT_TIMEOUT_MS;
    return {
      id: record.id,
      status: interrupted ? 'failed' : record.status,
      fileName: record.fileName,
      format: record.format,
      dryRun: record.dryRun,
      unitCode: unit?.code ?? null,
      rowsRead: record.rowsRead,
      rowsExpected: record.rowsExpected,
      counts: { created: record.created, updated: record.updated, unchanged: record.unchanged, stale: record.stale, rejected: record.rejected },
      error: interrupted ? INTERRUPTED : record.error,
      createdAt: record.createdAt.toISOString(),
      finishedAt: record.finishedAt ? record.finishedAt.toISOString() : null,
    };
  }
}

function mayRead(caller: Caller, unit: Unit): boolean {
  return caller.role === 'admin' || (caller.unit !== null && isWithin(unit, caller.unit));
}
