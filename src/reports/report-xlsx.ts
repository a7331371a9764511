import ExcelJS from 'exceljs';
import { formatLocalDateTime } from '../common/local-time';
import { plainText } from '../common/text';
import { AreaWords, t, wordsOf } from '../i18n/i18n';
import { II06A_COLUMNS, II06A_GROUPS, balanceCheckLine, ii06aFigures } from './render/ii06a';
import { periodRange, periodTitle, singleLine } from './render/period-names';
import { ReportModel, ReportRow } from './report-model';
import { addScorecardSheet } from './report-xlsx-766';
import { A4_LANDSCAPE, BAD_COLOR, BORDER, GOOD_COLOR, HEADER_FILL, NUMBER_FORMAT, TOTAL_FILL, font, mergedLine } from './report-xlsx-style';

/**
 * The report's attachment (docs/figures.md §8): form II.06a as its first worksheet laid out like the official
 * form — form number, title, reporting unit, period, "Đơn vị tính", a two-level header with the
 * column numbers under it, one row per field (or unit) and the totals row; a month's or a
 * quarter's report adds the 766 scorecard as a second sheet (report-xlsx-766.ts). Every figure is a
 * number cell and the totals are values, not formulas, so any reader (and any preview that does
 * not calculate) shows them.
 */

/** The report area of the word store, as the sheet's writers pass it along. */
type ReportText = AreaWords<'report'>;

/** Layout of the sheet, 1-based as ExcelJS counts. */
export const XLSX_LAYOUT = {
  formNumberRow: 1,
  titleRow: 2,
  unitRow: 3,
  periodRow: 4,
  unitOfMeasureRow: 5,
  groupHeaderRow: 6,
  columnHeaderRow: 7,
  columnNumberRow: 8,
  firstDataRow: 9,
  /** STT, the row label, then the eleven figures. */
  columnCount: 2 + II06A_COLUMNS.length,
} as const;

const LAST_COLUMN = XLSX_LAYOUT.columnCount;

/** A line of text across the whole width of the table. */
function line(sheet: ExcelJS.Worksheet, row: number, value: string, style: { font?: Partial<ExcelJS.Font>; horizontal: 'left' | 'center' | 'right' }): void {
  mergedLine(sheet, row, LAST_COLUMN, value, style);
}

function newWorkbook(model: ReportModel, text: ReportText, generatedAt: Date): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'tthc-monitor';
  workbook.created = generatedAt;
  workbook.modified = generatedAt;
  workbook.title = `${text.table.formNumber} – ${singleLine(model.unit.name)}`;
  return workbook;
}

/** One A4 landscape sheet, the header rows repeated on every printed page. */
function addSheet(workbook: ExcelJS.Workbook, text: ReportText): ExcelJS.Worksheet {
  const layout = XLSX_LAYOUT;
  const sheet = workbook.addWorksheet(text.table.sheetName, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: layout.columnNumberRow, activeCell: `C${layout.firstDataRow}` }],
    pageSetup: {
      ...A4_LANDSCAPE,
      printTitlesRow: `${layout.groupHeaderRow}:${layout.columnNumberRow}`,
    },
    properties: { defaultRowHeight: 18 },
  });
  sheet.columns = [
    { width: 6 },
    { width: 36 },
    ...II06A_COLUMNS.map(() => ({ width: 11.5 })),
  ];
  return sheet;
}

/** Form number, title, unit, period, unit of measure. */
function writeTitle(sheet: ExcelJS.Worksheet, model: ReportModel, text: ReportText): void {
  const layout = XLSX_LAYOUT;
  sheet.mergeCells(layout.formNumberRow, 1, layout.formNumberRow, 4);
  const formNumber = sheet.getCell(layout.formNumberRow, 1);
  formNumber.value = text.table.formNumber;
  formNumber.font = font({ size: 11, italic: true });
  line(sheet, layout.titleRow, text.table.sheetTitle, { font: { bold: true, size: 14 }, horizontal: 'center' });
  sheet.getRow(layout.titleRow).height = 24;
  line(sheet, layout.unitRow, `${text.table.reportingUnit}: ${singleLine(model.unit.name)}`, { font: { bold: true }, horizontal: 'center' });
  line(sheet, layout.periodRow, `${text.periodLabel}: ${periodTitle(model.period, model.locale)} (${periodRange(model.period, model.locale)})`, {
    font: { italic: true },
    horizontal: 'center',
  });
  line(sheet, layout.unitOfMeasureRow, text.table.unitOfMeasure, { font: { italic: true, size: 11 }, horizontal: 'right' });
}

