import { storedCodeOf } from '../dossiers/dossier-record';

/**
 * A code as a citizen typed or pasted it, in the form records store codes (storedCodeOf: NFC,
 * every run of white space one space, trimmed), or null when no stored code can have that form:
 * not one string, empty, longer than 64 characters, not valid UTF-8, a control character. The
 * caller answers null exactly as it answers an unknown code.
 */
export function lookupCodeOf(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const { code, problem } = storedCodeOf(raw);
  return problem === null ? code : null;
}
