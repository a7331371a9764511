/**
 * docs/figures.md §5 "Percent display": the two percentages a portal shows (on time, late), computed from
 * exact integer counts with integer arithmetic so that 749/750 can never print as 99.89999.
 */
export interface PercentPair {
  /** e.g. "99.87" — a dot and exactly `decimals` decimals (the API form). */
  onTime: string;
  late: string;
}

export const DEFAULT_DECIMALS = 2;

/**
 * @param onTime early + on-time settled dossiers
 * @param late late settled dossiers
 * @returns null when nothing was settled: the rate is undefined, shown as "—".
 */
export function percentPair(onTime: number, late: number, decimals = DEFAULT_DECIMALS): PercentPair | null {
  if (!Number.isInteger(onTime) || !Number.isInteger(late) || onTime < 0 || late < 0) {
    throw new RangeError(`counts must be non-negative integers (got ${onTime}, ${late})`);
  }
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) {
    throw new RangeError(`decimals must be an integer 0..6 (got ${decimals})`);
  }
  const total = BigInt(onTime) + BigInt(late);
  if (total === 0n) return null;

  // Everything below is in "steps" of 10^-decimals percent: 100 % = full steps.
  const full = 100n * 10n ** BigInt(decimals);
  const exactOnTime = BigInt(onTime) * full; // numerator over `total`
  const exactLate = BigInt(late) * full;
  let onTimeSteps = roundHalfUp(exactOnTime, total);
  let lateSteps = roundHalfUp(exactLate, total);

  if (onTimeSteps + lateSteps !== full) {
    // Two half-up roundings can overshoot (or undershoot) by one step: move the one that
    // rounding pulled furthest from its exact value. On a tie the on-time figure keeps its value.
    const errorOnTime = abs(onTimeSteps * total - exactOnTime);
    const errorLate = abs(lateSteps * total - exactLate);
    if (errorOnTime > errorLate) onTimeSteps = full - lateSteps;
    else lateSteps = full - onTimeSteps;
  }

  // Never 100 % on time while anything is late, never 0 % late while anything is late, and
  // likewise never 0 % on time while anything was on time.
  if (late > 0 && lateSteps === 0n) {
    lateSteps = 1n;
    onTimeSteps = full - 1n;
  }
  if (onTime > 0 && onTimeSteps === 0n) {
    onTimeSteps = 1n;
    lateSteps = full - 1n;
  }
  return { onTime: toDecimalString(onTimeSteps, decimals), late: toDecimalString(lateSteps, decimals) };
}

function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function toDecimalString(steps: bigint, decimals: number): string {
  if (decimals === 0) return steps.toString();
  const digits = steps.toString().padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** A rate in 0..1 for the API, or null when undefined (0 settled). */
export function rate(part: number, total: number): number | null {
  return total === 0 ? null : part / total;
}
