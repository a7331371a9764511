import { createReadStream } from 'node:fs';

/** One line of a file, numbered from 1: its text, or why it cannot be read as text. */
export type FileLine = { number: number; text: string } | { number: number; problem: string };

const NEWLINE = 0x0a;

/**
 * The lines of a file, one at a time, read as a stream: memory holds one line however long the
 * file. A line longer than `maxBytes` is not kept (a file without line ends would otherwise be
 * read whole): it comes back as a problem, and so does a line that is not UTF-8. `\r\n` ends
 * are taken, and a byte-order mark before the first line.
 */
export async function* readLines(path: string, maxBytes: number): AsyncGenerator<FileLine> {
  // fatal: a byte that is not UTF-8 is a problem of its line, never a U+FFFD in what is sent.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let number = 0;
  const keep = (piece: Buffer) => {
    if (tooLong || piece.length === 0) return;
    if (size + piece.length > maxBytes) {
      [tooLong, parts, size] = [true, [], 0];
      return;
    }
    // A copy: the part of a line that runs into the next chunk outlives this chunk.
    parts.push(Buffer.from(piece));
    size += piece.length;
  };
  const finish = (last: Buffer): FileLine => {
    number++;
    const overLimit = tooLong || size + last.length > maxBytes;
    const bytes = overLimit || parts.length === 0 ? last : Buffer.concat([...parts, last]);
    [tooLong, parts, size] = [false, [], 0];
    if (overLimit) return { number, problem: `longer than ${sizeText(maxBytes)}` };
    try {
      // The decoder drops a byte-order mark at the start of each line it decodes.
      const text = decoder.decode(bytes);
      return { number, text: text.endsWith('\r') ? text.slice(0, -1) : text };
    } catch {
      return { number, problem: 'not UTF-8 text' };
    }
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      yield finish(chunk.subarray(start, end));
      start = end + 1;
    }
    keep(chunk.subarray(start));
  }
  if (size > 0 || tooLong) yield finish(Buffer.alloc(0));
}

/** How many lines the file has (for the progress bar's total), by counting line ends. */
export async function countLines(path: string): Promise<number> {
  let newlines = 0;
  let last = NEWLINE;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) newlines++;
    if (chunk.length > 0) last = chunk[chunk.length - 1];
  }
  return newlines + (last === NEWLINE ? 0 : 1);
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${bytes} bytes`;
}
