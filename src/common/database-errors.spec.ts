import { QueryFailedError } from 'typeorm';
import { databaseErrorReason, isDatabaseUnavailable } from './database-errors';

const mysqlError = (message: string, props: Record<string, unknown>) => Object.assign(new Error(message), props);

describe('isDatabaseUnavailable', () => {
  it.each`
    error                                                                                                      | expected | why
    ${mysqlError('connect ECONNREFUSED 127.0.0.1:3306', { code: 'ECONNREFUSED', errno: -111 })}                | ${true}  | ${'server stopped: nothing listens'}
    ${mysqlError('Connection lost: The server closed the connection.', { code: 'PROTOCOL_CONNECTION_LOST', fatal: true })} | ${true} | ${'server killed under a pooled connection'}
    ${mysqlError('Server shutdown in progress', { code: 'ER_SERVER_SHUTDOWN', errno: 1053 })}                  | ${true}  | ${'server stopping'}
    ${mysqlError('Connection was killed', { code: 'ER_CONNECTION_KILLED', errno: 1927 })}                      | ${true}  | ${'MariaDB kills connections on shutdown'}
    ${mysqlError('connect ETIMEDOUT', { code: 'ETIMEDOUT' })}                                                  | ${true}  | ${'host unreachable, connect timeout'}
    ${mysqlError('Too many connections', { code: 'ER_CON_COUNT_ERROR', errno: 1040 })}                         | ${true}  | ${'server full'}
    ${mysqlError("Can't add new command when connection is in closed state", { fatal: true })}                 | ${true}  | ${'a connection already known dead (no code)'}
    ${mysqlError('Lost connection', { errno: 2013 })}                                                          | ${true}  | ${'only the error number'}
    ${new QueryFailedError('SELECT 1', [], mysqlError('connect ECONNREFUSED', { code: 'ECONNREFUSED' }))}      | ${true}  | ${'TypeORM wrapper with the driver error'}
    ${new Error('transaction failed', { cause: mysqlError('x', { code: 'PROTOCOL_CONNECTION_LOST' }) })}       | ${true}  | ${'wrapped as cause'}
    ${mysqlError("Duplicate entry 'a' for key 'uq'", { code: 'ER_DUP_ENTRY', errno: 1062 })}                   | ${false} | ${'a real query error'}
    ${mysqlError('You have an error in your SQL syntax', { code: 'ER_PARSE_ERROR', errno: 1064 })}             | ${false} | ${'a bug, not an outage'}
    ${new QueryFailedError('SELECT', [], mysqlError('Deadlock found', { code: 'ER_LOCK_DEADLOCK' }))}          | ${false} | ${'contention, not an outage'}
    ${new Error('unit "x" does not exist')}                                                                    | ${false} | ${'application error'}
    ${'ECONNREFUSED'}                                                                                          | ${false} | ${'not an error object'}
    ${null}                                                                                                    | ${false} | ${'nothing'}
  `('$why → $expected', ({ error, expected }) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });

  it('names the code in logs, through wrappers', () => {
    expect(databaseErrorReason(new QueryFailedError('SELECT 1', [], mysqlError('x', { code: 'ER_SERVER_SHUTDOWN' })))).toBe('ER_SERVER_SHUTDOWN');
  });
});
