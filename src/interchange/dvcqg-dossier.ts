import { LocalDate, localDateOf, parseRecordTime } from '../common/local-time';
import { textForError } from '../common/text';
import { DossierStatus } from '../dossiers/classification';
import { storedCodeOf } from '../dossiers/dossier-record';
import { EventInput } from '../dossiers/dossier-events';
import { parseDossierCode } from './dossier-code';
import { Read, isEmpty, readAmount, readCode, readFlag, readInstant, readStatusCode, readText, readTime } from './dvcqg-values';

/**
 * One `DongBoHoSoMC` dossier (NATIONAL.md §3) as our record (docs/figures.md §2, §11, §10's
 * mapping). Only the fields below are read: the applicant's (ChuHoSo, SoDienThoai, Email,
 * SoGiayToChuHoSo, DinhDanhCHS, and whatever else a system adds) are never copied, so they
 * cannot reach the database, a log line or an error message.
 */

/** Our field → the DVCQG field that fills it: errors name the field the sender knows. */
export const DVCQG_NAME: Record<string, string> = {
  code: 'MaHoSo', unitCode: 'madonvi', procedureCode: 'MaTTHC', procedureName: 'TenTTHC', field: 'TenLinhVuc',
  channel: 'KenhThucHien', status: 'TrangThaiHoSo', receivedAt: 'NgayTiepNhan', dueAt: 'NgayHenTra',
  resolvedAt: 'NgayKetThucXuLy', withdrawnAt: 'NgayKetThucXuLy', returnedAt: 'NgayTra', feeAmount: 'DanhSachLePhi',
  paidOnline: 'DuocThanhToanTrucTuyen', digitized: 'HoSoCoThanhPhanSoHoa', reusedData: 'TaiLieuNop', citizenRepository: 'TaiLieuNop',
  electronicResult: 'DanhSachGiayToKetQua', resultDigitized: 'DanhSachGiayToKetQua', vneidVerified: 'TaiKhoanDuocXacThucVoiVNeID',
};

/** "receivedAt: is required" → "NgayTiepNhan (receivedAt): is required". */
export function inDvcqgNames(error: string): string {
  const colon = error.indexOf(':');
  const field = colon > 0 ? error.slice(0, colon) : '';
  const name = DVCQG_NAME[field];
  return name === undefined ? error : `${name} (${field})${error.slice(colon)}`;
}

/** TrangThaiHoSo → our status (docs/figures.md §10); 1 (registered, not yet received) is not a dossier yet. */
const STATUS_OF: Record<number, DossierStatus | null> = {
  1: null, 2: 'processing', 3: 'denied', 4: 'processing', 5: 'waiting', 6: 'waiting', 7: 'withdrawn', 8: 'refused', 9: 'resolved', 10: 'resolved',
};
const CHANNEL_OF: Record<number, string> = { 1: 'direct', 2: 'online', 3: 'postal' };
const PAID_OF: Record<number, string | null> = { 0: null, 1: 'dvcqg', 2: 'gateway' };

export type MappedDossier =
  | { kind: 'record'; code: string; record: Record<string, unknown>; agencies: string[]; receivedOn: LocalDate | null; events: EventInput[]; roundsListed: boolean; warnings: string[] }
  | { kind: 'skipped'; code: string }
  | { kind: 'refused'; code: string | null; errors: string[] };

type Raw = Record<string, unknown>;

/** How many of one record's errors an answer lists; the rest are counted (RecordErrors). */
export const MAX_ERRORS_PER_RECORD = 20;

