import { createWriteStream, promises as fs } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

// One seeded generator for every factory: the texts' suites import it from here too.
export { seededRandom } from './export.factory';

/**
 * XLSX files written by hand, part by part (yazl), for the shapes a spreadsheet program never
 * writes but an upload may be: parts in any order, hidden sheets, inline and rich strings, 1904
 * dates, and hostile ones (a cell that inflates to hundreds of MB, a huge shared-strings table,
 * cells at column XFD, deep nesting, a zip entry lying about its size). Large parts are streamed
 * from generators, so no test holds them whole.
 */

export type PartContent = string | Buffer | (() => Iterable<string> | AsyncIterable<string>);
export interface ZipPart {
  name: string;
  content: PartContent;
  /** Written as a zip64 entry (sizes in the zip64 extra field). */
  zip64?: boolean;
  /** The entry's comment in the central directory. */
  comment?: string;
}

export async function writeZip(path: string, parts: ZipPart[]): Promise<void> {
  const zip = new yazl.ZipFile();
  const done = pipeline(zip.outputStream, createWriteStream(path));
  for (const { name, content, zip64, comment } of parts) {
    const options = { compress: true, forceZip64Format: zip64 ?? false, ...(comment === undefined ? {} : { fileComment: comment }) };
    if (typeof content === 'function') zip.addReadStream(Readable.from(chunked(content())), name, options);
    else zip.addBuffer(Buffer.from(content), name, options);
  }
  zip.end();
  await done;
}

