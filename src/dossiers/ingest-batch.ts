import { Unit } from '../units/unit.entity';
import { DossierRecord } from './dossier-record';
import { EventBatchItem, EventCounts } from './dossier-events';

export interface RejectedRecord {
  index: number;
  code: string | null;
  errors: string[];
}

export interface AcceptedRecord {
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
  /**
   * Steps of the batch's dossiers (the supplement rounds a DVCQG record lists), written in the
   * same transaction as the dossiers, for the records that were accepted: `forIndex` is the
   * record's index in the batch.
   */
  steps?: { forIndex: number; step: Omit<EventBatchItem, 'unitId'> }[];
  /**
   * The records (by index) that list their supplement rounds: a dossier's steps that came from an
   * earlier version's list are replaced by this list (a corrected or emptied list is taken back).
   */
  roundsListed?: ReadonlySet<number>;
  /** What writing `steps` did, filled in by the writer. */
  stepCounts?: EventCounts;
}

export interface IngestResult {
  created: number;
  updated: number;
  unchanged: number;
  stale: number;
  rejected: RejectedRecord[];
}
