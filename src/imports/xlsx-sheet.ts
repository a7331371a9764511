import type { Cell, SheetRow } from './row-readers';
import { EventLoopTurns, MAX_CELL_CHARACTERS, MAX_RECORD_CHARACTERS, MAX_ROW_COLUMNS, MAX_ROW_NUMBER, UploadRefused, count } from './upload-limits';
import { quoteForError } from '../common/text';
import { cellString, columnLetters, columnOfReference, isoCellDate, serialToDate } from './xlsx-cells';
import { WorkbookFacts } from './xlsx-workbook';
import { BoundedXmlParser, XmlHandler } from './xlsx-xml';
import { XlsxPackage, partName } from './xlsx-zip';

/**
 * The rows of the sheet, streamed: each row is handed on as soon as its `</row>` is read, and the
 * event loop gets a turn every WORK_SLICE_MS however the rows come (the caller's work on them
 * counts too: the time runs until the next turn).
 */
export async function* readSheet(pkg: XlsxPackage, book: WorkbookFacts, turns: EventLoopTurns): AsyncGenerator<SheetRow> {
  const sheet = new SheetHandler(book);
  const xml = new BoundedXmlParser(book.sheetPart, sheet);
  for await (const text of pkg.text(book.sheetPart)) {
    xml.write(text);
    for (const row of sheet.take()) {
      yield row;
      if (turns.due) await turns.take();
    }
    if (turns.due) await turns.take();
  }
  xml.end();
  yield* sheet.take();
}

/** What a refusal quotes of a row number, cell reference or shared-string index the file gives. */
const QUOTED_REFERENCE_LENGTH = 20;

/**
 * sheetData's rows. Cells are kept by column only once they hold a value and are proven within
 * MAX_ROW_COLUMNS, so a cell far to the right costs nothing unless it holds something (and then
 * the import fails naming it); a row's number is its `r`, or the one after the previous row's.
 */
class SheetHandler implements XmlHandler {
  private ready: SheetRow[] = [];
  private inSheetData = false;
  private rowNumber = 0;
  private cells: Cell[] | null = null;
  /** Characters in the row's cells so far (shared strings too: whoever keeps the row copies them). */
  private rowCharacters = 0;
  private column = -1;
  private inCell = false;
  private type = 'n';
  private style = 0;
  private hasValue = false;
  private inInline = false;
  private phonetic = 0;
  private collecting = false;
  private pending = '';

  constructor(private readonly book: WorkbookFacts) {}

  take(): SheetRow[] {
    const rows = this.ready;
    if (rows.length > 0) this.ready = [];
    return rows;
  }

  open(name: string, attributes: Record<string, string>): void {
    if (this.inCell) {
      if (name === 'v') {
        this.hasValue = true;
        this.collecting = true;
      } else if (name === 'is') {
        this.hasValue = true;
        this.inInline = true;
      } else if (name === 'rPh') {
        this.phonetic++;
      } else if (name === 't' && this.inInline && this.phonetic === 0) {
        this.collecting = true;
      }
    } else if (name === 'c' && this.cells !== null) {
      this.openCell(attributes);
    } else if (name === 'row' && this.inSheetData) {
      this.openRow(attributes.r);
    } else if (name === 'sheetData') {
      this.inSheetData = true;
    }
  }

  close(name: string): void {
    if (this.inCell) {
      if (name === 'v' || name === 't') this.collecting = false;
      else if (name === 'rPh') this.phonetic--;
      else if (name === 'is') this.inInline = false;
      else if (name === 'c') this.closeCell();
    } else if (name === 'row' && this.cells !== null) {
      this.closeRow();
    } else if (name === 'sheetData') {
      this.inSheetData = false;
    }
  }

  text(text: string): void {
    if (!this.collecting) return;
    if (this.pending.length + text.length > MAX_CELL_CHARACTERS) {
      throw new UploadRefused(`file: ${this.where()} holds more than ${count(MAX_CELL_CHARACTERS)} characters (Excel's limit for one cell)`);
    }
    this.pending += text;
  }

