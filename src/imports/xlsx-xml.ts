import { SaxesParser, SaxesTagPlain } from 'saxes';
import { textForError } from '../common/text';
import { MAX_CELL_CHARACTERS, MAX_XML_DEPTH, MAX_XML_TOKEN_CHARACTERS, UploadRefused, count } from './upload-limits';
import { PARSER_MESSAGE_LENGTH, partName } from './xlsx-zip';

/** What a part's reader does with its elements; names come without their namespace prefix. */
export interface XmlHandler {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  /** Character data (CDATA included), entities decoded. */
  text(text: string): void;
  /** Where in the file the parser is, for a refusal's message: "line 12, cell D12", or a part's name capped (partName). */
  where(): string;
}

/** Text is fed to saxes in pieces of at most this many characters, so a check runs between them. */
const SLICE_CHARACTERS = 16 * 1024;

/**
 * saxes, with the bounds it does not have: it holds a token (a text run, a start tag and its
 * attributes, a comment) whole until the token ends, so what it has buffered is measured after
 * every piece fed to it (its position less the position of its last event) and the part is
 * refused once that passes MAX_XML_TOKEN_CHARACTERS (a start tag counts whole, with all its
 * attributes); nesting is bounded too. A DOCTYPE, which no XLSX has, is refused (saxes would
 * not expand a DTD's entities anyway).
 */
export class BoundedXmlParser {
  private readonly parser: SaxesParser;
  private depth = 0;
  private lastEventAt = 0;

  constructor(
    part: string,
    private readonly handler: XmlHandler,
  ) {
    // saxes starts each of its messages with the file name: the part's, capped.
    const parser = new SaxesParser({ xmlns: false, position: true, fileName: partName(part) });
    this.parser = parser;
    const mark = () => {
      this.lastEventAt = parser.position;
    };
    // Seven handlers at most: saxes stores each with a computed key, and V8 turns an object given
    // more than a few such properties into a slow dictionary, which made parsing four times
    // slower. An XML declaration (only ever at the start) needs no handler of its own, and a
    // start tag is bounded whole, attributes included, by the token bound.
    parser.on('opentag', (tag: SaxesTagPlain) => {
      mark();
      if (++this.depth > MAX_XML_DEPTH) this.refuse(`elements nest more than ${count(MAX_XML_DEPTH)} deep`);
      handler.open(localName(tag.name), tag.attributes);
    });
    parser.on('closetag', (tag: SaxesTagPlain) => {
      mark();
      this.depth--;
      handler.close(localName(tag.name));
    });
    parser.on('text', (text: string) => {
      mark();
      handler.text(text);
    });
    parser.on('cdata', (text: string) => {
      mark();
      handler.text(text);
    });
    parser.on('comment', mark);
    parser.on('processinginstruction', mark);
    parser.on('doctype', () => this.refuse('a DOCTYPE is declared, which an XLSX never has'));
  }

  write(text: string): void {
    for (let start = 0; start < text.length; start += SLICE_CHARACTERS) {
      this.parse(() => this.parser.write(start === 0 && text.length <= SLICE_CHARACTERS ? text : text.slice(start, start + SLICE_CHARACTERS)));
      if (this.parser.position - this.lastEventAt > MAX_XML_TOKEN_CHARACTERS) {
        this.refuse(`its XML runs past ${count(MAX_XML_TOKEN_CHARACTERS)} characters without a break (one cell holds at most ${count(MAX_CELL_CHARACTERS)} characters)`);
      }
    }
  }

  end(): void {
    this.parse(() => this.parser.close());
  }

  /** A fault of saxes' own (not well-formed XML) with its message capped: it may quote the file. */
  private parse(step: () => void): void {
    try {
      step();
    } catch (error) {
      if (error instanceof UploadRefused || !(error instanceof Error)) throw error;
      throw new Error(textForError(error.message, PARSER_MESSAGE_LENGTH));
    }
  }

  private refuse(reason: string): never {
    throw new UploadRefused(`file: ${this.handler.where()}: ${reason}`);
  }
}

/** `x:row` → `row`: some writers prefix SpreadsheetML's elements. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}
