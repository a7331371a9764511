import type { LocalDate } from '../common/local-time';

/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically at UTC+7.
 *
 * Method (the one Hồ Ngọc Đức popularised for the Vietnamese calendar, written here from the
 * published formulas):
 * - the true new moons come from Jean Meeus, "Astronomical Algorithms" (2nd ed.), ch. 49, with
 *   the periodic and planetary terms, converted from dynamical time to UT with the
 *   Espenak–Meeus polynomials for ΔT;
 * - the sun's apparent longitude comes from Meeus ch. 25 (the low-accuracy series, ~0.01°);
 * - a lunar month starts on the local day (UTC+7) of a new moon;
 * - month 11 is the month that contains the December solstice (sun at 270°);
 * - when 13 months lie between two months 11, the first of them (after month 11) in which the
 *   sun enters no new 30° sign (no "trung khí") is the leap month and repeats the previous
 *   month's number.
 *
 * UTC+7 rather than the Chinese calendar's UTC+8 is why Vietnam's Tết differs from China's in
 * some years (Tết 2007: 17/2 in Vietnam, 18/2 in China). Before 1968 Vietnam's almanacs still
 * used UTC+8; this module applies UTC+7 to every year it accepts (1900–2199).
 */

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

const TIME_ZONE_DAYS = 7 / 24;
const SYNODIC_MONTH = 29.530588861;
/** JDE of the mean new moon k = 0 (6 January 2000), Meeus (49.1). */
const NEW_MOON_EPOCH = 2451550.09766;
const JDN_OF_UNIX_EPOCH = 2440588;
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

const DEG = Math.PI / 180;
const sin = (degrees: number): number => Math.sin(degrees * DEG);

