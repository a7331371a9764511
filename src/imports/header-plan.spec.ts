import { plainText } from '../common/text';
import { planOf } from './column-plan.fixture';
import { planColumns } from './header-plan';
import { parseMappingFile } from './mapping-file';
import { RecordField } from './vocabulary';

const REQUIRED: Partial<Record<RecordField, string>> = { code: 'Mã hồ sơ', status: 'Trạng thái', receivedAt: 'Ngày tiếp nhận' };

/** The three required headings, with `heading` in place of the one for `field` (or added). */
function headerWith(heading: string, field: RecordField): string[] {
  const others = Object.entries(REQUIRED)
    .filter(([name]) => name !== field)
    .map(([, text]) => text!);
  return [...others, heading];
}

describe('plainText (common/text.ts)', () => {
  it.each`
    text                            | expected
    ${'Mã hồ sơ'}                   | ${'ma ho so'}
    ${'MÃ HỒ SƠ'}                   | ${'ma ho so'}
    ${'Mã hồ sơ'.normalize('NFD')}  | ${'ma ho so'}
    ${'  Ngày   tiếp\u00a0nhận  '}  | ${'ngay tiep nhan'}
    ${'Đơn vị'}                     | ${'don vi'}
    ${'Mã hồ sơ (*)'}               | ${'ma ho so'}
    ${'unitCode'}                   | ${'unitcode'}
    ${'Số TT.'}                     | ${'so tt'}
    ${'\u00d0ã giải quyết'}          | ${'da giai quyet'}
  `('$text → "$expected"', ({ text, expected }) => {
    expect(plainText(text)).toBe(expected);
  });
});

describe('planColumns: headings', () => {
  it.each`
    heading                          | field
    ${'Mã hồ sơ'}                    | ${'code'}
    ${'Số hồ sơ'}                    | ${'code'}
    ${'Ma HS'}                       | ${'code'}
    ${'code'}                        | ${'code'}
    ${'Mã đơn vị'}                   | ${'unitCode'}
    ${'Đơn vị'}                      | ${'unitCode'}
    ${'unitCode'}                    | ${'unitCode'}
    ${'Unit code'}                   | ${'unitCode'}
    ${'Mã thủ tục'}                  | ${'procedureCode'}
    ${'Mã TTHC'}                     | ${'procedureCode'}
    ${'procedureCode'}               | ${'procedureCode'}
    ${'Thủ tục'}                     | ${'procedureName'}
    ${'Tên thủ tục'}                 | ${'procedureName'}
    ${'Tên TTHC'}                    | ${'procedureName'}
    ${'procedureName'}               | ${'procedureName'}
    ${'Lĩnh vực'}                    | ${'field'}
    ${'field'}                       | ${'field'}
    ${'Kênh nộp'}                    | ${'channel'}
    ${'Hình thức nộp'}               | ${'channel'}
    ${'Hình thức tiếp nhận'}         | ${'channel'}
    ${'channel'}                     | ${'channel'}
    ${'Trạng thái'}                  | ${'status'}
    ${'Tình trạng'}                  | ${'status'}
    ${'status'}                      | ${'status'}
    ${'Ngày tiếp nhận'}              | ${'receivedAt'}
    ${'Ngày nhận'}                   | ${'receivedAt'}
    ${'receivedAt'}                  | ${'receivedAt'}
    ${'Ngày hẹn trả'}                | ${'dueAt'}
    ${'Hạn giải quyết'}              | ${'dueAt'}
    ${'Hạn xử lý'}                   | ${'dueAt'}
    ${'dueAt'}                       | ${'dueAt'}
    ${'Ngày có kết quả'}             | ${'resolvedAt'}
    ${'Ngày trả kết quả'}            | ${'resolvedAt'}
    ${'Ngày hoàn thành'}             | ${'resolvedAt'}
    ${'resolvedAt'}                  | ${'resolvedAt'}
    ${'Ngày hẹn trả mới'}            | ${'extendedDueAt'}
    ${'Ngày gia hạn'}                | ${'extendedDueAt'}
    ${'extendedDueAt'}               | ${'extendedDueAt'}
    ${'Ngày rút'}                    | ${'withdrawnAt'}
    ${'withdrawnAt'}                 | ${'withdrawnAt'}
    ${'Ngày cập nhật'}               | ${'sourceUpdatedAt'}
    ${'sourceUpdatedAt'}             | ${'sourceUpdatedAt'}
    ${'MÃ HỒ SƠ'}                    | ${'code'}
    ${'ma ho so'}                    | ${'code'}
    ${'  Mã   hồ  sơ '}              | ${'code'}
    ${'Mã hồ sơ'.normalize('NFD')}   | ${'code'}
    ${'Mã hồ sơ (*)'}                | ${'code'}
    ${'Ngày tiếp nhận (dd/mm/yyyy)'} | ${'receivedAt'}
    ${'NGAY HEN TRA'}                | ${'dueAt'}
    ${'RECEIVEDAT'}                  | ${'receivedAt'}
    ${'received at'}                 | ${'receivedAt'}
  `('"$heading" is $field', ({ heading, field }) => {
    const sut = planOf(headerWith(heading, field));
    expect(sut.fields[sut.fields.length - 1]).toBe(field);
  });

  it('lists the headings it does not know, ignores empty ones, and reads the others', () => {
    const sut = planOf(['STT', 'Mã hồ sơ', null, 'Họ tên người nộp', 'Trạng thái', '', 'Ngày tiếp nhận']);
    expect(sut).toEqual({
      fields: [null, 'code', null, null, 'status', null, 'receivedAt'],
      unknownHeadings: ['STT', 'Họ tên người nộp'],
      date1904: false,
    });
  });

  it.each`
    header                                                                      | used                    | ignored
    ${['Mã hồ sơ', 'Đơn vị', 'Mã đơn vị', 'Trạng thái', 'Ngày tiếp nhận']}      | ${'Mã đơn vị'}          | ${'Đơn vị'}
    ${['Mã hồ sơ', 'Tình trạng', 'Trạng thái', 'Ngày tiếp nhận']}               | ${'Trạng thái'}         | ${'Tình trạng'}
  `('a fallback heading gives way to a known one: $used is read, $ignored is not', ({ header, used, ignored }) => {
    const sut = planOf(header);
    expect(sut.fields[header.indexOf(used)]).not.toBeNull();
    expect(sut.fields[header.indexOf(ignored)]).toBeNull();
    expect(sut.unknownHeadings).toEqual([ignored]);
  });
});

