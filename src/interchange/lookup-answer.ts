import { Channel, DossierStatus, Timeliness, classifyOpen, classifySettled, isOpen, isSettled } from '../dossiers/classification';

/**
 * One step of a dossier as the lookup shows it: the DVCQG status of the step, when, which
 * department, and the step's own deadline. Never what was written about it (NoiDungXuLy, free
 * text that may carry names) nor who took it.
 */
export interface LookupStep {
  /** The DVCQG status code, 1–10 (NATIONAL.md §3). */
  statusCode: number;
  at: Date;
  department: string | null;
  stepDueAt: Date | null;
}

/** How a dossier met or meets its deadline: settled ones as the figures count them, open ones now. */
export type LookupTimeliness = Timeliness | 'onTrack' | 'overdue';

/**
 * What a citizen may know of a dossier from its code alone (README "Citizen lookup"): the
 * procedure, who handles it, where it stands and whether it is late. Words come separately
 * (lookup-view.ts), so the DVCQG lookup can answer in its own terms.
 */
export interface LookupAnswer {
  code: string;
  procedure: { code: string | null; name: string | null };
  field: string;
  unit: { code: string; name: string };
  status: DossierStatus;
  channel: Channel;
  receivedAt: Date;
  /** The deadline the dossier is judged by (docs/figures.md §3). */
  dueAt: Date;
  /** A later date promised in an apology letter: shown beside the deadline, never judged by. */
  extendedDueAt: Date | null;
  resolvedAt: Date | null;
  returnedAt: Date | null;
  /** Null for a dossier that was withdrawn or not received: there is no deadline to meet. */
  timeliness: LookupTimeliness | null;
  steps: LookupStep[];
  /** The moment an open dossier's timeliness was judged. */
  judgedAt: Date;
}

/** Which of a dossier's words its status is: a resolved one whose result was handed over is "returned". */
export type StatusWord = DossierStatus | 'returned';

export function statusWordOf(answer: Pick<LookupAnswer, 'status' | 'returnedAt'>): StatusWord {
  return answer.status === 'resolved' && answer.returnedAt !== null ? 'returned' : answer.status;
}

/**
 * docs/figures.md §3, the same judgement as the figures: a settled dossier keeps the timeliness
 * fixed when it was stored; an open one is overdue once `at` is past its deadline, and never
 * while it waits for the applicant (waiting and due soon are both "on track" to a citizen).
 */
export function timelinessOf(
  dossier: { status: DossierStatus; dueAt: Date; resolvedAt: Date | null; timeliness: Timeliness | null },
  at: Date,
): LookupTimeliness | null {
  if (isSettled(dossier.status)) return dossier.timeliness ?? (dossier.resolvedAt ? classifySettled(dossier.resolvedAt, dossier.dueAt) : null);
  if (!isOpen(dossier.status)) return null;
  return classifyOpen(dossier.status, dossier.dueAt, at) === 'overdue' ? 'overdue' : 'onTrack';
}

export function isLate(timeliness: LookupTimeliness | null): boolean | null {
  return timeliness === null ? null : timeliness === 'late' || timeliness === 'overdue';
}

/** The words of the DVCQG status codes 1–10 (NATIONAL.md §3), by their place: index 0 is code 1. */
export const STEP_WORDS = [
  'registered',
  'received',
  'notReceived',
  'processing',
  'supplement',
  'financial',
  'withdrawalAsked',
  'stopped',
  'processed',
  'returned',
] as const;
export type StepWord = (typeof STEP_WORDS)[number];

export function stepWordOf(statusCode: number): StepWord | null {
  return Number.isInteger(statusCode) && statusCode >= 1 && statusCode <= STEP_WORDS.length ? STEP_WORDS[statusCode - 1] : null;
}
