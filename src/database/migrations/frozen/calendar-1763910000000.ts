/**
 * What the calendar migration ran, frozen when it was written: the national calendar it seeded
 * for 2020–2030 (from calendar/vietnam-holidays.ts and calendar/lunar.ts as they then stood),
 * row for row in the order it inserted them, and the local date of an instant it wrote into
 * `dueOn`. The live rules may learn new swaps or correct a year; a database migrated today
 * still starts from this seed, and admins' later entries (or a new migration) carry the rest.
 * Do not edit.
 */

export interface SeededDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

/** `YYYY-MM-DD` of an instant in Vietnam's time (UTC+7, no daylight saving since 1975). */
export function localDateOf(instant: Date): string {
  const [year, month, day] = civilFromDays(Math.floor((instant.getTime() + 7 * 60 * 60_000) / 86_400_000));
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** The [year, month, day] of a count of days since 1970-01-01 (H. Hinnant's civil_from_days). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const SEED: readonly (readonly [string, SeededDay['kind'], string])[] = [
  ['2020-01-01', 'holiday', 'Tết Dương lịch'],
  ['2020-01-23', 'holiday', 'Nghỉ bù Tết Nguyên Đán (mùng 1)'],
  ['2020-01-24', 'holiday', 'Tết Nguyên Đán (giao thừa)'],
  ['2020-01-25', 'holiday', 'Tết Nguyên Đán (mùng 1)'],
  ['2020-01-26', 'holiday', 'Tết Nguyên Đán (mùng 2)'],
  ['2020-01-27', 'holiday', 'Tết Nguyên Đán (mùng 3)'],
  ['2020-01-28', 'holiday', 'Tết Nguyên Đán (mùng 4)'],
  ['2020-01-29', 'holiday', 'Nghỉ bù Tết Nguyên Đán (mùng 2)'],
  ['2020-04-02', 'holiday', 'Giỗ Tổ Hùng Vương'],
  ['2020-04-30', 'holiday', 'Ngày Chiến thắng'],
  ['2020-05-01', 'holiday', 'Ngày Quốc tế Lao động'],
  ['2020-09-02', 'holiday', 'Quốc khánh'],
  ['2021-01-01', 'holiday', 'Tết Dương lịch'],
  ['2021-02-10', 'holiday', 'Nghỉ bù Tết Nguyên Đán (mùng 2)'],
  ['2021-02-11', 'holiday', 'Tết Nguyên Đán (giao thừa)'],
  ['2021-02-12', 'holiday', 'Tết Nguyên Đán (mùng 1)'],
  ['2021-02-13', 'holiday', 'Tết Nguyên Đán (mùng 2)'],
  ['2021-02-14', 'holiday', 'Tết Nguyên Đán (mùng 3)'],
  ['2021-02-15', 'holiday', 'Tết Nguyên Đán (mùng 4)'],
  ['2021-02-16', 'holiday', 'Nghỉ bù Tết Nguyên Đán (mùng 3)'],
  ['2021-04-21', 'holiday', 'Giỗ Tổ Hùng Vương'],
  ['2021-04-30', 'holiday', 'Ngày Chiến thắng'],
  ['2021-05-01', 'holiday', 'Ngày Quốc tế Lao động'],
  ['2021-05-03', 'holiday', 'Nghỉ bù Ngày Quốc tế Lao động'],
  ['2021-09-02', 'holiday', 'Quốc khánh'],
  ['2021-09-03', 'holiday', 'Quốc khánh (ngày liền kề)'],
  ['2022-01-01', 'holiday', 'Tết Dương lịch'],
  ['2022-01-03', 'holiday', 'Nghỉ bù Tết Dương lịch'],
  ['2022-01-31', 'holiday', 'Tết Nguyên Đán (giao thừa)'],
  ['2022-02-01', 'holiday', 'Tết Nguyên Đán (mùng 1)'],
  ['2022-02-02', 'holiday', 'Tết Nguyên Đán (mùng 2)'],
  ['2022-02-03', 'holiday', 'Tết Nguyên Đán (mùng 3)'],
  ['2022-02-04', 'holiday', 'Tết Nguyên Đán (mùng 4)'],
  ['2022-04-10', 'holiday', 'Giỗ Tổ Hùng Vương'],
  ['2022-04-11', 'holiday', 'Nghỉ bù Giỗ Tổ Hùng Vương'],
  ['2022-04-30', 'holiday', 'Ngày Chiến thắng'],
  ['2022-05-01', 'holiday', 'Ngày Quốc tế Lao động'],
  ['2022-05-02', 'holiday', 'Nghỉ bù Ngày Chiến thắng'],
  ['2022-05-03', 'holiday', 'Nghỉ bù Ngày Quốc tế Lao động'],
  ['2022-09-01', 'holiday', 'Quốc khánh (ngày liền kề)'],
  ['2022-09-02', 'holiday', 'Quốc khánh'],
  ['2023-01-01', 'holiday', 'Tết Dương lịch'],
  ['2023-01-02', 'holiday', 'Nghỉ bù Tết Dương lịch'],
  ['2023-01-20', 'holiday', 'Nghỉ bù Tết Nguyên Đán (giao thừa)'],
  ['2023-01-21', 'holiday', 'Tết Nguyên Đán (giao thừa)'],
  ['2023-01-22', 'holiday', 'Tết Nguyên Đán (mùng 1)'],
  ['2023-01-23', 'holiday', 'Tết Nguyên Đán (mùng 2)'],
  ['2023-01-24', 'holiday', 'Tết Nguyên Đán (mùng 3)'],
  ['2023-01-25', 'holiday', 'Tết Nguyên Đán (mùng 4)'],
  ['2023-01-26', 'holiday', 'Nghỉ bù Tết Nguyên Đán (mùng 1)'],
  ['2023-04-29', 'holiday', 'Giỗ Tổ Hùng Vương'],
  ['2023-04-30', 'holiday', 'Ngày Chiến thắng'],
  ['2023-05-01', 'holiday', 'Ngày Quốc tế Lao động'],
  ['2023-05-02', 'holiday', 'Nghỉ bù Giỗ Tổ Hùng Vương'],
  ['2023-05-03', 'holiday', 'Nghỉ bù Ngày Chiến thắng'],
  ['2023-09-01', 'holiday', 'Quốc khánh (ngày liền kề)'],
  ['2023-09-02', 'holiday', 'Quốc khánh'],
  ['2023-09-04', 'holiday', 'Nghỉ bù Quốc khánh'],
  ['2024-01-01', 'holiday', 'Tết Dương lịch'],
  ['2024-02-08', 'holiday', 'Nghỉ bù Tết Nguyên Đán (mùng 1)'],
  ['2024-02-09', 'holiday', 'Tết Nguyên Đán (giao thừa)'],
  ['2024-02-10', 'holiday', 'Tết Nguyên Đán (mùng 1)'],
  ['2024-02-11', 'holiday', 'Tết Nguyên Đán (mùng 2)'],
  ['2024-02-12', 'holiday', 'Tết Nguyên Đán (mùng 3)'],
  ['2024-02-13', 'holiday', 'Tết Nguyên Đán (mùng 4)'],
  ['2024-02-14', 'holiday', 'Nghỉ bù Tết Nguyên Đán (mùng 2)'],
  ['2024-04-18', 'holiday', 'Giỗ Tổ Hùng Vương'],
  ['2024-04-29', 'holiday', 'Nghỉ hoán đổi (làm bù thứ Bảy 4/5)'],
  ['2024-04-30', 'holiday', 'Ngày Chiến thắng'],
  ['2024-05-01', 'holiday', 'Ngày Quốc tế Lao động'],
  ['2024-05-04', 'workday', 'Làm bù cho thứ Hai 29/4'],
  ['2024-09-02', 'holiday', 'Quốc khánh'],
  ['2024-09-03', 'holiday', 'Quốc khánh (ngày liền kề)'],
  ['2025-01-01', 'holiday', 'Tết Dương lịch'],
  ['2025-01-27', 'holiday', 'Nghỉ bù Tết Nguyên Đán (mùng 4)'],
  ['2025-01-28', 'holiday', 'Tết Nguyên Đán (giao thừa)'],
  ['2025-01-29', 'holiday', 'Tết Nguyên Đán (mùng 1)'],
  ['2025-01-30', 'holiday', 'Tết Nguyên Đán (mùng 2)'],
  ['2025-01-31', 'holiday', 'Tết Nguyên Đán (mùng 3)'],
  ['2025-02-01', 'holiday', 'Tết Nguyên Đán (mùng 4)'],
  ['2025-04-07', 'holiday', 'Giỗ Tổ Hùng Vương'],
  ['2025-04-26', 'workday', 'Làm bù cho thứ Sáu 2/5'],
  ['2025-04-30', 'holiday', 'Ngày Chiến thắng'],
  ['2025-05-01', 'holiday', 'Ngày Quốc tế Lao động'],
  ['2025-05-02', 'holiday', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4)'],
  ['2025-09-01', 'holiday', 'Quốc khánh (ngày liền kề)'],
  ['2025-09-02', 'holiday', 'Quốc khánh'],
  ['2026-01-01', 'holiday', 'Tết Dương lịch'],
  ['2026-02-16', 'holiday', 'Tết Nguyên Đán (giao thừa)'],
  ['2026-02-17', 'holiday', 'Tết Nguyên Đán (mùng 1)'],
  ['2026-02-18', 'holiday', 'Tết Nguyên Đán (mùng 2)'],
  ['2026-02-19', 'holiday', 'Tết Nguyên Đán (mùng 3)'],
  ['2026-02-20', 'holiday', 'Tết Nguyên Đán (mùng 4)'],
  ['2026-04-26', 'holiday', 'Giỗ Tổ Hùng Vương'],
  ['2026-04-27', 'holiday', 'Nghỉ bù Giỗ Tổ Hùng Vương'],
  ['2026-04-30', 'holiday', 'Ngày Chiến thắng'],
  ['2026-05-01', 'holiday', 'Ngày Quốc tế Lao động'],
  ['2026-09-02', 'holiday', 'Quốc khánh'],
  ['2026-09-03', 'holiday', 'Quốc khánh (ngày liền kề)'],
  ['2027-01-01', 'holiday', 'Tết Dương lịch'],
  ['2027-02-04', 'holiday', 'Nghỉ bù Tết Nguyên Đán (mùng 1)'],
  ['2027-02-05', 'holiday', 'Tết Nguyên Đán (giao thừa)'],
  ['2027-02-06', 'holiday', 'Tết Nguyên Đán (mùng 1)'],
  ['2027-02-07', 'holiday', 'Tết Nguyên Đán (mùng 2)'],
  ['2027-02-08', 'holiday', 'Tết Nguyên Đán (mùng 3)'],
  ['2027-02-09', 'holiday', 'Tết Nguyên Đán (mùng 4)'],
  ['2027-02-10', 'holiday', 'Nghỉ bù Tết Nguyên Đán (mùng 2)'],
  ['2027-04-16', 'holiday', 'Giỗ Tổ Hùng Vương'],
  ['2027-04-30', 'holiday', 'Ngày Chiến thắng'],
  ['2027-05-01', 'holiday', 'Ngày Quốc tế Lao động'],
  ['2027-05-03', 'holiday', 'Nghỉ bù Ngày Quốc tế Lao động'],
  ['2027-09-02', 'holiday', 'Quốc khánh'],
  ['2027-09-03', 'holiday', 'Quốc khánh (ngày liền kề)'],
  ['2028-01-01', 'holiday', 'Tết Dương lịch'],
  ['2028-01-03', 'holiday', 'Nghỉ bù Tết Dương lịch'],
  ['2028-01-24', 'holiday', 'Nghỉ bù Tết Nguyên Đán (mùng 4)'],
  ['2028-01-25', 'holiday', 'Tết Nguyên Đán (giao thừa)'],
  ['2028-01-26', 'holiday', 'Tết Nguyên Đán (mùng 1)'],
  ['2028-01-27', 'holiday', 'Tết Nguyên Đán (mùng 2)'],
  ['2028-01-28', 'holiday', 'Tết Nguyên Đán (mùng 3)'],
  ['2028-01-29', 'holiday', 'Tết Nguyên Đán (mùng 4)'],
  ['2028-04-04', 'holiday', 'Giỗ Tổ Hùng Vương'],
  ['2028-04-30', 'holiday', 'Ngày Chiến thắng'],
  ['2028-05-01', 'holiday', 'Ngày Quốc tế Lao động'],
  ['2028-05-02', 'holiday', 'Nghỉ bù Ngày Chiến thắng'],
  ['2028-09-01', 'holiday', 'Quốc khánh (ngày liền kề)'],
  ['2028-09-02', 'holiday', 'Quốc khánh'],
  ['2028-09-04', 'holiday', 'Nghỉ bù Quốc khánh'],
  ['2029-01-01', 'holiday', 'Tết Dương lịch'],
  ['2029-02-12', 'holiday', 'Tết Nguyên Đán (giao thừa)'],
  ['2029-02-13', 'holiday', 'Tết Nguyên Đán (mùng 1)'],
  ['2029-02-14', 'holiday', 'Tết Nguyên Đán (mùng 2)'],
  ['2029-02-15', 'holiday', 'Tết Nguyên Đán (mùng 3)'],
  ['2029-02-16', 'holiday', 'Tết Nguyên Đán (mùng 4)'],
  ['2029-04-23', 'holiday', 'Giỗ Tổ Hùng Vương'],
  ['2029-04-30', 'holiday', 'Ngày Chiến thắng'],
  ['2029-05-01', 'holiday', 'Ngày Quốc tế Lao động'],
  ['2029-09-02', 'holiday', 'Quốc khánh'],
  ['2029-09-03', 'holiday', 'Quốc khánh (ngày liền kề)'],
  ['2029-09-04', 'holiday', 'Nghỉ bù Quốc khánh'],
  ['2030-01-01', 'holiday', 'Tết Dương lịch'],
  ['2030-01-31', 'holiday', 'Nghỉ bù Tết Nguyên Đán (mùng 1)'],
  ['2030-02-01', 'holiday', 'Tết Nguyên Đán (giao thừa)'],
  ['2030-02-02', 'holiday', 'Tết Nguyên Đán (mùng 1)'],
  ['2030-02-03', 'holiday', 'Tết Nguyên Đán (mùng 2)'],
  ['2030-02-04', 'holiday', 'Tết Nguyên Đán (mùng 3)'],
  ['2030-02-05', 'holiday', 'Tết Nguyên Đán (mùng 4)'],
  ['2030-02-06', 'holiday', 'Nghỉ bù Tết Nguyên Đán (mùng 2)'],
  ['2030-04-12', 'holiday', 'Giỗ Tổ Hùng Vương'],
  ['2030-04-30', 'holiday', 'Ngày Chiến thắng'],
  ['2030-05-01', 'holiday', 'Ngày Quốc tế Lao động'],
  ['2030-09-02', 'holiday', 'Quốc khánh'],
  ['2030-09-03', 'holiday', 'Quốc khánh (ngày liền kề)'],
];

/** The national calendar seeded for 2020–2030, sorted by date. */
export function seededCalendarDays(): SeededDay[] {
  return SEED.map(([date, kind, name]) => ({ date, kind, name }));
}
