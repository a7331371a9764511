import { DomainError, Problems } from '../common/domain-error';
import { phrase, refusalIn } from './refusal-words';

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