/** The two-level header and the column numbers (1) … (13). */
function writeHeader(sheet: ExcelJS.Worksheet, model: ReportModel, text: ReportText): void {
  const layout = XLSX_LAYOUT;
  const header = (row: number, column: number, value: string, toRow = row, toColumn = column) => {
    if (toRow !== row || toColumn !== column) sheet.mergeCells(row, column, toRow, toColumn);
    const cell = sheet.getCell(row, column);
    cell.value = value;
  };
  header(layout.groupHeaderRow, 1, text.table.number, layout.columnHeaderRow);
  header(layout.groupHeaderRow, 2, text.table.firstColumn[model.rowKind], layout.columnHeaderRow);
  let column = 3;
  for (const group of II06A_GROUPS) {
    header(layout.groupHeaderRow, column, text.table.groups[group.key], layout.groupHeaderRow, column + group.span - 1);
    column += group.span;
  }
  II06A_COLUMNS.forEach((key, index) => header(layout.columnHeaderRow, 3 + index, text.table.columns[key]));
  for (let index = 1; index <= LAST_COLUMN; index++) sheet.getCell(layout.columnNumberRow, index).value = `(${index})`;
  styleHeader(sheet);
}

function styleHeader(sheet: ExcelJS.Worksheet): void {
  const layout = XLSX_LAYOUT;
  for (let row: number = layout.groupHeaderRow; row <= layout.columnNumberRow; row++) {
    for (let index = 1; index <= LAST_COLUMN; index++) {
      const cell = sheet.getCell(row, index);
      cell.border = BORDER;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      if (row === layout.columnNumberRow) {
        cell.font = font({ size: 10, italic: true });
      } else {
        cell.font = font({ size: 11, bold: true });
        cell.fill = HEADER_FILL;
      }
    }
  }
  sheet.getRow(layout.groupHeaderRow).height = 22;
  sheet.getRow(layout.columnHeaderRow).height = 34;
}

/** STT, the label and the eleven figures of one row; the totals row bold on a tint. */
function writeFigureRow(
  sheet: ExcelJS.Worksheet,
  row: number,
  number: number | null,
  label: string,
  figures: ReportRow,
  total: boolean,
): void {
  const values: (number | string | null)[] = [number, label, ...ii06aFigures(figures)];
  values.forEach((value, index) => {
    const cell = sheet.getCell(row, index + 1);
    cell.value = value;
    cell.border = BORDER;
    cell.font = font({ size: 11, bold: total });
    if (total) cell.fill = TOTAL_FILL;
    if (index === 1) {
      cell.alignment = { horizontal: total ? 'center' : 'left', vertical: 'middle', wrapText: true };
    } else {
      cell.alignment = { horizontal: index === 0 ? 'center' : 'right', vertical: 'middle' };
      if (index > 1) cell.numFmt = NUMBER_FORMAT;
    }
  });
}

/** The rows (or a line saying there are none), then the totals; returns the next free row. */
function writeRows(sheet: ExcelJS.Worksheet, model: ReportModel, text: ReportText): number {
  let row: number = XLSX_LAYOUT.firstDataRow;
  model.rows.forEach((data, index) => writeFigureRow(sheet, row++, index + 1, singleLine(data.label), data, false));
  if (model.rows.length === 0) {
    sheet.mergeCells(row, 1, row, LAST_COLUMN);
    const cell = sheet.getCell(row, 1);
    cell.value = text.table.noRows;
    cell.font = font({ size: 11, italic: true });
    cell.border = BORDER;
    row++;
  }
  writeFigureRow(sheet, row++, null, text.table.total, model.totals, true);
  return row;
}

/** Under the table, after an empty row: the balance check, the note, when it was computed. */
function writeNotes(sheet: ExcelJS.Worksheet, firstRow: number, model: ReportModel, text: ReportText, generatedAt: Date): void {
  let row = firstRow + 1;
  const check = balanceCheckLine(model);
  line(sheet, row++, check.text, { font: { size: 11, italic: true, color: { argb: check.holds ? GOOD_COLOR : BAD_COLOR } }, horizontal: 'left' });
  line(sheet, row, text.table.note, { font: { size: 10, italic: true }, horizontal: 'left' });
  sheet.getRow(row++).height = 30;
  line(sheet, row, t(model.locale, 'report.generatedAt', { at: formatLocalDateTime(generatedAt) }), { font: { size: 10, italic: true }, horizontal: 'left' });
}

export async function buildReportXlsx(model: ReportModel): Promise<Buffer> {
  const text = wordsOf(model.locale, 'report');
  const generatedAt = new Date(model.generatedAt);
  const workbook = newWorkbook(model, text, generatedAt);
  const sheet = addSheet(workbook, text);
  writeTitle(sheet, model, text);
  writeHeader(sheet, model, text);
  const next = writeRows(sheet, model, text);
  writeNotes(sheet, next, model, text, generatedAt);
  addScorecardSheet(workbook, model);
  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written as ArrayBuffer);
}

/** "bao-cao-II.06a-xa-van-to-2025-05.xlsx" (vi), "report-II.06a-xa-van-to-2025-05.xlsx" (en). */
export function reportXlsxFileName(model: ReportModel): string {
  const slug = (text: string) => plainText(text).replace(/ /g, '-').slice(0, 60).replace(/-+$/, '');
  const unit = slug(model.unit.name) || slug(model.unit.code) || 'don-vi';
  const period = model.period.name.replace(/[^A-Za-z0-9-]+/g, '-') || model.period.from;
  return `${model.locale === 'vi' ? 'bao-cao' : 'report'}-II.06a-${unit}-${period}.xlsx`;
}
