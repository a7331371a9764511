import { DateTime } from 'luxon';
import { ZONE } from '../common/local-time';
import { Channel, DossierStatus } from '../dossiers/classification';
import { UnitLevel } from '../units/unit.entity';

/**
 * The demo a first `npm start` shows: a labelled tree whose Xã Văn Tố has exactly 750 dossiers
 * settled since 1 January — 749 early or on time, 1 late, the portal case of docs/figures.md §7 — plus
 * open, waiting, withdrawn and denied ones, and neighbours with their own mixes.
 */
export const DEMO_UNITS: { code: string; name: string; level: UnitLevel; parentCode?: string }[] = [
  { code: 'tinh-hai-duong', name: 'Tỉnh Hải Dương (demo)', level: 'province' },
  { code: 'huyen-tu-ky', name: 'Huyện Tứ Kỳ (demo)', level: 'district', parentCode: 'tinh-hai-duong' },
  { code: 'xa-van-to', name: 'Xã Văn Tố (demo)', level: 'commune', parentCode: 'huyen-tu-ky' },
  { code: 'xa-quang-phuc', name: 'Xã Quang Phục (demo)', level: 'commune', parentCode: 'huyen-tu-ky' },
  { code: 'xa-tien-dong', name: 'Xã Tiên Động (demo)', level: 'commune', parentCode: 'huyen-tu-ky' },
  { code: 'huyen-gia-loc', name: 'Huyện Gia Lộc (demo)', level: 'district', parentCode: 'tinh-hai-duong' },
  { code: 'xa-gia-tan', name: 'Xã Gia Tân (demo)', level: 'commune', parentCode: 'huyen-gia-loc' },
];

export const DEMO_WIDGET_UNIT = 'xa-van-to';

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

export function demoRecords(now: Date): DemoRecord[] {
  const records: DemoRecord[] = [];
  records.push(...communeRecords('xa-van-to', 'VT', now, { settled: 750, late: 1, open: 14, overdue: 3, waiting: 3, withdrawn: 4, denied: 2 }, 17));
  records.push(...communeRecords('xa-quang-phuc', 'QP', now, { settled: 412, late: 9, open: 10, overdue: 4, waiting: 2, withdrawn: 1, denied: 1 }, 23));
  records.push(...communeRecords('xa-tien-dong', 'TD', now, { settled: 298, late: 0, open: 6, overdue: 0, waiting: 1, withdrawn: 2, denied: 0 }, 31));
  records.push(...communeRecords('xa-gia-tan', 'GT', now, { settled: 530, late: 27, open: 12, overdue: 5, waiting: 2, withdrawn: 3, denied: 2 }, 41));
  records.push(...communeRecords('huyen-tu-ky', 'TK', now, { settled: 120, late: 2, open: 5, overdue: 1, waiting: 0, withdrawn: 0, denied: 0 }, 43));
  return records;
}

interface Mix {
  settled: number;
  late: number;
  open: number;
  overdue: number;
  waiting: number;
  withdrawn: number;
  denied: number;
}

function communeRecords(unitCode: string, prefix: string, now: Date, mix: Mix, seed: number): DemoRecord[] {
  const next = random(seed);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const end = DateTime.fromJSDate(now, { zone: ZONE });
  const yearStart = end.startOf('year');
  const span = end.toMillis() - yearStart.toMillis();
  const year = end.year;
  const records: DemoRecord[] = [];
  const base = (n: number) => {
    const field = pick(FIELDS);
    const [procedureCode, procedureName] = PROCEDURES[field];
    return { code: `${prefix}-${year}-${String(n).padStart(5, '0')}`, unitCode, procedureCode, procedureName, field, channel: pick(CHANNELS) };
  };

  // Settled since 1 January, spread evenly up to now; the late ones spread across the year too.
  const lateEvery = mix.late > 0 ? Math.floor(mix.settled / mix.late) : Infinity;
  for (let i = 0; i < mix.settled; i++) {
    const resolvedAt = yearStart.plus({ milliseconds: Math.floor((span * (i + 0.5)) / mix.settled) });
    const receivedAt = resolvedAt.minus({ days: 1 + Math.floor(next() * 9), hours: Math.floor(next() * 5) });
    const late = i % lateEvery === Math.floor(lateEvery / 2) && i / lateEvery < mix.late;
    // A date-only deadline ends that local day: the day before the result is late, the same
    // day is on time, a later day is early.
    const dueOn = late ? resolvedAt.minus({ days: 1 }) : resolvedAt.plus({ days: Math.floor(next() * 4) });
    records.push({
      ...base(i + 1),
      status: next() < 0.03 ? 'refused' : 'resolved',
      receivedAt: iso(receivedAt),
      dueAt: dueOn.toISODate()!,
      resolvedAt: iso(resolvedAt),
    });
  }
  let n = mix.settled;
  const recent = (maxDays: number) => end.minus({ days: Math.floor(next() * maxDays), hours: 1 + Math.floor(next() * 6) });
  for (let i = 0; i < mix.open; i++) {
    const overdue = i < mix.overdue;
    const receivedAt = overdue ? end.minus({ days: 12 + Math.floor(next() * 20) }) : recent(5);
    const dueAt = overdue ? receivedAt.plus({ days: 5 }) : end.plus({ days: 1 + Math.floor(next() * 10) });
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
