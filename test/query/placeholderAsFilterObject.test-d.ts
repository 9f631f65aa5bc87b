/**
 * A placeholder where a filter object belongs is a type error: the whole root `where`, a root
 * `NOT`, an item of a root `OR`, a relation filter, a count's `where`, a select's where-object,
 * prepared or not. A placeholder is an object with a string `name`, so without its type-only `OR`
 * TypeScript takes `sql.placeholder('x')` as the weak-type where-object `{ name: 'x' }` of a table
 * with a `name` column; the runtime refuses every one of these, and the values type would leave
 * the name out. docs/queries.md (Prepared queries): placeholders stand only in `where` values,
 * `limit` and `offset`.
 */
import type { GenericDatabaseReader } from 'convex/server';
import { sql } from 'convex-orm';
import { describe, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { users } from '../../example/convex/schema';

const P = sql.placeholder;
declare const ctx: { db: GenericDatabaseReader<any> };

describe('a placeholder where a filter object belongs is a type error', () => {
  it('the whole root where', () => {
    // @ts-expect-error a placeholder is a value, not a where-object (runtime: INVALID_QUERY)
    orm.query.users.findMany({ where: P('w') });
  });
  it('a root NOT', () => {
    // @ts-expect-error NOT takes a filter (runtime: INVALID_QUERY)
    orm.query.users.findMany({ where: { NOT: P('w') } });
  });
  it('an item of a root OR', () => {
    // @ts-expect-error OR items are filters (runtime: INVALID_FILTER "OR takes filters")
    orm.query.users.findMany({ where: { OR: [P('w')] } });
  });
  it('a relation filter', () => {
    // @ts-expect-error a relation filter is a filter of the target table (runtime: INVALID_QUERY)
    orm.query.posts.findMany({ where: { author: P('w') } });
  });
  it('a count where', () => {
    // @ts-expect-error the same through a prepared count
    orm.query.users.count({ where: P('w') });
  });
  it('in a query that runs now (docs: "a placeholder is a type error" there), the same hole', () => {
    // @ts-expect-error a placeholder in a query that is not prepared
    orm.db(ctx).query.users.findMany({ where: P('w') });
    // @ts-expect-error a placeholder in a query that is not prepared
    orm.db(ctx).query.posts.findFirst({ where: { author: P('w') } });
  });
  it("a prepared select's where-object", () => {
    // @ts-expect-error a select's where takes a filter or a where-object, not a placeholder
    orm.select({ n: users.name }).from(users).where(P('w'));
    const select = orm.select({ n: users.name }).from(users);
    // @ts-expect-error NOT of a select's where-object takes a filter
    select.where({ NOT: P('w') });
  });
});
