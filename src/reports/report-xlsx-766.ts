import ExcelJS from 'exceljs';
import { AreaWords, t, wordsOf } from '../i18n/i18n';
import { GroupId, IndicatorResult } from '../index766/indicators';
import { RankingRow } from '../index766/index766.service';
import { NO_VALUE, formatScore, signedScoreChange } from './render/numbers';
import { periodName, periodRange, periodTitle, singleLine } from './render/period-names';
import { ReportModel, ReportScorecard } from './report-model';
import { A4_LANDSCAPE, BORDER, HEADER_FILL, NUMBER_FORMAT, TOTAL_FILL, font, mergedLine } from './report-xlsx-style';

/**
 * The attachment's second sheet for a month's or a quarter's report: the Decision 766 scorecard
 * (SPEC §11), one row per indicator (group, id, name, numerator, denominator, ratio, points, max
 * points, target, what one more point would take), the total against the previous period, what
 * is not computed and why, and, with units below, their ranking. Every figure is a number cell
 * with a number format (a ratio is 0.9947 shown as a percent, not the text "99,47 %"), so a
 * reader can sort and sum; a value there is none of is "—", never 0. Names are written as they
 * are given, as text.
 */

type ScorecardText = AreaWords<'report'>['scorecard']['sheet'];

/** Ten columns, A to J. */
const COLUMNS = ['group', 'id', 'name', 'numerator', 'denominator', 'ratio', 'points', 'maxPoints', 'target', 'onePointMore'] as const;

/** Layout of the sheet's top, 1-based as ExcelJS counts; the blocks below follow the indicators. */
export const SCORECARD_LAYOUT = {
  titleRow: 1,
  unitRow: 2,
  periodRow: 3,
  headerRow: 5,
  firstIndicatorRow: 6,
  columnCount: COLUMNS.length,
} as const;

export const SCORECARD_FORMATS = {
  count: NUMBER_FORMAT,
  ratio: '0.00%',
  /** 2.2's ratio: the average in days. */
  days: '#,##0.00',
  points: '0.00',
  maxPoints: '0',
  target: '0%',
  /** A change of points, signed as the e-mail writes it: +1.25, −0.40, 0.00. */
  change: '+0.00;"\u2212"0.00;0.00',
} as const;

const LAST = SCORECARD_LAYOUT.columnCount;
const WIDTHS = [28, 7, 46, 11, 11, 10, 9, 10, 26, 30];

type Value = string | number | null;

interface CellSpec {
  value: Value;
  format?: string;
  /** Text cells are left-aligned and wrap; numbers and "—" are right-aligned. */
  text?: boolean;
}

/** A number cell, or "—" when there is no such value. */
function figure(value: number | null, format: string): CellSpec {
  return value === null ? { value: NO_VALUE } : { value, format };
}

function text(value: string): CellSpec {
  return { value, text: true };
}

function writeCells(sheet: ExcelJS.Worksheet, row: number, cells: CellSpec[], style: { bold?: boolean; fill?: ExcelJS.Fill } = {}): void {
  cells.forEach((spec, index) => {
    const cell = sheet.getCell(row, index + 1);
    cell.value = spec.value;
    cell.border = BORDER;
    cell.font = font({ size: 11, bold: style.bold });
    if (style.fill) cell.fill = style.fill;
    if (spec.format) cell.numFmt = spec.format;
    cell.alignment = spec.text ? { horizontal: 'left', vertical: 'middle', wrapText: true } : { horizontal: 'right', vertical: 'middle' };
  });
}

