import ExcelJS from 'exceljs';
import { ReportModel } from './report-model';
import { ii06aFigures } from './render/ii06a';
import { COMMUNE_ROWS, FIELD_ROWS, reportModel as model, sum } from './report-rows.fixture';
import { XLSX_LAYOUT, buildReportXlsx, reportXlsxFileName } from './report-xlsx';

const district = (): ReportModel =>
  model({
    locale: 'en',
    unit: { code: 'H-TO', name: 'Huyện Thanh Oai' },
    includeChildren: true,
    period: { name: '2025-Q2', kind: 'quarter', from: '2025-04-01', to: '2025-06-30' },
    previousPeriod: { name: '2025-Q1', kind: 'quarter', from: '2025-01-01', to: '2025-03-31' },
    rowKind: 'unit',
    rows: COMMUNE_ROWS,
    totals: sum('total', 'Total', COMMUNE_ROWS),
  });

async function open(report: ReportModel): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buildReportXlsx(report)) as unknown as ExcelJS.Buffer);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0];
}

const L = XLSX_LAYOUT;
const FIGURE_COLUMNS = Array.from({ length: 11 }, (_, index) => 3 + index);

function isMerged(sheet: ExcelJS.Worksheet, range: string): boolean {
  // ExcelJS keeps the merges of a loaded sheet in its model.
  return (sheet.model as unknown as { merges: string[] }).merges.includes(range);
}

describe('buildReportXlsx – a commune by field (vi)', () => {
  const report = model();
  let sheet: ExcelJS.Worksheet;
  beforeAll(async () => {
    sheet = await open(report);
  });

  it('is one sheet "Biểu II.06a" headed like the official form', () => {
    expect(sheet.name).toBe('Biểu II.06a');
    expect(sheet.getCell(L.formNumberRow, 1).value).toBe('Biểu số II.06a');
    expect(sheet.getCell(L.titleRow, 1).value).toBe('KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(sheet.getCell(L.titleRow, 1).font).toMatchObject({ bold: true });
    expect(isMerged(sheet, 'A2:M2')).toBe(true);
    expect(sheet.getCell(L.unitRow, 1).value).toBe('Đơn vị báo cáo: Xã Văn Tố');
    expect(sheet.getCell(L.periodRow, 1).value).toBe('Kỳ báo cáo: Tháng 05/2025 (Từ ngày 15/04/2025 đến ngày 14/05/2025)');
    expect(sheet.getCell(L.unitOfMeasureRow, 1).value).toBe('Đơn vị tính: Số hồ sơ TTHC');
    expect(sheet.getCell(L.unitOfMeasureRow, 1).alignment).toMatchObject({ horizontal: 'right' });
  });

  it('has the two-level merged header and the column numbers', () => {
    const text = (r: number) => Array.from({ length: 13 }, (_, index) => sheet.getCell(r, index + 1).text);

    expect(sheet.getCell('A6').value).toBe('STT');
    expect(sheet.getCell('B6').value).toBe('Lĩnh vực');
    expect(sheet.getCell('C6').value).toBe('Tiếp nhận');
    expect(sheet.getCell('G6').value).toBe('Đã giải quyết');
    expect(sheet.getCell('K6').value).toBe('Đang giải quyết');
    for (const range of ['A6:A7', 'B6:B7', 'C6:F6', 'G6:J6', 'K6:M6']) expect(isMerged(sheet, range)).toBe(true);
    expect(text(L.columnHeaderRow).slice(2)).toEqual([
      'Tổng số', 'Trực tuyến', 'Trực tiếp & BCCI', 'Kỳ trước chuyển qua',
      'Tổng số', 'Trước hạn', 'Đúng hạn', 'Trễ hạn',
      'Tổng số', 'Trong hạn', 'Quá hạn',
    ]);
    expect(text(L.columnNumberRow)).toEqual(Array.from({ length: 13 }, (_, index) => `(${index + 1})`));
  });

  it('writes every figure as a number cell equal to the model, row by row', () => {
    report.rows.forEach((data, index) => {
      const r = L.firstDataRow + index;
      expect(sheet.getCell(r, 1).value).toBe(index + 1);
      expect(sheet.getCell(r, 2).value).toBe(data.label);
      const figures = FIGURE_COLUMNS.map((c) => sheet.getCell(r, c).value);
      for (const value of figures) expect(typeof value).toBe('number');
      expect(figures).toEqual(ii06aFigures(data));
      expect(sheet.getCell(r, 3).numFmt).toBe('#,##0');
    });
  });

  it('writes the totals row as values equal to the model totals', () => {
    const r = L.firstDataRow + report.rows.length;

    expect(sheet.getCell(r, 1).value).toBeNull();
    expect(sheet.getCell(r, 2).value).toBe('Tổng cộng');
    expect(sheet.getCell(r, 2).font).toMatchObject({ bold: true });
    const totals = FIGURE_COLUMNS.map((c) => sheet.getCell(r, c).value);
    expect(totals).toEqual(ii06aFigures(report.totals));
    expect(totals).toEqual([4674, 1010, 3664, 155, 4608, 4230, 348, 30, 205, 188, 17]);
    for (const c of FIGURE_COLUMNS) expect(sheet.getCell(r, c).type).toBe(ExcelJS.ValueType.Number);
  });

  it('writes the balance check under the table', () => {
    const r = L.firstDataRow + report.rows.length + 2;

    expect(sheet.getCell(r, 1).value).toBe(
      'Kiểm tra: Tiếp nhận (4.674) + Kỳ trước chuyển qua (155) = Đã giải quyết (4.608) + Đang giải quyết (205) + Rút hồ sơ (16) ✓',
    );
    expect(sheet.getCell(r + 2, 1).value).toBe('Báo cáo lập lúc 15/05/2025 07:30:05 (giờ Việt Nam).');
  });

  it('borders the table, sizes the columns and freezes the header', () => {
    const last = L.firstDataRow + report.rows.length;
    for (const [r, c] of [[L.groupHeaderRow, 1], [L.columnHeaderRow, 13], [L.firstDataRow, 2], [last, 13]]) {
      expect(sheet.getCell(r, c).border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } });
    }
    expect(sheet.getColumn(2).width).toBeGreaterThan(30);
    expect(sheet.getColumn(3).width).toBeGreaterThan(10);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: L.columnNumberRow });
  });
});

