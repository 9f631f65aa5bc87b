import { count, eq } from 'convex-orm';
import { describe, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

// Selects whose shape alone (known to the types when the chain is built) makes them fail. Each
// compiles, and rejects at run time with INVALID_QUERY (convex-test, seeded example app):
//   select() + groupBy      -> 'A grouped select names its fields: select({ authorId: posts.authorId, n: count() }).'
//   ungrouped column        -> 'users.name must appear in groupBy() or be used in an aggregate function (or group by users._id).'
//   selectDistinct orderBy  -> 'selectDistinct() orders by users.name, which it does not select: for SELECT DISTINCT, ...'
//   aggregate order         -> 'orderBy() uses an aggregate, but the select neither groups nor selects aggregates.'
//   select({})              -> 'select({}) selects nothing; name at least one column, or call select() for whole rows.'
// (Postgres refuses the first four too; the selection, the groupBy() columns and the order terms are
// all in the builder's type parameters or arguments when the chain is written.)
describe('select shapes that always reject are type errors', () => {
  it('groupBy() on a select of whole rows', () => {
    // @ts-expect-error a grouped select must name its fields
    db.select().from(users).groupBy(users.role);
  });

  it('a selected column that is neither grouped nor aggregated (nor of a table whose _id is grouped)', async () => {
    // @ts-expect-error users.name is not grouped
    await db.select({ name: users.name, n: count() }).from(users).groupBy(users.role);
  });

  it('selectDistinct ordered by a column it does not select', () => {
    // @ts-expect-error users.name is not selected
    db.selectDistinct({ role: users.role }).from(users).orderBy(users.name);
  });

  it('an order by an aggregate in a select that neither groups nor aggregates', () => {
    // @ts-expect-error count() in orderBy of an ungrouped select
    db.select({ name: users.name }).from(users).orderBy(count());
  });

  it('select({}) selects nothing', () => {
    // @ts-expect-error an empty selection
    db.select({}).from(users).where(eq(users.name, 'Ada'));
  });

  it('still compiles: grouped by _id, a column of that table is fine', async () => {
    await db
      .select({ id: users._id, email: users.email, n: count(posts._id) })
      .from(users)
      .leftJoin(posts, eq(posts.authorId, users._id))
      .groupBy(users._id);
  });
});
