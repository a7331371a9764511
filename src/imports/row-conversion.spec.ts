import { planOf } from './column-plan.fixture';
import { planColumns } from './header-plan';
import { MappingFile } from './mapping-file';
import { rowToRecord } from './row-conversion';
import type { Cell } from './row-readers';
import { RecordField } from './vocabulary';

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

describe('rowToRecord: the facts of docs/figures.md §11', () => {
  const plan = planOf(['Mã hồ sơ', 'Số hóa hồ sơ', 'Phí, lệ phí', 'Thanh toán trực tuyến', 'Xác thực VNeID', 'Ngày trả', 'Trạng thái', 'Ngày tiếp nhận']);
  const row = (cells: Cell[]) => rowToRecord([...cells, ...Array(6 - cells.length).fill(null)].slice(0, 6), plan);

  it.each`
    cell          | flag
    ${'Có'}       | ${true}
    ${'x'}        | ${true}
    ${'1'}        | ${true}
    ${true}       | ${true}
    ${'Không'}    | ${false}
    ${'KHONG'}    | ${false}
    ${'0'}        | ${false}
    ${false}      | ${false}
  `('a flag cell "$cell" is $flag', ({ cell, flag }) => {
    expect(row(['HS-1', cell])).toEqual({ ok: true, record: { code: 'HS-1', digitized: flag } });
  });

  it.each`
    cell                  | amount
    ${'50000'}            | ${50000}
    ${'50.000'}           | ${50000}
    ${'1.250.000 VNĐ'}    | ${1250000}
    ${'50 000 đ'}         | ${50000}
    ${'50.000,00'}        | ${50000}
    ${35000}              | ${35000}
    ${'Miễn phí'}         | ${0}
  `('an amount "$cell" is $amount', ({ cell, amount }) => {
    expect(row(['HS-1', null, cell])).toEqual({ ok: true, record: { code: 'HS-1', feeAmount: amount } });
  });

  it.each`
    cell            | paid
    ${'DVCQG'}      | ${'dvcqg'}
    ${'Cổng tỉnh'}  | ${'gateway'}
    ${'2'}          | ${'gateway'}
  `('a payment "$cell" is $paid', ({ cell, paid }) => {
    expect(row(['HS-1', null, null, cell])).toEqual({ ok: true, record: { code: 'HS-1', paidOnline: paid } });
  });

  it('reads "Không" as not paid online, and the hand-back day as a date', () => {
    expect(row(['HS-1', null, null, 'Không', null, '06/06/2025'])).toEqual({ ok: true, record: { code: 'HS-1', returnedAt: '2025-06-06' } });
  });

  it('reads a generic heading only where no precise one names the fact', () => {
    // "Phí" beside "Lệ phí" (two charges) is not read: a file of both still loads.
    const both = planOf(['Mã hồ sơ', 'Trạng thái', 'Ngày tiếp nhận', 'Lệ phí', 'Phí', 'Phí, lệ phí', 'Số hóa', 'Số hóa hồ sơ']);
    expect(both.fields).toEqual(['code', 'status', 'receivedAt', null, null, 'feeAmount', null, 'digitized']);
    const alone = planOf(['Mã hồ sơ', 'Trạng thái', 'Ngày tiếp nhận', 'Lệ phí', 'Hình thức thanh toán']);
    expect(alone.fields).toEqual(['code', 'status', 'receivedAt', 'feeAmount', 'paidOnline']);
    expect(planOf(['Mã hồ sơ', 'Trạng thái', 'Ngày tiếp nhận', 'Lệ phí', 'Phí']).fields).toEqual(['code', 'status', 'receivedAt', 'feeAmount', null]);
  });

  it('names the cell that is neither yes nor no, nor an amount, nor a way to pay', () => {
    expect(row(['HS-1', 'Có lẽ', 'abc', 'Zalo', 'yes'])).toEqual({
      ok: false,
      code: 'HS-1',
      errors: [
        'digitized: "Có lẽ" is neither yes (Có, x, 1) nor no (Không, 0)',
        'feeAmount: "abc" is not an amount of VND (e.g. 50000 or 50.000 đ)',
        'paidOnline: "Zalo" is not a way of paying online (DVCQG, Cổng tỉnh, Không)',
      ],
    });
  });
});
