import {
  EventLoopTurns, MAX_CELL_CHARACTERS, MAX_CELL_FORMATS, MAX_SHARED_STRINGS, MAX_SHARED_STRING_CHARACTERS, UploadRefused, count,
} from './upload-limits';
import { quoteForError } from '../common/text';
import { cellString, isBuiltInDateFormat, isDateFormatCode } from './xlsx-cells';
import { BoundedXmlParser, XmlHandler } from './xlsx-xml';
import { XlsxPackage, partName, relationshipsOf, resolvePart } from './xlsx-zip';

/** What reading the sheet needs from the rest of the workbook. */
export interface WorkbookFacts {
  /** The part of the first visible sheet in tab order, e.g. xl/worksheets/sheet2.xml. */
  sheetPart: string;
  /** Dates count from 1904 (workbook.xml `date1904`, Excel for Mac before 2011). */
  date1904: boolean;
  /** Per cell format (a cell's `s`): 1 when it shows a date or time. */
  dateFormats: Uint8Array;
  /** The shared-strings table, each text as a cell gives it (trimmed, empty → null). */
  sharedStrings: (string | null)[];
}

/** Parses one part through its handler, giving the event loop its turns. */
export async function parsePart(pkg: XlsxPackage, part: string, handler: XmlHandler, turns: EventLoopTurns): Promise<void> {
  const xml = new BoundedXmlParser(part, handler);
  for await (const text of pkg.text(part)) {
    xml.write(text);
    if (turns.due) await turns.take();
  }
  xml.end();
}

const DEFAULT_WORKBOOK = 'xl/workbook.xml';

/**
 * The package's relationships lead to the workbook, the workbook's to its sheets, styles and
 * shared strings (the usual names serve when a relationship is missing). Only what the first
 * visible sheet needs is kept.
 */
export async function readWorkbook(pkg: XlsxPackage, turns: EventLoopTurns): Promise<WorkbookFacts> {
  let workbookPart = DEFAULT_WORKBOOK;
  if (pkg.has('_rels/.rels')) {
    await parsePart(pkg, '_rels/.rels', relationships('_rels/.rels', (relation) => {
      if (relation.type.endsWith('/officeDocument') && !relation.external) workbookPart = resolvePart('', relation.target);
    }), turns);
  }
  if (!pkg.has(workbookPart)) throw new Error(`the zip has no workbook (${partName(workbookPart)})`);
  const workbook = new WorkbookHandler(workbookPart);
  await parsePart(pkg, workbookPart, workbook, turns);
  const sheet = workbook.firstVisible ?? workbook.first;
  if (!sheet) throw new UploadRefused('file: the workbook has no sheet');

  const parts = { sheet: null as string | null, styles: null as string | null, sharedStrings: null as string | null };
  const rels = relationshipsOf(workbookPart);
  if (pkg.has(rels)) {
    await parsePart(pkg, rels, relationships(rels, (relation) => {
      if (relation.external) return;
      const target = resolvePart(workbookPart, relation.target);
      if (relation.id === sheet.relationId) parts.sheet = target;
      else if (relation.type.endsWith('/styles')) parts.styles ??= target;
      else if (relation.type.endsWith('/sharedStrings')) parts.sharedStrings ??= target;
    }), turns);
  }
  const sheetPart = parts.sheet;
  if (!sheetPart || !pkg.has(sheetPart)) throw new Error(`the zip has no part for the sheet ${quoteForError(sheet.name)}`);
  const stylesPart = parts.styles ?? resolvePart(workbookPart, 'styles.xml');
  const sharedStringsPart = parts.sharedStrings ?? resolvePart(workbookPart, 'sharedStrings.xml');

  const styles = new StylesHandler(stylesPart);
  if (pkg.has(stylesPart)) await parsePart(pkg, stylesPart, styles, turns);
  const sharedStrings = new SharedStringsHandler(sharedStringsPart);
  if (pkg.has(sharedStringsPart)) await parsePart(pkg, sharedStringsPart, sharedStrings, turns);
  return { sheetPart, date1904: workbook.date1904, dateFormats: styles.dateFormats(), sharedStrings: sharedStrings.strings };
}

interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

function relationships(part: string, found: (relation: Relationship) => void): XmlHandler {
  return {
    open(name, attributes) {
      if (name !== 'Relationship') return;
      found({ id: attributes.Id ?? '', type: attributes.Type ?? '', target: attributes.Target ?? '', external: attributes.TargetMode === 'External' });
    },
    close() {},
    text() {},
    where: () => partName(part),
  };
}

interface SheetEntry {
  name: string;
  relationId: string;
}

/** workbook.xml: the date system, and the first sheet in tab order (and the first visible one). */
class WorkbookHandler implements XmlHandler {
  date1904 = false;
  first: SheetEntry | null = null;
  firstVisible: SheetEntry | null = null;

