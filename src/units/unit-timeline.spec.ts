import { ParentSpan, ParentsOverTime, agencyCodeHolder, isValidOn, parentSpanProblem, spansOverlap, successionsOf, treeAt } from './unit-timeline';

describe('isValidOn', () => {
  it.each`
    validFrom       | validTo         | date            | valid
    ${null}         | ${null}         | ${'1900-01-01'} | ${true}
    ${null}         | ${null}         | ${'2199-12-31'} | ${true}
    ${'2025-07-01'} | ${null}         | ${'2025-06-30'} | ${false}
    ${'2025-07-01'} | ${null}         | ${'2025-07-01'} | ${true}
    ${null}         | ${'2025-06-30'} | ${'2025-06-30'} | ${true}
    ${null}         | ${'2025-06-30'} | ${'2025-07-01'} | ${false}
    ${'2025-01-01'} | ${'2025-01-01'} | ${'2025-01-01'} | ${true}
    ${'2025-01-01'} | ${'2025-12-31'} | ${'2026-01-01'} | ${false}
  `('a unit valid $validFrom – $validTo is valid on $date: $valid', ({ validFrom, validTo, date, valid }) => {
    expect(isValidOn({ validFrom, validTo }, date)).toBe(valid);
  });
});

describe('spansOverlap', () => {
  it.each`
    a                               | b                               | overlap
    ${[null, null]}                 | ${[null, null]}                 | ${true}
    ${[null, '2025-06-30']}         | ${['2025-07-01', null]}         | ${false}
    ${[null, '2025-07-01']}         | ${['2025-07-01', null]}         | ${true}
    ${['2025-07-01', null]}         | ${[null, '2025-06-30']}         | ${false}
    ${['2025-01-01', '2025-03-31']} | ${['2025-02-01', '2025-02-01']} | ${true}
    ${['2025-01-01', '2025-03-31']} | ${['2025-04-01', '2025-05-01']} | ${false}
    ${['2025-07-01', null]}         | ${[null, null]}                 | ${true}
  `('$a and $b share a day: $overlap', ({ a, b, overlap }) => {
    const span = ([validFrom, validTo]: (string | null)[]) => ({ validFrom, validTo });
    expect(spansOverlap(span(a), span(b))).toBe(overlap);
    expect(spansOverlap(span(b), span(a))).toBe(overlap);
  });
});

describe('ParentsOverTime', () => {
  const sut = new ParentsOverTime([
    { unitId: 5, parentId: 2, validFrom: null, validTo: '2025-06-30' },
    { unitId: 5, parentId: 1, validFrom: '2025-07-01', validTo: null },
    { unitId: 1, parentId: null, validFrom: null, validTo: null },
  ]);

  it.each`
    unitId | date            | parentId
    ${5}   | ${'2025-06-30'} | ${2}
    ${5}   | ${'2025-07-01'} | ${1}
    ${1}   | ${'2025-07-01'} | ${null}
    ${9}   | ${'2025-07-01'} | ${undefined}
  `('puts unit $unitId under $parentId on $date', ({ unitId, date, parentId }) => {
    expect(sut.parentOn(unitId, date)).toBe(parentId);
  });

  it('lists a unit’s spans earliest first, since-always first', () => {
    expect(sut.spansOf(5).map((span) => span.parentId)).toEqual([2, 1]);
  });
});

describe('treeAt', () => {
  // A province (1) with a district (2) until 30/6/2025, whose commune (3) moves under the
  // province on 1/7/2025; a commune (4) formed that day; unit 10 sorts by path as units.path does.
  const units = [
    { id: 1, validFrom: null, validTo: null },
    { id: 2, validFrom: null, validTo: '2025-06-30' },
    { id: 3, validFrom: null, validTo: null },
    { id: 4, validFrom: '2025-07-01', validTo: null },
    { id: 10, validFrom: null, validTo: null },
  ];
  const spans: ParentSpan[] = [
    { unitId: 1, parentId: null, validFrom: null, validTo: null },
    { unitId: 2, parentId: 1, validFrom: null, validTo: '2025-06-30' },
    { unitId: 3, parentId: 2, validFrom: null, validTo: '2025-06-30' },
    { unitId: 3, parentId: 1, validFrom: '2025-07-01', validTo: null },
    { unitId: 4, parentId: 1, validFrom: '2025-07-01', validTo: null },
    { unitId: 10, parentId: 1, validFrom: null, validTo: null },
  ];
  const sut = (date: string) => treeAt(units, new ParentsOverTime(spans), date).map((node) => [node.unit.id, node.parentId, node.path]);

  it.each`
    date            | tree
    ${'2025-06-30'} | ${[[1, null, '/1/'], [10, 1, '/1/10/'], [2, 1, '/1/2/'], [3, 2, '/1/2/3/']]}
    ${'2025-07-01'} | ${[[1, null, '/1/'], [10, 1, '/1/10/'], [3, 1, '/1/3/'], [4, 1, '/1/4/']]}
  `('on $date is $tree', ({ date, tree }) => {
    expect(sut(date)).toEqual(tree);
  });

  it('leaves a unit whose parent is not valid that day, or who has no parent row, a root', () => {
    const nodes = treeAt(
      [{ id: 1, validFrom: null, validTo: '2025-06-30' }, { id: 2, validFrom: null, validTo: null }, { id: 3, validFrom: null, validTo: null }],
      new ParentsOverTime([{ unitId: 2, parentId: 1, validFrom: null, validTo: null }]),
      '2025-07-01',
    );
    expect(nodes.map((node) => [node.unit.id, node.parentId, node.path])).toEqual([[2, null, '/2/'], [3, null, '/3/']]);
  });

  it('ends at a cycle in bad data instead of looping', () => {
    const nodes = treeAt(
      [{ id: 1, validFrom: null, validTo: null }, { id: 2, validFrom: null, validTo: null }],
      new ParentsOverTime([{ unitId: 1, parentId: 2, validFrom: null, validTo: null }, { unitId: 2, parentId: 1, validFrom: null, validTo: null }]),
      '2025-07-01',
    );
    expect(nodes.map((node) => node.unit.id).sort()).toEqual([1, 2]);
  });
});

