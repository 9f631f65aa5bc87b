import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { users } from '../../example/convex/schema';
import { type ConvexSelect, eq, type InferSelectModel } from '../../src/index';

declare const ctx: QueryCtx;
const db = orm.db(ctx);
type User = InferSelectModel<typeof users>;

// Drizzle's dynamic-query helper (docs/select.md, "Dynamic query building"):
//   function withPagination<T extends PgSelect>(qb: T, page: number) { return qb.limit(10).offset(...) }
//   const rows = await withPagination(db.select().from(users).$dynamic(), 2); // rows: User[]
// A helper's result keeps the query's row type: Drizzle's limit()/where() return `this` for a
// dynamic query, so the helper returns T.
describe('a ConvexSelect helper returns the rows of the query it was given', () => {
  function withPagination<T extends ConvexSelect>(qb: T, page: number, pageSize = 10) {
    return qb.limit(pageSize).offset((page - 1) * pageSize);
  }
  function withName<T extends ConvexSelect>(qb: T, name: string) {
    return qb.where(eq(users.name, name));
  }

  it('$dynamic() straight after from()', () => {
    expectTypeOf(withPagination(db.select().from(users).$dynamic(), 1)).resolves.toEqualTypeOf<User[]>();
    expectTypeOf(withName(db.select().from(users).$dynamic(), 'a')).resolves.toEqualTypeOf<User[]>();
  });

  it('$dynamic() after where()', () => {
    const dynamic = db.select().from(users).where(eq(users.name, 'a')).$dynamic();
    expectTypeOf(withPagination(dynamic, 1)).resolves.toEqualTypeOf<User[]>();
    expectTypeOf(withName(dynamic, 'a')).resolves.toEqualTypeOf<User[]>();
  });
});
