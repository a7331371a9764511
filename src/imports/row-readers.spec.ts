import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_HEADINGS, buildExportRows, withBrokenRows, writeCsv, writeXlsx } from '../../test/factories/export.factory';
import { WorkbookSpec, seededRandom, sharedStringsXml, sheetXml, stylesXml, vietnameseText, writeWorkbook } from '../../test/factories/hostile-xlsx.factory';
import { checkRecord } from '../dossiers/dossier-record';
import { planColumns } from './header-plan';
import { RowResult, rowToRecord } from './row-conversion';
import { ImportFormat, SheetRow, formatOf, readRows } from './row-readers';

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'row-readers-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let fileCount = 0;
function file(content: string | Buffer, extension = 'csv'): string {
  const path = join(directory, `${++fileCount}.${extension}`);
  writeFileSync(path, content);
  return path;
}

async function rowsOf(path: string, format: ImportFormat): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readRows(path, format)) rows.push(row);
  return rows;
}

/** What the import does with a file: the header planned, each data row turned into a record. */
async function recordsOf(path: string, format: ImportFormat): Promise<{ line: number; result: RowResult }[]> {
  const results: { line: number; result: RowResult }[] = [];
  let plan;
  for await (const { line, cells, date1904 } of readRows(path, format)) {
    if (!plan) {
      const planned = planColumns(cells, undefined, { date1904 });
      if ('errors' in planned) throw new Error(planned.errors.join('; '));
      plan = planned.plan;
      continue;
    }
    results.push({ line, result: rowToRecord(cells, plan, { unitCode: 'xa-a' }) });
  }
  return results;
}

describe('formatOf', () => {
  it.each`
    fileName                      | format
    ${'ho-so.csv'}                | ${'csv'}
    ${'HO-SO.CSV'}                | ${'csv'}
    ${'export.txt'}               | ${'csv'}
    ${'Danh sách hồ sơ.xlsx'}     | ${'xlsx'}
    ${'/tmp/a.b/ho-so.XLSX'}      | ${'xlsx'}
    ${'ho-so.xls'}                | ${null}
    ${'ho-so.ods'}                | ${null}
    ${'ho-so'}                    | ${null}
    ${'csv'}                      | ${null}
  `('$fileName → $format', ({ fileName, format }) => {
    expect(formatOf(fileName)).toBe(format);
  });
});