describe('planColumns: the mapping file', () => {
  it.each`
    scenario                                        | header                                                          | mapping                                          | expected
    ${'names an unknown heading'}                   | ${['Số biên nhận', 'Trạng thái', 'Ngày tiếp nhận']}             | ${{ 'Số biên nhận': 'code' }}                    | ${['code', 'status', 'receivedAt']}
    ${'is matched without accents or case'}         | ${['SO BIEN NHAN', 'Trạng thái', 'Ngày tiếp nhận']}             | ${{ 'Số biên nhận': 'code' }}                    | ${['code', 'status', 'receivedAt']}
    ${'outranks a known heading for the field'}     | ${['Mã hồ sơ', 'Số biên nhận', 'Trạng thái', 'Ngày tiếp nhận']} | ${{ 'Số biên nhận': 'code' }}                    | ${[null, 'code', 'status', 'receivedAt']}
    ${'re-assigns a known heading'}                 | ${['Mã hồ sơ', 'Trạng thái', 'Ngày nhận', 'Ngày nộp']}          | ${{ 'Ngày nhận': null, 'Ngày nộp': 'receivedAt' }} | ${['code', 'status', null, 'receivedAt']}
    ${'leaves a column out with null'}              | ${['Mã hồ sơ', 'Trạng thái', 'Tình trạng', 'Ngày tiếp nhận']}   | ${{ 'Tình trạng': null }}                        | ${['code', 'status', null, 'receivedAt']}
  `('$scenario', ({ header, mapping, expected }) => {
    const sut = planOf(header, parseMappingFile(JSON.stringify({ columns: mapping })));
    expect(sut.fields).toEqual(expected);
  });
});