export function mapDossier(raw: unknown, madonvi: string | null, now: Date): MappedDossier {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { kind: 'refused', code: null, errors: ['record: must be an object'] };
  const given = raw as Raw;
  const errors = new RecordErrors();
  const take = <T>(name: string, read: Read<T>): T | null => {
    if (read.ok) return read.value;
    errors.push(`${name}: ${read.reason}`);
    return null;
  };
  // As the record stores it (NFC, spaces collapsed): the supplement rounds' steps go under that code.
  const read = take('MaHoSo', readText(given.MaHoSo));
  if (read === null && errors.count === 0) errors.push('MaHoSo: is required');
  const stored = read === null ? null : storedCodeOf(read);
  const code = stored?.code ?? null;
  const statusCode = take('TrangThaiHoSo', readStatusCode(given.TrangThaiHoSo));
  if (code !== null && statusCode === 1 && errors.count === 0) return { kind: 'skipped', code };
  const channel = take('KenhThucHien', readCode(given.KenhThucHien, [1, 2, 3]));
  const times = {
    received: take('NgayTiepNhan', readTime(given.NgayTiepNhan)),
    due: take('NgayHenTra', readTime(given.NgayHenTra)),
    finished: take('NgayKetThucXuLy', readTime(given.NgayKetThucXuLy)),
    returned: take('NgayTra', readTime(given.NgayTra)),
  };
  const status = statusCode === null ? null : STATUS_OF[statusCode];
  // NgayKetThucXuLy ends processing for 7–10, NgayTra is the hand-back for 8–10; other statuses ignore them.
  const settled = status === 'resolved' || status === 'refused';
  const finished = settled || status === 'withdrawn' ? times.finished : null;
  const returned = settled ? times.returned : null;
  const record: Record<string, unknown> = {
    code: code ?? undefined,
    procedureCode: take('MaTTHC', readText(given.MaTTHC)) ?? undefined,
    procedureName: take('TenTTHC', readText(given.TenTTHC)) ?? undefined,
    field: take('TenLinhVuc', readText(given.TenLinhVuc)) ?? undefined,
    channel: CHANNEL_OF[channel ?? 1],
    status,
    receivedAt: times.received,
    dueAt: times.due,
    resolvedAt: settled ? finished : null,
    withdrawnAt: status === 'withdrawn' ? finished : null,
    returnedAt: returned,
    ...facts(given, take),
  };
  const events = supplementRounds(given.DanhSachHoSoBoSung, errors, now);
  // A code that is itself wrong (the record checker says why) is named in part, as the checker names it.
  if (errors.count > 0 || code === null) return { kind: 'refused', code: code !== null && stored?.problem ? textForError(code) : code, errors: errors.listed() };
  // Each time parsed once here (the record checker reads the text again, as for any record);
  // only the moments the record keeps: a time it ignores, never checked, must not decide what is newer.
  const received = instantOf(times.received);
  record.sourceUpdatedAt = versionOf([received, instantOf(finished), instantOf(returned)]);

  const parts = parseDossierCode(code);
  const agencies = [madonvi, parts?.agency].filter((agency): agency is string => !!agency);
  const warnings: string[] = [];
  const receivedOn = received === null ? null : localDateOf(received);
  // More than a day apart, by the days' UTC midnights (Date.parse reads YYYY-MM-DD as UTC).
  if (parts && receivedOn !== null && Math.abs(Date.parse(receivedOn) - Date.parse(parts.receivedOn)) > 86_400_000) {
    warnings.push(`MaHoSo: the code says the dossier was received on ${parts.receivedOn}, NgayTiepNhan says ${receivedOn}`);
  }
  return { kind: 'record', code, record, agencies, receivedOn, events, roundsListed: Array.isArray(given.DanhSachHoSoBoSung), warnings };
}

/**
 * A DVCQG record says nothing of when it changed, so a state sent late — a replayed history, a
 * sender's retry queue — would overwrite a newer one. Its version is the latest moment of the
 * dossier itself it records (receipt, end of processing, hand-back): a record whose latest
 * moment is earlier than the stored one's is `stale`, as our own record's `sourceUpdatedAt` is.
 * States with the same latest moment (received → processing → waiting) follow in the order
 * they arrive. The supplement rounds are left out: a corrected or emptied list must still be
 * taken (its earlier dates would make it look older).
 */
function versionOf(instants: (Date | null)[]): string | null {
  let latest: number | null = null;
  for (const instant of instants) if (instant !== null && (latest === null || instant.getTime() > latest)) latest = instant.getTime();
  return latest === null ? null : new Date(latest).toISOString();
}

/** A local ISO time of readTime as an instant, or null (empty, or not a real time: the record checker names it). */
function instantOf(localIso: string | null): Date | null {
  if (localIso === null) return null;
  const parsed = parseRecordTime(localIso, 'start');
  return parsed.ok ? parsed.value : null;
}