function writeHeader(sheet: ExcelJS.Worksheet, row: number, labels: (string | null)[]): void {
  labels.forEach((label, index) => {
    const cell = sheet.getCell(row, index + 1);
    if (label !== null) cell.value = label;
    cell.border = BORDER;
    cell.fill = HEADER_FILL;
    cell.font = font({ size: 11, bold: true });
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  sheet.getRow(row).height = 30;
}

function blockTitle(sheet: ExcelJS.Worksheet, row: number, value: string): void {
  mergedLine(sheet, row, LAST, value, { font: { bold: true }, horizontal: 'left' });
}

function indicatorCells(groupName: string, indicator: IndicatorResult): CellSpec[] {
  const days = indicator.id === '2.2';
  return [
    text(groupName),
    text(indicator.id),
    text(indicator.name),
    figure(indicator.numerator, SCORECARD_FORMATS.count),
    figure(indicator.denominator, SCORECARD_FORMATS.count),
    figure(indicator.ratio, days ? SCORECARD_FORMATS.days : SCORECARD_FORMATS.ratio),
    figure(indicator.points, SCORECARD_FORMATS.points),
    figure(indicator.maxPoints, SCORECARD_FORMATS.maxPoints),
    figure(indicator.target, SCORECARD_FORMATS.target),
    indicator.onePointMore === null ? { value: NO_VALUE } : text(indicator.onePointMore.text),
  ];
}

/** One row per indicator, the total, then the previous period's total and the change; returns the next free row. */
function writeIndicators(sheet: ExcelJS.Worksheet, model: ReportModel, section: ReportScorecard, words: ScorecardText): number {
  writeHeader(sheet, SCORECARD_LAYOUT.headerRow, COLUMNS.map((column) => words.columns[column]));
  let row: number = SCORECARD_LAYOUT.firstIndicatorRow;
  for (const group of section.current.groups) {
    for (const indicator of group.indicators) writeCells(sheet, row++, indicatorCells(group.name, indicator));
  }
  const current = section.current;
  writeCells(
    sheet,
    row,
    [text(words.total), ...Array<CellSpec>(5).fill({ value: null }), figure(current.points, SCORECARD_FORMATS.points), figure(current.maxPoints, SCORECARD_FORMATS.maxPoints), { value: null }, { value: null }],
    { bold: true, fill: TOTAL_FILL },
  );
  sheet.mergeCells(row, 1, row, 6);
  row++;
  const previous = section.previous.points;
  mergedLine(
    sheet,
    row++,
    LAST,
    t(model.locale, 'report.scorecard.sheet.previousLine', {
      period: periodName(model.previousPeriod, model.locale),
      points: formatScore(previous, model.locale),
      change: signedScoreChange(current.points, previous, model.locale).text,
    }),
    { font: { size: 11, italic: true }, horizontal: 'left' },
  );
  mergedLine(sheet, row, LAST, words.note, { font: { size: 10, italic: true }, horizontal: 'left' });
  sheet.getRow(row++).height = 30;
  return row;
}

/** What is not computed: group, id, name, why (D–G), the points it holds nationally. */
function writeNotComputed(sheet: ExcelJS.Worksheet, firstRow: number, section: ReportScorecard, words: ScorecardText): number {
  let row = firstRow;
  blockTitle(sheet, row++, words.notComputed.title);
  const names = new Map<GroupId, string>(section.current.groups.map((group) => [group.id, group.name]));
  writeHeader(sheet, row, [words.columns.group, words.columns.id, words.columns.name, words.notComputed.reason, null, null, null, words.columns.maxPoints]);
  sheet.mergeCells(row, 4, row, 7);
  row++;
  for (const item of section.current.notComputed) {
    writeCells(sheet, row, [
      text(names.get(item.group) ?? item.group),
      text(item.id),
      text(item.name),
      text(item.reason),
      { value: null, text: true },
      { value: null, text: true },
      { value: null, text: true },
      figure(item.maxPoints, SCORECARD_FORMATS.maxPoints),
    ]);
    sheet.mergeCells(row, 4, row, 7);
    row++;
  }
  return row;
}

/** The units below in this period's order, with their points then and the change. */
function writeRanking(sheet: ExcelJS.Worksheet, firstRow: number, ranking: { current: RankingRow[]; previous: RankingRow[] }, words: ScorecardText): number {
  const w = words.ranking;
  let row = firstRow;
  blockTitle(sheet, row++, w.title);
  writeHeader(sheet, row, [w.rank, w.unit, null, w.points, w.previous, w.change, w.maxPoints, w.progress, w.weakest, w.onePointMore]);
  sheet.mergeCells(row, 2, row, 3);
  row++;
  const before = new Map(ranking.previous.map((unit) => [unit.unit.code, unit.points]));
  for (const unit of ranking.current) {
    const then = before.get(unit.unit.code) ?? null;
    const change = unit.points === null || then === null ? null : (Math.round(unit.points * 100) - Math.round(then * 100)) / 100;
    writeCells(sheet, row, [
      { value: unit.rank },
      text(singleLine(unit.unit.name)),
      { value: null, text: true },
      figure(unit.points, SCORECARD_FORMATS.points),
      figure(then, SCORECARD_FORMATS.points),
      figure(change, SCORECARD_FORMATS.change),
      figure(unit.maxPoints, SCORECARD_FORMATS.maxPoints),
      figure(unit.progressIndex, SCORECARD_FORMATS.ratio),
      unit.weakest === null ? { value: NO_VALUE } : text(`${unit.weakest.id} ${unit.weakest.name}`),
      unit.weakest?.onePointMore ? text(unit.weakest.onePointMore.text) : { value: NO_VALUE },
    ]);
    sheet.getCell(row, 1).alignment = { horizontal: 'center', vertical: 'middle' };
    sheet.mergeCells(row, 2, row, 3);
    row++;
  }
  return row;
}

/** Adds the sheet when the report has a scorecard (months and quarters); nothing otherwise. */
export function addScorecardSheet(workbook: ExcelJS.Workbook, model: ReportModel): void {
  const section = model.scorecard;
  if (section === null) return;
  const report = wordsOf(model.locale, 'report');
  const words = report.scorecard.sheet;
  const sheet = workbook.addWorksheet(words.name, {
    pageSetup: {
      ...A4_LANDSCAPE,
    },
    properties: { defaultRowHeight: 18 },
  });
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const layout = SCORECARD_LAYOUT;
  mergedLine(sheet, layout.titleRow, LAST, words.title, { font: { bold: true, size: 14 }, horizontal: 'center' });
  sheet.getRow(layout.titleRow).height = 24;
  mergedLine(sheet, layout.unitRow, LAST, `${report.table.reportingUnit}: ${singleLine(model.unit.name)}`, { font: { bold: true }, horizontal: 'center' });
  mergedLine(sheet, layout.periodRow, LAST, `${report.periodLabel}: ${periodTitle(model.period, model.locale)} (${periodRange(model.period, model.locale)})`, {
    font: { italic: true },
    horizontal: 'center',
  });
  let row = writeIndicators(sheet, model, section, words);
  row = writeNotComputed(sheet, row + 1, section, words);
  if (section.ranking !== null) writeRanking(sheet, row + 1, section.ranking, words);
}
