import ExcelJS from 'exceljs';
import { ReportModel } from './report-model';
import { RANKED_BEFORE, rankingRow, reportModel, reportScorecard, scored } from './report-rows.fixture';
import { SCORECARD_FORMATS, SCORECARD_LAYOUT } from './report-xlsx-766';
import { buildReportXlsx } from './report-xlsx';

const L = SCORECARD_LAYOUT;

async function workbookOf(report: ReportModel): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buildReportXlsx(report)) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The first row at or after `from` whose column `column` holds `value`. */
function rowWith(sheet: ExcelJS.Worksheet, column: number, value: unknown, from = 1): number {
  for (let row = from; row <= sheet.rowCount; row++) if (sheet.getCell(row, column).value === value) return row;
  throw new Error(`no row with ${String(value)} in column ${column}`);
}

const values = (sheet: ExcelJS.Worksheet, row: number, columns: number = L.columnCount) => Array.from({ length: columns }, (_, index) => sheet.getCell(row, index + 1).value);

/** The names the ranking must give back exactly, composed (NFC) and one decomposed (NFD) as some systems send them. */
const NAMES = ['Xã Tứ Kỳ', 'Phường Đồng Hới', 'Huyện Mường Tè', 'Xã Hạ Hòa'.normalize('NFD')];

function district(overrides: Partial<ReportModel> = {}): ReportModel {
  const now = NAMES.map((name, index) => rankingRow(`u${index}`, name, [41.35, 39.6, 35.75, 22][index], index + 1));
  const before = NAMES.slice(0, 3).map((name, index) => rankingRow(`u${index}`, name, [44.1, 40, 30.5][index], index + 1));
  return reportModel({
    unit: { code: 'T-QB', name: 'Tỉnh Quảng Bình' },
    includeChildren: true,
    rowKind: 'unit',
    scorecard: { ...reportScorecard(), ranking: { current: now, previous: before } },
    ...overrides,
  });
}

