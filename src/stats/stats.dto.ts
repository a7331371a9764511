export const GROUP_BYS = ['field', 'channel', 'month', 'unit'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface StatsGroup {
  key: string;
  /** For unit groups: the unit's name; for others the key itself. */
  label: string;
}
