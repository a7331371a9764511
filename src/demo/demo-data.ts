import { DateTime } from 'luxon';
import { ZONE } from '../common/local-time';
import { Channel, DossierStatus } from '../dossiers/classification';
import { UnitLevel } from '../units/unit.entity';

/**
 * The demo a first `npm start` shows: the world of two-level local government. Until 30/06/2025
 * two demo provinces with their districts and communes; on 01/07/2025 one act (the demo's own,
 * not any real resolution) forms one province from both, retires the districts, merges communes
 * and splits one. Dossiers run from 1 January 2025 to today under the units valid on their
 * dates, with late updates of old communes settled after the merge. The commune that carries
 * "Xã Văn Tố (demo)"'s history, Xã Tứ Kỳ (demo), has exactly 750 dossiers settled since 1 January
 * of this year — 749 early or on time, 1 late, the portal case of docs/figures.md §7 — and
 * /widget/xa-van-to, a retired unit, shows it with its notice.
 */
export const DEMO_UNITS: { code: string; name: string; level: UnitLevel; parentCode?: string }[] = [
  { code: 'tinh-hai-duong', name: 'Tỉnh Hải Dương (demo)', level: 'province' },
  { code: 'huyen-tu-ky', name: 'Huyện Tứ Kỳ (demo)', level: 'district', parentCode: 'tinh-hai-duong' },
  { code: 'xa-van-to', name: 'Xã Văn Tố (demo)', level: 'commune', parentCode: 'huyen-tu-ky' },
  { code: 'xa-quang-phuc', name: 'Xã Quang Phục (demo)', level: 'commune', parentCode: 'huyen-tu-ky' },
  { code: 'xa-tien-dong', name: 'Xã Tiên Động (demo)', level: 'commune', parentCode: 'huyen-tu-ky' },
  { code: 'huyen-gia-loc', name: 'Huyện Gia Lộc (demo)', level: 'district', parentCode: 'tinh-hai-duong' },
  { code: 'xa-gia-tan', name: 'Xã Gia Tân (demo)', level: 'commune', parentCode: 'huyen-gia-loc' },
  { code: 'tinh-hung-yen', name: 'Tỉnh Hưng Yên (demo)', level: 'province' },
  { code: 'huyen-kim-dong', name: 'Huyện Kim Động (demo)', level: 'district', parentCode: 'tinh-hung-yen' },
  { code: 'xa-toan-thang', name: 'Xã Toàn Thắng (demo)', level: 'commune', parentCode: 'huyen-kim-dong' },
];

/** The day the demo's two-level tree begins, as the real one did. */
export const DEMO_REFORM_DAY = '2025-07-01';

/**
 * Xã Tứ Kỳ's electronic agency code in the demo (the `madonvi` of its DVCQG stream): made up, in
 * the newer form that puts the province first.
 */
export const DEMO_AGENCY_CODE = 'H23.99.01';


/** The demo's act of that day: what a province would send to POST /api/v1/reorganizations. */
export const DEMO_REORGANIZATION = {
  effectiveOn: DEMO_REFORM_DAY,
  reference: 'Nghị quyết sắp xếp đơn vị hành chính (demo)',
  changes: [
    { op: 'create', code: 'tinh-hai-hung', name: 'Tỉnh Hải Hưng (demo)', level: 'province' },
    { op: 'merge', from: ['tinh-hai-duong', 'tinh-hung-yen'], into: 'tinh-hai-hung' },
    { op: 'create', code: 'xa-tu-ky', name: 'Xã Tứ Kỳ (demo)', level: 'commune', kind: 'xa', parentCode: 'tinh-hai-hung', agencyCode: DEMO_AGENCY_CODE },
    { op: 'merge', from: ['xa-van-to', 'xa-quang-phuc'], into: 'xa-tu-ky' },
    { op: 'create', code: 'xa-tien-dong-bac', name: 'Xã Tiên Động Bắc (demo)', level: 'commune', kind: 'xa', parentCode: 'tinh-hai-hung' },
    { op: 'create', code: 'phuong-tien-dong-nam', name: 'Phường Tiên Động Nam (demo)', level: 'commune', kind: 'phuong', parentCode: 'tinh-hai-hung' },
    { op: 'split', from: 'xa-tien-dong', into: ['xa-tien-dong-bac', 'phuong-tien-dong-nam'], historyTo: 'xa-tien-dong-bac' },
    { op: 'move', code: 'xa-gia-tan', parentCode: 'tinh-hai-hung' },
    { op: 'move', code: 'xa-toan-thang', parentCode: 'tinh-hai-hung' },
    { op: 'retire', code: 'huyen-tu-ky' },
    { op: 'retire', code: 'huyen-gia-loc' },
    { op: 'retire', code: 'huyen-kim-dong' },
  ],
};

