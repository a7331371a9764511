import { promises as fs } from 'node:fs';
import { textForError } from '../common/text';
import type { SheetRow } from './row-readers';
import { EventLoopTurns, UploadRefused } from './upload-limits';
import { readSheet } from './xlsx-sheet';
import { readWorkbook } from './xlsx-workbook';
import { XlsxPackage } from './xlsx-zip';

/** What a message shows of a fault that is not a bound: its cause, capped. */
const FAULT_LENGTH = 300;

/**
 * The rows of an XLSX's first visible sheet (tab order, hidden sheets skipped). Read in place with
 * yauzl (the zip on disk: no temporary files) and saxes (streaming XML fed by one streaming
 * UTF-8 decoder per part, so a character split between two chunks is decoded whole); every bound
 * of upload-limits.ts is checked while reading. A file over a bound fails with that reason as it
 * is; any other fault as "not readable as XLSX".
 */
export async function* readXlsx(path: string): AsyncGenerator<SheetRow> {
  await fs.access(path); // a missing file fails here, plainly, not inside the zip reader
  const turns = new EventLoopTurns();
  let pkg: XlsxPackage | null = null;
  try {
    pkg = await XlsxPackage.open(path);
    const book = await readWorkbook(pkg, turns);
    yield* readSheet(pkg, book, turns);
  } catch (error) {
    if (error instanceof UploadRefused) throw error;
    // Capped: the zip reader's and the XML parser's messages may quote names from the file.
    throw new Error(`file: not readable as XLSX (${textForError(error instanceof Error ? error.message : String(error), FAULT_LENGTH)})`);
  } finally {
    pkg?.close();
  }
}
