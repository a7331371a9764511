import { LocalDate, daysInMonth, localDateOf } from '../common/local-time';
import { Period } from '../stats/figures';
import { resolvePeriod } from '../stats/period';

export type PeriodCheck766 = { ok: true; period: Period; label: string } | { ok: false; reason: string };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number): LocalDate => `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;

/**
 * The scorecard's period (SPEC §11): `period` as a month (2026-11), a quarter (2026-Q4), a half
 * (2026-H2) or a year (2026), or `from`/`to` as the stats take them; by default the current
 * month. A period that has not begun yet is refused: it has no dossiers to score. One that is
 * under way (this month) is scored as it stands, open dossiers judged now.
 */
export function resolvePeriod766(period: unknown, from: unknown, to: unknown, now: Date): PeriodCheck766 {
  const today = localDateOf(now);
  const given = (value: unknown) => value !== undefined && value !== null && value !== '';
  let range: Period;
  let label: string;
  if (given(period)) {
    if (given(from) || given(to)) return { ok: false, reason: 'period: give either period or from/to, not both' };
    const parsed = parseNamedPeriod(String(period));
    if (!parsed) return { ok: false, reason: 'period: must be YYYY-MM, YYYY-Qn (1–4), YYYY-Hn (1–2) or YYYY, e.g. 2026-11, 2026-Q4, 2026-H2, 2026' };
    ({ range, label } = parsed);
  } else if (given(from) || given(to)) {
    const check = resolvePeriod(from, to, now);
    if (!check.ok) return check;
    range = check.period;
    label = `${range.from}/${range.to}`;
  } else {
    const year = Number(today.slice(0, 4));
    const month = Number(today.slice(5, 7));
    range = { from: `${year}-${pad(month)}-01`, to: lastDay(year, month) };
    label = today.slice(0, 7);
  }
  if (range.from > today) return { ok: false, reason: `period: ${label} has not begun yet (today is ${today})` };
  return { ok: true, period: range, label };
}

function parseNamedPeriod(text: string): { range: Period; label: string } | null {
  const match = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])|H([12])))?$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return null;
  const [, , month, quarter, half] = match;
  if (month !== undefined) {
    const m = Number(month);
    if (m < 1 || m > 12) return null;
    return { range: { from: `${year}-${month}-01`, to: lastDay(year, m) }, label: text };
  }
  const [first, last] = quarter !== undefined ? [3 * Number(quarter) - 2, 3 * Number(quarter)] : half !== undefined ? [6 * Number(half) - 5, 6 * Number(half)] : [1, 12];
  return { range: { from: `${year}-${pad(first)}-01`, to: lastDay(year, last) }, label: text };
}

/** The period of the same length just before (the report's "change against the previous period"). */
export function previousPeriod(label: string): string | null {
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
  }
  const part = /^(\d{4})-([QH])([1-4])$/.exec(label);
  if (part) {
    const [y, kind, n] = [Number(part[1]), part[2], Number(part[3])];
    return n === 1 ? `${y - 1}-${kind}${kind === 'Q' ? 4 : 2}` : `${y}-${kind}${n - 1}`;
  }
  return /^\d{4}$/.test(label) ? String(Number(label) - 1) : null;
}