/** The commune whose widget the start-up log shows; the retired Xã Văn Tố's widget shows it too. */
export const DEMO_WIDGET_UNIT = 'xa-tu-ky';

const FIELDS = ['Hộ tịch', 'Hộ tịch', 'Hộ tịch', 'Chứng thực', 'Chứng thực', 'Đất đai', 'Bảo trợ xã hội', 'Người có công'];
const PROCEDURES: Record<string, [string, string]> = {
  'Hộ tịch': ['1.001193', 'Thủ tục đăng ký khai sinh'],
  'Chứng thực': ['2.000815', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản'],
  'Đất đai': ['1.003003', 'Hòa giải tranh chấp đất đai'],
  'Bảo trợ xã hội': ['1.001776', 'Thực hiện trợ cấp xã hội hàng tháng'],
  'Người có công': ['1.002519', 'Cấp giấy xác nhận thân nhân của người có công'],
};
const CHANNELS: Channel[] = ['direct', 'direct', 'online', 'online', 'online', 'postal'];

export interface DemoRecord {
  code: string;
  unitCode: string;
  procedureCode: string;
  procedureName: string;
  field: string;
  channel: Channel;
  status: DossierStatus;
  receivedAt: string;
  dueAt: string;
  resolvedAt?: string;
}

/** A small deterministic generator: the demo is the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const iso = (moment: DateTime) => moment.toISO({ suppressMilliseconds: true })!;

interface Mix {
  settled: number;
  late: number;
  open: number;
  overdue: number;
  waiting: number;
  withdrawn: number;
  denied: number;
}

const SETTLED_ONLY = { open: 0, overdue: 0, waiting: 0, withdrawn: 0, denied: 0 };

/** The old units' first half of 2025, and their late updates: dossiers received by 30/06, settled in July. */
export function demoRecordsBeforeReform(): DemoRecord[] {
  const from = DateTime.fromISO('2025-01-01', { zone: ZONE });
  const to = DateTime.fromISO(DEMO_REFORM_DAY, { zone: ZONE });
  const half = (unitCode: string, prefix: string, settled: number, late: number, seed: number) =>
    spanRecords(unitCode, `${prefix}-2025`, from, to, { settled, late, ...SETTLED_ONLY }, seed);
  return [
    ...half('xa-van-to', 'VT', 380, 2, 17),
    ...half('xa-quang-phuc', 'QP', 210, 5, 23),
    ...half('xa-tien-dong', 'TD', 150, 0, 31),
    ...half('xa-gia-tan', 'GT', 260, 14, 41),
    ...half('xa-toan-thang', 'TT', 190, 3, 47),
    ...half('huyen-tu-ky', 'TK', 60, 1, 43),
    ...lateUpdates('xa-van-to', 'VT-2025-LATE', 6, 53),
    ...lateUpdates('xa-quang-phuc', 'QP-2025-LATE', 4, 59),
  ];
}

/** The new units from the reform day to today: this year's mixes, and last year's second half before them. */
export function demoRecordsAfterReform(now: Date): DemoRecord[] {
  const end = DateTime.fromJSDate(now, { zone: ZONE });
  const yearStart = end.startOf('year');
  const reform = DateTime.fromISO(DEMO_REFORM_DAY, { zone: ZONE });
  const records: DemoRecord[] = [];
  const units: [string, string, Mix, number][] = [
    ['xa-tu-ky', 'TKY', { settled: 750, late: 1, open: 14, overdue: 3, waiting: 3, withdrawn: 4, denied: 2 }, 61],
    ['xa-tien-dong-bac', 'TDB', { settled: 298, late: 0, open: 6, overdue: 0, waiting: 1, withdrawn: 2, denied: 0 }, 67],
    ['phuong-tien-dong-nam', 'TDN', { settled: 184, late: 3, open: 5, overdue: 1, waiting: 1, withdrawn: 0, denied: 1 }, 71],
    ['xa-gia-tan', 'GT', { settled: 530, late: 27, open: 12, overdue: 5, waiting: 2, withdrawn: 3, denied: 2 }, 73],
    ['xa-toan-thang', 'TT', { settled: 341, late: 6, open: 8, overdue: 2, waiting: 1, withdrawn: 1, denied: 0 }, 79],
  ];
  for (const [unitCode, prefix, mix, seed] of units) {
    // Last year's second half, when this year began after the reform day: settled dossiers only.
    if (yearStart > reform) {
      records.push(...spanRecords(unitCode, `${prefix}-${reform.year}`, reform, yearStart, { ...SETTLED_ONLY, settled: Math.round(mix.settled * 0.6), late: mix.late }, seed + 1000));
    }
    const from = yearStart > reform ? yearStart : reform;
    records.push(...spanRecords(unitCode, `${prefix}-${end.year}`, from, end, mix, seed, end));
  }
  return records;
}

/** Dossiers received in the last days of June 2025 and settled in July: sent after the merge, under the old commune. */
function lateUpdates(unitCode: string, prefix: string, count: number, seed: number): DemoRecord[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const receivedAt = DateTime.fromISO('2025-06-23T08:00:00', { zone: ZONE }).plus({ days: i % 7, hours: Math.floor(next() * 6) });
    const resolvedAt = DateTime.fromISO('2025-07-02T09:00:00', { zone: ZONE }).plus({ days: Math.floor(next() * 10) });
    const field = FIELDS[Math.floor(next() * FIELDS.length)];
    const [procedureCode, procedureName] = PROCEDURES[field];
    return {
      code: `${prefix}-${String(i + 1).padStart(3, '0')}`,
      unitCode,
      procedureCode,
      procedureName,
      field,
      channel: CHANNELS[Math.floor(next() * CHANNELS.length)],
      status: 'resolved' as const,
      receivedAt: iso(receivedAt),
      dueAt: resolvedAt.plus({ days: 2 }).toISODate()!,
      resolvedAt: iso(resolvedAt),
    };
  });
}

