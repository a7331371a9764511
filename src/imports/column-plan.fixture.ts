import { planColumns } from './header-plan';
import { MappingFile } from './mapping-file';
import { ColumnPlan } from './row-conversion';
import type { Cell } from './row-readers';

/** The plan of a header that must be one: its errors thrown, for specs whose subject is the rows. */
export function planOf(header: Cell[], mapping?: MappingFile): ColumnPlan {
  const planned = planColumns(header, mapping);
  if ('errors' in planned) throw new Error(planned.errors.join('\n'));
  return planned.plan;
}
