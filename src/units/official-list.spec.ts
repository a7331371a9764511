import { ListedUnit, OfficialListAct, placeOfChange, readOfficialList } from './official-list';

/** tinh-a → huyen-a → xa-a1, xa-a2; tinh-b → huyen-b → xa-b1, xa-b2, xa-b3; huyen-c (empty) under tinh-b. */
const STORED: ListedUnit[] = [
  { code: 'tinh-a', name: 'Tỉnh A', level: 'province', parentCode: null, validTo: null },
  { code: 'huyen-a', name: 'Huyện A', level: 'district', parentCode: 'tinh-a', validTo: null },
  { code: 'xa-a1', name: 'Xã A1', level: 'commune', parentCode: 'huyen-a', validTo: null },
  { code: 'xa-a2', name: 'Xã A2', level: 'commune', parentCode: 'huyen-a', validTo: null },
  { code: 'tinh-b', name: 'Tỉnh B', level: 'province', parentCode: null, validTo: null },
  { code: 'huyen-b', name: 'Huyện B', level: 'district', parentCode: 'tinh-b', validTo: null },
  { code: 'xa-b1', name: 'Xã B1', level: 'commune', parentCode: 'huyen-b', validTo: null },
  { code: 'xa-b2', name: 'Xã B2', level: 'commune', parentCode: 'huyen-b', validTo: null },
  { code: 'xa-b3', name: 'Xã B3', level: 'commune', parentCode: 'huyen-b', validTo: null },
  { code: 'huyen-c', name: 'Huyện C', level: 'district', parentCode: 'tinh-b', validTo: null },
  { code: 'xa-cu', name: 'Xã Cũ', level: 'commune', parentCode: null, validTo: '2020-12-31' },
];

const HEADER = 'Mã đơn vị;Tên đơn vị;Cấp;Loại;Mã đơn vị cấp trên;Hình thành từ (mã cũ, cách nhau bởi dấu ,);Ngày hiệu lực;Căn cứ';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n');
const R = 'Nghị quyết 1/NQ';

function actOf(text: string): OfficialListAct {
  const outcome = readOfficialList(text, STORED);
  if ('problems' in outcome) throw new Error(outcome.problems.lines.join('\n'));
  return outcome.act;
}

function problemsOf(text: string): string[] {
  const outcome = readOfficialList(text, STORED);
  if ('act' in outcome) throw new Error('expected the list to be refused');
  return outcome.problems.lines;
}

