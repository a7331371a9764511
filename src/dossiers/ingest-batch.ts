import { Unit } from '../units/unit.entity';
import { DossierRecord } from './dossier-record';

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
}

export interface IngestResult {
  created: number;
  updated: number;
  unchanged: number;
  stale: number;
  rejected: RejectedRecord[];
}
