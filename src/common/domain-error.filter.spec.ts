import { BadRequestException, ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { DomainError } from './domain-error';
import { asHttpException, httpExceptionOf } from './domain-error.filter';

describe('a refusal over HTTP', () => {
  it('answers as the exception made from its message would', () => {
    const sut = httpExceptionOf(new DomainError('conflict', 'unit "X" already exists'));
    const before = new ConflictException('unit "X" already exists');
    expect([sut.getStatus(), sut.getResponse()]).toEqual([before.getStatus(), before.getResponse()]);
    expect(sut.getResponse()).toEqual({ statusCode: 409, message: 'unit "X" already exists', error: 'Conflict' });
  });

  it('answers as the exception made from an object would, when it has details', () => {
    const sut = httpExceptionOf(new DomainError('invalid', 'the account was not created', { errors: ['email: is required'] }));
    const before = new BadRequestException({ message: 'the account was not created', errors: ['email: is required'] });
    expect([sut.getStatus(), JSON.stringify(sut.getResponse())]).toEqual([before.getStatus(), JSON.stringify(before.getResponse())]);
  });

  it.each([
    ['invalid', 400],
    ['not-found', 404],
    ['conflict', 409],
    ['forbidden', 403],
    ['too-large', 413],
    ['unprocessable', 422],
    ['busy', 503],
  ] as const)('maps %s to %i', (refusal, status) => {
    expect(httpExceptionOf(new DomainError(refusal, 'no')).getStatus()).toBe(status);
  });

  it('leaves anything else as it is', () => {
    const other = new UnprocessableEntityException('x');
    expect(asHttpException(other)).toBe(other);
  });
});