/**
 * `mix.settled` dossiers settled evenly over [from, to) (the late ones spread among them), and,
 * when `openAt` is given, the open, waiting, withdrawn and denied ones of that moment.
 */
function spanRecords(unitCode: string, prefix: string, from: DateTime, to: DateTime, mix: Mix, seed: number, openAt?: DateTime): DemoRecord[] {
  const next = random(seed);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const span = to.toMillis() - from.toMillis();
  const records: DemoRecord[] = [];
  const base = (n: number) => {
    const field = pick(FIELDS);
    const [procedureCode, procedureName] = PROCEDURES[field];
    return { code: `${prefix}-${String(n).padStart(5, '0')}`, unitCode, procedureCode, procedureName, field, channel: pick(CHANNELS) };
  };
  const lateEvery = mix.late > 0 ? Math.floor(mix.settled / mix.late) : Infinity;
  for (let i = 0; i < mix.settled; i++) {
    const resolvedAt = from.plus({ milliseconds: Math.floor((span * (i + 0.5)) / mix.settled) });
    // Received in the same span (a dossier of a unit is received while the unit stands).
    const receivedAt = DateTime.max(from, resolvedAt.minus({ days: 1 + Math.floor(next() * 9), hours: Math.floor(next() * 5) }));
    const late = i % lateEvery === Math.floor(lateEvery / 2) && i / lateEvery < mix.late;
    // A date-only deadline ends that local day: the day before the result is late, the same
    // day is on time, a later day is early.
    const dueOn = late ? resolvedAt.minus({ days: 1 }) : resolvedAt.plus({ days: Math.floor(next() * 4) });
    records.push({
      ...base(i + 1),
      status: next() < 0.03 ? 'refused' : 'resolved',
      receivedAt: iso(receivedAt),
      dueAt: (dueOn < receivedAt ? receivedAt : dueOn).toISODate()!,
      resolvedAt: iso(resolvedAt),
    });
  }
  if (openAt === undefined) return records;
  let n = mix.settled;
  const recent = (maxDays: number) => DateTime.max(from, openAt.minus({ days: Math.floor(next() * maxDays), hours: 1 + Math.floor(next() * 6) }));
  for (let i = 0; i < mix.open; i++) {
    const overdue = i < mix.overdue;
    const receivedAt = overdue ? DateTime.max(from, openAt.minus({ days: 12 + Math.floor(next() * 20) })) : recent(5);
    const dueAt = overdue ? receivedAt.plus({ days: 5 }) : openAt.plus({ days: 1 + Math.floor(next() * 10) });
    records.push({ ...base(++n), status: 'processing', receivedAt: iso(receivedAt), dueAt: dueAt.toISODate()! });
  }
  for (let i = 0; i < mix.waiting; i++) {
    const receivedAt = recent(20);
    records.push({ ...base(++n), status: 'waiting', receivedAt: iso(receivedAt), dueAt: receivedAt.plus({ days: 7 }).toISODate()! });
  }
  for (let i = 0; i < mix.withdrawn; i++) {
    const receivedAt = recent(60);
    records.push({ ...base(++n), status: 'withdrawn', receivedAt: iso(receivedAt), dueAt: receivedAt.plus({ days: 7 }).toISODate()! });
  }
  for (let i = 0; i < mix.denied; i++) {
    const receivedAt = recent(60);
    records.push({ ...base(++n), status: 'denied', receivedAt: iso(receivedAt), dueAt: receivedAt.plus({ days: 3 }).toISODate()! });
  }
  return records;
}

