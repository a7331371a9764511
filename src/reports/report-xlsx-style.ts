import ExcelJS from 'exceljs';

/**
 * The look both sheets of the report's attachment share (form II.06a and the 766 scorecard):
 * thin grey borders, a tinted header and totals row, Times New Roman as official forms are set.
 */

export const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF7F8C99' } },
  left: { style: 'thin', color: { argb: 'FF7F8C99' } },
  bottom: { style: 'thin', color: { argb: 'FF7F8C99' } },
  right: { style: 'thin', color: { argb: 'FF7F8C99' } },
};
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6EEF8' } };
export const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF2F7' } };
/** A count: 4.674 in a Vietnamese Excel, 4,674 in an English one. */
export const NUMBER_FORMAT = '#,##0';

/** Every sheet prints on A4 across, one page wide, centred. */
export const A4_LANDSCAPE: Partial<ExcelJS.PageSetup> = {
  paperSize: 9, // A4
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
};
export const GOOD_COLOR = 'FF1A7F37';
export const BAD_COLOR = 'FFB42318';
const FONT = 'Times New Roman';

export function font(extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> {
  return { name: FONT, size: 12, ...extra };
}

/** A line of text merged across columns 1 to `lastColumn` of `row`. */
export function mergedLine(
  sheet: ExcelJS.Worksheet,
  row: number,
  lastColumn: number,
  value: string,
  style: { font?: Partial<ExcelJS.Font>; horizontal: 'left' | 'center' | 'right' },
): void {
  sheet.mergeCells(row, 1, row, lastColumn);
  const cell = sheet.getCell(row, 1);
  cell.value = value;
  cell.font = font(style.font);
  cell.alignment = { horizontal: style.horizontal, vertical: 'middle', wrapText: true };
}
