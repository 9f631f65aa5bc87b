// groupBy() given something that is not a column says it takes columns, without offering
// aggregates, which it refuses (as Postgres does).
import { count, eq } from 'convex-orm';
import { beforeAll, expect, it } from 'vitest';
import { bootConvex, orm, tables as t } from './fixture/convex.js';

let backend: Awaited<ReturnType<typeof bootConvex>>;
beforeAll(async () => {
  backend = await bootConvex();
}, 60_000);

it('groupBy() of a non-column does not offer aggregates', async () => {
  const message = await backend.t.run(async (ctx) => {
    const db = orm.db(ctx);
    try {
      await db
        .select({ c: count() })
        .from(t.users)
        .groupBy(db.$count(t.posts, eq(t.posts.authorId, t.users._id)) as never);
      return 'resolved';
    } catch (error) {
      return (error as Error).message;
    }
  });
  expect(message).toMatch(/^groupBy\(\)/);
  expect(message).not.toMatch(/aggregates/);
});