describe('successionsOf', () => {
  const codes = new Map([[1, 'xa-a'], [2, 'xa-b'], [3, 'xa-moi'], [4, 'phuong-c']]);
  const links = [
    { fromUnitId: 2, toUnitId: 3, carriesHistory: true, effectiveOn: '2025-07-01' },
    { fromUnitId: 1, toUnitId: 3, carriesHistory: true, effectiveOn: '2025-07-01' },
    { fromUnitId: 2, toUnitId: 4, carriesHistory: false, effectiveOn: '2025-07-01' },
    { fromUnitId: 9, toUnitId: 3, carriesHistory: true, effectiveOn: '2025-07-01' },
  ];

  it.each`
    unitId | predecessors                                                                                                                            | successors
    ${3}   | ${[{ code: 'xa-a', carriesHistory: true, effectiveOn: '2025-07-01' }, { code: 'xa-b', carriesHistory: true, effectiveOn: '2025-07-01' }]} | ${[]}
    ${2}   | ${[]}                                                                                                                                   | ${[{ code: 'phuong-c', carriesHistory: false, effectiveOn: '2025-07-01' }, { code: 'xa-moi', carriesHistory: true, effectiveOn: '2025-07-01' }]}
    ${1}   | ${[]}                                                                                                                                   | ${[{ code: 'xa-moi', carriesHistory: true, effectiveOn: '2025-07-01' }]}
  `('names the predecessors and successors of unit $unitId by code', ({ unitId, predecessors, successors }) => {
    expect(successionsOf(unitId, links, codes)).toEqual({ predecessors, successors });
  });
});

describe('agencyCodeHolder', () => {
  const others = [
    { code: 'xa-cu', agencyCode: '000.00.21.H23', validFrom: null, validTo: '2025-06-30' },
    { code: 'xa-khac', agencyCode: '000.00.22.H23', validFrom: null, validTo: null },
  ];

  it.each`
    agencyCode         | validFrom       | holder
    ${'000.00.21.H23'} | ${'2025-07-01'} | ${null}
    ${'000.00.21.H23'} | ${'2025-06-30'} | ${'xa-cu'}
    ${'000.00.21.H23'} | ${null}         | ${'xa-cu'}
    ${'000.00.22.H23'} | ${'2030-01-01'} | ${'xa-khac'}
    ${'000.00.22.h23'} | ${null}         | ${null}
    ${'000.00.99.H23'} | ${null}         | ${null}
  `('finds $holder holding $agencyCode for a unit valid from $validFrom', ({ agencyCode, validFrom, holder }) => {
    expect(agencyCodeHolder(others, agencyCode, { validFrom, validTo: null })?.code ?? null).toBe(holder);
  });
});

describe('parentSpanProblem', () => {
  it.each`
    parentFrom      | parentTo        | validFrom       | problem
    ${null}         | ${null}         | ${null}         | ${null}
    ${null}         | ${null}         | ${'2025-07-01'} | ${null}
    ${'2025-07-01'} | ${null}         | ${'2025-07-01'} | ${null}
    ${'2025-07-01'} | ${null}         | ${'2026-01-01'} | ${null}
    ${'2025-07-01'} | ${null}         | ${'2025-06-30'} | ${'not-yet-valid'}
    ${'2025-07-01'} | ${null}         | ${null}         | ${'not-yet-valid'}
    ${null}         | ${'2025-06-30'} | ${null}         | ${'retired'}
    ${null}         | ${'2030-12-31'} | ${'2026-01-01'} | ${'retired'}
  `('a parent valid $parentFrom – $parentTo takes a unit from $validFrom: $problem', ({ parentFrom, parentTo, validFrom, problem }) => {
    expect(parentSpanProblem({ validFrom: parentFrom, validTo: parentTo }, validFrom)).toBe(problem);
  });
});
