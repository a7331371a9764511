import { PAID_ONLINE, PaidOnline } from './classification';

/**
 * The record's optional facts of docs/figures.md §11, which the 766 scorecard counts: each is
 * "not said" (null) unless the record says it. Strict on type — a flag is true or false, a fee a
 * number — because a fee of "abc" or `paidOnline: "yes"` guessed at would move a leader's score.
 */

export const FACT_FLAGS = ['electronicResult', 'digitized', 'resultDigitized', 'reusedData', 'citizenRepository', 'vneidVerified', 'complaint'] as const;
export type FactFlag = (typeof FACT_FLAGS)[number];

export interface RecordFacts extends Record<FactFlag, boolean | null> {
  /** VND, a whole number ≥ 0. */
  feeAmount: number | null;
  paidOnline: PaidOnline | null;
}

/** The record fields of this file, in the order the content hash reads them. */
export const FACT_FIELDS = [...FACT_FLAGS, 'feeAmount', 'paidOnline'] as const;

/** The largest fee taken, 10^12 VND: past that the value is a typing slip, not a fee. */
const MAX_FEE = 1_000_000_000_000;

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

export function checkFacts(raw: Record<string, unknown>, errors: string[]): RecordFacts {
  const facts = {} as Record<string, unknown>;
  for (const name of FACT_FLAGS) {
    const value = raw[name];
    facts[name] = null;
    if (value === undefined || value === null) continue;
    if (typeof value === 'boolean') facts[name] = value;
    else errors.push(`${name}: must be true or false (got ${describe(value)})`);
  }
  facts.feeAmount = null;
  const fee = raw.feeAmount;
  if (!isBlank(fee)) {
    if (typeof fee !== 'number' || !Number.isFinite(fee)) errors.push(`feeAmount: must be a number of VND (got ${describe(fee)})`);
    else if (fee < 0) errors.push('feeAmount: must not be negative');
    else if (fee > MAX_FEE) errors.push('feeAmount: is more than 1,000,000,000,000 VND');
    // Đồng have no smaller part: an amount sent as 50000.0 is 50,000.
    else facts.feeAmount = Math.round(fee);
  }
  facts.paidOnline = null;
  const paid = raw.paidOnline;
  if (!isBlank(paid)) {
    if ((PAID_ONLINE as readonly unknown[]).includes(paid)) facts.paidOnline = paid;
    else errors.push(`paidOnline: must be one of ${PAID_ONLINE.join(', ')}, or null (got ${describe(paid)})`);
  }
  return facts as unknown as RecordFacts;
}

/** Facts for the content hash: empty when none is said, so records without them hash as before. */
export function factsText(facts: RecordFacts): string {
  if (FACT_FIELDS.every((name) => facts[name] === null)) return '';
  return FACT_FIELDS.map((name) => (facts[name] === null ? '\u0000' : String(facts[name]))).join('\u001f');
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
