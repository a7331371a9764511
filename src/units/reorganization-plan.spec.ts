import { UnitChange, fingerprintOf, readChange } from './reorganization-changes';
import { StoredUnit, planReorganization } from './reorganization-plan';
import { idsOnPath, todaysPaths } from './todays-paths';
import { ParentsOverTime, ParentSpan } from './unit-timeline';

/** tinh(1) → huyen(2) → xa-a(3), xa-b(4); xa-cu(5) retired on 2025-03-31; xa-sau(6) begins 2025-09-01 under tinh. */
const UNITS: StoredUnit[] = [
  { id: 1, code: 'tinh', validFrom: null, validTo: null, agencyCode: null },
  { id: 2, code: 'huyen', validFrom: null, validTo: null, agencyCode: null },
  { id: 3, code: 'xa-a', validFrom: null, validTo: null, agencyCode: 'A.1' },
  { id: 4, code: 'xa-b', validFrom: null, validTo: null, agencyCode: 'B.1' },
  { id: 5, code: 'xa-cu', validFrom: null, validTo: '2025-03-31', agencyCode: 'C.1' },
  { id: 6, code: 'xa-sau', validFrom: '2025-09-01', validTo: null, agencyCode: null },
];
const SPANS: ParentSpan[] = [
  { unitId: 1, parentId: null, validFrom: null, validTo: null },
  { unitId: 2, parentId: 1, validFrom: null, validTo: null },
  { unitId: 3, parentId: 2, validFrom: null, validTo: null },
  { unitId: 4, parentId: 2, validFrom: null, validTo: null },
  { unitId: 5, parentId: 2, validFrom: null, validTo: '2025-03-31' },
  { unitId: 6, parentId: 1, validFrom: '2025-09-01', validTo: null },
];
const DAY = '2025-07-01';
const commune = (code: string, parentCode: string | null, agencyCode: string | null = null): UnitChange => ({ op: 'create', code, name: code, level: 'commune', kind: null, parentCode, agencyCode });

function sut(changes: UnitChange[]) {
  return planReorganization(DAY, changes, UNITS, new ParentsOverTime(SPANS));
}

describe('planReorganization', () => {
  it('plans a merge into a new commune and the district retired, its communes gone with it', () => {
    const outcome = sut([
      commune('xa-moi', 'tinh', 'B.1'),
      { op: 'merge', from: ['xa-a', 'xa-b'], into: 'xa-moi' },
      { op: 'retire', code: 'huyen' },
    ]);
    expect(outcome).toEqual({
      plan: {
        creates: [commune('xa-moi', 'tinh', 'B.1')],
        retires: ['xa-a', 'xa-b', 'huyen'],
        moves: [],
        renames: [],
        successions: [
          { from: 'xa-a', to: 'xa-moi', carriesHistory: true },
          { from: 'xa-b', to: 'xa-moi', carriesHistory: true },
        ],
      },
    });
  });

  it.each<[string, UnitChange[], string[]]>([
    ['a merge into a retired unit', [{ op: 'merge', from: ['xa-a'], into: 'xa-cu' }], ['changes[0]: into: cannot go into unit "xa-cu": it is retired (its last day was 2025-03-31)']],
    ['a merge into a unit the act retires', [{ op: 'merge', from: ['xa-a'], into: 'xa-b' }, { op: 'retire', code: 'xa-b' }], ['changes[0]: into: cannot go into unit "xa-b": it is retired by changes[1]']],
    ['a merge of a unit into itself only', [{ op: 'merge', from: ['xa-a'], into: 'xa-a' }], ['changes[0]: from: names no unit other than into']],
    ['a move under a retired parent', [{ op: 'move', code: 'xa-a', parentCode: 'xa-cu' }], ['changes[0]: parentCode: unit "xa-cu" cannot be a parent: it is retired (its last day was 2025-03-31)']],
    ['a move under a unit that begins later', [{ op: 'move', code: 'xa-a', parentCode: 'xa-sau' }], ['changes[0]: parentCode: unit "xa-sau" cannot be a parent: it is valid only from 2025-09-01']],
    ['an unknown unit', [{ op: 'rename', code: 'xa-z', name: 'Z' }], ['changes[0]: code: unit "xa-z" does not exist']],
    ['a unit retired twice', [{ op: 'retire', code: 'xa-a' }, { op: 'split', from: 'xa-a', into: ['xa-b'], historyTo: null }], ['changes[1]: from: unit "xa-a" is already retired by changes[0]']],
    ['a unit already retired', [{ op: 'retire', code: 'xa-cu' }], ['changes[0]: code: unit "xa-cu" is already retired (its last day was 2025-03-31)']],
    ['a unit that has not begun', [{ op: 'retire', code: 'xa-sau' }], ['changes[0]: code: unit "xa-sau" begins on 2025-09-01 and cannot retire before its first day is over']],
    ['a split whose history goes elsewhere', [{ op: 'split', from: 'xa-a', into: ['xa-b'], historyTo: 'tinh' }], ['changes[0]: historyTo: unit "tinh" is not among into']],
    ['a create of a code that exists', [commune('xa-a', 'tinh')], ['changes[0]: code: unit "xa-a" already exists']],
    ['an agency code a valid unit has', [commune('xa-moi', 'tinh', 'A.1')], ['changes[0]: agencyCode: "A.1" is already the agency code of unit "xa-a"']],
    ['one agency code for two new units', [commune('xa-m', 'tinh', 'N.1'), commune('xa-n', 'tinh', 'N.1')], ['changes[1]: agencyCode: "N.1" is also given by changes[0]']],
    ['a unit left under a retiring one', [{ op: 'retire', code: 'huyen' }, { op: 'retire', code: 'xa-a' }], ['changes[0]: unit "xa-b" would be left under unit "huyen", which retires: move or retire it in the same act']],
    ['a unit that begins later left under a retiring one', [{ op: 'retire', code: 'tinh' }, { op: 'move', code: 'huyen', parentCode: null }], ['changes[0]: unit "xa-sau" would be left under unit "tinh", which retires: move or retire it in the same act']],
    ['a cycle', [{ op: 'move', code: 'tinh', parentCode: 'xa-a' }], ['changes[0]: parentCode: makes a cycle: "tinh" → "xa-a" → "huyen" → "tinh"']],
    ['a move of a unit the act retires', [{ op: 'move', code: 'xa-a', parentCode: 'tinh' }, { op: 'retire', code: 'xa-a' }], ['changes[0]: code: unit "xa-a" retires by changes[1] and cannot be moved']],
  ])('refuses %s, naming the change', (_, changes, problems) => {
    expect(sut(changes)).toEqual({ problems });
  });

  it('frees the agency code of a unit that retires for one created the same day', () => {
    expect('plan' in sut([{ op: 'merge', from: ['xa-a', 'xa-b'], into: 'xa-moi' }, commune('xa-moi', 'huyen', 'A.1')])).toBe(true);
  });

  it('refuses a retirement before a parent change already recorded on a later day', () => {
    const spans = [...SPANS.filter((span) => span.unitId !== 4), { unitId: 4, parentId: 2, validFrom: null, validTo: '2025-07-31' }, { unitId: 4, parentId: 1, validFrom: '2025-08-01', validTo: null }];
    expect(planReorganization(DAY, [{ op: 'retire', code: 'xa-b' }], UNITS, new ParentsOverTime(spans))).toEqual({
      problems: ['changes[0]: code: unit "xa-b" changes parent on 2025-08-01, on or after effectiveOn: acts are applied in the order of their days'],
    });
  });
});

