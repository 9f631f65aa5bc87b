// A placeholder anywhere in a statement's value (inside a json value, `meta: { tags: [placeholder] }`,
// on insert or update) is the INVALID_QUERY of a placeholder outside prepare(), as one that is the
// whole value (test/convex/placeholderInStatementValues.test.ts), not a VALIDATION error about a
// "Placeholder" value; nothing is written. Found by review (at any depth: the walk once stopped
// two levels down, found by the read-through of 2026-12-08).
import { sql } from 'convex-orm';
import { expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { posts } from '../../example/convex/schema';
import { rejection } from './mutationHarness';
import { seeded } from './seed';

it('a placeholder inside a json value is the INVALID_QUERY of a placeholder outside prepare()', async () => {
  const { t } = await seeded();
  const out = await t.run(async (ctx) => {
    const tag = sql.placeholder('tag') as never;
    const author = (await ctx.db.query('users').first())!;
    const before = (await ctx.db.query('posts').collect()).length;
    const insert = await rejection(
      orm
        .db(ctx)
        .insert(posts)
        .values({ title: 't', authorId: author._id, meta: { tags: [tag] } }),
    );
    const update = await rejection(
      orm
        .db(ctx)
        .update(posts)
        .set({ meta: { tags: [tag] } })
        .where({ authorId: author._id }),
    );
    // Deeper than two levels too (the walk looked two levels down, then said VALIDATION).
    const deep = await rejection(
      orm
        .db(ctx)
        .insert(posts)
        .values({ title: 't', authorId: author._id, meta: { a: { b: { c: [tag] } } } as never }),
    );
    return { insert, update, deep, written: (await ctx.db.query('posts').collect()).length - before };
  });
  for (const rejected of [out.insert, out.update, out.deep]) {
    expect(rejected).toMatchObject({ code: 'INVALID_QUERY', table: 'posts' });
    expect(rejected.message).toMatch(/^sql\.placeholder\('tag'\) is only allowed in a prepared query/);
  }
  expect(out.written).toBe(0);
});
