import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  WorkbookSpec, bombSheet, declareSize, hugeSharedStrings, sharedStringsXml, sheetXml, writeWorkbook, writeZip, workbookParts,
} from '../../test/factories/hostile-xlsx.factory';
import { SheetRow, readRows } from './row-readers';
import {
  MAX_CELL_CHARACTERS, MAX_INFLATED_BYTES, MAX_RECORD_CHARACTERS, MAX_ROW_COLUMNS, MAX_ROW_NUMBER, MAX_SHARED_STRINGS,
  MAX_SHARED_STRING_CHARACTERS, MAX_XML_DEPTH, MAX_XML_TOKEN_CHARACTERS, MAX_ZIP_DIRECTORY_BYTES, MAX_ZIP_ENTRIES, MAX_ZIP_ENTRY_EXTRA_BYTES,
  MAX_ZIP_NAME_BYTES,
} from './upload-limits';

/** Each bound of an upload, at its real value: over it, the reading fails with a reason naming where. */

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'upload-limits-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let fileCount = 0;
const nextPath = (extension: string) => join(directory, `${++fileCount}.${extension}`);

async function rowsOf(path: string, format: 'csv' | 'xlsx'): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readRows(path, format)) rows.push(row);
  return rows;
}

async function xlsx(spec: WorkbookSpec): Promise<string> {
  const path = nextPath('xlsx');
  await writeWorkbook(path, spec);
  return path;
}
const oneSheet = (xml: WorkbookSpec['sheets'][number]['xml']) => [{ name: 'Hồ sơ', xml }];
const inline = (reference: string, text: string) => `<c r="${reference}" t="inlineStr"><is><t>${text}</t></is></c>`;