describe('readRows: CSV', () => {
  it('reads a spreadsheet-saved CSV: BOM, CRLF, ";", a quoted line break, blank and empty rows', async () => {
    const csv = [
      '\uFEFFMã hồ sơ;Trạng thái;Ghi chú', // 1
      'HS-1;Đã giải quyết;"dòng một', // 2
      'dòng hai"', // 3
      '', // 4
      ';;', // 5
      '  HS-2 ; " Đang xử lý " ;"Công ty ""An Phát"""', // 6
      '   ', // 7
      'HS-3;Đã rút', // 8
      'HS-4;Từ chối;x;extra', // 9
    ].join('\r\n');
    const sut = await rowsOf(file(csv), 'csv');
    expect(sut).toEqual([
      { line: 1, cells: ['Mã hồ sơ', 'Trạng thái', 'Ghi chú'] },
      { line: 2, cells: ['HS-1', 'Đã giải quyết', 'dòng một\r\ndòng hai'] },
      { line: 6, cells: ['HS-2', 'Đang xử lý', 'Công ty "An Phát"'] },
      { line: 8, cells: ['HS-3', 'Đã rút'] },
      { line: 9, cells: ['HS-4', 'Từ chối', 'x', 'extra'] },
    ]);
  });

  it.each`
    lineEnd     | name
    ${'\r\n'}   | ${'CRLF'}
    ${'\n'}     | ${'LF'}
    ${'\r'}     | ${'CR'}
  `('counts lines the same with $name line ends, across quoted line breaks', async ({ lineEnd }) => {
    const csv = ['code,status', `"A${lineEnd}B${lineEnd}C",x`, '', `D,"y${lineEnd}"`, 'E,z', ''].join(lineEnd);
    const sut = await rowsOf(file(csv), 'csv');
    expect(sut.map((row) => [row.line, row.cells[0]])).toEqual([
      [1, 'code'],
      [2, `A${lineEnd}B${lineEnd}C`],
      [6, 'D'],
      [8, 'E'],
    ]);
  });

  it.each`
    header                               | delimiter | cells
    ${'Mã hồ sơ,Trạng thái,Ngày'}        | ${','}    | ${['HS-1', 'Đang xử lý', '10/06/2023']}
    ${'Mã hồ sơ;Trạng thái;Ngày'}        | ${';'}    | ${['HS-1', 'Đang xử lý', '10/06/2023']}
    ${'Mã hồ sơ\tTrạng thái\tNgày'}      | ${'\t'}   | ${['HS-1', 'Đang xử lý', '10/06/2023']}
    ${'"Mã, số";Trạng thái;Ngày'}        | ${';'}    | ${['HS-1', 'Đang xử lý', '10/06/2023']}
    ${'"Mã; số",Trạng thái,"Ngày; giờ"'} | ${','}    | ${['HS-1', 'Đang xử lý', '10/06/2023']}
  `('finds the delimiter "$delimiter" from the header $header', async ({ header, delimiter, cells }) => {
    const sut = await rowsOf(file(`${header}\n${cells.join(delimiter)}\n`), 'csv');
    expect(sut[1]).toEqual({ line: 2, cells });
  });

  it('reads a single-column file', async () => {
    const sut = await rowsOf(file('Mã hồ sơ\nHS-1\n'), 'csv');
    expect(sut).toEqual([
      { line: 1, cells: ['Mã hồ sơ'] },
      { line: 2, cells: ['HS-1'] },
    ]);
  });

  it('reads Excel\'s "Unicode text": UTF-16LE with a BOM, tab-delimited', async () => {
    const text = '\uFEFFMã hồ sơ\tTrạng thái\r\n"HS\r\n1"\tĐã giải quyết\r\nHS-2\tĐang xử lý\r\n';
    const sut = await rowsOf(file(Buffer.from(text, 'utf16le'), 'txt'), 'csv');
    expect(sut).toEqual([
      { line: 1, cells: ['Mã hồ sơ', 'Trạng thái'] },
      { line: 2, cells: ['HS\r\n1', 'Đã giải quyết'] },
      { line: 4, cells: ['HS-2', 'Đang xử lý'] },
    ]);
  });

  it('refuses a CSV that is not UTF-8 (Excel\'s plain "CSV" in code page 1258), not to store broken accents', async () => {
    const windows1258 = Buffer.from([0x4d, 0xe3, 0x20, 0x68, 0xd2, 0x20, 0x73, 0xf5, 0x2c, 0x4e, 0x67, 0xe0, 0x79, 0x0d, 0x0a]); // single-byte accents: not UTF-8
    await expect(rowsOf(file(windows1258), 'csv')).rejects.toThrow('file: the header is not UTF-8 text; save the spreadsheet as "CSV UTF-8" and send it again');
  });

  it('reads an empty file as no rows', async () => {
    expect(await rowsOf(file(''), 'csv')).toEqual([]);
  });

  it('fails plainly on an unclosed quote', async () => {
    await expect(rowsOf(file('code,status\n"HS-1,x\nHS-2,y\n'), 'csv')).rejects.toThrow(/^file: not readable as CSV \(.*Quote Not Closed/);
  });

  it('fails plainly on a missing file', async () => {
    await expect(rowsOf(join(directory, 'missing.csv'), 'csv')).rejects.toThrow(/ENOENT/);
  });
});

describe('readRows: XLSX', () => {
  async function workbookFile(build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    build(workbook);
    const path = join(directory, `${++fileCount}.xlsx`);
    await workbook.xlsx.writeFile(path);
    return path;
  }

  it('reads the first sheet: dates as Date, numbers, formula results, rich text; blank rows skipped', async () => {
    const path = await workbookFile((workbook) => {
      const sheet = workbook.addWorksheet('Hồ sơ');
      sheet.addRow(['Mã hồ sơ', 'Ngày tiếp nhận', 'Số ngày', 'Gấp đôi', 'Trạng thái', 'Ghi chú']);
      sheet.addRow([]); // row 2: nothing
      const row = sheet.addRow([
        1234,
        new Date(Date.UTC(2023, 5, 10, 8, 15)),
        3,
        { formula: 'C3*2', result: 6 },
        { richText: [{ text: 'Đã ' }, { font: { bold: true }, text: 'giải quyết' }] },
        '  chú ý  ',
      ]);
      row.getCell(2).numFmt = 'dd/mm/yyyy hh:mm';
      const dateOnly = sheet.addRow(['HS-2', new Date(Date.UTC(2023, 5, 11)), null, { formula: 'B4+1', result: 45089 }, 'Đang xử lý']);
      dateOnly.getCell(2).numFmt = 'dd/mm/yyyy';
      sheet.getRow(6).getCell(1).value = 'HS-3'; // row 5 left out
      workbook.addWorksheet('Khác').addRow(['not read']);
    });
    const sut = await rowsOf(path, 'xlsx');
    expect(sut).toEqual([
      { line: 1, cells: ['Mã hồ sơ', 'Ngày tiếp nhận', 'Số ngày', 'Gấp đôi', 'Trạng thái', 'Ghi chú'] },
      { line: 3, cells: [1234, new Date(Date.UTC(2023, 5, 10, 8, 15)), 3, 6, 'Đã giải quyết', 'chú ý'] },
      { line: 4, cells: ['HS-2', new Date(Date.UTC(2023, 5, 11)), null, 45089, 'Đang xử lý'] },
      { line: 6, cells: ['HS-3'] },
    ]);
  });

  it('reads the first visible sheet in tab order', async () => {
    const path = await workbookFile((workbook) => {
      const hidden = workbook.addWorksheet('Tham số');
      hidden.state = 'hidden';
      hidden.addRow(['hidden']);
      workbook.addWorksheet('Hồ sơ').addRow(['shown']);
      workbook.addWorksheet('Tổng hợp').addRow(['later']);
    });
    expect(await rowsOf(path, 'xlsx')).toEqual([{ line: 1, cells: ['shown'] }]);
  });

  it('gives an error cell as its text, for the row to be refused naming it', async () => {
    const path = await workbookFile((workbook) => {
      workbook.addWorksheet('Hồ sơ').addRow(['HS-1', { error: '#N/A' }]);
    });
    expect(await rowsOf(path, 'xlsx')).toEqual([{ line: 1, cells: ['HS-1', '#N/A'] }]);
  });

  it('lets the caller stop early', async () => {
    const path = join(directory, `${++fileCount}.xlsx`);
    await writeXlsx(path, buildExportRows(50));
    const rows: SheetRow[] = [];
    for await (const row of readRows(path, 'xlsx')) {
      rows.push(row);
      if (rows.length === 3) break;
    }
    expect(rows.map((row) => row.line)).toEqual([1, 2, 3]);
  });

  it('fails plainly on a file that is not XLSX', async () => {
    await expect(rowsOf(file('Mã hồ sơ,Trạng thái\n', 'xlsx'), 'xlsx')).rejects.toThrow(/^file: not readable as XLSX \(/);
  });

  it('fails plainly on a missing file', async () => {
    await expect(rowsOf(join(directory, 'missing.xlsx'), 'xlsx')).rejects.toThrow(/ENOENT/);
  });
});

describe('readRows: XLSX written part by part', () => {
  async function xlsx(spec: WorkbookSpec): Promise<string> {
    const path = join(directory, `${++fileCount}.xlsx`);
    await writeWorkbook(path, spec);
    return path;
  }
  const sheet = (rows: string) => [{ name: 'Hồ sơ', xml: sheetXml(rows) }];

  it('reads shared strings (rich runs joined, phonetic runs left out), inline strings, booleans, numbers, formula results, errors', async () => {
    const path = await xlsx({
      sharedStrings: sharedStringsXml([
        '<si><t xml:space="preserve">  Mã hồ sơ </t></si>',
        '<si><r><rPr><b/></rPr><t>Đã </t></r><r><t>giải quyết</t></r><rPh sb="0" eb="2"><t>ダ</t></rPh></si>',
        '<si><t>dòng một_x000D_&#10;dòng hai</t></si>',
        '<si><t>   </t></si>',
      ]),
      sheets: sheet(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>' +
          '<row r="2"><c r="A2" t="inlineStr"><is><t> HS-1 </t></is></c><c r="B2" t="inlineStr"><is><r><t>Đang </t></r><r><rPr><i/></rPr><t>xử lý</t></r></is></c>' +
          '<c r="C2" t="b"><v>1</v></c><c r="D2" t="b"><v>0</v></c><c r="E2"><v>1234.5</v></c><c r="F2" t="str"><f>A2&amp;"x"</f><v>HS-1x</v></c>' +
          '<c r="G2"><f>E2*2</f><v>2469</v></c><c r="H2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="I2" t="e"><v>#N/A</v></c><c r="J2"><f>NA()</f></c></row>',
      ),
    });
    expect(await rowsOf(path, 'xlsx')).toEqual([
      { line: 1, cells: ['Mã hồ sơ', 'Đã giải quyết', 'dòng một\r\ndòng hai'] },
      { line: 2, cells: ['HS-1', 'Đang xử lý', true, false, 1234.5, 'HS-1x', 2469, '#DIV/0!', '#N/A'] },
    ]);
  });

  it('reads date-formatted numbers as Date (built-in and custom formats), ISO date cells, and the 1904 date system', async () => {
    // Cell formats: 0 General, 1 built-in 14, 2 a custom date-time, 3 a number with a quoted "đ", 4 built-in 22, 5 built-in 2 (0.00), 6 a localised date.
    const styles = stylesXml({ 164: 'dd/mm/yyyy hh:mm', 165: '#,##0 "đ"', 166: '[$-42A]d mmmm yyyy' }, [0, 14, 164, 165, 22, 2, 166]);
    const row =
      '<row r="1"><c r="A1" s="1"><v>45087</v></c><c r="B1" s="2"><v>45087.34375</v></c><c r="C1" s="3"><v>45087</v></c><c r="D1" s="4"><v>45087.5</v></c>' +
      '<c r="E1" s="5"><v>45087</v></c><c r="F1" s="6"><v>45087</v></c><c r="G1" t="d"><v>2023-06-10T08:15:00</v></c><c r="H1"><v>45087</v></c><c r="I1" s="2"><f>A1+1</f><v>45088</v></c></row>';
    const june10 = new Date(Date.UTC(2023, 5, 10));
    expect(await rowsOf(await xlsx({ styles, sheets: sheet(row) }), 'xlsx')).toEqual([
      {
        line: 1,
        cells: [june10, new Date(Date.UTC(2023, 5, 10, 8, 15)), 45087, new Date(Date.UTC(2023, 5, 10, 12)), 45087, june10, new Date(Date.UTC(2023, 5, 10, 8, 15)), 45087, new Date(Date.UTC(2023, 5, 11))],
      },
    ]);
    const [in1904] = await rowsOf(await xlsx({ styles, date1904: true, sheets: sheet(row) }), 'xlsx');
    expect(in1904.cells[0]).toEqual(new Date(Date.UTC(2027, 5, 11))); // 1,462 days later
    expect(in1904.cells[6]).toEqual(new Date(Date.UTC(2023, 5, 10, 8, 15))); // an ISO cell is no serial
    expect(in1904.cells[2]).toBe(45087);
    expect(in1904.date1904).toBe(true);
  });

  it("reads the 1900 system's first two months a day later than the arithmetic from 1970, and its 29 February 1900 as text", async () => {
    const styles = stylesXml({}, [0, 14]);
    const row = '<row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>59</v></c><c r="C1" s="1"><v>60</v></c><c r="D1" s="1"><v>61</v></c></row>';
    expect(await rowsOf(await xlsx({ styles, sheets: sheet(row) }), 'xlsx')).toEqual([
      { line: 1, cells: [new Date(Date.UTC(1900, 0, 1)), new Date(Date.UTC(1900, 1, 28)), '60', new Date(Date.UTC(1900, 2, 1))] },
    ]);
  });

  it('reads an impossible t="d" date as its text, which the record check refuses naming the field', async () => {
    const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã hồ sơ</t></is></c><c r="B1" t="inlineStr"><is><t>Trạng thái</t></is></c><c r="C1" t="inlineStr"><is><t>Ngày tiếp nhận</t></is></c><c r="D1" t="inlineStr"><is><t>Ngày hẹn trả</t></is></c></row>';
    const data = (row: number, received: string) =>
      `<row r="${row}"><c r="A${row}" t="inlineStr"><is><t>HS-${row}</t></is></c><c r="B${row}" t="inlineStr"><is><t>Đang xử lý</t></is></c><c r="C${row}" t="d"><v>${received}</v></c><c r="D${row}" t="d"><v>2025-06-20</v></c></row>`;
    const path = await xlsx({ sheets: sheet(header + data(2, '2025-02-30') + data(3, '2025-13-45T25:61') + data(4, '0099-06-10') + data(5, '2025-06-09T08:15')) });
    const checked = (await recordsOf(path, 'xlsx')).map(({ line, result }) => ({ line, check: result.ok ? checkRecord(result.record, new Date('2025-06-10T03:00:00Z')) : result }));
    expect(checked.map(({ line, check }) => ({ line, errors: check.ok ? [] : check.errors }))).toEqual([
      { line: 2, errors: ['receivedAt: "2025-02-30" is not a real calendar date'] },
      { line: 3, errors: ['receivedAt: "2025-13-45T25:61" is not a real calendar date'] },
      { line: 4, errors: [expect.stringMatching(/^receivedAt: "0099-06-10" is outside the dates this service accepts/)] },
      { line: 5, errors: [] },
    ]);
  });

  it('reads a date column without a date format in a 1904 workbook in that system', async () => {
    const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã hồ sơ</t></is></c><c r="B1" t="inlineStr"><is><t>Trạng thái</t></is></c><c r="C1" t="inlineStr"><is><t>Ngày tiếp nhận</t></is></c></row>';
    const data = (serial: number) => `<row r="2"><c r="A2" t="inlineStr"><is><t>HS-1</t></is></c><c r="B2" t="inlineStr"><is><t>Đang xử lý</t></is></c><c r="C2"><v>${serial}</v></c></row>`;
    const [in1904] = await recordsOf(await xlsx({ date1904: true, sheets: sheet(header + data(44356.34375)) }), 'xlsx');
    const [in1900] = await recordsOf(await xlsx({ sheets: sheet(header + data(45818.34375)) }), 'xlsx');
    expect(in1904.result).toEqual({ ok: true, record: { code: 'HS-1', status: 'processing', receivedAt: '2025-06-10T08:15:00', unitCode: 'xa-a' } });
    expect(in1900.result).toEqual(in1904.result);
  });

  it('reads the first visible sheet in tab order, its part before the shared strings in the zip (as Excel writes it)', async () => {
    const path = await xlsx({
      sheetsFirst: true,
      sharedStrings: sharedStringsXml(['<si><t>shown</t></si>', '<si><t>hidden</t></si>']),
      sheets: [
        { name: 'Tham số', state: 'hidden', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>1</v></c></row>') },
        { name: 'Ẩn hẳn', state: 'veryHidden', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>1</v></c></row>') },
        { name: 'Hồ sơ', xml: sheetXml('<row r="3"><c r="B3" t="s"><v>0</v></c></row>') },
        { name: 'Khác', xml: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>later</t></is></c></row>') },
      ],
    });
    expect(await rowsOf(path, 'xlsx')).toEqual([{ line: 3, cells: [null, 'shown'] }]);
  });

  it('counts rows and cells given no reference, skips blank rows, and reads prefixed element names', async () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const xml =
      `<?xml version="1.0"?><x:worksheet xmlns:x="${ns}"><x:sheetData>` +
      '<x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:v>1</x:v></x:c></x:row>' +
      '<x:row r="3"><x:c r="C3" s="0"/><x:c r="D3" t="inlineStr"><x:is><x:t> </x:t></x:is></x:c></x:row>' +
      '<x:row><x:c r="B4"><x:v>2</x:v></x:c><x:c><x:v>3</x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    expect(await rowsOf(await xlsx({ sheets: [{ name: 'a', xml }] }), 'xlsx')).toEqual([
      { line: 1, cells: ['a', 1] },
      { line: 4, cells: [null, 2, 3] },
    ]);
  });

  it('gives invalid UTF-8 in a text as U+FFFD, for the record checks to refuse, rather than dropping the text', async () => {
    const strings = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst><si><t>Đăng ký '),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(' khai sinh</t></si></sst>'),
    ]);
    const path = await xlsx({ sharedStrings: strings, sheets: sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') });
    expect(await rowsOf(path, 'xlsx')).toEqual([{ line: 1, cells: ['Đăng ký \uFFFD( khai sinh'] }]);
  });

  it('reads an exceljs export of varied Vietnamese texts exactly: no character split between two chunks is lost', async () => {
    const random = seededRandom(9);
    const rows = buildExportRows(6000, { seed: 9 }).map((row, index) => ({
      ...row,
      [EXPORT_HEADINGS.procedureName]: vietnameseText(random, 5 + ((index * 37) % 420)),
      [EXPORT_HEADINGS.field]: vietnameseText(random, 3 + ((index * 11) % 180)),
    }));
    const path = join(directory, `${++fileCount}.xlsx`);
    await writeXlsx(path, rows);
    const [header, ...read] = await rowsOf(path, 'xlsx');
    for (const heading of [EXPORT_HEADINGS.procedureName, EXPORT_HEADINGS.field]) {
      const column = header.cells.indexOf(heading);
      const texts = read.map((row) => row.cells[column]);
      expect(texts.filter((text) => String(text).includes('\uFFFD'))).toEqual([]);
      expect(texts).toEqual(rows.map((row) => row[heading]));
    }
  });
});

describe('one export, saved as CSV or as XLSX', () => {
  const EXPORTED_AT = new Date('2025-06-10T08:00:00+07:00');

  it('is made of rows the record checker accepts, in a realistic mix', async () => {
    const rows = buildExportRows(2000, { seed: 5 });
    const path = join(directory, `${++fileCount}.csv`);
    writeCsv(path, rows);
    const checked = (await recordsOf(path, 'csv')).map(({ result }) => (result.ok ? checkRecord(result.record, EXPORTED_AT) : result));
    expect(checked.filter((check) => !check.ok)).toEqual([]);
    const records = checked.flatMap((check) => (check.ok ? [check.record] : []));
    const share = (test: (record: (typeof records)[number]) => boolean) => records.filter(test).length / records.length;
    expect(share((record) => record.status === 'resolved')).toBeGreaterThan(0.6);
    for (const status of ['processing', 'waiting', 'refused', 'withdrawn', 'denied']) {
      expect(share((record) => record.status === status)).toBeGreaterThan(0);
    }
    for (const channel of ['direct', 'online', 'postal']) expect(share((record) => record.channel === channel)).toBeGreaterThan(0.05);
    const settled = records.filter((record) => record.resolvedAt !== null);
    const late = settled.filter((record) => record.resolvedAt! > record.dueAt).length / settled.length;
    expect(late).toBeGreaterThan(0.02);
    expect(late).toBeLessThan(0.3);
    expect(buildExportRows(50, { seed: 5 })).toEqual(rows.slice(0, 50));
  });

  it.each`
    csvOptions
    ${{ bom: true, crlf: true, delimiter: ',' }}
    ${{ bom: true, crlf: true, delimiter: ';', blankLinesAt: [0, 10, 200] }}
    ${{ bom: false, crlf: false, delimiter: ',' }}
  `('gives the same records either way (CSV $csvOptions)', async ({ csvOptions }) => {
    const rows = buildExportRows(300, { seed: 11, includeUnitColumn: true, unitCode: 'xa-b' });
    const csv = join(directory, `${++fileCount}.csv`);
    const xlsx = join(directory, `${++fileCount}.xlsx`);
    writeCsv(csv, rows, csvOptions);
    await writeXlsx(xlsx, rows);

    const fromCsv = await recordsOf(csv, 'csv');
    const fromXlsx = await recordsOf(xlsx, 'xlsx');
    expect(fromCsv.map(({ result }) => result)).toEqual(fromXlsx.map(({ result }) => result));
    expect(fromCsv).toHaveLength(300);
    expect(fromCsv.every(({ result }) => result.ok)).toBe(true);
    expect(fromCsv[0].result).toEqual({ ok: true, record: expect.objectContaining({ code: 'HS-000001', unitCode: 'xa-b' }) });
    // XLSX rows are numbered 2.., the CSV's lines move down by the blank lines before them.
    expect(fromXlsx.map(({ line }) => line)).toEqual(rows.map((_, index) => index + 2));
    const blanks: number[] = csvOptions.blankLinesAt ?? [];
    expect(fromCsv.map(({ line }) => line)).toEqual(rows.map((_, index) => index + 2 + blanks.filter((at) => at <= index).length));
  });

  it('refuses the same broken rows either way, naming the value', async () => {
    const { rows, broken } = withBrokenRows(buildExportRows(40, { seed: 3 }));
    const csv = join(directory, `${++fileCount}.csv`);
    const xlsx = join(directory, `${++fileCount}.xlsx`);
    writeCsv(csv, rows);
    await writeXlsx(xlsx, rows);

    for (const results of [await recordsOf(csv, 'csv'), await recordsOf(xlsx, 'xlsx')]) {
      const refused = results.flatMap(({ result }, index) => (result.ok ? [] : [{ index, errors: result.errors }]));
      // The reader refuses what it cannot read; the rest (no code, resolved before received) is the record checker's.
      expect(refused).toEqual(
        broken
          .filter(({ reason }) => reason.startsWith('status') || reason.startsWith('receivedAt'))
          .map(({ index, reason }) => ({ index, errors: [expect.stringContaining(reason)] })),
      );
      const checked = results.map(({ result }) => (result.ok ? checkRecord(result.record, EXPORTED_AT) : result));
      expect(checked.flatMap((check, index) => (check.ok ? [] : [{ index, errors: check.errors }]))).toEqual(
        broken.map(({ index, reason }) => ({ index, errors: [expect.stringContaining(reason)] })),
      );
    }
  });
});
