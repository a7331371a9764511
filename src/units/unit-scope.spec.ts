import { UnitHistory, nearestDay, unitScope } from './unit-scope';
import { ParentSpan, SuccessionLink, TimelineUnit } from './unit-timeline';

/**
 * A province P (1) with a district D (2) retired on 30 June 2025; under D the communes C1 (3)
 * and C2 (4), merged into C3 (5), which moves under P on 1 July, and S (6), split into S1 (7,
 * carrying S's history) and S2 (8), both new under P. An agency A (11) under P all along, and
 * another province Q (9) with its commune Q1 (10).
 */
const ALWAYS = { validFrom: null, validTo: null };
const RETIRED = { validFrom: null, validTo: '2025-06-30' };
const NEW = { validFrom: '2025-07-01', validTo: null };
const units: TimelineUnit[] = [
  { id: 1, ...ALWAYS },
  { id: 2, ...RETIRED },
  { id: 3, ...RETIRED },
  { id: 4, ...RETIRED },
  { id: 5, ...ALWAYS },
  { id: 6, ...RETIRED },
  { id: 7, ...NEW },
  { id: 8, ...NEW },
  { id: 9, ...ALWAYS },
  { id: 10, ...ALWAYS },
  { id: 11, ...ALWAYS },
];
const spans: ParentSpan[] = [
  { unitId: 1, parentId: null, ...ALWAYS },
  { unitId: 2, parentId: 1, ...RETIRED },
  { unitId: 3, parentId: 2, ...RETIRED },
  { unitId: 4, parentId: 2, ...RETIRED },
  { unitId: 5, parentId: 2, ...RETIRED },
  { unitId: 5, parentId: 1, ...NEW },
  { unitId: 6, parentId: 2, ...RETIRED },
  { unitId: 7, parentId: 1, ...NEW },
  { unitId: 8, parentId: 1, ...NEW },
  { unitId: 9, parentId: null, ...ALWAYS },
  { unitId: 10, parentId: 9, ...ALWAYS },
  { unitId: 11, parentId: 1, ...ALWAYS },
];
const on = '2025-07-01';
const links: SuccessionLink[] = [
  { fromUnitId: 3, toUnitId: 5, carriesHistory: true, effectiveOn: on },
  { fromUnitId: 4, toUnitId: 5, carriesHistory: true, effectiveOn: on },
  { fromUnitId: 6, toUnitId: 7, carriesHistory: true, effectiveOn: on },
  { fromUnitId: 6, toUnitId: 8, carriesHistory: false, effectiveOn: on },
];
const history = new UnitHistory(units, spans, links);

describe('nearestDay', () => {
  it.each`
    validFrom       | validTo         | date            | day
    ${null}         | ${null}         | ${'2025-12-31'} | ${'2025-12-31'}
    ${null}         | ${'2025-06-30'} | ${'2025-12-31'} | ${'2025-06-30'}
    ${null}         | ${'2025-06-30'} | ${'2025-06-30'} | ${'2025-06-30'}
    ${'2025-07-01'} | ${null}         | ${'2025-06-30'} | ${'2025-07-01'}
    ${'2025-07-01'} | ${'2025-09-30'} | ${'2025-08-15'} | ${'2025-08-15'}
  `('a unit valid $validFrom – $validTo is read on $day for a period ending $date', ({ validFrom, validTo, date, day }) => {
    expect(nearestDay({ id: 1, validFrom, validTo }, date)).toBe(day);
  });
});

