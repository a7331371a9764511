import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller } from '../auth/api-keys.service';
import { DomainError } from '../common/domain-error';
import { quoteForError } from '../common/text';
import { UnitsService } from '../units/units.service';
import { Dossier } from './dossier.entity';
import { DossierEventsService } from './dossier-events';
import { mayWrite } from './dossiers.service';
import { storedCodeOf } from './dossier-record';
import { supplementRounds } from './supplements';

/** One dossier as staff see it: every stored field, its steps and its supplement rounds. */
export interface DossierView {
  unitCode: string;
  code: string;
  procedureCode: string | null;
  procedureName: string | null;
  field: string;
  channel: string;
  status: string;
  receivedAt: string;
  dueAt: string;
  dueAtComputed: boolean;
  extendedDueAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  withdrawnAt: string | null;
  timeliness: string | null;
  sourceUpdatedAt: string | null;
  facts: Pick<Dossier, 'electronicResult' | 'digitized' | 'resultDigitized' | 'reusedData' | 'citizenRepository' | 'vneidVerified' | 'feeAmount' | 'paidOnline' | 'complaint'>;
  events: { statusCode: number; at: string; startedAt: string | null; stepDueAt: string | null; content: string | null; department: string | null; origin: string }[];
  supplements: { requestedAt: string; completedAt: string | null; heldHours: number | null }[];
  updatedAt: string;
}

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

@Injectable()
export class DossierViewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly events: DossierEventsService,
  ) {}

  /** A staff key of the unit or above (the key that may write it) may read it; 404 for an unknown unit or code. */
  async view(unitCode: string, code: string, caller: Caller): Promise<DossierView> {
    const unit = await this.units.getByCode(unitCode);
    if (!mayWrite(caller, unit)) {
      throw new DomainError('forbidden', `this key may not read dossiers of unit ${quoteForError(unit.code)}`);
    }
    // The code as records store it (NFC, spaces collapsed), so a code typed or pasted otherwise is found.
    const stored = storedCodeOf(code);
    const dossier = stored.problem === null ? await this.dataSource.getRepository(Dossier).findOneBy({ unitId: unit.id, code: stored.code }) : null;
    if (!dossier) throw new DomainError('not-found', `unit ${quoteForError(unit.code)} has no dossier ${quoteForError(code)}`);
    const steps = await this.events.of(unit.id, dossier.code);
    return {
      unitCode: unit.code,
      code: dossier.code,
      procedureCode: dossier.procedureCode,
      procedureName: dossier.procedureName,
      field: dossier.field,
      channel: dossier.channel,
      status: dossier.status,
      receivedAt: dossier.receivedAt.toISOString(),
      dueAt: dossier.dueAt.toISOString(),
      dueAtComputed: Boolean(dossier.dueAtComputed),
      extendedDueAt: iso(dossier.extendedDueAt),
      resolvedAt: iso(dossier.resolvedAt),
      returnedAt: iso(dossier.returnedAt),
      withdrawnAt: iso(dossier.withdrawnAt),
      timeliness: dossier.timeliness,
      sourceUpdatedAt: iso(dossier.sourceUpdatedAt),
      facts: {
        electronicResult: flag(dossier.electronicResult), digitized: flag(dossier.digitized), resultDigitized: flag(dossier.resultDigitized),
        reusedData: flag(dossier.reusedData), citizenRepository: flag(dossier.citizenRepository), vneidVerified: flag(dossier.vneidVerified),
        feeAmount: dossier.feeAmount, paidOnline: dossier.paidOnline, complaint: flag(dossier.complaint),
      },
      events: steps.map((step) => ({
        statusCode: step.statusCode, at: step.at.toISOString(), startedAt: iso(step.startedAt), stepDueAt: iso(step.stepDueAt),
        content: step.content, department: step.department, origin: step.origin,
      })),
      supplements: supplementRounds(steps).map((round) => ({
        requestedAt: round.requestedAt.toISOString(),
        completedAt: iso(round.completedAt),
        heldHours: round.heldMs === null ? null : Math.round(round.heldMs / 36_000) / 100,
      })),
      updatedAt: dossier.updatedAt.toISOString(),
    };
  }
}

/** SQLite gives 0/1 for a boolean column read back. */
function flag(value: boolean | number | null): boolean | null {
  return value === null ? null : Boolean(value);
}
