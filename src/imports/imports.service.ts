import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { In, Repository } from 'typeorm';
import { Caller } from '../auth/api-keys.service';
import { Clock } from '../common/clock';
import { databaseErrorReason } from '../common/database-errors';
import { retryWhileDatabaseDown } from '../common/database-retry';
import { cutText, quoteForError, textForError } from '../common/text';
import { EnvironmentVariables } from '../config/configuration';
import { Unit } from '../units/unit.entity';
import { UnitsService, isWithin } from '../units/units.service';
import { MappingFile } from './mapping-file';
import { ImportQueue } from './import-queue';
import { ImportCounts, ImportInterruptedError, ImportRunner, RejectedRow, estimateRows } from './import-runner.service';
import { Import, ImportError } from './import.entity';
import { ImportFormat } from './row-readers';
import { sweepAbandonedUploads, touchUploads, uploadFolderOf } from './upload-folder';
import { DomainError } from '../common/domain-error';
import { phrase } from '../i18n/refusal-words';

export interface ImportView {
  id: number;
  status: Import['status'];
  fileName: string;
  format: ImportFormat;
  dryRun: boolean;
  unitCode: string | null;
  rowsRead: number;
  rowsExpected: number | null;
  /**
   * While queued on the instance that answers: how many imports it runs before this one (0: it is
   * starting). Null once it runs, and when another instance holds it (each runs its own line).
   */
  queuePosition: number | null;
  counts: { created: number; updated: number; unchanged: number; stale: number; rejected: number };
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** An import whose batches stopped moving for this long was interrupted (its process stopped). */
export const HEARTBEAT_TIMEOUT_MS = 2 * 60 * 1000;
/**
 * How often an instance marks the imports it holds as alive, queued ones included (a queued one
 * moves no batch, and may wait behind a long import for longer than HEARTBEAT_TIMEOUT_MS), and
 * touches their files, which a start-up sweep would otherwise take for a dead process's.
 */
const HEARTBEAT_EVERY_MS = 30_000;
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
/** Refused rows kept of one import (its errors.csv); the count of refused rows stays exact. */
export const MAX_STORED_REFUSED_ROWS = 100_000;
const REFUSED_ROWS_PER_INSERT = 500;
const INTERRUPTED =
  'interrupted: the service stopped during the import; every committed batch is kept, load the file again to finish (its rows come back unchanged)';

/** An upload waiting for its turn, or loading. */
interface UploadJob {
  record: Import;
  caller: Caller;
  path: string;
  options: { unitCode?: string; mapping?: MappingFile; dryRun?: boolean };
}

/**
 * Uploaded files: queued, run in the background on this instance one at a time (import-queue.ts),
 * and their history per unit.
 */
@Injectable()
export class ImportsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ImportsService.name);
  private readonly queue = new ImportQueue<UploadJob>((job) => this.execute(job).finally(() => this.removeUpload(job.path)));
  /** The uploaded files of the imports held here: each is removed however its import ends. */
  private readonly uploads = new Set<string>();
  private readonly stopping = new AbortController();
  private readonly uploadFolder: string;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    @InjectRepository(Import) private readonly imports: Repository<Import>,
    @InjectRepository(ImportError) private readonly errors: Repository<ImportError>,
    private readonly units: UnitsService,
    private readonly runner: ImportRunner,
    private readonly clock: Clock,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.uploadFolder = uploadFolderOf(config.get('DATA_DIR', { infer: true }));
  }

  /** Removes what a process killed outright left in the upload folder, and starts the heartbeat. */
  async onModuleInit(): Promise<void> {
    const removed = await sweepAbandonedUploads(this.uploadFolder);
    if (removed > 0) this.logger.log(`removed ${removed} uploaded ${removed === 1 ? 'file' : 'files'} left by a stopped process in ${this.uploadFolder}`);
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_EVERY_MS);
    this.heartbeat.unref();
  }

  async start(
    caller: Caller,
    file: { path: string; originalName: string; format: ImportFormat },
    options: { unitCode?: string; mapping?: MappingFile; dryRun?: boolean },
  ): Promise<ImportView> {
    // UploadQueueFull when the line is full, before anything is recorded: the caller removes the file.
    const { job, unit } = await this.queue.admit(async () => {
      const unit = options.unitCode ? await this.units.getByCode(options.unitCode) : caller.unit;
      if (unit && !mayRead(caller, unit)) throw new DomainError('forbidden', `this key may not load dossiers for ${quoteForError(unit.code)}`, {}, { message: phrase('errors.imports.mayNotLoad', { unit: quoteForError(unit.code) }) });
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
      return { id: record.id, job: { record, caller, path: file.path, options }, unit };
    });
    return this.view(job.record, unit);
  }

  onApplicationShutdown(): void {
    this.stopping.abort();
    if (this.heartbeat) clearInterval(this.heartbeat);
    // Queued imports never start (they will show as interrupted, their heartbeat stopped), and the
    // process ends before the running one does: their files go now.
    this.queue.stop();
    for (const path of this.uploads) rmSync(path, { force: true });
    this.uploads.clear();
  }

  /** Resolves when every import this instance holds has finished, queued ones included (tests, shutdown). */
  settled(): Promise<void> {
    return this.queue.settled();
  }

  /** Marks the imports held here as alive (see HEARTBEAT_EVERY_MS); a database away skips a beat. */
  private async beat(): Promise<void> {
    const held = this.queue.held();
    if (held.length === 0) return;
    await touchUploads(held.map((job) => job.path));
    await this.imports
      .update({ id: In(held.map((job) => job.record.id)), status: In(['queued', 'running']) }, { heartbeatAt: this.clock.now() })
      .catch(() => undefined);
  }

  /**
   * The refused rows of one import, MAX_STORED_REFUSED_ROWS at most (every one is still counted):
   * a file whose million rows all fail one rule needs its first lines to be mended, not a million
   * stored rows. Written in statements of REFUSED_ROWS_PER_INSERT (SQLite takes at most 32,766
   * values a statement), in one transaction so a retry after a cut never writes one twice.
   */
  private async recordRefused(record: Import, rows: RejectedRow[], stored: { refused: number }): Promise<void> {
    const kept = rows.slice(0, Math.max(0, MAX_STORED_REFUSED_ROWS - stored.refused));
    if (kept.length === 0) return;
    const values = kept.map((row) => ({ importId: record.id, line: row.line, code: row.code === null ? null : cutText(row.code, CODE_LENGTH), errors: row.errors.join('\n') }));
    await this.errors.manager.transaction(async (manager) => {
      for (let start = 0; start < values.length; start += REFUSED_ROWS_PER_INSERT) {
        await manager.getRepository(ImportError).insert(values.slice(start, start + REFUSED_ROWS_PER_INSERT));
      }
    });
    stored.refused += kept.length;
  }

  /**
   * Runs the file. If the database goes away, the runner waits for it (IMPORT_DB_WAIT_SECONDS)
   * and goes on by itself; past that, the import ends `failed` with a message naming the batch
   * and lines not stored. The final status is written as soon as the database is back.
   */
  private async execute({ record, caller, path, options }: UploadJob): Promise<void> {
    try {
      await this.writeStatus(record, { status: 'running', heartbeatAt: this.clock.now() });
      const batchSize = this.imports.manager.connection.options.type === 'better-sqlite3' ? SQLITE_UPLOAD_BATCH_ROWS : undefined;
      const stored = { refused: 0 };
      const counts = await this.runner.run(path, record.format, caller, { ...options, batchSize }, {
        progress: (progress: ImportCounts) => this.imports.update(record.id, { ...progress, heartbeatAt: this.clock.now() }).then(() => undefined),
        rejected: (rows: RejectedRow[]) => this.recordRefused(record, rows, stored),
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
    if (!record) throw new DomainError('not-found', `import ${id} does not exist`, {}, { message: phrase('errors.imports.notFound', { id }) });
    const unit = record.unitId === null ? null : await this.units.findById(record.unitId);
    const allowed = caller.role === 'admin' || (unit !== null && mayRead(caller, unit)) || (record.apiKeyId !== null && record.apiKeyId === caller.keyId);
    if (!allowed) throw new DomainError('not-found', `import ${id} does not exist`, {}, { message: phrase('errors.imports.notFound', { id }) });
    return { record, unit };
  }

  /** The imports of a unit and the units below it, newest first. */
  async history(caller: Caller, unitCode: string | undefined, limit = 50): Promise<ImportView[]> {
    const unit = unitCode ? await this.units.getByCode(unitCode) : caller.unit;
    if (unit && !mayRead(caller, unit)) throw new DomainError('forbidden', `this key may not read the imports of "${unit.code}"`, {}, { message: phrase('errors.imports.mayNotRead', { unit: `"${unit.code}"` }) });
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
      queuePosition: record.status === 'queued' && !interrupted ? this.queue.position(record.id) : null,
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
