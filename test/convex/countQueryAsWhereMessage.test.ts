// A db.$count(...) given as a where filter, or as a where-object's value, is refused naming the
// $count (a field of a select only), not an internal field of it as an unknown column or operator.
import { eq } from 'convex-orm';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { posts, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

it.each([
  [
    'select().where($count)',
    (db: any) =>
      db
        .select({ n: users.name })
        .from(users)
        .where(db.$count(posts, eq(posts.authorId, users._id))),
  ],
  ['findMany where { age: $count }', (db: any) => db.query.users.findMany({ where: { age: db.$count(posts) } })],
])('%s is refused naming the $count', async (_, build) => {
  const t = convexTest(schema, modules);
  const message = await t.run(async (ctx) => {
    try {
      await build(orm.db(ctx));
      return 'resolved';
    } catch (error) {
      return (error as Error).message;
    }
  });
  expect(message).not.toBe('resolved');
  expect(message).not.toMatch(/writer/);
  expect(message).toMatch(/\$count/);
});
