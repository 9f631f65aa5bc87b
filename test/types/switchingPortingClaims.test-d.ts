import { describe, expectTypeOf, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { type relations, users } from '../../example/convex/schema';
import {
  and,
  eq,
  type FilterExpression,
  gt,
  type OrmReader,
  type OrmWriter,
  type PreparedSelect,
  sql,
} from '../../src/index';

// docs/switching.md porting notes.
declare const db: OrmWriter<typeof relations>;

describe('switching.md porting notes', () => {
  it('ReturnType<typeof orm.db> is the read-only overload', () => {
    expectTypeOf<ReturnType<typeof orm.db>>().toEqualTypeOf<OrmReader<typeof relations>>();
  });

  it('a helper taking OrmWriter accepts db and tx', () => {
    const helper = (w: OrmWriter<typeof relations>) => w.$count(users);
    helper(db);
    db.transaction(async (tx) => helper(tx));
  });

  it('conditions built up for and(...filters) are FilterExpression[]', () => {
    const filters: FilterExpression[] = [];
    filters.push(eq(users.name, 'a'));
    filters.push(gt(users.age, 3));
    db.select()
      .from(users)
      .where(and(...filters));
  });

  it('a select prepares (built at module scope on orm), its placeholders in operators and limit', () => {
    const prepared = orm
      .select({ name: users.name })
      .from(users)
      .where(gt(users.age, sql.placeholder('age')))
      .limit(sql.placeholder('n'))
      .prepare('older');
    expectTypeOf(prepared).toEqualTypeOf<PreparedSelect<{ name: string }>>();
  });
});
