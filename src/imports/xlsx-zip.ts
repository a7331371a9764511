import { posix } from 'node:path';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { textForError } from '../common/text';
import {
  MAX_INFLATED_BYTES, MAX_ZIP_DIRECTORY_BYTES, MAX_ZIP_ENTRIES, MAX_ZIP_ENTRY_EXTRA_BYTES, MAX_ZIP_NAME_BYTES, UploadRefused, count,
} from './upload-limits';

/**
 * The zip of an XLSX, read in place on disk (yauzl: random access to the central directory, no
 * temporary files), so the workbook, styles and shared strings are read before the sheet whatever
 * their order in the zip. Each part comes out as text decoded by one streaming decoder per part:
 * a character whose bytes span two chunks is decoded whole, and invalid UTF-8 becomes U+FFFD.
 */
export class XlsxPackage {
  /** Bytes still allowed to be inflated from this upload (MAX_INFLATED_BYTES in all). */
  private budget = MAX_INFLATED_BYTES;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  static async open(path: string): Promise<XlsxPackage> {
    const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true });
    try {
      if (zip.entryCount > MAX_ZIP_ENTRIES) {
        throw new UploadRefused(`file: the zip holds ${count(zip.entryCount)} entries, more than the ${count(MAX_ZIP_ENTRIES)} an XLSX may have here`);
      }
      const entries = new Map<string, yauzl.Entry>();
      let directoryBytes = 0;
      for await (const entry of zip.eachEntry()) {
        checkEntrySize(entry);
        directoryBytes += entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength;
        if (directoryBytes > MAX_ZIP_DIRECTORY_BYTES) {
          throw new UploadRefused(`file: the zip's names, extra fields and comments take more than ${count(MAX_ZIP_DIRECTORY_BYTES)} bytes; an XLSX has some kilobytes of them`);
        }
        // Part names are case-insensitive (OPC); two entries of one name would make the file mean two things.
        const name = entry.fileName.toLowerCase();
        if (entries.has(name)) throw new UploadRefused(`file: the zip holds two entries named ${partName(entry.fileName)}`);
        entries.set(name, entry);
      }
      return new XlsxPackage(zip, entries);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  has(part: string): boolean {
    return this.entries.has(part.toLowerCase());
  }

  /**
   * The part's text, chunk by chunk. Refused before it is opened when it declares more bytes than
   * the upload has left, and stopped as soon as it inflates to more than it declares (yauzl).
   */
  async *text(part: string): AsyncGenerator<string> {
    const entry = this.entries.get(part.toLowerCase());
    if (!entry) throw new Error(`the zip has no ${partName(part)}`);
    if (entry.isEncrypted()) throw new UploadRefused(`file: zip entry ${partName(entry.fileName)} is encrypted`);
    if (!entry.canDecodeFileData()) throw new UploadRefused(`file: zip entry ${partName(entry.fileName)} uses a compression method XLSX does not (${entry.compressionMethod})`);
    if (entry.uncompressedSize > this.budget) {
      throw new UploadRefused(
        `file: zip entry ${partName(entry.fileName)} declares ${count(entry.uncompressedSize)} bytes uncompressed; an upload may inflate to ${count(MAX_INFLATED_BYTES)} bytes in all`,
      );
    }
    this.budget -= entry.uncompressedSize;
    const stream: Readable = await this.zip.openReadStreamPromise(entry);
    let decoder: TextDecoder | null = null;
    let inflated = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        // yauzl stops an entry that outgrows its declared size; counted here too, as a second guard.
        inflated += chunk.length;
        if (inflated > entry.uncompressedSize) throw new UploadRefused(`file: zip entry ${partName(entry.fileName)} inflates to more bytes than it declares (${count(entry.uncompressedSize)})`);
        decoder ??= new TextDecoder(encodingOf(chunk), { fatal: false });
        const text = decoder.decode(chunk, { stream: true });
        if (text.length > 0) yield text;
      }
      const rest = decoder?.decode() ?? '';
      if (rest.length > 0) yield rest;
    } catch (error) {
      if (error instanceof UploadRefused) throw error;
      throw new Error(`zip entry ${partName(entry.fileName)}: ${textForError(error instanceof Error ? error.message : String(error), PARSER_MESSAGE_LENGTH)}`);
    } finally {
      stream.destroy();
    }
  }

  close(): void {
    this.zip.close();
  }
}

/** An entry whose name, extra fields or comment no XLSX writer makes that long is refused. */
function checkEntrySize(entry: yauzl.Entry): void {
  if (entry.fileNameLength > MAX_ZIP_NAME_BYTES) {
    throw new UploadRefused(`file: a zip entry's name is ${count(entry.fileNameLength)} bytes long (${partName(entry.fileName)}); part names of an XLSX are at most ${count(MAX_ZIP_NAME_BYTES)}`);
  }
  if (entry.extraFieldLength > MAX_ZIP_ENTRY_EXTRA_BYTES || entry.fileCommentLength > MAX_ZIP_ENTRY_EXTRA_BYTES) {
    throw new UploadRefused(`file: zip entry ${partName(entry.fileName)} carries more than ${count(MAX_ZIP_ENTRY_EXTRA_BYTES)} bytes of extra fields or comment`);
  }
}

/**
 * A part's name as a message shows it: it comes from the file (a zip entry, a relationship's
 * target), up to 64 KB long, so it is capped and its invisible characters escaped (common/text.ts).
 */
export function partName(part: string): string {
  return textForError(part);
}

/** What a message shows of a parser's own message (zlib, yauzl, saxes), which may quote the file. */
export const PARSER_MESSAGE_LENGTH = 200;

/** An XML part is UTF-8 unless it starts with a UTF-16 byte-order mark (the decoders drop the mark). */
function encodingOf(start: Buffer): string {
  if (start[0] === 0xff && start[1] === 0xfe) return 'utf-16le';
  if (start[0] === 0xfe && start[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** A relationship's target as a part name: relative to the part that names it, or from the root. */
export function resolvePart(from: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : posix.join(posix.dirname(from), target);
  return posix.normalize(path).replace(/^(\.\/)+/, '');
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relationshipsOf(part: string): string {
  return posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
}