describe('planColumns: errors', () => {
  it.each`
    scenario                                 | header                                                             | mapping                                               | error
    ${'no code column'}                      | ${['STT', 'Trạng thái', 'Ngày tiếp nhận']}                         | ${undefined}                                          | ${'header: no column for code (Mã hồ sơ) (found: STT, Trạng thái, Ngày tiếp nhận); name the columns in a mapping file'}
    ${'no status column'}                    | ${['Mã hồ sơ', 'Ngày tiếp nhận']}                                  | ${undefined}                                          | ${'header: no column for status (Trạng thái) (found: Mã hồ sơ, Ngày tiếp nhận); name the columns in a mapping file'}
    ${'no receivedAt column'}                | ${['Mã hồ sơ', 'Trạng thái', 'Ngày nộp']}                          | ${undefined}                                          | ${'header: no column for receivedAt (Ngày tiếp nhận) (found: Mã hồ sơ, Trạng thái, Ngày nộp); name the columns in a mapping file'}
    ${'none of them'}                        | ${['STT', 'Họ tên']}                                               | ${undefined}                                          | ${"header: no column for code (Mã hồ sơ), status (Trạng thái), receivedAt (Ngày tiếp nhận) (none of the row's 2 cells is a heading of an export); name the columns in a mapping file"}
    ${'a data row, quoted in nothing'}       | ${['Nguyễn Văn An', '0912345678', 1]}                              | ${undefined}                                          | ${"header: no column for code (Mã hồ sơ), status (Trạng thái), receivedAt (Ngày tiếp nhận) (none of the row's 3 cells is a heading of an export); name the columns in a mapping file"}
    ${'a heading the mapping leaves out'}    | ${['Họ tên', 'STT']}                                               | ${{ columns: { STT: null } }}                         | ${'header: no column for code (Mã hồ sơ), status (Trạng thái), receivedAt (Ngày tiếp nhận) (found: Họ tên, STT); name the columns in a mapping file'}
    ${'an empty header'}                     | ${[null, '']}                                                      | ${undefined}                                          | ${'header: no column for code (Mã hồ sơ), status (Trạng thái), receivedAt (Ngày tiếp nhận) (found: nothing); name the columns in a mapping file'}
    ${'two code columns'}                    | ${['Mã hồ sơ', 'Số hồ sơ', 'Trạng thái', 'Ngày tiếp nhận']}        | ${undefined}                                          | ${'header: columns "Mã hồ sơ" (A) and "Số hồ sơ" (B) both mean code; keep one with a mapping file, e.g. {"columns":{"Số hồ sơ":null}}'}
    ${'the same heading twice'}              | ${['Mã hồ sơ', 'Trạng thái', 'Ngày tiếp nhận', 'Ngày tiếp nhận']}  | ${undefined}                                          | ${'header: columns "Ngày tiếp nhận" (C) and "Ngày tiếp nhận" (D) both mean receivedAt; keep one with a mapping file, e.g. {"columns":{"Ngày tiếp nhận":null}}'}
    ${'two mapped columns for one field'}    | ${['Số BN', 'Số biên nhận', 'Trạng thái', 'Ngày tiếp nhận']}       | ${{ columns: { 'Số BN': 'code', 'Số biên nhận': 'code' } }} | ${'header: columns "Số BN" (A) and "Số biên nhận" (B) both mean code; keep one with a mapping file, e.g. {"columns":{"Số biên nhận":null}}'}
  `('$scenario', ({ header, mapping, error }) => {
    const sut = planColumns(header, mapping);
    expect(sut).toEqual({ errors: [error], headings: expect.any(Number) });
  });

  it('counts the cells that are headings, known or mapped', () => {
    expect(planColumns(['STT', 'Họ tên'])).toMatchObject({ headings: 0 });
    expect(planColumns(['Mã hồ sơ', 'Họ tên', 'Trạng thái'])).toMatchObject({ headings: 2 });
    expect(planColumns(['Số BN', 'STT'], { columns: { 'Số BN': 'code', STT: null } })).toMatchObject({ headings: 2 });
  });

  it('reports a duplicate and a missing column together', () => {
    const sut = planColumns(['Mã hồ sơ', 'Số hồ sơ', 'Trạng thái']);
    expect('errors' in sut && sut.errors).toEqual([
      expect.stringContaining('both mean code'),
      expect.stringContaining('no column for receivedAt (Ngày tiếp nhận)'),
    ]);
  });
});

describe('what errors quote of a file', () => {
  it('lists at most 20 headings it found, each capped, when one at least is a heading', () => {
    const header = ['H'.repeat(5000), 'Trạng thái', ...Array.from({ length: 30 }, (_, i) => `Cột ${i + 1}`)];
    const planned = planColumns(header);
    expect('errors' in planned && planned.errors[0]).toBe(
      `header: no column for code (Mã hồ sơ), receivedAt (Ngày tiếp nhận) (found: ${'H'.repeat(60)}…(5000 characters), Trạng thái, ${Array.from({ length: 18 }, (_, i) => `Cột ${i + 1}`).join(', ')} and 12 more); name the columns in a mapping file`,
    );
  });

  it('quotes duplicate headings capped', () => {
    const long = `Mã hồ sơ ${'x'.repeat(100)}`;
    const planned = planColumns([long, 'Trạng thái', 'Ngày tiếp nhận', 'Mã hồ sơ'], { columns: { [long]: 'code', 'Mã hồ sơ': 'code' } });
    expect('errors' in planned && planned.errors[0]).toContain(`columns "Mã hồ sơ ${'x'.repeat(51)}…(109 characters)" (A) and "Mã hồ sơ" (D) both mean code`);
  });
});