  where(): string {
    if (this.inCell) return `line ${this.rowNumber}, cell ${columnLetters(this.column)}${this.rowNumber}`;
    if (this.cells !== null) return `line ${this.rowNumber}`;
    return partName(this.book.sheetPart);
  }

  private openRow(reference: string | undefined): void {
    const number = reference === undefined ? this.rowNumber + 1 : /^\d{1,7}$/.test(reference) ? Number(reference) : NaN;
    if (!(number >= 1 && number <= MAX_ROW_NUMBER)) {
      const shown = reference === undefined ? count(number) : quoteForError(reference, QUOTED_REFERENCE_LENGTH);
      throw new UploadRefused(`file: row number ${shown} is not a row of a sheet (1 to ${count(MAX_ROW_NUMBER)}), after line ${this.rowNumber}`);
    }
    this.rowNumber = number;
    this.cells = [];
    this.rowCharacters = 0;
    this.column = -1;
  }

  private closeRow(): void {
    const cells = this.cells!;
    this.cells = null;
    if (cells.length === 0) return; // blank: nothing in it
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    this.ready.push(this.book.date1904 ? { line: this.rowNumber, cells, date1904: true } : { line: this.rowNumber, cells });
  }

  private openCell(attributes: Record<string, string>): void {
    const reference = attributes.r;
    const column = reference === undefined ? this.column + 1 : columnOfReference(reference);
    if (column < 0) throw new UploadRefused(`file: line ${this.rowNumber}: ${quoteForError(reference, QUOTED_REFERENCE_LENGTH)} is not a cell reference`);
    this.column = column;
    this.inCell = true;
    this.type = attributes.t ?? 'n';
    this.style = attributes.s === undefined ? 0 : Number(attributes.s);
    this.hasValue = false;
    this.inInline = false;
    this.phonetic = 0;
    this.collecting = false;
    this.pending = '';
  }

  private closeCell(): void {
    const value = this.hasValue ? this.valueOf(this.pending) : null;
    if (value !== null) {
      if (this.column >= MAX_ROW_COLUMNS) {
        throw new UploadRefused(
          `file: ${this.where()} holds a value beyond column ${columnLetters(MAX_ROW_COLUMNS - 1)}: an import reads the first ${count(MAX_ROW_COLUMNS)} columns (empty cells further right are ignored)`,
        );
      }
      if (typeof value === 'string') {
        this.rowCharacters += value.length;
        if (this.rowCharacters > MAX_RECORD_CHARACTERS) {
          throw new UploadRefused(`file: line ${this.rowNumber} holds more than ${count(MAX_RECORD_CHARACTERS)} characters in its cells (reached at cell ${columnLetters(this.column)}${this.rowNumber})`);
        }
      }
      this.cells![this.column] = value;
    }
    this.inCell = false;
    this.collecting = false;
    this.pending = '';
  }

  /** The cell's value by its type; a formula's cached result is read the same way. */
  private valueOf(text: string): Cell {
    switch (this.type) {
      case 's':
        return this.sharedString(text);
      case 'inlineStr':
      case 'str':
      case 'e': // an error as its text (#N/A), for the row to be refused naming it
        return cellString(text);
      case 'b': {
        const flag = text.trim();
        return flag === '' ? null : flag !== '0' && flag !== 'false';
      }
      case 'd':
        return isoCellDate(text) ?? cellString(text);
      default: {
        const number = text.trim();
        if (number === '') return null;
        const value = Number(number);
        if (!Number.isFinite(value)) return cellString(text);
        if (this.book.dateFormats[this.style] !== 1) return value;
        // 29 February 1900 (serial 60) is no date: its text, for the record check to refuse.
        return serialToDate(value, this.book.date1904) ?? cellString(text);
      }
    }
  }

  private sharedString(text: string): Cell {
    const index = /^\s*\d+\s*$/.test(text) ? Number(text) : -1;
    if (!(index >= 0 && index < this.book.sharedStrings.length)) {
      throw new UploadRefused(`file: ${this.where()} refers to shared string ${quoteForError(text.trim(), QUOTED_REFERENCE_LENGTH)}, which the file does not have`);
    }
    return this.book.sharedStrings[index];
  }
}