  constructor(private readonly part: string) {}

  open(name: string, attributes: Record<string, string>): void {
    if (name === 'workbookPr') {
      this.date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
    } else if (name === 'sheet' && this.firstVisible === null) {
      // r:id, whatever prefix the relationships namespace has here.
      const idName = Object.keys(attributes).find((attribute) => attribute.endsWith(':id'));
      const sheet = { name: attributes.name ?? '', relationId: idName ? attributes[idName] : '' };
      this.first ??= sheet;
      if ((attributes.state ?? 'visible') === 'visible') this.firstVisible = sheet;
    }
  }

  close(): void {}
  text(): void {}
  where(): string {
    return partName(this.part);
  }
}

/** styles.xml: which cell formats (cellXfs, in order) show dates. */
class StylesHandler implements XmlHandler {
  /** Custom number formats by id: true when the format shows a date. */
  private readonly numberFormats = new Map<number, boolean>();
  private readonly cellFormats: number[] = [];
  private inCellFormats = false;

  constructor(private readonly part: string) {}

  open(name: string, attributes: Record<string, string>): void {
    if (name === 'numFmt') {
      if (this.numberFormats.size >= MAX_CELL_FORMATS) this.refuse('number formats');
      this.numberFormats.set(Number(attributes.numFmtId), isDateFormatCode(attributes.formatCode ?? ''));
    } else if (name === 'cellXfs') {
      this.inCellFormats = true;
    } else if (name === 'xf' && this.inCellFormats) {
      if (this.cellFormats.length >= MAX_CELL_FORMATS) this.refuse('cell formats');
      const id = Number(attributes.numFmtId ?? 0);
      this.cellFormats.push((this.numberFormats.get(id) ?? isBuiltInDateFormat(id)) ? 1 : 0);
    }
  }

  close(name: string): void {
    if (name === 'cellXfs') this.inCellFormats = false;
  }

  text(): void {}
  where(): string {
    return partName(this.part);
  }

  dateFormats(): Uint8Array {
    return Uint8Array.from(this.cellFormats);
  }

  private refuse(what: string): never {
    throw new UploadRefused(`file: ${partName(this.part)} defines more than ${count(MAX_CELL_FORMATS)} ${what}`);
  }
}

/**
 * sharedStrings.xml: each item's text (rich-text runs joined, phonetic runs left out). The one
 * thing held whole, so its size is counted as it is read and refused past its bounds.
 */
class SharedStringsHandler implements XmlHandler {
  readonly strings: (string | null)[] = [];
  private characters = 0;
  private inItem = false;
  private phonetic = 0;
  private collecting = false;
  private pending = '';

  constructor(private readonly part: string) {}

  open(name: string, attributes: Record<string, string>): void {
    if (name === 'sst') {
      // The writer's own count, when it gives one, refuses a table too large before it is read.
      if (Number(attributes.uniqueCount) > MAX_SHARED_STRINGS) this.refuseEntries();
    } else if (name === 'si') {
      this.inItem = true;
      this.phonetic = 0;
      this.pending = '';
    } else if (name === 'rPh') {
      this.phonetic++;
    } else if (name === 't' && this.inItem && this.phonetic === 0) {
      this.collecting = true;
    }
  }

  close(name: string): void {
    if (name === 't') this.collecting = false;
    else if (name === 'rPh') this.phonetic--;
    else if (name === 'si') {
      this.inItem = false;
      if (this.strings.length >= MAX_SHARED_STRINGS) this.refuseEntries();
      this.characters += this.pending.length;
      if (this.characters > MAX_SHARED_STRING_CHARACTERS) {
        throw new UploadRefused(
          `file: the shared-strings table holds more than ${count(MAX_SHARED_STRING_CHARACTERS)} characters of text, more than an import holds in memory; save the sheet as CSV UTF-8 and load that`,
        );
      }
      this.strings.push(cellString(this.pending));
      this.pending = '';
    }
  }

  text(text: string): void {
    if (!this.collecting) return;
    if (this.pending.length + text.length > MAX_CELL_CHARACTERS) {
      throw new UploadRefused(`file: shared string ${count(this.strings.length)} holds more than ${count(MAX_CELL_CHARACTERS)} characters (Excel's limit for one cell)`);
    }
    this.pending += text;
  }

  where(): string {
    return this.inItem ? `shared string ${count(this.strings.length)}` : partName(this.part);
  }

  private refuseEntries(): never {
    throw new UploadRefused(
      `file: the shared-strings table holds more than ${count(MAX_SHARED_STRINGS)} texts, more than an import holds in memory; save the sheet as CSV UTF-8 and load that`,
    );
  }
}
