import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { exitCodeOf, reasonOf } from './failure';

describe('the command line on a failure', () => {
  it.each`
    scenario                                   | error                                                                                           | reason
    ${'a refusal'}                             | ${new DomainError('not-found', 'unit "xa-z" does not exist')}                                   | ${'unit "xa-z" does not exist'}
    ${'a refusal with a list of problems'}     | ${new DomainError('invalid', 'the account was not created', { errors: ['email: …', 'role: …'] })} | ${'email: …\nrole: …'}
    ${'an HTTP exception with a message'}      | ${new NotFoundException('unit "xa-z" does not exist')}                                          | ${'unit "xa-z" does not exist'}
    ${'an HTTP exception with problems'}       | ${new BadRequestException({ message: 'the account was not created', errors: ['email: …'] })}    | ${'email: …'}
    ${'an HTTP exception with an answer'}      | ${new ConflictException('an account for a@b.gov.vn already exists')}                            | ${'an account for a@b.gov.vn already exists'}
    ${'any other error'}                       | ${new Error('ENOENT: no such file or directory')}                                               | ${'ENOENT: no such file or directory'}
    ${'something thrown that is not an Error'} | ${'out of cheese'}                                                                              | ${'out of cheese'}
  `('says why on $scenario, and exits 2 (the command could not run)', ({ error, reason }) => {
    expect({ reason: reasonOf(error), code: exitCodeOf(error) }).toEqual({ reason, code: 2 });
  });
});