describe('the 766 sheet of a month’s report (vi)', () => {
  const report = district();
  let sheet: ExcelJS.Worksheet;
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await workbookOf(report);
    sheet = workbook.getWorksheet('Chỉ số 766')!;
  });

  it('is the second sheet, "Chỉ số 766", after form II.06a', () => {
    expect(workbook.worksheets.map((each) => each.name)).toEqual(['Biểu II.06a', 'Chỉ số 766']);
    expect(sheet.getCell(L.titleRow, 1).value).toBe('CHỈ SỐ 766 – PHẦN TÍNH TỪ HỒ SƠ');
    expect(sheet.getCell(L.unitRow, 1).value).toBe('Đơn vị báo cáo: Tỉnh Quảng Bình');
    expect(sheet.getCell(L.periodRow, 1).value).toBe('Kỳ báo cáo: Tháng 05/2025 (Từ ngày 15/04/2025 đến ngày 14/05/2025)');
  });

  it('heads the indicators with the ten columns', () => {
    expect(values(sheet, L.headerRow)).toEqual(['Nhóm chỉ số', 'Mã', 'Chỉ tiêu', 'Tử số', 'Mẫu số', 'Tỉ lệ', 'Điểm', 'Điểm tối đa', 'Mục tiêu', 'Để thêm 1 điểm']);
  });

  it('writes one row per indicator equal to the scorecard, figures as number cells', () => {
    const indicators = report.scorecard!.current.groups.flatMap((group) => group.indicators.map((indicator) => ({ group: group.name, ...indicator })));
    expect(indicators).toHaveLength(10);
    indicators.forEach((indicator, index) => {
      const row = L.firstIndicatorRow + index;
      const dash = (value: number | null) => (value === null ? '—' : value);
      expect(values(sheet, row)).toEqual([
        indicator.group, indicator.id, indicator.name,
        dash(indicator.numerator), dash(indicator.denominator), dash(indicator.ratio), dash(indicator.points), indicator.maxPoints, dash(indicator.target),
        indicator.onePointMore?.text ?? '—',
      ]);
    });
    const row21 = L.firstIndicatorRow;
    expect(values(sheet, row21)).toEqual(['Tiến độ, kết quả giải quyết', '2.1', 'Hồ sơ xử lý trước hạn, đúng hạn', 99, 100, 0.99, 19.8, 20, 1, '1 hồ sơ trễ hạn']);
    for (const column of [4, 5, 6, 7, 8, 9]) expect(sheet.getCell(row21, column).type).toBe(ExcelJS.ValueType.Number);
  });

  it('writes a ratio as a number with a percent format, not as text; 2.2’s days as a decimal', () => {
    const row = rowWith(sheet, 2, '4.2');
    expect(sheet.getCell(row, 6).value).toBe(0.6);
    expect(sheet.getCell(row, 6).numFmt).toBe('0.00%');
    expect(sheet.getCell(row, 9).numFmt).toBe(SCORECARD_FORMATS.target);
    expect(sheet.getCell(row, 7).numFmt).toBe('0.00');
    const days = rowWith(sheet, 2, '2.2');
    expect(sheet.getCell(days, 6)).toMatchObject({ value: 3, numFmt: '#,##0.00' });
  });

  it('writes "—" where there is no value, never 0', () => {
    const satisfaction = rowWith(sheet, 2, '5.4');
    expect(values(sheet, satisfaction).slice(3, 5)).toEqual(['—', '—']);
    const days = rowWith(sheet, 2, '2.2');
    expect([sheet.getCell(days, 7).value, sheet.getCell(days, 9).value]).toEqual(['—', '—']);
  });

  it('totals the points of the maximum, then gives the previous period and the change', () => {
    const total = rowWith(sheet, 1, 'Tổng điểm');
    expect([sheet.getCell(total, 7).value, sheet.getCell(total, 8).value]).toEqual([41, 50]);
    expect(sheet.getCell(total, 1).font).toMatchObject({ bold: true });
    expect(sheet.getCell(total + 1, 1).value).toBe('Kỳ trước (tháng 04/2025): 38,42 điểm; thay đổi: +2,58.');
  });

  it('lists what is not computed, with why', () => {
    const title = rowWith(sheet, 1, 'Chỉ tiêu chưa tính');
    expect(values(sheet, title + 1, 8)).toEqual(['Nhóm chỉ số', 'Mã', 'Chỉ tiêu', 'Lý do', 'Lý do', 'Lý do', 'Lý do', 'Điểm tối đa']);
    const items = report.scorecard!.current.notComputed;
    items.forEach((item, index) => {
      const row = title + 2 + index;
      expect([sheet.getCell(row, 2).value, sheet.getCell(row, 3).value, sheet.getCell(row, 4).value, sheet.getCell(row, 8).value]).toEqual([item.id, item.name, item.reason, item.maxPoints]);
    });
    expect(values(sheet, rowWith(sheet, 2, '3.2', title), 4)).toEqual(['Cung cấp dịch vụ công trực tuyến', '3.2', 'Hồ sơ DVC trực tuyến toàn trình (12 điểm của nhóm)', 'cần danh mục TTHC đủ điều kiện toàn trình']);
  });

  it('ranks the units below with their points then and now, each Vietnamese name exactly as given', () => {
    const title = rowWith(sheet, 1, 'Xếp hạng đơn vị trực thuộc');
    expect(values(sheet, title + 1)).toEqual(['Hạng', 'Đơn vị', 'Đơn vị', 'Điểm kỳ này', 'Điểm kỳ trước', 'Thay đổi', 'Điểm tối đa', 'Tỉ lệ 2.1', 'Chỉ tiêu mất nhiều điểm nhất', 'Để thêm 1 điểm']);
    const rows = NAMES.map((_, index) => values(sheet, title + 2 + index).slice(0, 8));
    expect(rows).toEqual([
      [1, 'Xã Tứ Kỳ', 'Xã Tứ Kỳ', 41.35, 44.1, -2.75, 50, 0.9],
      [2, 'Phường Đồng Hới', 'Phường Đồng Hới', 39.6, 40, -0.4, 50, 0.9],
      [3, 'Huyện Mường Tè', 'Huyện Mường Tè', 35.75, 30.5, 5.25, 50, 0.9],
      [4, NAMES[3], NAMES[3], 22, '—', '—', 50, 0.9],
    ]);
    // Byte for byte: not normalized, not stripped of its marks, not turned into question marks.
    expect(Buffer.from(String(sheet.getCell(title + 2, 2).value))).toEqual(Buffer.from('Xã Tứ Kỳ'));
    expect(String(sheet.getCell(title + 5, 2).value)).toBe('Xã Hạ Hòa'.normalize('NFD'));
    expect(sheet.getCell(title + 2, 2).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell(title + 2, 6)).toMatchObject({ type: ExcelJS.ValueType.Number, numFmt: SCORECARD_FORMATS.change });
    expect(sheet.getCell(title + 2, 8).numFmt).toBe('0.00%');
    expect(values(sheet, title + 2).slice(8)).toEqual(['2.1 Hồ sơ xử lý trước hạn, đúng hạn', '3 hồ sơ trễ hạn']);
  });
});

