import { fill, lookup } from '../i18n/i18n';
import { MappingFileError, parseMappingFile } from './mapping-file';

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
    ${'an unknown field'}          | ${'{"columns": {"Số biên nhận": "codee"}}'}                         | ${'mapping file: columns["Số biên nhận"] = "codee" is not a record field (one of code, unitCode, procedureCode, procedureName, field, channel, status, receivedAt, dueAt, resolvedAt, extendedDueAt, withdrawnAt, sourceUpdatedAt, returnedAt, electronicResult, digitized, resultDigitized, reusedData, citizenRepository, vneidVerified, feeAmount, paidOnline, complaint, null)'}
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

  it('gives each mistake its words for a page, with the keys and values quoted as the English quotes them', () => {
    const said = (json: string) => {
      try {
        parseMappingFile(json);
      } catch (error) {
        const { key, values } = (error as MappingFileError).words;
        return fill(lookup('vi', key)!, values ?? {});
      }
      throw new Error('the mapping file should be refused');
    };
    expect(said('{"columns": {"Số": "nothing"}}')).toMatch(/^Trong mục columns của bảng ánh xạ cột, "Số" được gán "nothing", không phải giá trị nào trong: code, /);
    expect(said('{"colums": {}}')).toBe('Bảng ánh xạ cột có mục lạ "colums": chỉ dùng được columns, statuses, channels.');
    expect(said('{"statuses": {"Ch\uFFFD duyệt": "waiting"}}')).toBe('Khóa "Ch\uFFFD duyệt" trong mục statuses của bảng ánh xạ cột không phải văn bản UTF-8 hợp lệ: có ký tự lỗi ở vị trí thứ 3.');
  });
});
