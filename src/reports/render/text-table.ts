/**
 * Aligned plain-text tables for the text part of the report e-mail: a reader whose client shows
 * only text still sees form II.06a in columns. Widths count code points after NFC, as a
 * monospace terminal shows Vietnamese.
 */

/** Width of a string as a monospace terminal shows it (NFC, one column per code point). */
function width(text: string): number {
  return [...text.normalize('NFC')].length;
}

function padEnd(text: string, size: number): string {
  return text + ' '.repeat(Math.max(0, size - width(text)));
}

export function padStart(text: string, size: number): string {
  return ' '.repeat(Math.max(0, size - width(text))) + text;
}

/** Greedy word wrap to `size` columns; a word longer than a line is cut. */
function wrap(text: string, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => {
      const chars = [...word.normalize('NFC')];
      const pieces: string[] = [];
      for (let start = 0; start < chars.length; start += size) pieces.push(chars.slice(start, start + size).join(''));
      return pieces;
    });
  for (const word of words) {
    if (line === '') line = word;
    else if (width(line) + 1 + width(word) <= size) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

export interface TextColumn {
  header: string;
  align: 'left' | 'right';
  /** Upper bound of the column width; cells wrap beyond it. */
  max?: number;
  /** Lower bound of the column width. */
  min?: number;
}

export interface TextGroup {
  label: string;
  start: number;
  span: number;
}

const GAP = '  ';

/** Each column as wide as its longest cell, within its bounds, never narrower than a header word. */
function columnWidths(columns: TextColumn[], rows: string[][]): number[] {
  return columns.map((column, index) => {
    const longestWord = Math.max(...column.header.split(/\s+/).map(width));
    const longestCell = Math.max(0, ...rows.map((row) => width(row[index])));
    const natural = Math.max(longestWord, longestCell, column.min ?? 0);
    return column.max === undefined ? natural : Math.min(natural, Math.max(column.max, longestWord));
  });
}

function spanWidth(widths: number[], start: number, span: number): number {
  return widths.slice(start, start + span).reduce((sum, size) => sum + size, 0) + GAP.length * (span - 1);
}

function offset(widths: number[], start: number): number {
  return widths.slice(0, start).reduce((sum, size) => sum + size + GAP.length, 0);
}

function align(column: TextColumn, text: string, size: number): string {
  return column.align === 'right' ? padStart(text, size) : padEnd(text, size);
}

/** One row, its long cells wrapped onto as many lines as the tallest needs. */
function rowLines(columns: TextColumn[], widths: number[], cells: string[]): string[] {
  const wrapped = cells.map((cell, index) => wrap(cell, widths[index]));
  const height = Math.max(...wrapped.map((lines) => lines.length));
  const lines: string[] = [];
  for (let line = 0; line < height; line++) {
    const parts = wrapped.map((cellLines, index) => align(columns[index], cellLines[line] ?? '', widths[index]));
    lines.push(parts.join(GAP).trimEnd());
  }
  return lines;
}

/** The group labels over the columns they span, and a rule under each. */
function groupLines(groups: TextGroup[], widths: number[]): string[] {
  let line = '';
  let rule = '';
  for (const group of groups) {
    const size = spanWidth(widths, group.start, group.span);
    const label = wrap(group.label, size)[0];
    line = padEnd(line, offset(widths, group.start)) + padEnd(label, size);
    rule = padEnd(rule, offset(widths, group.start)) + '-'.repeat(size);
  }
  return [line.trimEnd(), rule.trimEnd()];
}

/** Headers are bottom-aligned, as in the HTML table. */
function headerLines(columns: TextColumn[], widths: number[]): string[] {
  const wrapped = columns.map((column, index) => wrap(column.header, widths[index]));
  const height = Math.max(...wrapped.map((lines) => lines.length));
  const padded = wrapped.map((lines) => [...Array(height - lines.length).fill(''), ...lines]);
  const out: string[] = [];
  for (let line = 0; line < height; line++) {
    out.push(padded.map((lines, index) => align(columns[index], lines[line], widths[index])).join(GAP).trimEnd());
  }
  return out;
}

/**
 * An aligned plain-text table: headers and long cells wrapped inside their column, groups (if any)
 * written over the columns they span, a rule under the header and above the last row (`footer`).
 */
export function textTable(
  columns: TextColumn[],
  rows: string[][],
  options: { groups?: TextGroup[]; footer?: string[] } = {},
): string[] {
  const widths = columnWidths(columns, options.footer ? [...rows, options.footer] : rows);
  const total = spanWidth(widths, 0, columns.length);
  const out: string[] = [];
  if (options.groups) out.push(...groupLines(options.groups, widths));
  out.push(...headerLines(columns, widths));
  out.push('='.repeat(total));
  for (const row of rows) out.push(...rowLines(columns, widths, row));
  if (options.footer) {
    out.push('-'.repeat(total));
    out.push(...rowLines(columns, widths, options.footer));
  }
  return out;
}