describe('readChange', () => {
  it.each<[unknown, string[]]>([
    [null, ['must be an object with an op']],
    [{ op: 'merge', from: 'xa-a', into: 'xa-b' }, ['from: must be a list of one or more unit codes']],
    [{ op: 'merge', from: ['xa-a', 'xa-a'], into: 'xa-b' }, ['from: names unit "xa-a" twice']],
    [{ op: 'create', code: 'x', name: 'X', level: 'province', kind: 'xa' }, ['kind: only a commune has a kind (xa, phuong, dac-khu)']],
    [{ op: 'create', code: 'x', name: 'X', level: 'ward' }, ['level: "ward" is not one of province, district, commune, agency']],
    [{ op: 'retire', code: 'x', name: 'X' }, ['name: is not a field of retire (code)']],
  ])('refuses %j', (raw, problems) => {
    expect(readChange(raw)).toEqual({ problems });
  });

  it('reads codes trimmed and agency codes in capitals, so the fingerprint of an act written differently is the same', () => {
    const one = readChange({ op: 'create', code: ' x ', name: 'Xã X', level: 'commune', agencyCode: 'a.1' });
    const other = readChange({ agencyCode: 'A.1', level: 'commune', name: ' Xã X', code: 'x', op: 'create', kind: null });
    expect(one).toEqual(other);
    const change = (one as { change: UnitChange }).change;
    expect(fingerprintOf(DAY, [change])).toBe(fingerprintOf(DAY, [(other as { change: UnitChange }).change]));
    expect(fingerprintOf(DAY, [change])).not.toBe(fingerprintOf('2025-07-02', [change]));
  });
});

describe('todaysPaths', () => {
  it('gives every unit the ids above it, a moved subtree its new prefix', () => {
    const paths = todaysPaths([{ id: 1, parentId: null }, { id: 7, parentId: 9 }, { id: 8, parentId: 7 }, { id: 9, parentId: 1 }]);
    expect(Object.fromEntries(paths)).toEqual({ 1: '/1/', 7: '/1/9/7/', 8: '/1/9/7/8/', 9: '/1/9/' });
    expect(idsOnPath('/1/9/7/')).toEqual([1, 9, 7]);
  });

  it('stops a chain that meets itself, as a root', () => {
    expect(todaysPaths([{ id: 1, parentId: 2 }, { id: 2, parentId: 1 }]).get(1)).toMatch(/^\/(2\/)?1\/$/);
  });
});