/** A generator's strings gathered into pieces of some 64 KB, so the zip writer gets few big chunks. */
async function* chunked(source: Iterable<string> | AsyncIterable<string>): AsyncGenerator<Buffer> {
  let piece = '';
  for await (const text of source) {
    piece += text;
    if (piece.length >= 65_536) {
      yield Buffer.from(piece);
      piece = '';
    }
  }
  if (piece !== '') yield Buffer.from(piece);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface SheetSpec {
  name: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** The worksheet part: its whole XML, or a generator of it. */
  xml: PartContent;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  sharedStrings?: PartContent;
  styles?: string;
  date1904?: boolean;
  /** Where the sheets' parts go in the zip: after the workbook's other parts (as exceljs writes), or first (as Excel does). */
  sheetsFirst?: boolean;
}

/** The parts of a workbook: package and workbook relationships, workbook.xml, then the spec's parts. */
export function workbookParts(spec: WorkbookSpec): ZipPart[] {
  const sheetParts = spec.sheets.map((sheet, index) => ({ name: `xl/worksheets/sheet${index + 1}.xml`, content: sheet.xml }));
  const relations = spec.sheets.map(
    (_sheet, index) => `<Relationship Id="rId${index + 1}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`,
  );
  if (spec.styles !== undefined) relations.push(`<Relationship Id="rIdStyles" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/>`);
  if (spec.sharedStrings !== undefined) relations.push(`<Relationship Id="rIdStrings" Type="${RELATIONSHIPS}/sharedStrings" Target="/xl/sharedStrings.xml"/>`);
  const sheets = spec.sheets
    .map((sheet, index) => `<sheet name="${sheet.name}" sheetId="${index + 1}"${sheet.state ? ` state="${sheet.state}"` : ''} r:id="rId${index + 1}"/>`)
    .join('');
  const rest: ZipPart[] = [
    { name: '[Content_Types].xml', content: contentTypes(spec) },
    {
      name: '_rels/.rels',
      content: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      content: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><workbookPr${spec.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets}</sheets></workbook>`,
    },
    { name: 'xl/_rels/workbook.xml.rels', content: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${relations.join('')}</Relationships>` },
  ];
  if (spec.styles !== undefined) rest.push({ name: 'xl/styles.xml', content: spec.styles });
  if (spec.sharedStrings !== undefined) rest.push({ name: 'xl/sharedStrings.xml', content: spec.sharedStrings });
  return spec.sheetsFirst ? [...sheetParts, ...rest] : [...rest, ...sheetParts];
}

function contentTypes(spec: WorkbookSpec): string {
  const sheets = spec.sheets.map(
    (_sheet, index) => `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets.join('') +
    '</Types>'
  );
}

export async function writeWorkbook(path: string, spec: WorkbookSpec): Promise<void> {
  await writeZip(path, workbookParts(spec));
}

/** A worksheet part around the given rows' XML. */
export function sheetXml(rows: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
}

/** A shared-strings part of the given items' XML (each a `<si>…</si>`). */
export function sharedStringsXml(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">${items.join('')}</sst>`;
}

/** A styles part: custom number formats by id, then the cell formats (cellXfs) by numFmtId. */
export function stylesXml(numberFormats: Record<number, string>, cellFormats: number[]): string {
  const formats = Object.entries(numberFormats).map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
  return (
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><numFmts count="${formats.length}">${formats.join('')}</numFmts>` +
    // cellStyleXfs come first and must not be taken for cell formats.
    '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
    `<cellXfs count="${cellFormats.length}">${cellFormats.map((id) => `<xf numFmtId="${id}" xfId="0"/>`).join('')}</cellXfs></styleSheet>`
  );
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One cell holding an inline string of `characters` times "A": 400 Mi of them deflate to some 400 KB. */
export function* bombSheet(characters: number): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`;
  const piece = 'A'.repeat(1024 * 1024);
  for (let left = characters; left > 0; left -= piece.length) yield left >= piece.length ? piece : piece.slice(0, left);
  yield '</t></is></c></row></sheetData></worksheet>';
}

/** A shared-strings table of `entries` distinct short texts, and no count to warn the reader. */
export function* hugeSharedStrings(entries: number): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">`;
  for (let i = 0; i < entries; i += 1000) {
    let items = '';
    for (let j = i; j < Math.min(entries, i + 1000); j++) items += `<si><t>${j}</t></si>`;
    yield items;
  }
  yield '</sst>';
}

/**
 * Rewrites what the zip's central directory says an entry inflates to (the local header is left
 * as it was: yauzl reads the central directory). A zip64 entry's size is in its zip64 extra field.
 */
export async function declareSize(path: string, entryName: string, uncompressedSize: number): Promise<void> {
  const zip = await fs.readFile(path);
  const name = Buffer.from(entryName);
  for (let at = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at - 1)) {
    const nameLength = zip.readUInt16LE(at + 28);
    if (!zip.subarray(at + 46, at + 46 + nameLength).equals(name)) continue;
    if (zip.readUInt32LE(at + 24) !== 0xffffffff) {
      zip.writeUInt32LE(uncompressedSize, at + 24);
    } else {
      // The zip64 extended information (header 0x0001): the uncompressed size comes first.
      let field = at + 46 + nameLength;
      while (zip.readUInt16LE(field) !== 0x0001) field += 4 + zip.readUInt16LE(field + 2);
      zip.writeBigUInt64LE(BigInt(uncompressedSize), field + 4);
    }
    await fs.writeFile(path, zip);
    return;
  }
  throw new Error(`no central directory entry ${entryName}`);
}

const SYLLABLES = [
  'Đăng', 'ký', 'khai', 'sinh', 'thủ', 'tục', 'hành', 'chính', 'xác', 'nhận', 'quyền', 'sử', 'dụng', 'đất', 'ở', 'hộ', 'tịch',
  'chứng', 'thực', 'bản', 'sao', 'giấy', 'tờ', 'cấp', 'đổi', 'lại', 'nghĩa', 'vụ', 'quân', 'sự', 'bảo', 'hiểm', 'xã', 'hội',
  'trợ', 'cấp', 'người', 'cao', 'tuổi', 'huyện', 'phường', 'thị', 'trấn', 'Ủy', 'ban', 'nhân', 'dân', 'tỉnh', 'Bắc', 'Kạn',
  'Quảng', 'Ngãi', 'Thừa', 'Thiên', 'Huế', 'Đắk', 'Lắk', 'ưu', 'đãi', 'lĩnh', 'vực', 'giải', 'quyết', 'khiếu', 'nại', 'tố', 'cáo',
];

/**
 * Vietnamese text of `length` characters or a little more, from the seeded `random` (2- and
 * 3-byte UTF-8 characters mixed with ASCII, so that over many texts of varied lengths a
 * multi-byte character falls across every offset of a reader's chunks).
 */
export function vietnameseText(random: () => number, length: number): string {
  let text = '';
  while (text.length < length) text += (text === '' ? '' : ' ') + SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return text;
}

/**
 * A worksheet of export rows (header first) as inline strings, with `extra(rowNumber)` appended
 * to each data row's cells: e.g. a cell at column XFD.
 */
export function* exportSheet(rows: Record<string, string | number | Date | null>[], extra: (rowNumber: number) => string = () => ''): Generator<string> {
  const headings = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const letters = headings.map((_heading, index) => String.fromCharCode(65 + index)); // A… (exports have fewer than 26 columns)
  const cells = (values: unknown[], rowNumber: number) =>
    values
      .map((value, index) =>
        value === null || value === undefined ? '' : `<c r="${letters[index]}${rowNumber}" t="inlineStr"><is><t>${escapeXml(String(value))}</t></is></c>`,
      )
      .join('');
  yield `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>`;
  yield `<row r="1">${cells(headings, 1)}</row>`;
  for (let index = 0; index < rows.length; index++) {
    const rowNumber = index + 2;
    yield `<row r="${rowNumber}">${cells(headings.map((heading) => rows[index][heading]), rowNumber)}${extra(rowNumber)}</row>`;
  }
  yield '</sheetData></worksheet>';
}