/** Fees, online payment, digitisation, reuse, the electronic result and VNeID (docs/figures.md §11). */
function facts(given: Raw, take: <T>(name: string, read: Read<T>) => T | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Array.isArray(given.DanhSachLePhi)) {
    let total = 0;
    given.DanhSachLePhi.forEach((fee, index) => {
      const amount = take(`DanhSachLePhi[${index}].Gia`, readAmount(isObject(fee) ? fee.Gia : fee)) ?? 0;
      // A negative line would cancel another and take the dossier out of "dossiers with a fee".
      if (amount < 0) take(`DanhSachLePhi[${index}].Gia`, { ok: false, reason: 'must not be negative' });
      else total += amount;
    });
    out.feeAmount = total;
  } else if (!isEmpty(given.DanhSachLePhi)) take('DanhSachLePhi', { ok: false, reason: 'must be a list of fees' });
  const paid = take('DuocThanhToanTrucTuyen', readCode(given.DuocThanhToanTrucTuyen, [0, 1, 2]));
  out.paidOnline = paid === null ? null : PAID_OF[paid];
  for (const list of ['TaiLieuNop', 'DanhSachGiayToKetQua'] as const) {
    if (!isEmpty(given[list]) && !Array.isArray(given[list])) take(list, { ok: false, reason: 'must be a list' });
  }
  const documents = Array.isArray(given.TaiLieuNop) ? given.TaiLieuNop.filter(isObject) : null;
  const anyDocument = (flag: string): boolean | null => {
    if (documents === null) return null;
    const flags = documents.map((document, index) => take(`TaiLieuNop[${index}].${flag}`, readFlag(document[flag])));
    return flags.some((value) => value === true);
  };
  const digitized = take('HoSoCoThanhPhanSoHoa', readFlag(given.HoSoCoThanhPhanSoHoa));
  const anyDigitized = anyDocument('DuocSoHoa');
  out.digitized = digitized === true || anyDigitized === true ? true : (digitized ?? anyDigitized);
  out.reusedData = anyDocument('DuocTaiSuDung');
  out.citizenRepository = anyDocument('DuocLayTuKhoDMQG');
  // The result documents' presence, not the files: a dossier whose result was issued electronically.
  const results = given.DanhSachGiayToKetQua;
  out.electronicResult = Array.isArray(results) ? results.length > 0 : null;
  out.resultDigitized = out.electronicResult;
  out.vneidVerified = take('TaiKhoanDuocXacThucVoiVNeID', readFlag(given.TaiKhoanDuocXacThucVoiVNeID));
  return out;
}

/**
 * DanhSachHoSoBoSung: each round is two steps of the dossier — the request (status 5 at
 * NgayBoSung, the deadline it replaced) and, once the applicant brought the papers, the
 * supplement received (status 4 at NgayTiepNhanBoSung, with the new deadline).
 */
function supplementRounds(rounds: unknown, errors: RecordErrors, now: Date): EventInput[] {
  if (isEmpty(rounds)) return [];
  if (!Array.isArray(rounds)) {
    errors.push('DanhSachHoSoBoSung: must be a list of supplement rounds');
    return [];
  }
  const events: EventInput[] = [];
  rounds.forEach((round, index) => {
    const name = `DanhSachHoSoBoSung[${index}]`;
    if (!isObject(round)) return void errors.push(`${name}: must be an object`);
    const time = (field: string, required: boolean, kind: 'moment' | 'deadline'): Date | null => {
      const read = readInstant(round[field], kind, now);
      if (!read.ok) return (errors.push(`${name}.${field}: ${read.reason}`), null);
      if (read.value === null && required) errors.push(`${name}.${field}: is required`);
      return read.value;
    };
    const requested = time('NgayBoSung', true, 'moment');
    const received = time('NgayTiepNhanBoSung', false, 'moment');
    const before = time('NgayHenTraTruoc', false, 'deadline');
    const after = time('NgayHenTraMoi', false, 'deadline');
    if (requested) events.push({ statusCode: 5, at: requested, startedAt: null, stepDueAt: before, content: null, department: null, origin: 'record' });
    if (received) events.push({ statusCode: 4, at: received, startedAt: null, stepDueAt: after, roundDueAt: after, content: null, department: null, origin: 'record' });
  });
  return events;
}

/**
 * A record's errors, the first MAX_ERRORS_PER_RECORD of them listed and the rest counted: a list
 * of 100,000 bad fees or supplement rounds in a 10 MB envelope would otherwise be answered with
 * 100,000 lines, ten times the envelope, twice (the result and the message).
 */
class RecordErrors {
  private readonly first: string[] = [];
  count = 0;

  push(error: string): void {
    if (this.count++ < MAX_ERRORS_PER_RECORD) this.first.push(error);
  }

  listed(): string[] {
    const more = this.count - this.first.length;
    return more === 0 ? this.first : [...this.first, `… and ${more} more errors in this record`];
  }
}

function isObject(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
