import { textProblem } from '../common/text';

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
