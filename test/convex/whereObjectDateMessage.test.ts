// `where: { publishedAt: new Date() }` (valid Drizzle v1) is an equality whose operand is refused
// with what the column takes (`date.getTime()`), not "write { eq: value }", which is refused too.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

it('a Date as a where-object value of a number-mode timestamp names date.getTime(), not { eq: value }', async () => {
  const t = convexTest(schema, modules);
  const message = await t.run((ctx) =>
    orm
      .db(ctx as never)
      .query.posts.findMany({ where: { publishedAt: new Date(0) as never } })
      .then(
        () => 'resolved',
        (e: Error) => e.message,
      ),
  );
  expect(message).not.toContain('write { eq: value }');
  expect(message).toContain('date.getTime()');
});
