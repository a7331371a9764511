import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ReportModel } from './report-model';
import { row, sum } from './report-rows.fixture';
import { XLSX_LAYOUT, buildReportXlsx } from './report-xlsx';

/**
 * The attachment carries names from outside (units, fields, procedures): each must stay a text
 * cell, never become a formula, however it starts. ExcelJS writes a formula only for a
 * `{ formula }` value; these pin that the report never hands it one.
 */
const DANGEROUS = ['=1+2', '=HYPERLINK("http://evil.example","bấm")', "+cmd|' /C calc'!A0", '-1+2', '@SUM(A1:A2)', '＝1+2'];

function model(): ReportModel {
  const rows = DANGEROUS.map((label, index) => row(`f${index}`, label, [1, 2], 0, [1, 1, 0], 0, 0));
  return {
    locale: 'vi',
    unit: { code: 'X-VANTO', name: '=HYPERLINK("http://evil.example","Xã Văn Tố")' },
    includeChildren: false,
    period: { name: '2025-05', kind: 'month', from: '2025-05-01', to: '2025-05-31' },
    previousPeriod: { name: '2025-04', kind: 'month', from: '2025-04-01', to: '2025-04-30' },
    headline: {
      settled: { current: 12, previous: 0 },
      received: { current: 18, previous: 0 },
      onTimeRate: { current: 1, previous: null },
      onTimePercent: { current: '100.00', previous: null },
      latePercent: { current: '0.00', previous: null },
      openOverdue: { current: 0, previous: 0 },
      progressScore: { current: 20, previous: null },
    },
    rowKind: 'field',
    rows,
    totals: sum('total', 'Tổng cộng', rows),
    overdue: [],
    overdueTotal: 0,
    detailUrl: null,
    generatedAt: '2025-06-01T00:30:05Z',
  } as ReportModel;
}

describe('buildReportXlsx – text from outside stays text', () => {
  let file: Buffer;
  beforeAll(async () => {
    file = await buildReportXlsx(model());
  });

  it('has no formula anywhere in the workbook', async () => {
    const zip = await JSZip.loadAsync(file);
    const sheets = Object.keys(zip.files).filter((name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name));
    expect(sheets.length).toBeGreaterThan(0);
    for (const name of sheets) {
      const xml = await zip.file(name)!.async('string');
      expect(xml).not.toMatch(/<f[\s>/]/);
    }
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
});
