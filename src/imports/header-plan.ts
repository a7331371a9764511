import { plainText, quoteForError, textForError } from '../common/text';
import { MappingFile, exampleKey } from './mapping-file';
import { ColumnPlan, cellText } from './row-conversion';
import type { Cell } from './row-readers';
import { KNOWN_HEADINGS, REQUIRED_COLUMNS, Rank, RecordField, VIETNAMESE_NAME, plainKeys } from './vocabulary';

/**
 * From a spreadsheet's header to a ColumnPlan: which column is which field. Headings are the
 * export's (vocabulary.ts) or a mapping file's.
 */

interface Claim {
  index: number;
  heading: string;
  field: RecordField;
  rank: Rank;
}

/** A row that is not the header: why, and how many of its cells are headings (known, or the mapping file's). */
export interface NotAHeader {
  errors: string[];
  headings: number;
}

/** Headings an error lists; a sheet may have thousands of columns. */
const MAX_HEADINGS_SHOWN = 20;

/**
 * Which column is which field. Fails when a required column (code, status, receivedAt) is
 * missing, or when two columns of the same rank claim one field. The errors quote the row's
 * cells only when one of them at least is a heading: a row with none is likely a data row (an
 * export without its header), whose cells are applicants' names, phone numbers and ID numbers,
 * never to be written into an error, which is stored and logged.
 */
export function planColumns(header: Cell[], mapping?: MappingFile, options: { date1904?: boolean } = {}): { plan: ColumnPlan } | NotAHeader {
  const { claims, unknownHeadings, headings } = claimsOf(header, mapping);
  const fields: (RecordField | null)[] = header.map(() => null);
  const errors: string[] = [];
  const lenientUnitColumns = new Set<number>();
  for (const [field, candidates] of claims) {
    const best = Math.min(...candidates.map((claim) => claim.rank));
    const winners = candidates.filter((claim) => claim.rank === best);
    if (winners.length > 1) {
      const names = winners.map((claim) => `${quoteForError(claim.heading)} (${columnLetter(claim.index)})`).join(' and ');
      const example = JSON.stringify({ columns: { [exampleKey(winners[1].heading)]: null } });
      errors.push(`header: columns ${names} both mean ${field}; keep one with a mapping file, e.g. ${example}`);
      continue;
    }
    fields[winners[0].index] = field;
    if (field === 'unitCode' && best === Rank.Fallback) lenientUnitColumns.add(winners[0].index);
    for (const loser of candidates) if (loser.rank !== best) unknownHeadings.push(loser.heading);
  }

  const missing = REQUIRED_COLUMNS.filter((field) => !claims.has(field));
  if (missing.length > 0) errors.push(missingColumns(header, missing, headings));
  if (errors.length > 0) return { errors, headings };
  return { plan: new ColumnPlan(fields, unknownHeadings, options.date1904 ?? false, mapping, lenientUnitColumns) };
}

/** Each heading's claim on a field, in column order; the headings nobody claims; how many are headings. */
function claimsOf(header: Cell[], mapping: MappingFile | undefined): { claims: Map<RecordField, Claim[]>; unknownHeadings: string[]; headings: number } {
  const mapped = plainKeys(mapping?.columns);
  const unknownHeadings: string[] = [];
  const claims = new Map<RecordField, Claim[]>();
  let headings = 0;
  header.forEach((cell, index) => {
    const heading = cellText(cell);
    if (heading === '') return;
    const claim = claimOf(heading, mapped);
    if (claim !== undefined) headings++;
    if (claim === undefined) {
      unknownHeadings.push(heading);
    } else if (claim !== null) {
      claims.set(claim.field, [...(claims.get(claim.field) ?? []), { index, heading, ...claim }]);
    }
  });
  return { claims, unknownHeadings, headings };
}

function missingColumns(header: Cell[], missing: RecordField[], headings: number): string {
  const found = header.map(cellText).filter((heading) => heading !== '');
  let what: string;
  if (found.length === 0) what = 'found: nothing';
  else if (headings === 0) what = `none of the row's ${found.length} ${found.length === 1 ? 'cell is a heading' : 'cells is a heading'} of an export`;
  else {
    const shown = found.slice(0, MAX_HEADINGS_SHOWN).map((heading) => textForError(heading)).join(', ');
    what = `found: ${shown}${found.length > MAX_HEADINGS_SHOWN ? ` and ${found.length - MAX_HEADINGS_SHOWN} more` : ''}`;
  }
  return `header: no column for ${missing.map((field) => `${field} (${VIETNAMESE_NAME[field]})`).join(', ')} (${what}); name the columns in a mapping file`;
}

/** The field a heading names (null: a mapping file leaves it out), or undefined when unknown. */
function claimOf(heading: string, mapped: Map<string, RecordField | null>): { field: RecordField; rank: Rank } | null | undefined {
  const plain = plainText(heading);
  // "Ngày tiếp nhận (dd/mm/yyyy)", "Mã hồ sơ (*)": the remark in brackets is not the name.
  const bare = plainText(heading.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
  for (const key of bare !== plain && bare !== '' ? [plain, bare] : [plain]) {
    const field = mapped.get(key);
    if (field === null) return null;
    if (field !== undefined) return { field, rank: Rank.Mapping };
  }
  return KNOWN_HEADINGS.get(plain) ?? (bare !== '' ? KNOWN_HEADINGS.get(bare) : undefined);
}

function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
