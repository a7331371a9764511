import { addLocalDays, endOfLocalDay } from '../src/common/local-time';
import { supplementOf } from '../src/dossiers/progress-766';
import { DossierRows } from './province-load';
import { Stream, randomFrom, rowOf } from './province-data';

/**
 * The scorecard benchmark's dossiers: the provincial stream's (province-data.ts), each with what
 * the 766 scorecard reads besides — the record's §11 facts, and the steps of its supplement
 * rounds as a DVCQG record lists them (DanhSachHoSoBoSung: the request, status 5, and the papers
 * received back, status 4, with the new deadline when the due date was moved for the round).
 * Dossier i's extras come from its own seed, so any prefix is still a sample of the whole.
 */

/** A step of a supplement round, as interchange/dvcqg-dossier.ts makes it from a record's list. */
export interface RoundStep {
  statusCode: 4 | 5;
  at: Date;
  stepDueAt: Date | null;
}

export interface ScorecardDossier {
  record: Record<string, unknown>;
  steps: RoundStep[];
}

const DAY_MS = 86_400_000;
const FEES = [8000, 10000, 20000, 50000, 100000];
/** Whole seconds, as DVCQG writes its times. */
const second = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);

/** Share of dossiers whose first supplement request was made, by status. */
const ASKED: Record<string, number> = { waiting: 0.75, processing: 0.12, resolved: 0.1, refused: 0.15, withdrawn: 0.25 };

/** Dossier i of the stream with its facts and rounds. */
export function scorecardDossiers(stream: Stream): (i: number) => ScorecardDossier {
  const firstMs = Date.parse(`${stream.firstDay}T00:00:00+07:00`);
  const nowMs = stream.now.getTime();
  return (i) => scorecardDossier(stream, i, firstMs, nowMs);
}

function scorecardDossier(stream: Stream, i: number, firstMs: number, nowMs: number): ScorecardDossier {
  const base = stream.record(i);
  const record: Record<string, unknown> = { ...base };
  const status = base.status;
  if (status === 'denied') return { record, steps: [] };
  // Seeds 2^28 and up: never a dossier's own seed (i < 2^28).
  const draw = randomFrom((i | 0x1000_0000) >>> 0);
  const receivedMs = Date.parse(base.receivedAt);
  const settled = status === 'resolved' || status === 'refused';
  const endMs = settled ? Date.parse(base.resolvedAt) : status === 'withdrawn' ? Date.parse(base.withdrawnAt) : nowMs;
  // 0 at the start of the three years, 1 today: the desks do better over time.
  const age = Math.min(1, Math.max(0, (receivedMs - firstMs) / (3 * 365 * DAY_MS)));

  // §11 facts (docs/figures.md §11), some not said at all.
  const online = base.channel === 'online';
  record.digitized = draw() < (online ? 0.75 : 0.3) + 0.2 * age;
  record.reusedData = draw() < 0.05 + 0.3 * age;
  record.citizenRepository = draw() < 0.05 + 0.25 * age;
  if (online) record.vneidVerified = draw() < 0.5 + 0.4 * age;
  const feeDraw = draw();
  if (feeDraw < 0.35) {
    record.feeAmount = FEES[Math.floor(draw() * FEES.length)];
    if (online && draw() < 0.3 + 0.5 * age) record.paidOnline = draw() < 0.6 ? 'dvcqg' : 'gateway';
  } else if (feeDraw < 0.7) record.feeAmount = 0;
  if (draw() < 0.003) record.complaint = true;
  if (status === 'resolved') {
    record.electronicResult = draw() < 0.4 + 0.5 * age;
    record.resultDigitized = record.electronicResult === true && draw() < 0.9;
  }

  // Supplement rounds: asked some time after receipt, the papers back before the end (the result,
  // the withdrawal, or now for an open dossier), sometimes a second request.
  const steps: RoundStep[] = [];
  const span = endMs - receivedMs;
  if (span < 2 * 3_600_000 || draw() >= ASKED[status]) return { record, steps };
  const dueBefore = endOfLocalDay(base.dueAt);
  const askedMs = receivedMs + span * (0.05 + 0.4 * draw());
  steps.push({ statusCode: 5, at: second(askedMs), stepDueAt: dueBefore });
  // Waiting now: most still with the applicant; the rest brought them and were asked again.
  const twice = status === 'waiting' ? draw() < 0.15 : draw() < 0.12;
  const completed = status === 'waiting' ? twice : status === 'withdrawn' ? draw() < 0.5 : true;
  if (!completed) return { record, steps };
  const backMs = askedMs + (endMs - askedMs) * (0.2 + 0.6 * draw());
  let dueAfter: Date | null = null;
  if (draw() < 0.3) {
    // The due date moved for the round (NgayHenTraMoi): the record carries the new one.
    const moved = addLocalDays(base.dueAt, Math.max(1, Math.ceil((backMs - askedMs) / DAY_MS)));
    record.dueAt = moved;
    dueAfter = endOfLocalDay(moved);
  }
  steps.push({ statusCode: 4, at: second(backMs), stepDueAt: dueAfter });
  if (!twice) return { record, steps };
  const againMs = backMs + (endMs - backMs) * (0.2 + 0.5 * draw());
  steps.push({ statusCode: 5, at: second(againMs), stepDueAt: dueAfter ?? dueBefore });
  if (status !== 'waiting') steps.push({ statusCode: 4, at: second(againMs + (endMs - againMs) * (0.3 + 0.5 * draw())), stepDueAt: null });
  return { record, steps };
}

/**
 * Dossier i's rows as the service would store them: the record through rowOf (the service's
 * checker and derivations), the summary of its rounds by the service's supplementOf from the
 * same steps it stores in `dossier_events` (origin `record`, as a record's list is kept).
 */
export function scorecardRows(stream: Stream, unitIds: Map<string, number>): DossierRows {
  const dossier = scorecardDossiers(stream);
  return (i) => {
    const { record, steps } = dossier(i);
    const unitId = unitIds.get(String(record.unitCode))!;
    const summary = supplementOf(steps.map((step) => ({ ...step, origin: 'record' })));
    return {
      row: rowOf(record, unitId, stream.now, summary),
      steps: steps.map((step) => [unitId, record.code, step.statusCode, step.at, null, step.stepDueAt, null, null, 'record', stream.now, stream.now]),
    };
  };
}

