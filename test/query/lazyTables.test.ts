import { describe, expect, it } from 'vitest';
import { lazyTables } from '../../src/query/lazyTables';

describe('lazyTables', () => {
  it('makes a table’s value on first read only, keeps it, and knows every key before', () => {
    const Tables = lazyTables<{ key: string }>(['users', 'posts']);
    const made: string[] = [];
    const tables = new Tables((key) => {
      made.push(key);
      return { key };
    });
    expect('users' in tables && 'posts' in tables && !('groups' in tables)).toBe(true);
    expect(made).toEqual([]);
    const users = tables.users;
    expect(users).toEqual({ key: 'users' });
    expect(tables.users).toBe(users);
    expect(made).toEqual(['users']);
  });

  it('each object makes its own values', () => {
    const Tables = lazyTables<object>(['users']);
    const a = new Tables(() => ({}));
    const b = new Tables(() => ({}));
    expect(a.users).not.toBe(b.users);
  });
});
