import { plainText } from '../common/text';
import { ColumnPlan, MappingFile, RecordField, parseMappingFile, planColumns, rowToRecord } from './column-mapping';
import type { Cell } from './row-readers';

const REQUIRED: Partial<Record<RecordField, string>> = { code: 'Mã hồ sơ', status: 'Trạng thái', receivedAt: 'Ngày tiếp nhận' };

/** The three required headings, with `heading` in place of the one for `field` (or added). */
function headerWith(heading: string, field: RecordField): string[] {
  const others = Object.entries(REQUIRED)
    .filter(([name]) => name !== field)
    .map(([, text]) => text!);
  return [...others, heading];
}

function planOf(header: Cell[], mapping?: MappingFile): ColumnPlan {
  const planned = planColumns(header, mapping);
  if ('errors' in planned) throw new Error(planned.errors.join('\n'));
  return planned.plan;
}

const HEADER = ['Mã hồ sơ', 'Mã đơn vị', 'Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Kênh nộp', 'Trạng thái', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả'];
const ROW: Cell[] = ['HS-000001', 'xa-a', '1.001193', 'Đăng ký khai sinh', 'Hộ tịch', 'Trực tiếp', 'Đã giải quyết', '02/05/2025 08:15', '05/05/2025', '05/05/2025 10:30'];

/** One data row through the full header, with some cells replaced. */
function convert(changes: Partial<Record<RecordField, Cell>>, options: { unitCode?: string; mapping?: MappingFile } = {}) {
  const sut = planOf(HEADER, options.mapping);
  const cells = ROW.map((cell, index) => {
    const field = sut.fields[index]!;
    return field in changes ? changes[field]! : cell;
  });
  return rowToRecord(cells, sut, options);
}

function recordOf(changes: Partial<Record<RecordField, Cell>>, options: { unitCode?: string; mapping?: MappingFile } = {}) {
  const result = convert(changes, options);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.record;
}

function errorsOf(changes: Partial<Record<RecordField, Cell>>, options: { unitCode?: string; mapping?: MappingFile } = {}) {
  const result = convert(changes, options);
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.record)}`);
  return result.errors;
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

describe('parseMappingFile', () => {
  it('reads columns, statuses and channels', () => {
    const json = JSON.stringify({
      columns: { 'Số biên nhận': 'code', 'Tình trạng': null },
      statuses: { 'Chờ phê duyệt': 'processing' },
      channels: { Zalo: 'online' },
    });
    expect(parseMappingFile(`\uFEFF${json}`)).toEqual({
      columns: { 'Số biên nhận': 'code', 'Tình trạng': null },
      statuses: { 'Chờ phê duyệt': 'processing' },
      channels: { Zalo: 'online' },
    });
  });

  it.each`
    scenario                       | json                                                                | message
    ${'not JSON'}                  | ${'{columns:'}                                                      | ${/^mapping file: not valid JSON \(/}
    ${'an array'}                  | ${'[]'}                                                             | ${/^mapping file: must be a JSON object/}
    ${'an unknown key'}            | ${'{"colums": {}}'}                                                 | ${'mapping file: unknown key "colums" (expected columns, statuses, channels)'}
    ${'columns not an object'}     | ${'{"columns": ["code"]}'}                                          | ${'mapping file: "columns" must be an object of "text": value'}
    ${'an unknown field'}          | ${'{"columns": {"Số biên nhận": "codee"}}'}                         | ${'mapping file: columns["Số biên nhận"] = "codee" is not a record field (one of code, unitCode, procedureCode, procedureName, field, channel, status, receivedAt, dueAt, resolvedAt, extendedDueAt, withdrawnAt, sourceUpdatedAt, null)'}
    ${'an unknown status'}         | ${'{"statuses": {"Chờ phê duyệt": "pending"}}'}                     | ${'mapping file: statuses["Chờ phê duyệt"] = "pending" is not a status (one of processing, waiting, resolved, refused, withdrawn, denied)'}
    ${'an unknown channel'}        | ${'{"channels": {"Zalo": 3}}'}                                      | ${'mapping file: channels["Zalo"] = 3 is not a channel (one of direct, online, postal)'}
    ${'a key without letters'}     | ${'{"columns": {"(*)": "code"}}'}                                   | ${'mapping file: columns key "(*)" has no letters or digits'}
    ${'one text, two meanings'}    | ${'{"statuses": {"Chờ duyệt": "waiting", "CHO DUYET": "processing"}}'} | ${'mapping file: statuses keys "Chờ duyệt" and "CHO DUYET" are the same text and say different things'}
  `('rejects $scenario', ({ json, message }) => {
    expect(() => parseMappingFile(json)).toThrow(message);
  });

  it.each`
    scenario                   | json                                                | message
    ${'a lone surrogate'}      | ${'{"columns": {"Số \\ud800biên nhận": "code"}}'} | ${'mapping file: columns key "Số \\uD800biên nhận" is not valid UTF-8 text (a lone surrogate U+D800 at character 4)'}
    ${'U+FFFD'}                | ${'{"statuses": {"Ch\uFFFD duyệt": "waiting"}}'}    | ${'mapping file: statuses key "Ch\uFFFD duyệt" is not valid UTF-8 text (U+FFFD, left where bytes were not UTF-8, at character 3)'}
  `('rejects a key that is not valid text: $scenario', ({ json, message }) => {
    expect(() => parseMappingFile(json)).toThrow(message);
  });

  it('quotes a 1 MB key or value capped', () => {
    const longKey = 'k'.repeat(1_000_000);
    expect(() => parseMappingFile(JSON.stringify({ [longKey]: {} }))).toThrow(`mapping file: unknown key "${'k'.repeat(60)}…(1000000 characters)" (expected`);
    expect(() => parseMappingFile(JSON.stringify({ channels: { Zalo: 'v'.repeat(1_000_000) } }))).toThrow(
      `mapping file: channels["Zalo"] = "${'v'.repeat(60)}…(1000000 characters)" is not a channel`,
    );
  });
});

describe('rowToRecord: a full row', () => {
  it('gives every field as the record checker reads it', () => {
    expect(recordOf({})).toEqual({
      code: 'HS-000001',
      unitCode: 'xa-a',
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      field: 'Hộ tịch',
      channel: 'direct',
      status: 'resolved',
      receivedAt: '2025-05-02T08:15:00',
      dueAt: '2025-05-05',
      resolvedAt: '2025-05-05T10:30:00',
    });
  });

  it('leaves empty cells out, so optional fields stay unset', () => {
    const sut = recordOf({ procedureCode: null, procedureName: '', field: '   ', channel: null, status: 'Đang xử lý', resolvedAt: null });
    expect(sut).toEqual({ code: 'HS-000001', unitCode: 'xa-a', status: 'processing', receivedAt: '2025-05-02T08:15:00', dueAt: '2025-05-05' });
  });

  it('reads a row shorter than the header', () => {
    const sut = rowToRecord(['HS-1', 'Đang xử lý'], planOf(['Mã hồ sơ', 'Trạng thái', 'Ngày tiếp nhận', 'Ngày hẹn trả']), { unitCode: 'xa-a' });
    expect(sut).toEqual({ ok: true, record: { code: 'HS-1', status: 'processing', unitCode: 'xa-a' } });
  });
});

describe('rowToRecord: text fields', () => {
  it.each`
    cell                         | expected
    ${'HS-000001'}               | ${'HS-000001'}
    ${'  HS-000001 '}            | ${'HS-000001'}
    ${1234}                      | ${'1234'}
    ${1234.5}                    | ${'1234.5'}
    ${true}                      | ${'true'}
  `('code $cell → "$expected"', ({ cell, expected }) => {
    expect(recordOf({ code: cell }).code).toBe(expected);
  });
});

describe('rowToRecord: the unit', () => {
  const header = ['Mã hồ sơ', 'Trạng thái', 'Ngày tiếp nhận'];
  it.each`
    scenario                                            | header                       | cell                   | unitCode      | expected
    ${'the --unit fills a file without a unit column'}  | ${header}                    | ${undefined}           | ${'xa-b'}     | ${'xa-b'}
    ${"the row's own unit wins over --unit"}            | ${[...header, 'Mã đơn vị']}  | ${'xa-a'}              | ${'xa-b'}     | ${'xa-a'}
    ${'an empty unit cell takes --unit'}                | ${[...header, 'Mã đơn vị']}  | ${null}                | ${'xa-b'}     | ${'xa-b'}
    ${'no unit anywhere: left to the record checker'}   | ${header}                    | ${undefined}           | ${undefined}  | ${undefined}
    ${'"Đơn vị" holding a code is read'}                | ${[...header, 'Đơn vị']}     | ${'xa-a'}              | ${'xa-b'}     | ${'xa-a'}
    ${'"Đơn vị" holding a name is not'}                 | ${[...header, 'Đơn vị']}     | ${'UBND xã Tân Phú'}   | ${'xa-b'}     | ${'xa-b'}
    ${'"Mã đơn vị" is read whatever it holds'}          | ${[...header, 'Mã đơn vị']}  | ${'UBND xã Tân Phú'}   | ${'xa-b'}     | ${'UBND xã Tân Phú'}
  `('$scenario', ({ header: columns, cell, unitCode, expected }) => {
    const cells = ['HS-1', 'Đang xử lý', '02/05/2025', ...(cell === undefined ? [] : [cell])];
    const sut = rowToRecord(cells, planOf(columns), { unitCode });
    expect(sut.ok && sut.record.unitCode).toBe(expected);
  });
});

describe('rowToRecord: status words', () => {
  it.each`
    word                           | status
    ${'Đang xử lý'}                | ${'processing'}
    ${'Đang giải quyết'}           | ${'processing'}
    ${'Đang thụ lý'}               | ${'processing'}
    ${'Mới tiếp nhận'}             | ${'processing'}
    ${'processing'}                | ${'processing'}
    ${'Chờ bổ sung'}               | ${'waiting'}
    ${'Tạm dừng'}                  | ${'waiting'}
    ${'Yêu cầu bổ sung'}           | ${'waiting'}
    ${'Chờ công dân bổ sung'}      | ${'waiting'}
    ${'waiting'}                   | ${'waiting'}
    ${'Đã giải quyết'}             | ${'resolved'}
    ${'Đã trả kết quả'}            | ${'resolved'}
    ${'Hoàn thành'}                | ${'resolved'}
    ${'Đã có kết quả'}             | ${'resolved'}
    ${'resolved'}                  | ${'resolved'}
    ${'Từ chối'}                   | ${'refused'}
    ${'Không giải quyết'}          | ${'refused'}
    ${'Từ chối giải quyết'}        | ${'refused'}
    ${'refused'}                   | ${'refused'}
    ${'Đã rút'}                    | ${'withdrawn'}
    ${'Rút hồ sơ'}                 | ${'withdrawn'}
    ${'Công dân rút hồ sơ'}        | ${'withdrawn'}
    ${'Dừng xử lý theo yêu cầu'}   | ${'withdrawn'}
    ${'withdrawn'}                 | ${'withdrawn'}
    ${'Từ chối tiếp nhận'}         | ${'denied'}
    ${'Không tiếp nhận'}           | ${'denied'}
    ${'Trả lại hồ sơ'}             | ${'denied'}
    ${'denied'}                    | ${'denied'}
    ${'ĐÃ GIẢI QUYẾT'}             | ${'resolved'}
    ${'da giai quyet'}             | ${'resolved'}
    ${' Đã  giải quyết. '}         | ${'resolved'}
    ${'Đã giải quyết'.normalize('NFD')} | ${'resolved'}
    ${'Resolved'}                  | ${'resolved'}
  `('"$word" is $status', ({ word, status }) => {
    expect(recordOf({ status: word, resolvedAt: null }).status).toBe(status);
  });

  it.each`
    word                          | why
    ${'Đã giải quyết đúng hạn'}   | ${'a longer phrase is not matched by its start'}
    ${'giải quyết'}               | ${'nor a part of a word list entry'}
    ${'Chờ phê duyệt'}            | ${'an unknown word'}
    ${42}                         | ${'a number'}
  `('"$word" is an error naming the value: $why', ({ word }) => {
    expect(errorsOf({ status: word })).toEqual([
      `status: "${word}" is not a known status; add it to the mapping file, e.g. {"statuses":{"${word}":"processing"}}`,
    ]);
  });

  it.each`
    scenario                         | statuses                                | word               | status
    ${'adds a word'}                 | ${{ 'Chờ phê duyệt': 'processing' }}    | ${'CHỜ PHÊ DUYỆT'} | ${'processing'}
    ${'overrides a built-in word'}   | ${{ 'Tạm dừng': 'withdrawn' }}          | ${'Tạm dừng'}      | ${'withdrawn'}
    ${'keeps the other words'}       | ${{ 'Chờ phê duyệt': 'processing' }}    | ${'Đang xử lý'}    | ${'processing'}
  `('the mapping file $scenario', ({ statuses, word, status }) => {
    expect(recordOf({ status: word, resolvedAt: null }, { mapping: { statuses } }).status).toBe(status);
  });
});

describe('rowToRecord: channel words', () => {
  it.each`
    word                            | channel
    ${'Trực tiếp'}                  | ${'direct'}
    ${'Tại quầy'}                   | ${'direct'}
    ${'Một cửa'}                    | ${'direct'}
    ${'direct'}                     | ${'direct'}
    ${'Trực tuyến'}                 | ${'online'}
    ${'Dịch vụ công trực tuyến'}    | ${'online'}
    ${'DVC trực tuyến'}             | ${'online'}
    ${'Qua mạng'}                   | ${'online'}
    ${'Online'}                     | ${'online'}
    ${'online'}                     | ${'online'}
    ${'Bưu chính'}                  | ${'postal'}
    ${'Bưu chính công ích'}         | ${'postal'}
    ${'Qua bưu điện'}               | ${'postal'}
    ${'BCCI'}                       | ${'postal'}
    ${'postal'}                     | ${'postal'}
    ${'TRUC TUYEN'}                 | ${'online'}
    ${'Dịch vụ công  trực tuyến'}   | ${'online'}
  `('"$word" is $channel', ({ word, channel }) => {
    expect(recordOf({ channel: word }).channel).toBe(channel);
  });

  it('an unknown word is an error naming it', () => {
    expect(errorsOf({ channel: 'Qua Zalo' })).toEqual([
      'channel: "Qua Zalo" is not a known channel; add it to the mapping file, e.g. {"channels":{"Qua Zalo":"online"}}',
    ]);
  });

  it('the mapping file adds words', () => {
    expect(recordOf({ channel: 'Qua Zalo' }, { mapping: { channels: { 'qua zalo': 'online' } } }).channel).toBe('online');
  });
});

describe('rowToRecord: dates', () => {
  it.each`
    cell                                               | expected                  | why
    ${'10/06/2023 08:15'}                              | ${'2023-06-10T08:15:00'}  | ${'dd/MM/yyyy HH:mm'}
    ${'10/06/2023 08:15:42'}                           | ${'2023-06-10T08:15:42'}  | ${'with seconds'}
    ${'10/06/2023'}                                    | ${'2023-06-10'}           | ${'a bare date stays a date'}
    ${'1/6/2023'}                                      | ${'2023-06-01'}           | ${'d/M/yyyy'}
    ${'1/6/2023 8:05'}                                 | ${'2023-06-01T08:05:00'}  | ${'one-digit hour'}
    ${'10-06-2023 08:15'}                              | ${'2023-06-10T08:15:00'}  | ${'dashes'}
    ${'10.06.2023'}                                    | ${'2023-06-10'}           | ${'dots'}
    ${'01/02/2025'}                                    | ${'2025-02-01'}           | ${'day first: 1 February, never 2 January'}
    ${'12/01/2025'}                                    | ${'2025-01-12'}           | ${'day first: 12 January'}
    ${'29/02/2024'}                                    | ${'2024-02-29'}           | ${'leap day'}
    ${'10/06/2023  08:15'}                             | ${'2023-06-10T08:15:00'}  | ${'two spaces'}
    ${' 10/06/2023 08:15 '}                            | ${'2023-06-10T08:15:00'}  | ${'surrounding spaces'}
    ${'10/06/2023 00:00'}                              | ${'2023-06-10'}           | ${'midnight is a date, as in an XLSX cell'}
    ${'10/06/2023 23:59:59'}                           | ${'2023-06-10T23:59:59'}  | ${'last second'}
    ${'2023-06-10'}                                    | ${'2023-06-10'}           | ${'ISO date passes through'}
    ${'2023-06-10T08:15:00+07:00'}                     | ${'2023-06-10T08:15:00+07:00'} | ${'ISO date-time passes through unchanged'}
    ${'2023-06-10 08:15'}                              | ${'2023-06-10 08:15'}     | ${'ISO with a space passes through'}
    ${new Date(Date.UTC(2023, 5, 10, 8, 15))}          | ${'2023-06-10T08:15:00'}  | ${'XLSX date cell: its UTC fields are the wall clock'}
    ${new Date(Date.UTC(2023, 5, 10))}                 | ${'2023-06-10'}           | ${'XLSX date cell at midnight is a date'}
    ${new Date(Date.UTC(2023, 5, 10, 8, 14, 59, 999))} | ${'2023-06-10T08:15:00'}  | ${'XLSX floating-point fraction rounds to the second'}
    ${45087}                                           | ${'2023-06-10'}           | ${'Excel serial number'}
    ${45087.34375}                                     | ${'2023-06-10T08:15:00'}  | ${'Excel serial number with a time'}
    ${25569}                                           | ${'1970-01-01'}           | ${'first serial read'}
  `('$cell → $expected ($why)', ({ cell, expected }) => {
    expect(recordOf({ receivedAt: cell, dueAt: null, resolvedAt: null, status: 'Đang xử lý' }).receivedAt).toBe(expected);
  });

  it.each`
    cell                     | why
    ${'32/13/2023'}          | ${'no such day or month'}
    ${'31/02/2025'}          | ${'no 31 February'}
    ${'29/02/2025'}          | ${'not a leap year'}
    ${'00/06/2023'}          | ${'day 0'}
    ${'10/06/2023 25:00'}    | ${'no hour 25'}
    ${'10/06/2023 24:00'}    | ${'no hour 24'}
    ${'10/06/2023 08:60'}    | ${'no minute 60'}
    ${'10/06/2023 08:15:60'} | ${'no second 60'}
    ${'10/06/23'}            | ${'two-digit year'}
    ${'10/06-2023'}          | ${'mixed separators'}
    ${'10/06/2023 8'}        | ${'hour without minutes'}
    ${'10/06/2023 08:5'}     | ${'one-digit minute'}
    ${'10/06/2023T08:15'}    | ${'T after a day-first date'}
    ${'10/06/2023 08:15 SA'} | ${'trailing text'}
    ${'06/10/2023 8:15 PM'}  | ${'American with AM/PM'}
    ${'2023/06/10'}          | ${'year first with slashes'}
    ${'hôm qua'}             | ${'words'}
    ${'#N/A'}                | ${'an Excel error'}
    ${'45087'}               | ${'a serial number as text'}
    ${42}                    | ${'a small number is no Excel date'}
    ${true}                  | ${'a boolean'}
    ${new Date(NaN)}         | ${'an invalid Date'}
  `('"$cell" is an error: $why', ({ cell }) => {
    expect(errorsOf({ receivedAt: cell })).toEqual([`receivedAt: "${String(cell).trim()}" is not a date dd/MM/yyyy [HH:mm[:ss]]`]);
  });
});

describe('rowToRecord: a number in a date column, by the workbook\'s date system', () => {
  const rowOf = (cells: Cell[], date1904: boolean) => {
    const planned = planColumns(['Mã hồ sơ', 'Trạng thái', 'Ngày tiếp nhận', 'Ngày hẹn trả'], undefined, { date1904 });
    if ('errors' in planned) throw new Error(planned.errors.join('\n'));
    return rowToRecord(cells, planned.plan);
  };

  it.each`
    serial         | date1904 | expected
    ${45818}       | ${false} | ${'2025-06-10'}
    ${44356}       | ${true}  | ${'2025-06-10'}
    ${44356.34375} | ${true}  | ${'2025-06-10T08:15:00'}
    ${24107}       | ${true}  | ${'1970-01-01'}
  `('$serial in a workbook of the 1904 system: $date1904 → $expected', ({ serial, date1904, expected }) => {
    expect(rowOf(['HS-1', 'Đang xử lý', serial, serial], date1904)).toEqual({ ok: true, record: { code: 'HS-1', status: 'processing', receivedAt: expected, dueAt: expected } });
  });

  it('refuses a small number in either system, as before', () => {
    expect(rowOf(['HS-1', 'Đang xử lý', 24106], true)).toEqual({ ok: false, code: 'HS-1', errors: ['receivedAt: "24106" is not a date dd/MM/yyyy [HH:mm[:ss]]'] });
    expect(rowOf(['HS-1', 'Đang xử lý', 25568], false)).toEqual({ ok: false, code: 'HS-1', errors: ['receivedAt: "25568" is not a date dd/MM/yyyy [HH:mm[:ss]]'] });
  });

  it('keeps the system when a mapping file recompiles the plan', () => {
    const planned = planColumns(['Số BN', 'Trạng thái', 'Ngày tiếp nhận'], { columns: { 'Số BN': 'code' } }, { date1904: true });
    if ('errors' in planned) throw new Error(planned.errors.join('\n'));
    expect(rowToRecord(['HS-1', 'Đang xử lý', 44356], planned.plan, { mapping: { columns: { 'Số BN': 'code' } } })).toMatchObject({ record: { receivedAt: '2025-06-10' } });
  });
});

describe('what errors quote of a file', () => {
  it('caps a 1 MB cell in the message, and in its example mapping file', () => {
    const word = 'Đ'.repeat(1_000_000);
    const [error] = errorsOf({ status: word });
    expect(error).toBe(
      `status: "${'Đ'.repeat(60)}…(1000000 characters)" is not a known status; add it to the mapping file, e.g. {"statuses":{"${'Đ'.repeat(60)}…(1000000 characters)":"processing"}}`,
    );
    expect(errorsOf({ receivedAt: '9'.repeat(100_000) })).toEqual([`receivedAt: "${'9'.repeat(60)}…(100000 characters)" is not a date dd/MM/yyyy [HH:mm[:ss]]`]);
  });

  it('makes control characters in a cell visible', () => {
    expect(errorsOf({ channel: 'Qua\tZalo\u0000' })).toEqual([
      'channel: "Qua\\tZalo\\u0000" is not a known channel; add it to the mapping file, e.g. {"channels":{"Qua\\tZalo\\u0000":"online"}}',
    ]);
  });

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

describe('rowToRecord: errors', () => {
  it('names every field that cannot be read, and the code', () => {
    const sut = convert({ status: 'Chờ phê duyệt', receivedAt: '31/02/2025', dueAt: '32/13/2023' });
    expect(sut).toEqual({
      ok: false,
      code: 'HS-000001',
      errors: [
        'status: "Chờ phê duyệt" is not a known status; add it to the mapping file, e.g. {"statuses":{"Chờ phê duyệt":"processing"}}',
        'receivedAt: "31/02/2025" is not a date dd/MM/yyyy [HH:mm[:ss]]',
        'dueAt: "32/13/2023" is not a date dd/MM/yyyy [HH:mm[:ss]]',
      ],
    });
  });

  it('gives a null code when the row has none', () => {
    expect(convert({ code: null, receivedAt: 'hôm qua' })).toEqual({
      ok: false,
      code: null,
      errors: ['receivedAt: "hôm qua" is not a date dd/MM/yyyy [HH:mm[:ss]]'],
    });
  });

  it("leaves the record's own rules to the record checker", () => {
    // Resolved before received, a result on an open dossier, no unit: all the checker's to say.
    const sut = rowToRecord(['HS-1', 'Đang xử lý', '10/06/2023', '01/06/2023'], planOf(['Mã hồ sơ', 'Trạng thái', 'Ngày tiếp nhận', 'Ngày có kết quả']));
    expect(sut).toEqual({ ok: true, record: { code: 'HS-1', status: 'processing', receivedAt: '2023-06-10', resolvedAt: '2023-06-01' } });
  });
});

describe('rowToRecord: many rows', () => {
  it('reads 100,000 rows with few distinct words (a sanity loop, not a timing)', () => {
    const sut = planOf(HEADER);
    const statuses = ['Đã giải quyết', 'Đang xử lý', 'Chờ bổ sung'];
    let ok = 0;
    for (let i = 0; i < 100_000; i++) {
      const cells: Cell[] = [`HS-${i}`, 'xa-a', '1.001193', 'Đăng ký khai sinh', 'Hộ tịch', 'Trực tuyến', statuses[i % 3], `${(i % 28) + 1}/05/2025 08:15`, '30/05/2025', i % 3 === 0 ? '29/05/2025 10:30' : null];
      if (rowToRecord(cells, sut, {}).ok) ok++;
    }
    expect(ok).toBe(100_000);
  });
});
