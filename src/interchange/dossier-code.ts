import { LocalDate, daysInMonth } from '../common/local-time';

/** What a DVCQG dossier code says (Thông tư 01/2018/TT-VPCP, Art. 19): `<agency>-YYMMDD-XXXX`. */
export interface DossierCodeParts {
  /** The receiving agency's electronic code, uppercase: `000.00.21.H23`, `H56.14`, `H44.100`. */
  agency: string;
  /** The local day the dossier was received. */
  receivedOn: LocalDate;
  /** Its number among that day's dossiers of the agency. */
  sequence: number;
}

/** Letters and digits in parts joined by dots, at most 32 characters (as units store agency codes). */
const AGENCY = /^[A-Z0-9]+(?:\.[A-Z0-9]+)*$/;

/**
 * Splits a code on its last two `-`, so agency codes in either order of their parts parse alike
 * (the 2018 form `000.00.21.H23` and the newer `H56.14`): the province is never found by its
 * position. The day must be a real one; the number is digits, with up to two letters before
 * them (the `AAXXXX` of the newer form that Thông tư 04/2025 is reported to bring). Anything
 * else — the unit's own codes such as `HS-2025-000123` — is not a DVCQG code: null.
 */
export function parseDossierCode(code: string): DossierCodeParts | null {
  const text = code.trim().toUpperCase();
  const last = text.lastIndexOf('-');
  const middle = last > 0 ? text.lastIndexOf('-', last - 1) : -1;
  if (middle <= 0) return null;
  const agency = text.slice(0, middle);
  const day = text.slice(middle + 1, last);
  const number = /^[A-Z]{0,2}(\d{1,8})$/.exec(text.slice(last + 1));
  if (agency.length > 32 || !AGENCY.test(agency) || !/^\d{6}$/.test(day) || !number) return null;
  const year = 2000 + Number(day.slice(0, 2));
  const month = Number(day.slice(2, 4));
  const date = Number(day.slice(4, 6));
  if (month < 1 || month > 12 || date < 1 || date > daysInMonth(year, month)) return null;
  const receivedOn = `${year}-${day.slice(2, 4)}-${day.slice(4, 6)}` as LocalDate;
  return { agency, receivedOn, sequence: Number(number[1]) };
}
