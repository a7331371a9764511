import { BadRequestException, ConflictException } from '@nestjs/common';
import { DomainError, Problems } from '../common/domain-error';
import { phrase } from '../i18n/refusal-words';
import { formErrors } from './work-pages.support';

describe('the errors a refused console form shows', () => {
  it('are a service refusal’s reasons in the console’s language, the English after them', () => {
    const problems = new Problems();
    problems.add('password: at least 10 characters', phrase('errors.passwords.tooShort', { min: 10 }));
    const sut = problems.refusal('invalid', 'the account was not created');
    expect(formErrors(sut, 'vi')).toEqual(['Mật khẩu phải có ít nhất 10 ký tự. (password: at least 10 characters)']);
    expect(formErrors(sut, 'en')).toEqual(['password: at least 10 characters']);
  });

  it('are the message when a refusal has no reasons', () => {
    const sut = new DomainError('conflict', 'an account for a@b.vn already exists', {}, { message: phrase('errors.accounts.exists', { email: 'a@b.vn' }) });
    expect(formErrors(sut, 'vi')).toEqual(['Đã có tài khoản cho a@b.vn. (an account for a@b.vn already exists)']);
  });

  it('are an HTTP exception’s as they always were, and none for a status the form does not show', () => {
    expect(formErrors(new BadRequestException({ message: 'x', errors: ['name: is required'] }), 'vi')).toEqual(['name: is required']);
    expect(formErrors(new ConflictException('taken'), 'vi', [400])).toBeNull();
    expect(formErrors(new DomainError('forbidden', 'no'), 'vi')).toBeNull();
  });
});
