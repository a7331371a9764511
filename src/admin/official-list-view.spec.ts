import { OfficialListAct } from '../units/official-list';
import { actFingerprint, actRefusalLines, decodeList, packList, unpackList } from './official-list-view';

const ACT: OfficialListAct = {
  effectiveOn: '2025-07-01',
  reference: 'Nghị quyết 1/NQ',
  changes: [
    { op: 'merge', from: ['xa-a1', 'xa-a2'], into: 'xa-moi' },
    { op: 'retire', code: 'huyen-a' },
  ],
  lines: [[3], []],
};

describe('the official list page, its plain steps', () => {
  it('carries the file back through the form unchanged, and refuses what packList did not write', () => {
    const content = Buffer.from('\uFEFFMã đơn vị;Tên đơn vị\r\nxa-moi;Xã Mới\r\n', 'utf8');
    expect(unpackList(packList(content))?.equals(content)).toBe(true);
    for (const field of ['', 'not base64!', Buffer.from('not gzip').toString('base64')]) expect(unpackList(field)).toBeNull();
  });

  it('reads UTF-8 only', () => {
    expect(decodeList(Buffer.from('Xã Mới', 'utf8'))).toBe('Xã Mới');
    expect(decodeList(Buffer.from([0x58, 0xe3, 0x20]))).toBeNull();
  });

  it('fingerprints the act as read, not as written', () => {
    expect(actFingerprint(ACT)).toBe(actFingerprint({ ...ACT, lines: [[4], []] }));
    expect(actFingerprint(ACT)).not.toBe(actFingerprint({ ...ACT, effectiveOn: '2025-07-02' }));
    expect(actFingerprint(ACT)).not.toBe(actFingerprint({ ...ACT, reference: 'Nghị quyết 2/NQ' }));
  });

  it.each([
    ['vi', 'changes[0]: into: unit "xa-moi" does not exist', 'Dòng 3: into: unit "xa-moi" does not exist'],
    ['en', 'changes[0]: into: unit "xa-moi" does not exist', 'Line 3: into: unit "xa-moi" does not exist'],
    ['en', 'changes[1]: unit "xa-b" would be left under unit "huyen-a", which retires', 'Retiring huyen-a (a level the list no longer has): unit "xa-b" would be left under unit "huyen-a", which retires'],
    ['en', 'effectiveOn: 2026-07-01 is after today', 'effectiveOn: 2026-07-01 is after today'],
  ] as const)('says a refusal of the act where the list has it (%s)', (lang, line, said) => {
    expect(actRefusalLines(ACT, [line], lang)).toEqual([said]);
  });
});
