import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { ReportModel } from './report-model';
import { rankingRow, reportModel, reportScorecard, row, sum } from './report-rows.fixture';
import { XLSX_LAYOUT, buildReportXlsx } from './report-xlsx';

/**
 * The attachment carries names from outside (units, fields, procedures): each must stay a text
 * cell, never become a formula, however it starts. ExcelJS writes a formula only for a
 * `{ formula }` value; these pin that the report never hands it one.
 */
const DANGEROUS = ['=1+2', '=HYPERLINK("http://evil.example","bấm")', "+cmd|' /C calc'!A0", '-1+2', '@SUM(A1:A2)', '＝1+2'];

function model(): ReportModel {
  const rows = DANGEROUS.map((label, index) => row(`f${index}`, label, [1, 2], 0, [1, 1, 0], 0, 0));
  // The 766 sheet's ranking carries the same names, as units below.
  const ranked = DANGEROUS.map((name, index) => rankingRow(`u${index}`, name, 30 - index, index + 1));
  return reportModel({
    unit: { code: 'X-VANTO', name: '=HYPERLINK("http://evil.example","Xã Văn Tố")' },
    rows,
    totals: sum('total', 'Tổng cộng', rows),
    overdueTotal: 0,
    scorecard: { ...reportScorecard(), ranking: { current: ranked, previous: ranked } },
  });
}

/** Every worksheet part of the workbook, as text. */
function worksheetsOf(file: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const parts = new Map<string, string>();
      zip.on('error', reject);
      zip.on('end', () => resolve(parts));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!/^xl\/worksheets\/[^/]+\.xml$/.test(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (failure, stream) => {
          if (failure) return reject(failure);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            parts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

describe('buildReportXlsx – text from outside stays text', () => {
  let file: Buffer;
  beforeAll(async () => {
    file = await buildReportXlsx(model());
  });

  it('has no formula anywhere in the workbook', async () => {
    const sheets = await worksheetsOf(file);
    expect(sheets.size).toBeGreaterThan(0);
    for (const xml of sheets.values()) expect(xml).not.toMatch(/<f[\s>/]/);
  });

  it('stores each dangerous label as a string cell holding exactly that text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    DANGEROUS.forEach((label, index) => {
      const cell = sheet.getCell(XLSX_LAYOUT.firstDataRow + index, 2);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(label);
    });
    const unitLine = sheet.getCell(XLSX_LAYOUT.unitRow, 1);
    expect(unitLine.type).toBe(ExcelJS.ValueType.String);
    expect(String(unitLine.value)).toContain('=HYPERLINK(');
    // Figures are numbers, not text and not formulas.
    const figure = sheet.getCell(XLSX_LAYOUT.firstDataRow, 3);
    expect(figure.type).toBe(ExcelJS.ValueType.Number);
  });

  it('stores them as text in the 766 sheet’s ranking too', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Chỉ số 766')!;
    let first = 0;
    sheet.eachRow((r, number) => {
      if (first === 0 && r.getCell(1).value === 'Xếp hạng đơn vị trực thuộc') first = number + 2;
    });
    expect(first).toBeGreaterThan(0);
    DANGEROUS.forEach((name, index) => {
      const cell = sheet.getCell(first + index, 2);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(name);
    });
    expect(String(sheet.getCell(2, 1).value)).toContain('=HYPERLINK(');
  });
});
