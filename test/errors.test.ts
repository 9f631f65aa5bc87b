import { ConvexError } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { isOrmError, OrmError, TransactionRollbackError } from '../src/errors';

describe('OrmError', () => {
  it('is a ConvexError whose data carries code, message, table and details to clients', () => {
    const error = new OrmError('UNIQUE_VIOLATION', 'users.email "a@x" already exists', {
      table: 'users',
      details: { column: 'email' },
    });
    expect(error).toBeInstanceOf(ConvexError);
    expect(error.message).toBe('users.email "a@x" already exists');
    expect(error.data).toEqual({
      code: 'UNIQUE_VIOLATION',
      message: 'users.email "a@x" already exists',
      table: 'users',
      details: { column: 'email' },
    });
    expect([error.code, error.table, error.name]).toEqual(['UNIQUE_VIOLATION', 'users', 'OrmError']);
  });

  it('omits absent optional fields from data', () => {
    expect(new OrmError('NOT_FOUND', 'missing').data).toEqual({ code: 'NOT_FOUND', message: 'missing' });
  });

  it('isOrmError narrows by code', () => {
    const error = new OrmError('VALIDATION', 'bad');
    expect(isOrmError(error)).toBe(true);
    expect(isOrmError(error, 'VALIDATION')).toBe(true);
    expect(isOrmError(error, 'NOT_FOUND')).toBe(false);
    expect(isOrmError(new Error('x'))).toBe(false);
  });

  it('TransactionRollbackError is an OrmError with its own code', () => {
    const error = new TransactionRollbackError();
    expect(isOrmError(error, 'TRANSACTION_ROLLBACK')).toBe(true);
    expect(error.message).toBe('Rollback');
    expect(error.name).toBe('TransactionRollbackError');
  });
});
