import { describe, expect, it } from 'vitest';
import { ConflictError, StoreUnavailableError } from './store.ts';
import { isDatabaseUnavailable, toStoreError } from './store-errors.ts';

const withCode = (message: string, code: string, extra: object = {}) => Object.assign(new Error(message), { code, ...extra });

describe('store errors', () => {
  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['refused on every address', new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], '')],
    ['terminated backend', withCode('terminating connection due to administrator command', '57P01')],
    ['database cut off', withCode('database "x" is not currently accepting connections', '55000')],
    ['dropped socket', new Error('Connection terminated unexpectedly')],
    ['connect timeout', new Error('Connection terminated due to connection timeout')],
    ['pool timeout', Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' })],
    ['wrapped cause', new Error('query failed', { cause: withCode('read ECONNRESET', 'ECONNRESET') })],
  ])('treats %s as unavailable', (_label, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    const mapped = toStoreError(err);
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect((mapped as Error).cause).toBe(err);
  });

  it('maps a duplicate e-mail to ConflictError and leaves other errors alone', () => {
    expect(toStoreError(withCode('duplicate key', '23505', { constraint: 'users_email_unique' }))).toBeInstanceOf(ConflictError);
    const otherUnique = withCode('duplicate key', '23505', { constraint: 'bots_pkey' });
    expect(toStoreError(otherUnique)).toBe(otherUnique);
    const syntax = withCode('syntax error at or near "x"', '42601');
    expect(toStoreError(syntax)).toBe(syntax);
  });
});
