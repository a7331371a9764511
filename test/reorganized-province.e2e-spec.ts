import { DemoService } from '../src/demo/demo.service';
import { RollupsService } from '../src/dossiers/rollups/rollups.service';
import { Period, countDossiers, deriveFigures } from '../src/stats/figures';
import { StoredFacts, storedFacts } from './support/stored-facts';
import { TestApp, describeEachDatabase, startTestApp } from './support/test-app';
import { stats } from './support/tree';

/**
 * A province reorganized through the service itself: the demo's act of 01/07/2025 (two provinces
 * merged into one, three districts abolished, communes merged, one split with its history going
 * to one successor), applied by the reorganization service between the dossiers of the old tree
 * and those of the new one, late updates of old communes included. For periods before, across
 * and after the act, every figure of every unit, with and without children and predecessors,
 * equals the dossiers counted one by one on the units docs/figures.md §9 names, written out here
 * by hand for this tree.
 */
const BELOW: Record<string, string[]> = {
  'tinh-hai-hung': ['xa-tu-ky', 'xa-tien-dong-bac', 'phuong-tien-dong-nam', 'xa-gia-tan', 'xa-toan-thang'],
  'tinh-hai-duong': ['huyen-tu-ky', 'huyen-gia-loc'],
  'tinh-hung-yen': ['huyen-kim-dong'],
  'huyen-tu-ky': ['xa-van-to', 'xa-quang-phuc', 'xa-tien-dong'],
  'huyen-gia-loc': ['xa-gia-tan'],
  'huyen-kim-dong': ['xa-toan-thang'],
};
const CARRIES: Record<string, string[]> = {
  'tinh-hai-hung': ['tinh-hai-duong', 'tinh-hung-yen'],
  'xa-tu-ky': ['xa-van-to', 'xa-quang-phuc'],
  'xa-tien-dong-bac': ['xa-tien-dong'],
};
const UNITS = [...new Set([...Object.keys(BELOW), ...Object.values(BELOW).flat(), ...Object.keys(CARRIES), ...Object.values(CARRIES).flat(), 'phuong-tien-dong-nam'])];

/** The rule, for this tree: the unit, whose history it carries, and (with children) all below any of them, each again so. */
function scopeOf(unit: string, includeChildren: boolean, includePredecessors: boolean): Set<string> {
  const scope = new Set<string>();
  const visit = (code: string, withChildren: boolean) => {
    if (scope.has(code)) return;
    scope.add(code);
    if (includePredecessors) for (const before of CARRIES[code] ?? []) visit(before, withChildren);
    if (withChildren) for (const child of BELOW[code] ?? []) visit(child, true);
  };
  visit(unit, includeChildren);
  return scope;
}

const PERIODS: Period[] = [
  { from: '2025-01-01', to: '2025-06-30' }, // before the act
  { from: '2025-06-01', to: '2025-07-31' }, // across it
  { from: '2025-07-01', to: '2025-12-31' }, // after it, last year
  { from: '2025-01-01', to: '2025-12-31' }, // the whole year of the act
  { from: '2026-01-01', to: '2026-06-10' }, // this year, judged now
];

describeEachDatabase('a province reorganized through the service: every figure by whose dossiers count', (kind) => {
  let sut: TestApp;
  let facts: StoredFacts[];

  beforeAll(async () => {
    sut = await startTestApp(kind, 'reorganized', { now: '2026-06-10T03:07:03Z' });
    await sut.app.get(DemoService).seed();
    facts = await storedFacts(sut);
  }, 180_000);
  afterAll(async () => {
    await sut?.close();
  });

  it('has the history it claims: late updates of old communes settled after the act, and dossiers on both sides of it', () => {
    const lateUpdates = facts.filter((fact) => ['xa-van-to', 'xa-quang-phuc'].includes(fact.unitCode) && fact.resolvedAt != null && fact.resolvedAt >= new Date('2025-06-30T17:00:00Z'));
    expect(lateUpdates.length).toBeGreaterThan(0);
    expect(facts.filter((fact) => fact.unitCode === 'xa-tu-ky').length).toBeGreaterThan(750);
    // Ten units of the old tree, four new ones.
    expect(UNITS).toHaveLength(14);
  });

  it.each(PERIODS)('gives every unit the figures of its scope for %o', async (period) => {
    const now = sut.clock.now();
    for (const unit of UNITS) {
      for (const includeChildren of [false, true]) {
        for (const includePredecessors of [true, false]) {
          const members = scopeOf(unit, includeChildren, includePredecessors);
          const expected = deriveFigures(countDossiers(facts.filter((fact) => members.has(fact.unitCode)), period, now));
          const { settled, received, carriedOver, withdrawn, denied, open } = await stats(sut, unit, { ...period, includeChildren, includePredecessors });
          expect({ unit, includeChildren, includePredecessors, settled, received, carriedOver, withdrawn, denied, open }).toEqual({
            unit, includeChildren, includePredecessors,
            settled: expected.settled, received: expected.received, carriedOver: expected.carriedOver, withdrawn: expected.withdrawn, denied: expected.denied, open: expected.open,
          });
        }
      }
    }
  });

  it("counts each dossier once in today's province, and its rows by unit add up to it", async () => {
    for (const period of PERIODS) {
      const total = await stats(sut, 'tinh-hai-hung', { ...period, includeChildren: true });
      expect(total.settled.total).toBe(deriveFigures(countDossiers(facts, period, sut.clock.now())).settled.total);
      const rows = (await stats(sut, 'tinh-hai-hung', { ...period, includeChildren: true, groupBy: 'unit' })).groups;
      expect(rows.reduce((sum: number, row: { settled: { total: number } }) => sum + row.settled.total, 0)).toBe(total.settled.total);
    }
  });

  it('keeps the rollups equal to a recount', async () => {
    expect(await sut.app.get(RollupsService).check()).toEqual([]);
  });
});
