import { computeDueAt } from '../src/calendar/deadlines';
import { seedCalendarDays } from '../src/calendar/vietnam-holidays';
import { WorkCalendar, isWorkingDay } from '../src/calendar/working-days';
import { LocalDate, addLocalDays, civilFromDays, localDateOf } from '../src/common/local-time';
import { Channel, DossierStatus, classifySettled, isSettled } from '../src/dossiers/classification';
import { DossierRecord, checkRecord } from '../src/dossiers/dossier-record';
import { NO_SUPPLEMENT, Supplement766 } from '../src/dossiers/progress-766';
import { FACT_FIELDS } from '../src/dossiers/record-facts';
import { SUPPLEMENT_COLUMNS } from '../src/dossiers/rollups/rollup-tables';

/**
 * The provincial data set of the benchmark: one province, 10 districts, 20 communes in each, and
 * a stream of dossiers over the three years ending today. Dossier i is drawn from seed i alone,
 * so the stream is the same in every run (but for "today"), and any prefix of it is a sample of
 * the whole: the first tenth is the same province over the same days with ten times fewer
 * dossiers.
 */

export interface BenchUnit {
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune';
  parentCode: string | null;
  /** Share of the dossiers of its level it receives (relative). */
  weight: number;
  /** Share of its settled dossiers that come late: desks differ. */
  lateShare: number;
}

const DISTRICTS = [
  'Thành phố Bình Minh', 'Huyện An Lạc', 'Huyện Bắc Sơn', 'Huyện Cẩm Giang', 'Huyện Đông Hải',
  'Huyện Hòa Vang', 'Huyện Kim Thành', 'Huyện Long Điền', 'Huyện Phú Lộc', 'Huyện Tân Phước',
];
const COMMUNES = [
  'An Bình', 'An Phú', 'Bình Hòa', 'Bình Thạnh', 'Đông Hưng', 'Hòa Lạc', 'Hưng Đạo', 'Kim Liên', 'Long Hưng', 'Minh Đức',
  'Nam Hồng', 'Phú Lâm', 'Phước Thạnh', 'Quảng Lợi', 'Tân Hiệp', 'Tân Lập', 'Thạnh Phú', 'Thuận An', 'Trung Hòa', 'Vĩnh Lộc',
];
export const PROVINCE_CODE = 'tinh-tn';
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A province of the two-level shape of 2025: `communes` communes and wards straight under the
 * province, no districts (names from the same list, told apart by a second word).
 */
export function twoLevelProvince(communes: number): BenchUnit[] {
  const units: BenchUnit[] = [{ code: PROVINCE_CODE, name: 'Tỉnh Thử Nghiệm', level: 'province', parentCode: null, weight: 1, lateShare: 0.02 }];
  const second = ['', ' Đông', ' Tây', ' Nam', ' Bắc', ' Thượng', ' Hạ', ' Trung', ' Mới', ' Nhất'];
  for (let c = 0; c < communes; c++) {
    const own = randomFrom(3_000_000 + c);
    const size = own();
    units.push({
      code: `tn-x${String(c + 1).padStart(3, '0')}`,
      name: `${c < 8 ? 'Phường' : 'Xã'} ${COMMUNES[c % COMMUNES.length]}${second[Math.floor(c / COMMUNES.length) % second.length]}`,
      level: 'commune',
      parentCode: PROVINCE_CODE,
      weight: 0.25 + 2.5 * size * size,
      lateShare: 0.005 + 0.08 * own() ** 2,
    });
  }
  return units;
}

/** A small, fast PRNG (splitmix32-style) seeded by one integer: dossier i draws from seed i. */
export function randomFrom(seed: number): () => number {
  let state = (seed ^ 0x5eed1234) >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4_294_967_296;
  };
}

/** Parents before children, in the order they are created. */
export function provinceUnits(): BenchUnit[] {
  const units: BenchUnit[] = [{ code: PROVINCE_CODE, name: 'Tỉnh Thử Nghiệm', level: 'province', parentCode: null, weight: 1, lateShare: 0.02 }];
  DISTRICTS.forEach((name, d) => {
    const district = `tn-h${pad2(d + 1)}`;
    const draw = randomFrom(1_000_000 + d);
    units.push({ code: district, name, level: 'district', parentCode: PROVINCE_CODE, weight: 0.6 + draw(), lateShare: 0.01 + 0.05 * draw() });
    COMMUNES.forEach((commune, c) => {
      const own = randomFrom(2_000_000 + d * 100 + c);
      // Communes differ a lot in size (a town centre against a mountain commune) and in care.
      const size = own();
      units.push({
        code: `${district}-x${pad2(c + 1)}`,
        name: `${d === 0 && c < 4 ? 'Phường' : 'Xã'} ${commune}`,
        level: 'commune',
        parentCode: district,
        weight: 0.25 + 2.5 * size * size,
        lateShare: 0.005 + 0.08 * own() ** 2,
      });
    });
  });
  return units;
}

