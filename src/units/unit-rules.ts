import { DomainError } from '../common/domain-error';
import { LocalDate, localDateProblem } from '../common/local-time';
import { quoteForError } from '../common/text';
import { datePhrase, phrase } from '../i18n/refusal-words';
import { UnitKind, UnitLevel } from './unit.entity';
import { AGENCY_CODE_PATTERN, AGENCY_CODE_RULE, agencyCodeAsKept } from './units.dto';
import { Validity, parentSpanProblem } from './unit-timeline';

/**
 * The refusals of a new unit that depend on nothing stored, first of all: a kind given to a unit
 * that is not a commune, a `validFrom` that is not a date the service takes. Null when neither.
 */
export function newUnitRefusal(unit: { code: string; level: UnitLevel; kind?: UnitKind | null; validFrom?: unknown }): DomainError | null {
  if (unit.kind !== undefined && unit.kind !== null && unit.level !== 'commune') {
    const code = quoteForError(unit.code);
    return new DomainError('invalid', `kind: only a commune has a kind (xa, phuong, dac-khu); unit ${code} is not a commune`, {}, { message: phrase('errors.units.kindOnlyForCommunes', { code }) });
  }
  const problem = unit.validFrom === undefined || unit.validFrom === null ? null : localDateProblem(unit.validFrom);
  if (problem) return new DomainError('invalid', `validFrom: ${problem}`, {}, { message: datePhrase('validFrom', unit.validFrom) });
  return null;
}

/**
 * Why a new unit, open-ended from `validFrom`, cannot stand under `parent` (docs/figures.md §9: no valid unit
 * under a retired one), or null.
 */
export function parentRefusal(parent: Validity & { code: string }, validFrom: LocalDate | null): DomainError | null {
  const problem = parentSpanProblem(parent, validFrom);
  const code = quoteForError(parent.code);
  if (problem === 'retired') {
    return new DomainError('unprocessable', `parentCode: unit ${code} is no longer valid after ${parent.validTo}`, {}, { message: phrase('errors.units.parentRetired', { code, validTo: parent.validTo! }) });
  }
  if (problem === 'not-yet-valid') {
    return new DomainError('unprocessable', `validFrom: must not be before ${parent.validFrom}, the day parent unit ${code} is valid from`, {}, { message: phrase('errors.units.parentNotYetValid', { code, validFrom: parent.validFrom! }) });
  }
  return null;
}

/** The refusal of an agency code that another unit valid on one of the same days already has. */
export function agencyCodeTaken(agencyCode: string, holderCode: string): DomainError {
  const values = { agencyCode: quoteForError(agencyCode), holder: quoteForError(holderCode) };
  return new DomainError('conflict', `agencyCode: ${values.agencyCode} is already the agency code of unit ${values.holder}`, {}, { message: phrase('errors.units.agencyCodeTaken', values) });
}

/**
 * The agency code a change of a unit asks for, read as a new unit's is: trimmed, in capitals,
 * 1–32 letters, digits and dots. Null or "" (blanks too) clears it; nothing at all is refused, so a
 * body that misspells the field does not clear the code.
 */
export function agencyCodeChange(value: unknown): { agencyCode: string | null } | { refusal: DomainError } {
  const invalid = (message: string, key: 'agencyCodeRequired' | 'agencyCodeInvalid') => ({ refusal: new DomainError('invalid', message, {}, { message: phrase(`errors.units.${key}`) }) });
  if (value === undefined) return invalid('agencyCode: is required (null or "" clears it)', 'agencyCodeRequired');
  if (value === null) return { agencyCode: null };
  if (typeof value !== 'string') return invalid('agencyCode must be a string', 'agencyCodeInvalid');
  const kept = agencyCodeAsKept(value);
  if (kept === '') return { agencyCode: null };
  return AGENCY_CODE_PATTERN.test(kept) ? { agencyCode: kept } : invalid(AGENCY_CODE_RULE, 'agencyCodeInvalid');
}