/** ΔT = TT − UT in seconds (Espenak & Meeus polynomial fits). */
function deltaTSeconds(year: number): number {
  if (year >= 1900 && year < 1920) {
    const t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (year >= 1920 && year < 1941) {
    const t = year - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (year >= 1941 && year < 1961) {
    const t = year - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (year >= 1961 && year < 1986) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (year >= 1986 && year < 2005) {
    const t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (year >= 2005 && year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (year - 1820) / 100;
  if (year >= 2050 && year < 2150) return -20 + 32 * u ** 2 - 0.5628 * (2150 - year);
  return -20 + 32 * u ** 2;
}

function deltaTDays(julianDay: number): number {
  return deltaTSeconds(2000 + (julianDay - 2451545) / 365.25) / 86400;
}

/** Julian Ephemeris Day of the true new moon of lunation k (k = 0: January 2000), Meeus ch. 49. */
function newMoonJde(k: number): number {
  const t = k / 1236.85;
  const jde = NEW_MOON_EPOCH + SYNODIC_MONTH * k + 0.00015437 * t ** 2 - 0.00000015 * t ** 3 + 0.00000000073 * t ** 4;
  const e = 1 - 0.002516 * t - 0.0000074 * t ** 2;
  const m = 2.5534 + 29.1053567 * k - 0.0000014 * t ** 2 - 0.00000011 * t ** 3;
  const mm = 201.5643 + 385.81693528 * k + 0.0107582 * t ** 2 + 0.00001238 * t ** 3 - 0.000000058 * t ** 4;
  const f = 160.7108 + 390.67050284 * k - 0.0016118 * t ** 2 - 0.00000227 * t ** 3 + 0.000000011 * t ** 4;
  const omega = 124.7746 - 1.56375588 * k + 0.0020672 * t ** 2 + 0.00000215 * t ** 3;

  const periodic =
    -0.4072 * sin(mm) +
    0.17241 * e * sin(m) +
    0.01608 * sin(2 * mm) +
    0.01039 * sin(2 * f) +
    0.00739 * e * sin(mm - m) -
    0.00514 * e * sin(mm + m) +
    0.00208 * e * e * sin(2 * m) -
    0.00111 * sin(mm - 2 * f) -
    0.00057 * sin(mm + 2 * f) +
    0.00056 * e * sin(2 * mm + m) -
    0.00042 * sin(3 * mm) +
    0.00042 * e * sin(m + 2 * f) +
    0.00038 * e * sin(m - 2 * f) -
    0.00024 * e * sin(2 * mm - m) -
    0.00017 * sin(omega) -
    0.00007 * sin(mm + 2 * m) +
    0.00004 * sin(2 * mm - 2 * f) +
    0.00004 * sin(3 * m) +
    0.00003 * sin(mm + m - 2 * f) +
    0.00003 * sin(2 * mm + 2 * f) -
    0.00003 * sin(mm + m + 2 * f) +
    0.00003 * sin(mm - m + 2 * f) -
    0.00002 * sin(mm - m - 2 * f) -
    0.00002 * sin(3 * mm + m) +
    0.00002 * sin(4 * mm);

  const planetary: ReadonlyArray<[number, number, number, number]> = [
    // [coefficient, A at k = 0, A per lunation, T² term]
    [0.000325, 299.77, 0.107408, -0.009173],
    [0.000165, 251.88, 0.016321, 0],
    [0.000164, 251.83, 26.651886, 0],
    [0.000126, 349.42, 36.412478, 0],
    [0.00011, 84.66, 18.206239, 0],
    [0.000062, 141.74, 53.303771, 0],
    [0.00006, 207.14, 2.453732, 0],
    [0.000056, 154.84, 7.30686, 0],
    [0.000047, 34.52, 27.261239, 0],
    [0.000042, 207.19, 0.121824, 0],
    [0.00004, 291.34, 1.844379, 0],
    [0.000037, 161.72, 24.198154, 0],
    [0.000035, 239.56, 25.513099, 0],
    [0.000023, 331.55, 3.592518, 0],
  ];
  let additional = 0;
  for (const [coefficient, a0, perK, perT2] of planetary) additional += coefficient * sin(a0 + perK * k + perT2 * t ** 2);

  return jde + periodic + additional;
}

/** The sun's apparent longitude in degrees [0, 360) at a Julian Ephemeris Day, Meeus ch. 25. */
function sunLongitude(jde: number): number {
  const t = (jde - 2451545) / 36525;
  const l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t ** 2;
  const m = 357.52911 + 35999.05029 * t - 0.0001537 * t ** 2;
  const center =
    (1.914602 - 0.004817 * t - 0.000014 * t ** 2) * sin(m) + (0.019993 - 0.000101 * t) * sin(2 * m) + 0.000289 * sin(3 * m);
  const omega = 125.04 - 1934.136 * t;
  const apparent = l0 + center - 0.00569 - 0.00478 * sin(omega);
  return ((apparent % 360) + 360) % 360;
}

const newMoonDayCache = new Map<number, number>();
/** The local (UTC+7) day number (Julian Day Number) on which lunation k's new moon falls. */
function newMoonDay(k: number): number {
  let day = newMoonDayCache.get(k);
  if (day === undefined) {
    const jde = newMoonJde(k);
    const ut = jde - deltaTDays(jde);
    day = Math.floor(ut + 0.5 + TIME_ZONE_DAYS);
    newMoonDayCache.set(k, day);
  }
  return day;
}

/** The 30° sign (0–11) the sun is in at local midnight starting day `jdn`. */
function sunSectorAtStartOf(jdn: number): number {
  const ut = jdn - 0.5 - TIME_ZONE_DAYS;
  return Math.floor(sunLongitude(ut + deltaTDays(ut)) / 30);
}

/** The lunation k that starts month 11 of the Gregorian year `year` (it holds the December solstice). */
function month11Lunation(year: number): number {
  const dec31 = jdnOf(year, 12, 31);
  let k = Math.floor((dec31 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  while (newMoonDay(k + 1) <= dec31) k++;
  while (newMoonDay(k) > dec31) k--;
  // The last new moon of December: if the sun is already past 270° when its day starts, the
  // solstice fell in the month before.
  return sunSectorAtStartOf(newMoonDay(k)) >= 9 ? k - 1 : k;
}

interface LunarMonth {
  start: number;
  /** Days in the month, 29 or 30. */
  length: number;
  month: number;
  year: number;
  leap: boolean;
}

const monthsCache = new Map<number, readonly LunarMonth[]>();
/**
 * The months from month 11 of lunar year `year - 1` up to (not including) month 11 of `year`:
 * 12 months, or 13 with a leap month.
 */
function monthsBetweenSolstices(year: number): readonly LunarMonth[] {
  const cached = monthsCache.get(year);
  if (cached) return cached;
  const first = month11Lunation(year - 1);
  const count = month11Lunation(year) - first;
  let leapOffset = -1;
  if (count === 13) {
    for (let i = 1; i <= 12 && leapOffset < 0; i++) {
      if (sunSectorAtStartOf(newMoonDay(first + i)) === sunSectorAtStartOf(newMoonDay(first + i + 1))) leapOffset = i;
    }
    if (leapOffset < 0) throw new Error(`No month without a major solar term between the solstices of ${year - 1} and ${year}`);
  } else if (count !== 12) {
    throw new Error(`Unexpected ${count} lunar months between the solstices of ${year - 1} and ${year}`);
  }
  const months: LunarMonth[] = [];
  let month = 10;
  let lunarYear = year - 1;
  for (let i = 0; i < count; i++) {
    const leap = i === leapOffset;
    if (!leap) month = (month % 12) + 1;
    if (month === 1 && !leap) lunarYear = year;
    const start = newMoonDay(first + i);
    months.push({ start, length: newMoonDay(first + i + 1) - start, month, year: lunarYear, leap });
  }
  monthsCache.set(year, months);
  return months;
}

function jdnOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000) + JDN_OF_UNIX_EPOCH;
}

function localDateOfJdn(jdn: number): LocalDate {
  return new Date((jdn - JDN_OF_UNIX_EPOCH) * 86_400_000).toISOString().slice(0, 10);
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`The lunar calendar is computed for the years ${MIN_YEAR}–${MAX_YEAR} (got ${year})`);
  }
}

/** The solar date of a lunar date; a RangeError for a lunar date that does not exist. */
export function lunarToSolar(day: number, month: number, year: number, leap = false): LocalDate {
  checkYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Lunar month must be 1–12 (got ${month})`);
  if (!Number.isInteger(day) || day < 1 || day > 30) throw new RangeError(`Lunar day must be 1–30 (got ${day})`);
  // Months 11 and 12 (and a leap 11 or 12) of `year` lie after its December solstice.
  const months = monthsBetweenSolstices(month >= 11 ? year + 1 : year);
  const found = months.find((m) => m.month === month && m.leap === leap && m.year === year);
  if (!found) throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
  if (day > found.length) {
    throw new RangeError(`${leap ? 'Leap month' : 'Month'} ${month} of lunar year ${year} has only ${found.length} days`);
  }
  return localDateOfJdn(found.start + day - 1);
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The lunar date of a solar (Gregorian) local date. */
export function solarToLunar(date: LocalDate): LunarDate {
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new RangeError(`"${date}" is not a YYYY-MM-DD date`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const jdn = jdnOf(year, month, day);
  if (localDateOfJdn(jdn) !== date) throw new RangeError(`"${date}" is not a real calendar date`);
  checkYear(year);
  // The months up to this year's month 11, or those after it.
  let months = monthsBetweenSolstices(year);
  if (jdn >= months[months.length - 1].start + months[months.length - 1].length) months = monthsBetweenSolstices(year + 1);
  let current = months[0];
  for (const m of months) if (m.start <= jdn) current = m;
  return { day: jdn - current.start + 1, month: current.month, year: current.year, leap: current.leap };
}

/** Mùng 1 tháng Giêng (the first day of Tết) of lunar year `year`. */
export function lunarNewYear(year: number): LocalDate {
  return lunarToSolar(1, 1, year);
}

/** Giao thừa: the last day of the lunar year before `year`, the day before its Tết. */
export function lunarNewYearsEve(year: number): LocalDate {
  return localDateOfJdn(jdnOf(...ymd(lunarNewYear(year))) - 1);
}

function ymd(date: LocalDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}