interface Procedure {
  code: string;
  name: string;
  field: string;
  /** Processing time in working days (the receipt slip's deadline). */
  days: number;
  weight: number;
  /** Share of online applications at the start of the three years; it grows by 30 points. */
  online: number;
}

const p = (code: string, name: string, field: string, days: number, weight: number, online: number): Procedure => ({ code, name, field, days, weight, online });
/** Illustrative catalogue per level (codes in the national format; not an official list). */
const PROCEDURES: Record<BenchUnit['level'], Procedure[]> = {
  commune: [
    p('1.001193', 'Thủ tục đăng ký khai sinh', 'Hộ tịch', 1, 14, 0.3),
    p('1.000894', 'Thủ tục đăng ký kết hôn', 'Hộ tịch', 3, 4, 0.2),
    p('1.000656', 'Thủ tục đăng ký khai tử', 'Hộ tịch', 1, 4, 0.2),
    p('1.004873', 'Thủ tục cấp giấy xác nhận tình trạng hôn nhân', 'Hộ tịch', 3, 6, 0.3),
    p('2.000815', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', 'Chứng thực', 1, 34, 0.1),
    p('2.000884', 'Chứng thực chữ ký trong các giấy tờ, văn bản', 'Chứng thực', 1, 8, 0.05),
    p('2.001035', 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản', 'Chứng thực', 2, 4, 0.05),
    p('1.001776', 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng', 'Bảo trợ xã hội', 15, 4, 0.1),
    p('1.003003', 'Hòa giải tranh chấp đất đai', 'Đất đai', 30, 2, 0.02),
    p('1.002519', 'Xác nhận hồ sơ hưởng chế độ ưu đãi người có công', 'Người có công', 10, 2, 0.1),
    p('2.000346', 'Tặng giấy khen của Chủ tịch UBND cấp xã', 'Thi đua - Khen thưởng', 20, 1, 0.05),
  ],
  district: [
    p('1.004227', 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'Đất đai', 10, 30, 0.1),
    p('1.004222', 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu', 'Đất đai', 20, 10, 0.05),
    p('1.009994', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', 'Xây dựng', 15, 15, 0.2),
    p('2.000720', 'Đăng ký thành lập hộ kinh doanh', 'Đăng ký kinh doanh', 3, 25, 0.4),
    p('1.001022', 'Đăng ký khai sinh có yếu tố nước ngoài', 'Hộ tịch', 5, 5, 0.2),
    p('1.005097', 'Chuyển trường đối với học sinh trung học cơ sở', 'Giáo dục và Đào tạo', 3, 15, 0.3),
  ],
  province: [
    p('2.000036', 'Đăng ký thành lập doanh nghiệp tư nhân', 'Đăng ký kinh doanh', 3, 30, 0.7),
    p('1.002809', 'Đổi giấy phép lái xe do ngành Giao thông vận tải cấp', 'Giao thông vận tải', 5, 40, 0.4),
    p('1.009972', 'Cấp chứng chỉ hành nghề hoạt động xây dựng', 'Xây dựng', 15, 10, 0.3),
    p('1.002339', 'Cấp chứng chỉ hành nghề dược', 'Y tế', 20, 10, 0.3),
    p('1.009645', 'Cấp quyết định chủ trương đầu tư của UBND cấp tỉnh', 'Đầu tư', 30, 2, 0.2),
    p('1.003580', 'Cấp giấy phép khai thác tài nguyên nước', 'Tài nguyên và Môi trường', 20, 8, 0.2),
  ],
};

const DAY_MS = 86_400_000;
const OFFSET_MS = 7 * 3_600_000;
const OPEN_MINUTE = 7 * 60 + 30;
const CLOSE_MINUTE = 17 * 60;
const SATURDAY_CLOSE = 11 * 60 + 30;

/** One local day of the window: can dossiers be received on it, and how many (relative). */
interface Day {
  date: LocalDate;
  /** Days since 1970-01-01. */
  number: number;
  working: boolean;
  /** Minutes of the desk's opening hours (0 when closed). */
  openMinutes: number;
}

export interface Stream {
  units: BenchUnit[];
  today: LocalDate;
  now: Date;
  /** First local day of the three years. */
  firstDay: LocalDate;
  /** The dossier of index i (0 ≤ i < total): its record as a desk system would send it. */
  record(i: number): Record<string, string>;
  /** A dossier received in the last `days` days, numbered j of m (for the ingest measures). */
  recent(seed: number, j: number, m: number, days: number): Record<string, string>;
}

/**
 * The dossier stream of `total` dossiers over the three years ending `now`, in slices of
 * `slice` dossiers: dossiers [k·slice, (k+1)·slice) are every (total/slice)-th position of the
 * timeline from the k-th, so each slice covers the three years and, inside a slice, dossiers
 * come in time order (the database appends to each unit's index ranges instead of seeking).
 */
export function dossierStream(total: number, slice: number, now: Date, units: BenchUnit[] = provinceUnits()): Stream {
  const today = localDateOf(now);
  const firstDay = addLocalDays(today, -3 * 365 + 1);
  const calendar = nationalCalendar(Number(firstDay.slice(0, 4)), Number(today.slice(0, 4)) + 1);

  // The days of the window, then enough after today for deadlines and late results.
  const days: Day[] = [];
  const indexOf = new Map<LocalDate, number>();
  const nowMinute = Math.floor(((now.getTime() + OFFSET_MS) % DAY_MS) / 60_000);
  for (let date = firstDay; date <= addLocalDays(today, 240); date = addLocalDays(date, 1)) {
    const number = Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
    const working = isWorkingDay(date, calendar);
    // Many one-stop desks also open on Saturday mornings; none on Sundays and holidays.
    const saturday = !working && (number + 4) % 7 === 6 && !calendar.holidays.has(date);
    let openMinutes = working ? CLOSE_MINUTE - OPEN_MINUTE : saturday ? SATURDAY_CLOSE - OPEN_MINUTE : 0;
    if (date > today) openMinutes = 0;
    if (date === today) openMinutes = Math.max(0, Math.min(openMinutes, nowMinute - OPEN_MINUTE - 1));
    indexOf.set(date, days.length);
    days.push({ date, number, working, openMinutes });
  }
  // Receipts per day follow the opening hours (Saturdays at a tenth of a weekday's pace) and
  // grow by a fifth over the three years.
  const windowDays = days.findIndex((day) => day.date > today);
  const cumulative = new Float64Array(windowDays);
  let sum = 0;
  for (let d = 0; d < windowDays; d++) {
    const pace = days[d].working ? 1 : 0.1;
    sum += days[d].openMinutes * pace * (1 + (0.2 * d) / windowDays);
    cumulative[d] = sum;
  }

  const communes = units.filter((unit) => unit.level === 'commune');
  const districts = units.filter((unit) => unit.level === 'district');
  const pickCommune = weightedPicker(communes);
  const pickDistrict = weightedPicker(districts);
  const pickProcedure = {
    commune: weightedPicker(PROCEDURES.commune),
    district: weightedPicker(PROCEDURES.district),
    province: weightedPicker(PROCEDURES.province),
  };
  const dueMemo = new Map<number, { dueOn: LocalDate; dueIndex: number }>();
  const dueOf = (dayIndex: number, processingDays: number) => {
    const key = dayIndex * 64 + processingDays;
    let due = dueMemo.get(key);
    if (!due) {
      // docs/figures.md §4 through the service's own function; the deadline is printed as a date.
      const dueOn = localDateOf(computeDueAt(new Date(days[dayIndex].number * DAY_MS - OFFSET_MS + 12 * 3_600_000), processingDays, calendar));
      due = { dueOn, dueIndex: indexOf.get(dueOn)! };
      dueMemo.set(key, due);
    }
    return due;
  };
  /** The working day `count` working days after day index `from` (0: itself). */
  const workingDayAfter = (from: number, count: number) => {
    let d = from;
    for (let counted = 0; counted < count; ) if (days[++d].working) counted++;
    return d;
  };
  /** An instant on day index d between minute `from` and `to` of the local day. */
  const at = (d: number, from: number, to: number, draw: () => number) =>
    days[d].number * DAY_MS - OFFSET_MS + Math.floor((from + (to - from) * draw()) * 60_000);
  const nowMs = now.getTime();

  const build = (i: number, position: number, draw: () => number): Record<string, string> => {
    // When: the position in [0, 1) on the timeline of receipts.
    const target = position * sum;
    let lo = 0;
    let hi = windowDays - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] <= target) lo = mid + 1;
      else hi = mid;
    }
    const dayIndex = lo;
    const day = days[dayIndex];
    const before = dayIndex === 0 ? 0 : cumulative[dayIndex - 1];
    const within = Math.min(0.9999, Math.max(0, (target - before) / (cumulative[dayIndex] - before)));
    const receivedMs = day.number * DAY_MS - OFFSET_MS + Math.floor((OPEN_MINUTE + within * day.openMinutes) * 60_000);
    const age = dayIndex / windowDays;

    // Where: mostly communes, some district and provincial desks (a province without districts:
    // their share goes to the communes).
    const where = draw();
    const unit = where < 0.02 ? units[0] : where < 0.1 && districts.length > 0 ? pickDistrict(draw()) : pickCommune(draw());
    const procedure = pickProcedure[unit.level](draw());
    const channelDraw = draw();
    const channel: Channel = channelDraw < 0.04 ? 'postal' : channelDraw < 0.04 + Math.min(0.95, procedure.online + 0.3 * age) ? 'online' : 'direct';
    const { dueOn, dueIndex } = dueOf(dayIndex, procedure.days);

    // How it ends: mostly early, a quarter on the last day, some late; a few withdrawn or denied.
    const record: Record<string, string> = {
      code: `HS-${String(i).padStart(8, '0')}`,
      unitCode: unit.code,
      procedureCode: procedure.code,
      procedureName: procedure.name,
      field: procedure.field,
      channel,
      status: 'resolved',
      receivedAt: isoLocal(receivedMs),
      dueAt: dueOn,
    };
    const outcome = draw();
    const timing = draw();
    if (outcome < 0.004) {
      record.status = 'denied';
      return record;
    }
    if (outcome < 0.02) {
      const withdrawnMs = at(workingDayAfter(dayIndex, 1 + Math.floor(timing * (procedure.days + 1))), OPEN_MINUTE, CLOSE_MINUTE, draw);
      if (withdrawnMs < nowMs) {
        record.status = 'withdrawn';
        record.withdrawnAt = isoLocal(withdrawnMs);
      } else record.status = 'processing';
      return record;
    }
    // A small backlog stuck at the desk: recent dossiers nobody has closed.
    if (receivedMs > nowMs - 120 * DAY_MS && outcome > 0.992) {
      record.status = timing < 0.3 ? 'waiting' : 'processing';
      return record;
    }
    let resolvedMs: number;
    if (timing < unit.lateShare) {
      const lateBy = 1 + Math.floor(10 * draw() ** 2);
      resolvedMs = at(workingDayAfter(dueIndex, lateBy), OPEN_MINUTE, CLOSE_MINUTE, draw);
      if (draw() < 0.3) record.extendedDueAt = days[workingDayAfter(dueIndex, lateBy + 1)].date;
    } else if (timing < unit.lateShare + 0.25 || dueIndex - dayIndex < 1) {
      resolvedMs = Math.max(receivedMs + 60_000, at(dueIndex, OPEN_MINUTE, CLOSE_MINUTE, draw));
    } else {
      let d = dayIndex + Math.floor(draw() * (dueIndex - dayIndex));
      while (d > dayIndex && !days[d].working) d--;
      resolvedMs = d === dayIndex ? receivedMs + Math.floor((30 + 180 * draw()) * 60_000) : at(d, OPEN_MINUTE, CLOSE_MINUTE, draw);
      // A result after the end of the day of receipt would be no earlier than the next day.
      if (localDateOf(new Date(resolvedMs)) >= dueOn) resolvedMs = at(dueIndex, OPEN_MINUTE, CLOSE_MINUTE, draw);
    }
    if (resolvedMs > nowMs) {
      // Not settled yet: open now; some handed back to the applicant for more papers.
      record.status = draw() < 0.12 ? 'waiting' : 'processing';
      delete record.extendedDueAt;
      return record;
    }
    record.status = draw() < 0.03 ? 'refused' : 'resolved';
    record.resolvedAt = isoLocal(resolvedMs);
    return record;
  };

  const stride = total / slice;
  return {
    units,
    today,
    now,
    firstDay,
    record(i) {
      const draw = randomFrom(i);
      const position = ((i % slice) * stride + Math.floor(i / slice) + draw()) / total;
      return build(i, Math.min(position, 0.999999), draw);
    },
    recent(seed, j, m, daysBack) {
      const from = cumulative[Math.max(0, windowDays - 1 - daysBack)] / sum;
      const draw = randomFrom(seed + j);
      return build(seed + j, Math.min(0.999999, from + ((1 - from) * (j + draw())) / m), draw);
    },
  };
}

function weightedPicker<T extends { weight: number }>(items: T[]): (draw: number) => T {
  const total = items.reduce((s, item) => s + item.weight, 0);
  const bounds = items.map(
    (
      (acc) => (item: T) =>
        (acc += item.weight / total)
    )(0),
  );
  return (draw) => {
    for (let k = 0; k < bounds.length; k++) if (draw < bounds[k]) return items[k];
    return items[items.length - 1];
  };
}

function nationalCalendar(fromYear: number, toYear: number): WorkCalendar {
  const seed = seedCalendarDays(fromYear, toYear);
  return {
    holidays: new Set(seed.filter((day) => day.kind === 'holiday').map((day) => day.date)),
    workdays: new Set(seed.filter((day) => day.kind === 'workday').map((day) => day.date)),
  };
}

/** `YYYY-MM-DDTHH:mm:ss+07:00` of an instant: how a desk system in Vietnam writes times. */
function isoLocal(ms: number): string {
  const local = ms + OFFSET_MS;
  const [year, month, day] = civilFromDays(Math.floor(local / DAY_MS));
  const seconds = Math.floor((local % DAY_MS) / 1000);
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}+07:00`;
}

/** The columns of `dossiers` a raw load writes, in the order of `rowOf`. */
export const DOSSIER_COLUMNS = [
  'unitId', 'code', 'procedureCode', 'procedureName', 'field', 'channel', 'status', 'receivedAt', 'dueAt', 'dueOn', 'dueAtComputed',
  'resolvedAt', 'extendedDueAt', 'withdrawnAt', 'sourceUpdatedAt', 'receivedOn', 'settledOn', 'withdrawnOn', 'timeliness',
  'contentHash', 'createdAt', 'updatedAt', 'returnedAt', ...FACT_FIELDS, ...SUPPLEMENT_COLUMNS,
] as const;

/**
 * The stored row of a record, as the service derives it on ingest (DossiersService's toRow):
 * the record is checked by the service's own checker (which also gives its content hash and the
 * §11 facts), the local dates come from localDateOf and the timeliness from classifySettled; the
 * summary of its supplement rounds is what supplementOf makes of its steps (none by default).
 * The row is "created" when the dossier last changed.
 */
export function rowOf(raw: Record<string, unknown>, unitId: number, now: Date, supplement: Supplement766 = NO_SUPPLEMENT): unknown[] {
  const check = checkRecord(raw, now);
  if (!check.ok) throw new Error(`generated record ${raw.code} is invalid: ${check.errors.join('; ')}`);
  const record: DossierRecord = check.record;
  const settled = isSettled(record.status as DossierStatus) && record.resolvedAt !== null;
  const changedAt = record.resolvedAt ?? record.withdrawnAt ?? record.receivedAt;
  return [
    unitId, record.code, record.procedureCode, record.procedureName, record.field, record.channel, record.status,
    record.receivedAt, record.dueAt, localDateOf(record.dueAt), record.dueAtComputed, record.resolvedAt, record.extendedDueAt,
    record.withdrawnAt, record.sourceUpdatedAt, localDateOf(record.receivedAt), settled ? localDateOf(record.resolvedAt!) : null,
    record.withdrawnAt ? localDateOf(record.withdrawnAt) : null, settled ? classifySettled(record.resolvedAt!, record.dueAt) : null,
    record.contentHash, changedAt, changedAt, record.returnedAt, ...FACT_FIELDS.map((name) => record[name]),
    supplement.supplementAt, supplement.supplementDoneAt, supplement.supplementAgainAt, supplement.supplementDueMoved,
  ];
}
