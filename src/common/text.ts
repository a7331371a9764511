/**
 * The form in which Vietnamese headings and words are compared: accents, case, punctuation and
 * spacing vary between exporting systems ("Mã hồ sơ", "MÃ HỒ SƠ", "Ma ho so (*)", NFC or NFD),
 * the words do not. NFD, combining marks stripped, đ → d, lower case, every run of other
 * characters → one space, trimmed: "Ngày  tiếp nhận (*)" → "ngay tiep nhan". "Ð" (U+00D0), which
 * text converted from the old TCVN3 fonts often has in place of "Đ", is a d too.
 */
export function plainText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐðÐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
