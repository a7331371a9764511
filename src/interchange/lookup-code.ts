import { textProblem } from '../common/text';
import { AGENCY_CODE_PATTERN } from '../units/units.dto';

/** The longest dossier code the service stores (docs/figures.md §2). */
export const MAX_CODE_LENGTH = 64;

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * A code as a citizen typed or pasted it, in the form records store codes (NFC, every run of
 * white space one space, trimmed: dossier-record.ts), or null when no stored code can have that
 * form: not one string, empty, longer than 64 characters, not valid UTF-8, a control character.
 * The caller answers null exactly as it answers an unknown code.
 */
export function lookupCodeOf(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const code = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (code.length < 1 || code.length > MAX_CODE_LENGTH) return null;
  if (textProblem(code) !== null || CONTROL_CHARACTER.test(code)) return null;
  return code;
}

const RECEIPT_DATE = /^\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;
const DAY_NUMBER = /^[0-9A-Za-z]+$/;

/**
 * The agency part of a code of the national form `<agency code>-YYMMDD-XXXX` (Thông tư
 * 01/2018/TT-VPCP, Art. 19), upper-cased as units store agency codes, or null for any other code
 * (a unit's own `HS-2025-000123`). Split on the last two `-`: agency codes have dots, not dashes,
 * and the newer ones put the province first, so nothing is read by position.
 */
export function agencyOfCode(code: string): string | null {
  const last = code.lastIndexOf('-');
  const middle = last > 0 ? code.lastIndexOf('-', last - 1) : -1;
  if (middle <= 0) return null;
  const agency = code.slice(0, middle);
  if (!RECEIPT_DATE.test(code.slice(middle + 1, last)) || !DAY_NUMBER.test(code.slice(last + 1))) return null;
  return AGENCY_CODE_PATTERN.test(agency) ? agency.toUpperCase() : null;
}