describe('XLSX bounds', () => {
  it(`refuses a cell of more than ${MAX_CELL_CHARACTERS} characters, in one text or in rich-text runs`, async () => {
    const one = await xlsx({ sheets: oneSheet(sheetXml(`<row r="1">${inline('A1', 'ok')}</row><row r="2">${inline('B2', 'x'.repeat(MAX_CELL_CHARACTERS))}${inline('C2', 'x'.repeat(MAX_CELL_CHARACTERS + 1))}</row>`)) });
    await expect(rowsOf(one, 'xlsx')).rejects.toThrow("file: line 2, cell C2 holds more than 32,767 characters (Excel's limit for one cell)");
    const runs = `<c r="D7" t="inlineStr"><is>${'<r><t>ừ</t></r>'.repeat(MAX_CELL_CHARACTERS + 1)}</is></c>`;
    await expect(rowsOf(await xlsx({ sheets: oneSheet(sheetXml(`<row r="7">${runs}</row>`)) }), 'xlsx')).rejects.toThrow('file: line 7, cell D7 holds more than 32,767 characters');
  });

  it('stops a text that never ends once saxes has buffered MAX_XML_TOKEN_CHARACTERS, naming the cell', async () => {
    const path = await xlsx({ sheets: oneSheet(() => bombSheet(4 * MAX_XML_TOKEN_CHARACTERS)) });
    await expect(rowsOf(path, 'xlsx')).rejects.toThrow(
      'file: line 1, cell A1: its XML runs past 1,048,576 characters without a break (one cell holds at most 32,767 characters)',
    );
  });

  it(`refuses a start tag of more than ${MAX_XML_TOKEN_CHARACTERS} characters and nesting deeper than ${MAX_XML_DEPTH}`, async () => {
    const wide = await xlsx({ sheets: oneSheet(sheetXml(`<row r="1" ${'x="1" '.repeat(MAX_XML_TOKEN_CHARACTERS / 6 + 1)}>${inline('A1', 'a')}</row>`)) });
    await expect(rowsOf(wide, 'xlsx')).rejects.toThrow(/^file: xl\/worksheets\/sheet1.xml: its XML runs past 1,048,576 characters/);
    const deep = await xlsx({ sheets: oneSheet(sheetXml(`<row r="1">${inline('A1', 'a')}</row>`).replace('<sheetData>', `<sheetData>${'<x>'.repeat(MAX_XML_DEPTH)}`).replace('</sheetData>', `${'</x>'.repeat(MAX_XML_DEPTH)}</sheetData>`)) });
    await expect(rowsOf(deep, 'xlsx')).rejects.toThrow('file: xl/worksheets/sheet1.xml: elements nest more than 100 deep');
  });

  it('refuses a DOCTYPE: no entity of a DTD is expanded', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet><sheetData><row r="1">${inline('A1', '&b;')}</row></sheetData></worksheet>`;
    await expect(rowsOf(await xlsx({ sheets: oneSheet(xml) }), 'xlsx')).rejects.toThrow('file: xl/worksheets/sheet1.xml: a DOCTYPE is declared, which an XLSX never has');
  });

  it(`reads ${MAX_ROW_COLUMNS} columns, ignores empty and styled cells as far as XFD, and refuses a value beyond column ALL`, async () => {
    const edge = await xlsx({ sheets: oneSheet(sheetXml(`<row r="1">${inline('A1', 'a')}${inline('ALL1', 'z')}<c r="ALM1" s="1"/><c r="XFD1" s="3"><v></v></c>${inline('XFC1', ' ')}</row>`)) });
    const [row] = await rowsOf(edge, 'xlsx');
    expect(row.cells).toHaveLength(MAX_ROW_COLUMNS);
    expect([row.cells[0], row.cells[MAX_ROW_COLUMNS - 1]]).toEqual(['a', 'z']);
    const far = await xlsx({ sheets: oneSheet(sheetXml(`<row r="1">${inline('A1', 'a')}</row><row r="2">${inline('A2', 'b')}<c r="XFD2"><v>1</v></c></row>`)) });
    await expect(rowsOf(far, 'xlsx')).rejects.toThrow('file: line 2, cell XFD2 holds a value beyond column ALL: an import reads the first 1,000 columns (empty cells further right are ignored)');
  });

  it(`refuses a row whose cells hold more than ${MAX_RECORD_CHARACTERS} characters together`, async () => {
    const cells = Array.from({ length: 31 }, (_, index) => `<c t="inlineStr"><is><t>${index}${'x'.repeat(MAX_CELL_CHARACTERS - 3)}</t></is></c>`).join('');
    await expect(rowsOf(await xlsx({ sheets: oneSheet(sheetXml(`<row r="4">${cells}</row>`)) }), 'xlsx')).rejects.toThrow(
      'file: line 4 holds more than 1,000,000 characters in its cells (reached at cell AE4)',
    );
  });

  it(`refuses a row number past ${MAX_ROW_NUMBER}, and a reference that is no cell`, async () => {
    await expect(rowsOf(await xlsx({ sheets: oneSheet(sheetXml(`<row r="${MAX_ROW_NUMBER + 1}">${inline(`A${MAX_ROW_NUMBER + 1}`, 'a')}</row>`)) }), 'xlsx')).rejects.toThrow(
      'file: row number "1048577" is not a row of a sheet (1 to 1,048,576), after line 0',
    );
    await expect(rowsOf(await xlsx({ sheets: oneSheet(sheetXml(`<row r="2">${inline('XFE2', 'a')}</row>`)) }), 'xlsx')).rejects.toThrow('file: line 2: "XFE2" is not a cell reference');
  });

  it('refuses a shared-strings table past its bounds, counted as it is read (and before, when it gives its count)', async () => {
    const sheets = oneSheet(sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'));
    const many = await xlsx({ sheets, sharedStrings: () => hugeSharedStrings(MAX_SHARED_STRINGS + 1) });
    await expect(rowsOf(many, 'xlsx')).rejects.toThrow('file: the shared-strings table holds more than 1,000,000 texts, more than an import holds in memory; save the sheet as CSV UTF-8 and load that');
    const counted = await xlsx({ sheets, sharedStrings: `<sst uniqueCount="${MAX_SHARED_STRINGS + 1}"><si><t>a</t></si></sst>` });
    await expect(rowsOf(counted, 'xlsx')).rejects.toThrow('file: the shared-strings table holds more than 1,000,000 texts');
    const long = `<si><t>${'ư'.repeat(MAX_CELL_CHARACTERS)}</t></si>`;
    const big = await xlsx({ sheets, sharedStrings: () => [sharedStringsXml([]).replace('</sst>', ''), ...Array(Math.ceil(MAX_SHARED_STRING_CHARACTERS / MAX_CELL_CHARACTERS) + 1).fill(long), '</sst>'] });
    await expect(rowsOf(big, 'xlsx')).rejects.toThrow('file: the shared-strings table holds more than 16,777,216 characters of text');
    const outside = await xlsx({ sheets: oneSheet(sheetXml('<row r="1"><c r="B1" t="s"><v>1</v></c></row>')), sharedStrings: sharedStringsXml(['<si><t>a</t></si>']) });
    await expect(rowsOf(outside, 'xlsx')).rejects.toThrow('file: line 1, cell B1 refers to shared string "1", which the file does not have');
  });

  it(`refuses a zip of more than ${MAX_ZIP_ENTRIES} entries`, async () => {
    const path = nextPath('xlsx');
    const padding = Array.from({ length: MAX_ZIP_ENTRIES }, (_, index) => ({ name: `xl/media/image${index}.png`, content: '' }));
    await writeZip(path, [...workbookParts({ sheets: oneSheet(sheetXml('')) }), ...padding]);
    await expect(rowsOf(path, 'xlsx')).rejects.toThrow(`file: the zip holds ${(MAX_ZIP_ENTRIES + 5).toLocaleString('en-US')} entries, more than the 10,000 an XLSX may have here`);
  });

  it('refuses entry names, comments and a directory no XLSX writer makes that long (each is kept while the parts are read)', async () => {
    const zipOf = async (extra: { name: string; content: string; comment?: string }[]) => {
      const path = nextPath('xlsx');
      await writeZip(path, [...workbookParts({ sheets: oneSheet(sheetXml('')) }), ...extra]);
      return path;
    };
    const longName = `xl/media/${'a'.repeat(MAX_ZIP_NAME_BYTES)}.png`;
    await expect(rowsOf(await zipOf([{ name: longName, content: '' }]), 'xlsx')).rejects.toThrow(
      `file: a zip entry's name is ${(longName.length).toLocaleString('en-US')} bytes long (xl/media/aaaa`,
    );
    await expect(rowsOf(await zipOf([{ name: 'xl/media/a.png', content: '', comment: 'c'.repeat(MAX_ZIP_ENTRY_EXTRA_BYTES + 1) }]), 'xlsx')).rejects.toThrow(
      'file: zip entry xl/media/a.png carries more than 4,096 bytes of extra fields or comment',
    );
    const entries = Math.ceil(MAX_ZIP_DIRECTORY_BYTES / MAX_ZIP_ENTRY_EXTRA_BYTES) + 1;
    const padded = Array.from({ length: entries }, (_, index) => ({ name: `xl/media/image${index}.png`, content: '', comment: 'c'.repeat(MAX_ZIP_ENTRY_EXTRA_BYTES) }));
    await expect(rowsOf(await zipOf(padded), 'xlsx')).rejects.toThrow("file: the zip's names, extra fields and comments take more than 4,194,304 bytes");
  });

  it('refuses an entry declaring more than MAX_INFLATED_BYTES before it is opened, zip64 included, and stops one inflating past what it declares', async () => {
    for (const zip64 of [false, true]) {
      const path = nextPath('xlsx');
      await writeZip(path, workbookParts({ sheets: oneSheet(sheetXml(`<row r="1">${inline('A1', 'a')}</row>`)) }).map((part) => ({ ...part, zip64 })));
      await declareSize(path, 'xl/worksheets/sheet1.xml', zip64 ? 5 * MAX_INFLATED_BYTES : MAX_INFLATED_BYTES + 1);
      await expect(rowsOf(path, 'xlsx')).rejects.toThrow(/^file: zip entry xl\/worksheets\/sheet1.xml declares [\d,]+ bytes uncompressed; an upload may inflate to 1,073,741,824 bytes in all$/);
    }
    const lying = nextPath('xlsx');
    await writeWorkbook(lying, { sheets: oneSheet(sheetXml(Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}">${inline(`A${i + 1}`, 'Đăng ký khai sinh')}</row>`).join(''))) });
    await declareSize(lying, 'xl/worksheets/sheet1.xml', 1000);
    await expect(rowsOf(lying, 'xlsx')).rejects.toThrow(/^file: not readable as XLSX \(zip entry xl\/worksheets\/sheet1.xml: too many bytes in the stream/);
  });
});

describe('what errors quote of an XLSX: names from the file are capped', () => {
  const LONG = 'x'.repeat(5000);
  /** A zip entry's name, long yet within what a zip entry may be named (1,024 bytes). */
  const NAME = 'x'.repeat(1000);
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const failureOf = async (parts: { name: string; content: string }[]): Promise<string> => {
    const path = nextPath('xlsx');
    await writeZip(path, parts);
    return rowsOf(path, 'xlsx').then(
      () => 'read without an error',
      (error: Error) => error.message,
    );
  };
  /** A workbook whose relationships point its one sheet at `sheetTarget`, named `sheetName`. */
  const workbook = (sheetTarget: string, sheetName = 'Hồ sơ') => [
    { name: '_rels/.rels', content: `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', content: `<workbook xmlns:r="${REL}"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', content: `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="${sheetTarget}"/></Relationships>` },
  ];
  const capped = (message: string) => {
    expect(message).toContain('…(');
    expect(message).not.toContain('x'.repeat(100));
    expect(message.length).toBeLessThan(400);
  };

  it('caps a zip entry name given twice', async () => {
    const message = await failureOf([{ name: `${NAME}.xml`, content: '' }, { name: `${NAME}.xml`, content: '' }]);
    expect(message).toMatch(/^file: the zip holds two entries named x{60}…\(1004 characters\)$/);
  });

  it("caps the workbook's part, named by the package's relationships", async () => {
    const message = await failureOf([{ name: '_rels/.rels', content: `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="${LONG}"/></Relationships>` }]);
    expect(message).toMatch(/^file: not readable as XLSX \(the zip has no workbook \(x{60}…\(5000 characters\)\)\)$/);
  });

  it("caps a sheet's name when its part is missing", async () => {
    const message = await failureOf(workbook('worksheets/sheet1.xml', LONG));
    expect(message).toMatch(/^file: not readable as XLSX \(the zip has no part for the sheet "x{60}…\(5000 characters\)"\)$/);
  });

  it('caps the part a refusal names, and a parser message naming it', async () => {
    const deep = await failureOf([...workbook(`${NAME}.xml`), { name: `xl/${NAME}.xml`, content: `<worksheet>${'<x>'.repeat(200)}` }]);
    capped(deep);
    expect(deep).toMatch(/^file: xl\/x{57}…\(1007 characters\): elements nest more than 100 deep$/);
    const broken = await failureOf([...workbook(`${NAME}.xml`), { name: `xl/${NAME}.xml`, content: '<worksheet><sheetData></row></worksheet>' }]);
    capped(broken);
    expect(broken).toMatch(/^file: not readable as XLSX \(/);
  });

  it('caps what the file gives as a row number, a cell reference or a shared-string index, escaping what is invisible', async () => {
    const row = await failureOf([...workbook('worksheets/sheet1.xml'), { name: 'xl/worksheets/sheet1.xml', content: sheetXml(`<row r="\u200e👶${LONG}"></row>`) }]);
    expect(row).toBe(`file: row number "\\u200E👶${'x'.repeat(12)}…(5003 characters)" is not a row of a sheet (1 to 1,048,576), after line 0`);
    const cell = await failureOf([...workbook('worksheets/sheet1.xml'), { name: 'xl/worksheets/sheet1.xml', content: sheetXml(`<row r="1"><c r="A&#9;${LONG}"><v>1</v></c></row>`) }]);
    expect(cell).toBe(`file: line 1: "A\\t${'x'.repeat(17)}…(5002 characters)" is not a cell reference`);
    const shared = await failureOf([...workbook('worksheets/sheet1.xml'), { name: 'xl/worksheets/sheet1.xml', content: sheetXml(`<row r="1"><c r="A1" t="s"><v>👶${LONG}</v></c></row>`) }]);
    expect(shared).toBe(`file: line 1, cell A1 refers to shared string "👶${'x'.repeat(18)}…(5002 characters)", which the file does not have`);
  });
});

describe('CSV bounds', () => {
  const csv = (content: string | Buffer) => {
    const path = nextPath('csv');
    writeFileSync(path, content);
    return path;
  };

  it(`reads ${MAX_ROW_COLUMNS} columns, ignores empty ones past them, and refuses a value beyond`, async () => {
    const [row] = await rowsOf(csv(`a${',x'.repeat(MAX_ROW_COLUMNS - 1)}${','.repeat(500_000)}\n`), 'csv');
    expect(row.cells).toHaveLength(MAX_ROW_COLUMNS);
    await expect(rowsOf(csv(`a,b\nc${','.repeat(MAX_ROW_COLUMNS)}far\n`), 'csv')).rejects.toThrow(
      'file: line 2 holds a value beyond column 1,000: an import reads the first 1,000 columns (empty ones further right are ignored)',
    );
    await expect(rowsOf(csv(`a,b\nc${','.repeat(MAX_ROW_COLUMNS)}"far","x"\n`), 'csv')).rejects.toThrow('file: line 2 holds a value beyond column 1,000');
  });

  it(`refuses a record of more than ${MAX_RECORD_CHARACTERS} characters, naming its line`, async () => {
    await expect(rowsOf(csv(`a,b\nc,${'d'.repeat(MAX_RECORD_CHARACTERS + 1)}\n`), 'csv')).rejects.toThrow(
      'file: line 2: a record runs past 1,000,000 characters; is a quote left open?',
    );
    await expect(rowsOf(csv(`a,b\nc,${','.repeat(2 * MAX_RECORD_CHARACTERS)}\n`), 'csv')).rejects.toThrow('file: line 2: a record runs past 1,000,000 characters');
  });

  it('gives invalid UTF-8 in a data row as U+FFFD, for the record checks to refuse', async () => {
    const rows = await rowsOf(csv(Buffer.concat([Buffer.from('Mã hồ sơ,Tên\nHS-1,Đăng '), Buffer.from([0xff]), Buffer.from(' ký\n')])), 'csv');
    expect(rows[1].cells).toEqual(['HS-1', 'Đăng \uFFFD ký']);
  });
});
