import { parseIntegerParam } from '../common/query-params';

export const GROUP_BYS = ['field', 'channel', 'month', 'unit'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** `decimals` of the percentages, as the stats API and the widget take it: 0–4. */
export function parseDecimals(raw: unknown): number | undefined {
  return parseIntegerParam(raw, 'decimals', { min: 0, max: 4 });
}

export interface StatsGroup {
  key: string;
  /** For unit groups: the unit's name; for others the key itself. */
  label: string;
}
