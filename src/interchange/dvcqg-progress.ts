import { cutText, textForError, textProblem } from '../common/text';
import { storedCodeOf } from '../dossiers/dossier-record';
import { EventInput } from '../dossiers/dossier-events';
import { parseDossierCode } from './dossier-code';
import { Read, readInstant, readStatusCode, readText } from './dvcqg-values';

/**
 * One `CapNhatTienDoHoSoMC` progress row (NATIONAL.md §3) as a step of its dossier. NguoiXuLy,
 * the official's name, is not read: a person's name, and no figure needs it.
 */
/** Nine or more digits in a row (separators allowed): a phone, ID card or citizen number. */
const LONG_NUMBER = /\d(?:[ .-]?\d){8,}/g;

/**
 * A step's text is kept for staff, but systems write things like "Gọi 0912345678" in it: every
 * run of nine or more digits is masked before it is stored, so a phone or an ID number typed
 * into the text is not kept. (Names cannot be told from words; the text is never shown to the
 * public — the lookup shows the step's status, moment and department only.)
 */
export function maskNumbers(text: string): string {
  return text.replace(LONG_NUMBER, (run) => run.replace(/\d/g, '•'));
}

export type MappedStep =
  | { kind: 'step'; code: string; agencies: string[]; event: EventInput }
  | { kind: 'refused'; code: string | null; errors: string[] };

export function mapProgressRow(raw: unknown, madonvi: string | null, now: Date): MappedStep {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { kind: 'refused', code: null, errors: ['record: must be an object'] };
  const given = raw as Record<string, unknown>;
  const errors: string[] = [];
  const take = <T>(name: string, read: Read<T>): T | null => {
    if (read.ok) return read.value;
    errors.push(`${name}: ${read.reason}`);
    return null;
  };
  const instant = (name: string, required: boolean, kind: 'moment' | 'deadline'): Date | null => {
    const at = take(name, readInstant(given[name], kind, now));
    if (at === null && required && !errors.some((error) => error.startsWith(`${name}:`))) errors.push(`${name}: is required`);
    return at;
  };
  const words = (name: string, max: number): string | null => {
    const text = take(name, readText(given[name]));
    if (text === null) return null;
    const problem = textProblem(text);
    if (problem) return (errors.push(`${name}: ${problem}`), null);
    return cutText(maskNumbers(text.normalize('NFC').replace(/\s+/g, ' ')), max);
  };
  const code = stepCode(take('MaHoSo', readText(given.MaHoSo)), errors);
  const statusCode = take('TrangThai', readStatusCode(given.TrangThai));
  const at = instant('ThoiDiemXuLy', true, 'moment');
  const event = {
    statusCode: statusCode ?? 0,
    at: at ?? new Date(0),
    startedAt: instant('NgayBatDau', false, 'moment'),
    stepDueAt: instant('NgayKetThucTheoQuyDinh', false, 'deadline'),
    content: words('NoiDungXuLy', 1000),
    department: words('PhongBanXuLy', 200),
    origin: 'progress' as const,
  };
  if (errors.length > 0 || code === null) return { kind: 'refused', code: code !== null && codeFailed(errors) ? textForError(code) : code, errors };
  const agency = parseDossierCode(code)?.agency;
  return { kind: 'step', code, agencies: [madonvi, agency].filter((value): value is string => !!value), event };
}

/**
 * MaHoSo as the dossier's record stores its code (dossier-record.ts), so the step is found with
 * the dossier it names; a code no record could have (over 64 characters, a control character,
 * not UTF-8) is refused by name, as the record's would be, and never reaches the column.
 */
function stepCode(read: string | null, errors: string[]): string | null {
  if (read === null) {
    if (!codeFailed(errors)) errors.push('MaHoSo: is required');
    return null;
  }
  const { code, problem } = storedCodeOf(read);
  if (problem) errors.push(`MaHoSo: ${problem}`);
  return code;
}

const codeFailed = (errors: readonly string[]) => errors.some((error) => error.startsWith('MaHoSo:'));
