import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';
import { EmptyFilter, eq, getTableConfig, isOrmError } from '../../src/index';
import { conflictTarget } from '../../src/mutation/upsert';
import { mutationFilter, targetFilter } from '../../src/mutation/where';
import { members } from './fixture';

const schema = orm.schema;

const usersTable = getTableConfig(users);

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isOrmError(error)) return error.code;
    throw error;
  }
  return 'no error';
}

describe('mutation where', () => {
  it('takes operator expressions and where-objects into the same filter tree', () => {
    const fromOperator = mutationFilter(schema, usersTable, eq(users.email, 'a@x'));
    const fromObject = mutationFilter(schema, usersTable, { email: 'a@x' });
    expect(fromObject).toEqual(fromOperator);
    expect(fromObject).toEqual({ kind: 'compare', field: 'email', op: 'eq', value: 'a@x' });
  });

  it('rejects undefined, empty conditions and columns of another table', () => {
    expect(code(() => mutationFilter(schema, usersTable, undefined))).toBe('INVALID_FILTER');
    expect(code(() => targetFilter(schema, usersTable, { where: {} }, 'update of'))).toBe('INVALID_FILTER');
    expect(code(() => targetFilter(schema, usersTable, { where: { email: EmptyFilter } }, 'update of'))).toBe(
      'INVALID_FILTER',
    );
    expect(code(() => mutationFilter(schema, usersTable, eq(posts.title, 't')))).toBe('INVALID_FILTER');
    expect(code(() => mutationFilter(schema, usersTable, { nickname: 'x' }))).toBe('UNKNOWN_COLUMN');
  });
});

describe('conflictTarget', () => {
  it('matches a unique constraint by its columns in any order', () => {
    const table = getTableConfig(members);
    expect(conflictTarget(table, [members.login, members.team], 'x').name).toBe('members_team_login');
    expect(conflictTarget(usersTable, users.email, 'x').name).toBe('users_email_unique');
  });

  it('rejects a partial or non-unique target', () => {
    expect(code(() => conflictTarget(getTableConfig(members), members.team, 'x'))).toBe('INVALID_QUERY');
    expect(code(() => conflictTarget(usersTable, users._id, 'x'))).toBe('INVALID_QUERY');
  });
});