describe('buildReportXlsx – a district by unit (en)', () => {
  const report = district();
  let sheet: ExcelJS.Worksheet;
  beforeAll(async () => {
    sheet = await open(report);
  });

  it('is in English', () => {
    expect(sheet.name).toBe('Form II.06a');
    expect(sheet.getCell(L.titleRow, 1).value).toBe('ADMINISTRATIVE PROCEDURE RESULTS');
    expect(sheet.getCell(L.unitRow, 1).value).toBe('Reporting unit: Huyện Thanh Oai');
    expect(sheet.getCell(L.periodRow, 1).value).toBe('Reporting period: Q2 2025 (From 01/04/2025 to 30/06/2025)');
    expect(sheet.getCell(L.unitOfMeasureRow, 1).value).toBe('Unit: number of dossiers');
    expect(['A6', 'B6', 'C6', 'G6', 'K6', 'E7', 'F7'].map((a) => sheet.getCell(a).value)).toEqual([
      'No.', 'Unit', 'Received', 'Settled', 'Open', 'Direct & postal', 'Carried over',
    ]);
  });

  it('has a row per unit, as given (no markup handling needed in a cell), and the totals', () => {
    expect(sheet.getCell(L.firstDataRow + 1, 2).value).toBe('Xã <script>alert(1)</script> & Bình Minh');
    const rows = [...report.rows, report.totals].map((_, index) => FIGURE_COLUMNS.map((c) => sheet.getCell(L.firstDataRow + index, c).value));
    expect(rows).toEqual([...report.rows, report.totals].map(ii06aFigures));
    expect(sheet.getCell(L.firstDataRow + 2, 2).value).toBe('Total');
  });
});

describe('buildReportXlsx – no rows', () => {
  it('says so and still writes the totals row', async () => {
    const sheet = await open(model({ rows: [], totals: sum('total', 'Tổng cộng', []) }));

    expect(sheet.getCell(L.firstDataRow, 1).value).toBe('Không có hồ sơ trong kỳ.');
    expect(sheet.getCell(L.firstDataRow + 1, 2).value).toBe('Tổng cộng');
    expect(FIGURE_COLUMNS.map((c) => sheet.getCell(L.firstDataRow + 1, c).value)).toEqual(Array(11).fill(0));
  });
});

describe('reportXlsxFileName', () => {
  it.each`
    unit                                 | locale  | period       | expected
    ${'Xã Văn Tố'}                       | ${'vi'} | ${'2025-05'}  | ${'bao-cao-II.06a-xa-van-to-2025-05.xlsx'}
    ${'Huyện Thanh Oai'}                 | ${'en'} | ${'2025-Q2'}  | ${'report-II.06a-huyen-thanh-oai-2025-Q2.xlsx'}
    ${'Phường Đống Đa & <script>'}       | ${'vi'} | ${'2025-W19'} | ${'bao-cao-II.06a-phuong-dong-da-script-2025-W19.xlsx'}
    ${'<>'}                              | ${'vi'} | ${'2025'}     | ${'bao-cao-II.06a-x-vanto-2025.xlsx'}
  `('$unit, $period → $expected', ({ unit, locale, period, expected }) => {
    const sut = reportXlsxFileName(
      model({ locale, unit: { code: 'X-VANTO', name: unit }, period: { name: period, kind: 'year', from: '2025-01-01', to: '2025-12-31' } }),
    );

    expect(sut).toBe(expected);
  });
});
