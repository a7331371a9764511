import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { DeadlinesService } from '../calendar/deadlines.service';
import { Clock } from '../common/clock';
import { quoteForError } from '../common/text';
import { ProcedureInput, checkProcedure } from './procedure-input';
import { Procedure } from './procedure.entity';
import { DomainError } from '../common/domain-error';
import { phrase } from '../i18n/refusal-words';

export interface ProcedureView {
  code: string;
  name: string;
  field: string;
  processingDays: number;
}

export interface BulkResult {
  created: number;
  updated: number;
  unchanged: number;
  rejected: { index: number; line?: number; code: string | null; errors: string[] }[];
  movedDeadlines: number;
}

@Injectable()
export class ProceduresService {
  constructor(
    @InjectRepository(Procedure) private readonly procedures: Repository<Procedure>,
    private readonly deadlines: DeadlinesService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<ProcedureView[]> {
    return (await this.procedures.find({ order: { code: 'ASC' } })).map(toView);
  }

  async get(code: string): Promise<ProcedureView> {
    const procedure = await this.procedures.findOneBy({ code });
    if (!procedure) throw new DomainError('not-found', `procedure ${quoteForError(code)} is not in the catalogue`, {}, { message: phrase('errors.procedures.notFound', { code: quoteForError(code) }) });
    return toView(procedure);
  }

  /**
   * One catalogue entry, created or updated (see upsert), or refused with every failed field:
   * 400 `{ message: 'the procedure was not stored', errors }`, its lines in words for a page.
   */
  async put(raw: unknown): Promise<BulkResult> {
    const check = checkProcedure(raw);
    if (!check.ok) throw check.problems.refusal('invalid', 'the procedure was not stored', phrase('errors.procedures.notStored'));
    return this.upsert([{ raw }]);
  }

  /**
   * Creates or updates catalogue entries; a change of processing days moves the computed
   * deadlines of that procedure's dossiers (never a deadline that came with its record).
   */
  async upsert(raws: { raw: unknown; line?: number }[]): Promise<BulkResult> {
    const result: BulkResult = { created: 0, updated: 0, unchanged: 0, rejected: [], movedDeadlines: 0 };
    const accepted = new Map<string, ProcedureInput>();
    raws.forEach(({ raw, line }, index) => {
      const check = checkProcedure(raw);
      if (check.ok) accepted.set(check.procedure.code, check.procedure);
      else result.rejected.push({ index, ...(line ? { line } : {}), code: check.code, errors: check.errors });
    });
    if (accepted.size === 0) return result;
    const existing = new Map(
      (await this.procedures.findBy({ code: In([...accepted.keys()]) })).map((procedure) => [procedure.code, procedure]),
    );
    const daysChanged: string[] = [];
    const now = this.clock.now();
    const rows: Procedure[] = [];
    for (const input of accepted.values()) {
      const previous = existing.get(input.code);
      if (previous && previous.name === input.name && previous.field === input.field && previous.processingDays === input.processingDays) {
        result.unchanged++;
        continue;
      }
      if (previous) {
        result.updated++;
        if (previous.processingDays !== input.processingDays) daysChanged.push(input.code);
      } else {
        result.created++;
      }
      rows.push(this.procedures.create({ ...(previous ? { id: previous.id } : {}), ...input, updatedAt: now }));
    }
    await this.procedures.save(rows, { chunk: 500 });
    for (const code of daysChanged) result.movedDeadlines += await this.deadlines.recompute({ procedureCode: code });
    return result;
  }
}

function toView(procedure: Procedure): ProcedureView {
  return { code: procedure.code, name: procedure.name, field: procedure.field, processingDays: procedure.processingDays };
}