describe('the 766 sheet, other cases', () => {
  it('has no ranking block for a unit without units below', async () => {
    const sheet = (await workbookOf(reportModel({ scorecard: reportScorecard() }))).getWorksheet('Chỉ số 766')!;

    expect(() => rowWith(sheet, 1, 'Xếp hạng đơn vị trực thuộc')).toThrow();
    expect(rowWith(sheet, 1, 'Chỉ tiêu chưa tính')).toBeGreaterThan(L.firstIndicatorRow);
  });

  it('is not there for a report without a scorecard (a week, a half, a year)', async () => {
    const workbook = await workbookOf(reportModel({ period: { name: '2025', kind: 'year', from: '2025-01-01', to: '2025-12-31' }, scorecard: null }));

    expect(workbook.worksheets.map((each) => each.name)).toEqual(['Biểu II.06a']);
  });

  it('writes "—" for every ratio and score of a period without dossiers, never 0', async () => {
    const sheet = (await workbookOf(reportModel({ scorecard: { current: scored({}), previous: scored({}), ranking: null } }))).getWorksheet('Chỉ số 766')!;

    for (let row = L.firstIndicatorRow; row < L.firstIndicatorRow + 10; row++) {
      expect([sheet.getCell(row, 2).value, sheet.getCell(row, 6).value, sheet.getCell(row, 7).value]).toEqual([sheet.getCell(row, 2).value, '—', '—']);
    }
    const total = rowWith(sheet, 1, 'Tổng điểm');
    expect([sheet.getCell(total, 7).value, sheet.getCell(total, 8).value]).toEqual(['—', 50]);
    expect(sheet.getCell(total + 1, 1).value).toBe('Kỳ trước (tháng 04/2025): — điểm; thay đổi: —.');
  });

  it('is in English: "Decision 766"', async () => {
    const workbook = await workbookOf(reportModel({ locale: 'en', includeChildren: true, rowKind: 'unit', scorecard: { ...reportScorecard({ lang: 'en' }), ranking: { current: RANKED_BEFORE, previous: RANKED_BEFORE } } }));
    const sheet = workbook.getWorksheet('Decision 766')!;

    expect(workbook.worksheets.map((each) => each.name)).toEqual(['Form II.06a', 'Decision 766']);
    expect(sheet.getCell(L.titleRow, 1).value).toBe('DECISION 766 INDEX – THE PART DOSSIERS DECIDE');
    expect(values(sheet, L.headerRow)).toEqual(['Indicator group', 'No.', 'Indicator', 'Numerator', 'Denominator', 'Ratio', 'Points', 'Max points', 'Target', 'One more point takes']);
    expect(values(sheet, L.firstIndicatorRow).slice(0, 3)).toEqual(['Progress and results', '2.1', 'Dossiers settled early or on time']);
    expect(sheet.getCell(rowWith(sheet, 1, 'Total') + 1, 1).value).toBe('Previous period (April 2025): 38.42 points; change: +2.58.');
    expect(rowWith(sheet, 1, 'Indicators not computed')).toBeGreaterThan(L.firstIndicatorRow);
    const ranking = rowWith(sheet, 1, 'Ranking of the units below');
    expect(sheet.getCell(ranking + 2, 6).value).toBe(0);
  });
});