describe('unitScope', () => {
  const both = { includeChildren: true, includePredecessors: true };
  const childrenOnly = { includeChildren: true, includePredecessors: false };
  const predecessorsOnly = { includeChildren: false, includePredecessors: true };
  const alone = { includeChildren: false, includePredecessors: false };
  it.each`
    case                                                              | unitId | end             | options             | scope                            | rows                                                   | rest
    ${'the province for a year: every unit it ever held, once'}       | ${1}   | ${'2025-12-31'} | ${both}             | ${[1, 2, 3, 4, 5, 6, 7, 8, 11]}  | ${[[11, [11]], [5, [5, 3, 4]], [7, [7, 6]], [8, [8]]]} | ${[1, 2]}
    ${'the province without predecessors: the same dossiers'}         | ${1}   | ${'2025-12-31'} | ${childrenOnly}     | ${[1, 2, 3, 4, 5, 6, 7, 8, 11]}  | ${[[11, [11]], [5, [5]], [7, [7]], [8, [8]]]}          | ${[1, 2, 3, 4, 6]}
    ${'the province for the first half: rows as the tree stood then'} | ${1}   | ${'2025-06-30'} | ${both}             | ${[1, 2, 3, 4, 5, 6, 7, 8, 11]}  | ${[[11, [11]], [2, [2, 3, 4, 5, 6]]]}                  | ${[1, 7, 8]}
    ${'the new commune carries both histories'}                       | ${5}   | ${'2025-12-31'} | ${predecessorsOnly} | ${[3, 4, 5]}                     | ${[]}                                                  | ${[3, 4, 5]}
    ${'the new commune alone'}                                        | ${5}   | ${'2025-12-31'} | ${alone}            | ${[5]}                           | ${[]}                                                  | ${[5]}
    ${'a split: the history goes to one successor'}                   | ${7}   | ${'2025-06-30'} | ${both}             | ${[6, 7]}                        | ${[]}                                                  | ${[6, 7]}
    ${'a split: and not to the other'}                                | ${8}   | ${'2025-12-31'} | ${both}             | ${[8]}                           | ${[]}                                                  | ${[8]}
    ${'the retired district: read on its own last day'}               | ${2}   | ${'2025-12-31'} | ${both}             | ${[2, 3, 4, 5, 6]}               | ${[[3, [3]], [4, [4]], [5, [5]], [6, [6]]]}            | ${[2]}
    ${'the retired district alone'}                                   | ${2}   | ${'2025-12-31'} | ${predecessorsOnly} | ${[2]}                           | ${[]}                                                  | ${[2]}
    ${'a retired commune: its own dossiers'}                          | ${3}   | ${'2025-12-31'} | ${both}             | ${[3]}                           | ${[]}                                                  | ${[3]}
    ${'another province: nothing of the first'}                       | ${9}   | ${'2025-12-31'} | ${both}             | ${[9, 10]}                       | ${[[10, [10]]]}                                        | ${[9]}
  `('$case', ({ unitId, end, options, scope, rows, rest }) => {
    const sut = unitScope(history, unitId, end, options);
    expect([...sut.unitIds].sort((a, b) => a - b)).toEqual(scope);
    expect(sut.unitIds[0]).toBe(unitId);
    expect(sut.rows.map((row) => [row.unitId, row.unitIds])).toEqual(rows);
    expect([...sut.rest].sort((a, b) => a - b)).toEqual(rest);
    // The rows and the rest part the scope: each unit once.
    expect([...sut.rest, ...sut.rows.flatMap((row) => row.unitIds)].sort((a, b) => a - b)).toEqual(scope);
  });

  it('reads a retired unit on its last day and a unit not yet valid on its first', () => {
    expect(unitScope(history, 2, '2025-12-31', both).day).toBe('2025-06-30');
    expect(unitScope(history, 7, '2025-03-31', both).day).toBe('2025-07-01');
    expect(unitScope(history, 1, '2025-03-31', both).day).toBe('2025-03-31');
  });

  it('says how many units stand below beside the unit and those whose history it carries', () => {
    expect(unitScope(history, 5, '2025-12-31', both).unitsBelow).toBe(0);
    expect(unitScope(history, 1, '2025-12-31', both).unitsBelow).toBe(8);
    expect(unitScope(history, 9, '2025-12-31', both).unitsBelow).toBe(1);
  });

  it('is today\'s subtree for a tree without history: one row per child, the unit alone in the rest', () => {
    const today = new UnitHistory(
      [1, 2, 3, 4].map((id) => ({ id, ...ALWAYS })),
      [],
      [],
      (id) => ({ 1: null, 2: 1, 3: 2, 4: 2 })[id] ?? null,
    );
    const sut = unitScope(today, 1, '2025-06-10', both);
    expect(sut.unitIds).toEqual([1, 2, 3, 4]);
    expect(sut.rows).toEqual([{ unitId: 2, unitIds: [2, 3, 4] }]);
    expect(sut.rest).toEqual([1]);
    expect(unitScope(today, 2, '2025-06-10', childrenOnly).rows.map((row) => row.unitId)).toEqual([3, 4]);
  });

  it('orders rows as paths sort: /10/ before /9/', () => {
    const tree = new UnitHistory([1, 9, 10].map((id) => ({ id, ...ALWAYS })), [], [], (id) => (id === 1 ? null : 1));
    expect(unitScope(tree, 1, '2025-06-10', both).rows.map((row) => row.unitId)).toEqual([10, 9]);
  });

  it('stops at a cycle in bad data', () => {
    const looped = new UnitHistory(
      [{ id: 1, ...ALWAYS }, { id: 2, ...ALWAYS }],
      [],
      [
        { fromUnitId: 1, toUnitId: 2, carriesHistory: true, effectiveOn: on },
        { fromUnitId: 2, toUnitId: 1, carriesHistory: true, effectiveOn: on },
      ],
    );
    expect(unitScope(looped, 1, '2025-12-31', both).unitIds).toEqual([1, 2]);
  });
});