/** A demo dossier's steps, as its one-stop system would send them to DVCQG (status codes of NATIONAL.md §3). */
export interface DemoSteps {
  code: string;
  steps: { statusCode: number; at: Date; department: string; content: string }[];
}

/**
 * Steps for three of Xã Tứ Kỳ's dossiers of this year — one settled, one open, one waiting for
 * the applicant's papers — so the citizen lookup (/tra-cuu) shows a dossier's way through the
 * desk. Steps change no figure.
 */
export function demoSteps(records: DemoRecord[]): DemoSteps[] {
  const ofUnit = records.filter((record) => record.unitCode === DEMO_WIDGET_UNIT);
  const pick = (status: string) => ofUnit.filter((record) => record.status === status).at(-1);
  const desk = 'Bộ phận một cửa (demo)';
  const office = 'Công chức Tư pháp - Hộ tịch (demo)';
  const at = (record: DemoRecord, hours: number) => new Date(DateTime.fromISO(record.receivedAt, { zone: ZONE }).toMillis() + hours * 3_600_000);
  const out: DemoSteps[] = [];
  const resolved = pick('resolved');
  if (resolved?.resolvedAt) {
    const done = DateTime.fromISO(resolved.resolvedAt, { zone: ZONE }).toJSDate();
    out.push({ code: resolved.code, steps: [
      { statusCode: 2, at: at(resolved, 0), department: desk, content: 'Tiếp nhận hồ sơ' },
      { statusCode: 4, at: at(resolved, 1), department: office, content: 'Chuyển xử lý' },
      { statusCode: 9, at: done, department: office, content: 'Có kết quả' },
    ] });
  }
  const open = pick('processing');
  if (open) out.push({ code: open.code, steps: [{ statusCode: 2, at: at(open, 0), department: desk, content: 'Tiếp nhận hồ sơ' }, { statusCode: 4, at: at(open, 0.5), department: office, content: 'Chuyển xử lý' }] });
  const waiting = pick('waiting');
  if (waiting) out.push({ code: waiting.code, steps: [{ statusCode: 2, at: at(waiting, 0), department: desk, content: 'Tiếp nhận hồ sơ' }, { statusCode: 5, at: at(waiting, 0.75), department: office, content: 'Yêu cầu bổ sung giấy tờ' }] });
  return out;
}
