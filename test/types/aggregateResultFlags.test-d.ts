import { convexTable, createOrm, defineRelations, integer, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

// aggregate()/groupBy() results follow the runtime's flags: `_count` given as a `boolean` (not a
// literal) was typed as no `_count` key, though the runtime returns it whenever the flag is true; it is
// an optional key, as findMany's non-literal `_count` / `with`. `_sum: { views: undefined }` type-checked
// but is INVALID_QUERY at run time ('_sum.views must be true.').

const posts = convexTable('posts', { title: text().notNull(), views: integer() });
const relations = defineRelations({ posts });
const orm = createOrm({ relations });
declare const ctx: Parameters<typeof orm.db>[0];
const db = orm.db(ctx);
declare const flag: boolean;

describe('aggregate results follow the runtime for non-literal flags', () => {
  it('_count: boolean is an optional _count', async () => {
    expectTypeOf(await db.query.posts.aggregate({ _count: flag })).toEqualTypeOf<{ _count?: number }>();
    expectTypeOf(await db.query.posts.groupBy({ by: ['title'], _count: flag })).toEqualTypeOf<
      { title: string; _count?: number }[]
    >();
  });

  it('an aggregate field given undefined is refused by the types as at run time', () => {
    // @ts-expect-error INVALID_QUERY at run time: '_sum.views must be true.'
    db.query.posts.aggregate({ _sum: { views: undefined } });
  });
});
