import { DomainError, Problems } from '../common/domain-error';
import { ERRORS_VI } from './errors.vi';
import { lookup } from './i18n';
import { TextField, datePhrase, linesIn, phrase, refusalIn, textPhrase } from './refusal-words';

describe('a refusal on a console page', () => {
  const problems = new Problems();
  problems.add('recipients[1]: "x" is not an e-mail address', phrase('errors.subscriptions.recipientNotAddress', { value: '"x"' }));
  problems.add('sendDay: must be a whole number of days from 1 to 28');
  const sut = problems.refusal('invalid', 'the subscription was not saved', phrase('errors.subscriptions.notSaved'));

  it('keeps the English of the API for the API', () => {
    expect([sut.message, sut.details]).toEqual(['the subscription was not saved', { errors: ['recipients[1]: "x" is not an e-mail address', 'sendDay: must be a whole number of days from 1 to 28'] }]);
  });

  it('shows an English page the English of the API, line for line', () => {
    expect(refusalIn('en', sut)).toEqual({ message: 'the subscription was not saved', errors: sut.details.errors });
  });

  it('shows a Vietnamese page its words, the English after them, and a line without words as it is', () => {
    expect(refusalIn('vi', sut)).toEqual({
      message: 'Chưa lưu được báo cáo định kỳ. (the subscription was not saved)',
      errors: ['Người nhận "x" không phải là một địa chỉ thư điện tử. (recipients[1]: "x" is not an e-mail address)', 'sendDay: must be a whole number of days from 1 to 28'],
    });
  });

  it('shows a refusal without words in English', () => {
    expect(refusalIn('vi', new DomainError('invalid', 'name: is too long'))).toEqual({ message: 'name: is too long', errors: undefined });
  });
});

describe('the words of a check made where its line is made', () => {
  it('says a text that is not valid UTF-8 by its field, the place as the English counts it', () => {
    const problems = new Problems();
    problems.add('email: is not valid UTF-8 text (U+FFFD, left where bytes were not UTF-8, at character 3)', textPhrase('email', 'ab\uFFFDc@x.vn'));
    problems.add('recipients[1]: is not valid UTF-8 text (a lone surrogate U+D800 at character 2)', textPhrase('recipient', 'a\ud800', { n: 2 }));
    expect(linesIn('vi', problems)).toEqual([
      'Thư điện tử không phải văn bản UTF-8 hợp lệ: có ký tự lỗi ở vị trí thứ 3. (email: is not valid UTF-8 text (U+FFFD, left where bytes were not UTF-8, at character 3))',
      'Địa chỉ người nhận thứ 2 không phải văn bản UTF-8 hợp lệ: có ký tự lỗi ở vị trí thứ 2. (recipients[1]: is not valid UTF-8 text (a lone surrogate U+D800 at character 2))',
    ]);
    expect(linesIn('en', problems)).toEqual(problems.lines);
    expect(textPhrase('email', 'can-bo@xa-a.gov.vn')).toBeUndefined();
  });

  it('says a date that is not one, or is outside the range, by its field', () => {
    const notADate = new DomainError('invalid', 'date: "2025-02-30" is not a date YYYY-MM-DD', {}, { message: datePhrase('date', '2025-02-30') });
    expect(refusalIn('vi', notADate).message).toBe('Ngày "2025-02-30" không phải là ngày hợp lệ (viết theo dạng YYYY-MM-DD, ví dụ 2025-06-20). (date: "2025-02-30" is not a date YYYY-MM-DD)');
    expect(refusalIn('en', notADate).message).toBe('date: "2025-02-30" is not a date YYYY-MM-DD');
    expect(datePhrase('to', '2300-01-01')).toEqual({ key: 'errors.dates.to.outOfRange', values: { value: '2300-01-01' } });
    expect(datePhrase('from', '2025-06-01')).toBeUndefined();
  });

  it('has a sentence for every field a text or date line can name', () => {
    for (const field of Object.keys(ERRORS_VI.text) as TextField[]) expect([field, lookup('vi', textPhrase(field, '\uFFFD')!.key)]).toEqual([field, expect.any(String)]);
    for (const field of ['date', 'from', 'to'] as const) {
      for (const value of ['x', '1899-12-31']) expect([field, value, lookup('vi', datePhrase(field, value)!.key)]).toEqual([field, value, expect.any(String)]);
    }
  });
});
