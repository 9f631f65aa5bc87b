// A Date compared with a number-mode timestamp (`eq(posts.publishedAt, new Date())`, Drizzle's
// code for its default timestamp(); `{ publishedAt: { gt: date } }` too) is INVALID_FILTER saying
// to pass `date.getTime()` (a Date is no Convex value), as a write of one says.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { posts } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { eq } from '../../src/index';

it('a Date compared with a number-mode timestamp says to pass date.getTime()', async () => {
  const t = convexTest(schema, modules);
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const msg = (p: PromiseLike<unknown>) =>
      Promise.resolve(p).then(
        () => 'resolved',
        (e: Error) => e.message,
      );
    return {
      op: await msg(
        db
          .select()
          .from(posts)
          .where(eq(posts.publishedAt, new Date(0) as never)),
      ),
      object: await msg(db.query.posts.findMany({ where: { publishedAt: { gt: new Date(0) as never } } })),
    };
  });
  for (const message of [out.op, out.object]) {
    expect(message).toContain('date.getTime()');
    expect(message).not.toContain('union members');
  }
});
