import { linesIn } from '../i18n/refusal-words';
import { checkProcedure, readProcedureCsv } from './procedure-input';

const good = { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', processingDays: 1 };

describe('checkProcedure', () => {
  it('accepts a catalogue entry', () => {
    expect(checkProcedure(good)).toEqual({ ok: true, procedure: good });
  });

  it.each`
    change                                 | expectedErrors
    ${{ name: 'Đăng ký \ud800khai sinh' }} | ${['name: is not valid UTF-8 text (a lone surrogate U+D800 at character 9)']}
    ${{ field: 'H\ufffd tịch' }}           | ${['field: is not valid UTF-8 text (U+FFFD, left where bytes were not UTF-8, at character 2)']}
    ${{ code: '1.0\udc00' }}               | ${['code: is not valid UTF-8 text (a lone surrogate U+DC00 at character 4)']}
    ${{ processingDays: 366 }}             | ${['processingDays: is required, a whole number of working days 0–365']}
    ${{ processingDays: '1e9' }}           | ${['processingDays: is required, a whole number of working days 0–365']}
  `('rejects $change', ({ change, expectedErrors }) => {
    const sut = checkProcedure({ ...good, ...change });
    expect(sut.ok ? [] : sut.errors).toEqual(expectedErrors);
  });

  it('names an entry whose code is not valid by a capped, visible form of it', () => {
    const sut = checkProcedure({ ...good, code: 'P'.repeat(70_000) });
    expect(sut.ok ? null : sut.code).toBe(`${'P'.repeat(60)}…(70000 characters)`);
    const lone = checkProcedure({ ...good, code: '1.0\ud800' });
    expect(lone.ok ? null : lone.code).toBe('1.0\\uD800');
  });
});

describe('a refused catalogue entry on a console page', () => {
  it('says each line in Vietnamese, the English after it, and in English as the API does', () => {
    const sut = checkProcedure({ ...good, name: '', processingDays: 'mot' });
    if (sut.ok) throw new Error('the entry should be refused');
    expect(linesIn('vi', sut.problems)).toEqual([
      'Tên thủ tục là bắt buộc, dài từ 1 đến 500 ký tự. (name: is required, 1–500 characters)',
      'Số ngày giải quyết là bắt buộc: một số nguyên ngày làm việc từ 0 đến 365. (processingDays: is required, a whole number of working days 0–365)',
    ]);
    expect(linesIn('en', sut.problems)).toEqual(sut.errors);
  });
});

describe('readProcedureCsv', () => {
  it('names the headings it found, each capped', () => {
    const sut = readProcedureCsv(`${'H'.repeat(10_000)},Tên thủ tục\r\nx,y\r\n`);
    expect(sut.errors).toEqual([`header: no column for code, processingDays (found: ${'H'.repeat(60)}…(10000 characters), Tên thủ tục)`]);
  });
});
