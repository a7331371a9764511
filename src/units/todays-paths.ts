/**
 * The materialised paths of today's tree (`units.path`, `/1/4/9/`) from each unit's parent as it
 * stands today: after a reorganization moves units, every unit whose chain of parents changed
 * gets its path again, so "this unit and those below" stays one prefix. A chain that meets a
 * unit already on it (which the checks of an act never leave) stops there, as a root.
 */
export function todaysPaths(units: readonly { id: number; parentId: number | null }[]): Map<number, string> {
  const parentOf = new Map(units.map((unit) => [unit.id, unit.parentId]));
  const paths = new Map<number, string>();
  for (const unit of units) {
    const chain: number[] = [];
    let cursor: number | null = unit.id;
    while (cursor !== null && !paths.has(cursor) && !chain.includes(cursor) && parentOf.has(cursor)) {
      chain.push(cursor);
      cursor = parentOf.get(cursor) ?? null;
    }
    let prefix = cursor !== null && paths.has(cursor) ? paths.get(cursor)! : '/';
    for (const id of chain.reverse()) {
      prefix = `${prefix}${id}/`;
      paths.set(id, prefix);
    }
  }
  return paths;
}

/** The ids a path names, the root first: the unit and every unit above it. */
export function idsOnPath(path: string): number[] {
  return path.split('/').filter((part) => part !== '').map(Number);
}