describe('readOfficialList', () => {
  it('turns the list of two provinces merged into one into one act', () => {
    const sut = actOf(
      '\uFEFF' +
        csv(
          `tinh-moi;Tỉnh Mới;Tỉnh;Tỉnh;;tinh-a, tinh-b;01/07/2025;${R}`,
          `xa-moi;Xã Mới;Xã;Xã;tinh-moi;xa-a1,xa-a2;01/07/2025;${R}`,
          `xa-b1;Phường B1;Xã;Phường;tinh-moi;xa-b1,xa-b2;01/07/2025;${R}`,
          `xa-c1;Xã C1;Xã;Xã;tinh-moi;xa-b3 (một phần);01/07/2025;${R}`,
          `xa-c2;Xã C2;Xã;Đặc khu;tinh-moi;xa-b3 (phần còn lại);2025-07-01;${R}`,
        ),
    );
    expect(sut.effectiveOn).toBe('2025-07-01');
    expect(sut.reference).toBe(R);
    expect(sut.changes).toEqual([
      { op: 'create', code: 'tinh-moi', name: 'Tỉnh Mới', level: 'province', kind: null, parentCode: null, agencyCode: null },
      { op: 'create', code: 'xa-moi', name: 'Xã Mới', level: 'commune', kind: 'xa', parentCode: 'tinh-moi', agencyCode: null },
      { op: 'create', code: 'xa-c1', name: 'Xã C1', level: 'commune', kind: 'xa', parentCode: 'tinh-moi', agencyCode: null },
      { op: 'create', code: 'xa-c2', name: 'Xã C2', level: 'commune', kind: 'dac-khu', parentCode: 'tinh-moi', agencyCode: null },
      { op: 'merge', from: ['tinh-a', 'tinh-b'], into: 'tinh-moi' },
      { op: 'merge', from: ['xa-a1', 'xa-a2'], into: 'xa-moi' },
      { op: 'merge', from: ['xa-b1', 'xa-b2'], into: 'xa-b1' },
      { op: 'split', from: 'xa-b3', into: ['xa-c1', 'xa-c2'], historyTo: 'xa-c2' },
      { op: 'move', code: 'xa-b1', parentCode: 'tinh-moi' },
      { op: 'rename', code: 'xa-b1', name: 'Phường B1' },
      { op: 'retire', code: 'huyen-a' },
      { op: 'retire', code: 'huyen-b' },
      { op: 'retire', code: 'huyen-c' },
    ]);
    expect(sut.lines).toEqual([[2], [3], [5], [6], [2], [3], [4], [5, 6], [4], [4], [], [], []]);
  });

  it.each([
    ['comma separated, English headings, no rest marked: the first row carries the history', 'code,name,level,kind,parentCode,formedFrom,effectiveOn,reference\nxa-c1,Xã C1,commune,xa,tinh-a,xa-a1,2025-07-01,R\nxa-c2,Xã C2,commune,,tinh-a,xa-a1,2025-07-01,R', [
      { op: 'split', from: 'xa-a1', into: ['xa-c1', 'xa-c2'], historyTo: 'xa-c1' },
      { op: 'retire', code: 'huyen-a' },
    ]],
    ['a unit that keeps its code is not split: the part another row takes carries no history', csv(`xa-a1;Xã A1;Xã;;tinh-a;xa-a1;01/07/2025;${R}`, `xa-c1;Xã C1;Xã;;tinh-a;xa-a1, xa-a2;01/07/2025;${R}`), [
      { op: 'merge', from: ['xa-a2'], into: 'xa-c1' },
      { op: 'move', code: 'xa-a1', parentCode: 'tinh-a' },
      { op: 'retire', code: 'huyen-a' },
    ]],
    ['a kept unit named by no other row and unchanged is no change; with districts in the list none retires', csv(`huyen-a;Huyện A;Huyện;;tinh-a;;01/07/2025;${R}`, `xa-a1;Xã A1;Xã;;huyen-a;;01/07/2025;${R}`), []],
    ['a trailing comma in Hình thành từ names nothing', csv(`xa-moi;Xã Mới;Xã;;tinh-a;xa-a1, xa-a2,;01/07/2025;${R}`), [
      { op: 'merge', from: ['xa-a1', 'xa-a2'], into: 'xa-moi' },
      { op: 'retire', code: 'huyen-a' },
    ]],
    ['a kept commune moved to another parent', csv(`xa-a1;Xã A1;Xã;;huyen-b;;01/07/2025;${R}`, `huyen-b;Huyện B;Huyện;;tinh-b;;01/07/2025;${R}`), [
      { op: 'move', code: 'xa-a1', parentCode: 'huyen-b' },
    ]],
  ])('%s', (_name, text, changes) => {
    expect(actOf(text).changes.filter((change) => change.op !== 'create')).toEqual(changes);
  });

  it.each([
    ['an unknown old code', csv(`xa-moi;Xã Mới;Xã;;tinh-a;xa-a1, xa-khong-co;01/07/2025;${R}`), ['line 2: Hình thành từ: unit "xa-khong-co" does not exist']],
    ['a unit formed twice', csv(`xa-moi;Xã Mới;Xã;;tinh-a;xa-a1;01/07/2025;${R}`, `xa-moi;Xã Mới;Xã;;tinh-a;xa-a2;01/07/2025;${R}`), ['line 3: Mã đơn vị: unit "xa-moi" is formed twice (also on line 2)']],
    ['a bad date, a bad level and kind', csv(`xa-moi;Xã Mới;Thôn;Ấp;tinh-a;xa-a1;31/02/2025;${R}`), [
      'line 2: Cấp: "Thôn" is not a level (Tỉnh, Huyện, Xã, Cơ quan)',
      'line 2: Loại: only a commune has a kind (Xã, Phường, Đặc khu)',
      'line 2: Ngày hiệu lực: "31/02/2025" is not a date (dd/MM/yyyy or YYYY-MM-DD)',
    ]],
    ['rows of different days', csv(`xa-moi;Xã Mới;Xã;;tinh-a;xa-a1;01/07/2025;${R}`, `xa-moi2;Xã Mới 2;Xã;;tinh-a;xa-a2;02/07/2025;${R}`), ['line 3: Ngày hiệu lực: 2025-07-02 differs from 2025-07-01 on line 2: one list is one act, of one day']],
    ['an old code twice in a row, a retired code kept, no reference', csv('xa-moi;Xã Mới;Xã;;tinh-a;xa-a1,xa-a1;01/07/2025;', 'xa-cu;Xã Cũ;Xã;;tinh-a;;01/07/2025;'), [
      'line 2: Hình thành từ: names unit "xa-a1" twice',
      'line 3: Mã đơn vị: unit "xa-cu" is retired (its last day was 2020-12-31): a new unit needs a new code',
      "Căn cứ: no row names the act's legal basis",
    ]],
    ['a missing column', 'Mã đơn vị;Tên đơn vị\nx;y', ['header: no column Cấp, Ngày hiệu lực']],
    ['no rows', HEADER, ['file: has no row below its header']],
    ['a kept unit given another level', csv(`xa-a1;Xã A1;Huyện;;tinh-a;;01/07/2025;${R}`), ["line 2: Cấp: unit \"xa-a1\" is a commune, and an act does not change a unit's level"]],
  ])('refuses %s, naming the line and the column', (_name, text, problems) => {
    expect(problemsOf(text)).toEqual(problems);
  });

  it('says where a refusal of the act is in the list', () => {
    const act = actOf(csv(`tinh-moi;Tỉnh Mới;Tỉnh;;;tinh-a;01/07/2025;${R}`));
    expect(act.changes.map((change) => change.op)).toEqual(['create', 'merge', 'retire']);
    expect(placeOfChange(act, 'changes[1]: into: cannot go into unit "x"')).toEqual({ lines: [2], retired: null, text: 'into: cannot go into unit "x"' });
    expect(placeOfChange(act, 'changes[2]: unit "xa-a1" would be left under unit "huyen-a", which retires')).toEqual({ lines: [], retired: 'huyen-a', text: 'unit "xa-a1" would be left under unit "huyen-a", which retires' });
    expect(placeOfChange(act, 'effectiveOn: bad')).toEqual({ lines: [], retired: null, text: 'effectiveOn: bad' });
  });
});
