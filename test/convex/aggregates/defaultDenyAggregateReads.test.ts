import { describe, expect, it } from 'vitest';
import { count, createOrm, defineRules } from '../../../src/index';
import { authors, backend, backfillAll, posts, relations } from './fixture';

// Under `defaultDeny`, a table without a read rule is refused by every aggregate read path, those an
// aggregate index would serve from its buckets (which count every row) included.
describe('defaultDeny refuses every aggregate read of a table without a read rule', () => {
  it('count, $count, aggregate, groupBy, _count, a grouped select and with', async () => {
    const { t, run } = backend();
    await run(async (db) => {
      const [a] = await db
        .insert(authors)
        .values([{ name: 'a' }])
        .returning();
      await db.insert(posts).values([{ title: 'x', authorId: a!._id, status: 'draft', views: 3 }]);
    });
    await backfillAll(t);
    const orm = createOrm({
      relations,
      rules: defineRules(relations, () => ({ authors: { read: {} } }), { defaultDeny: true }),
    });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as never) as any;
      const code = async (p: PromiseLike<unknown>) => {
        try {
          return JSON.stringify(await p);
        } catch (e: any) {
          return e.code ?? String(e);
        }
      };
      return {
        count: await code(db.query.posts.count()),
        dollarCount: await code(db.$count(posts)),
        aggregate: await code(db.query.posts.aggregate({ _count: true, _sum: { views: true } })),
        groupBy: await code(db.query.posts.groupBy({ by: ['authorId'], _count: true })),
        relationCount: await code(db.query.authors.findMany({ _count: { posts: true } })),
        select: await code(db.select({ n: count() }).from(posts).groupBy(posts.authorId)),
        with: await code(db.query.authors.findMany({ with: { posts: true } })),
      };
    });
    expect(out).toEqual({
      count: 'RULE_VIOLATION',
      dollarCount: 'RULE_VIOLATION',
      aggregate: 'RULE_VIOLATION',
      groupBy: 'RULE_VIOLATION',
      relationCount: 'RULE_VIOLATION',
      select: 'RULE_VIOLATION',
      with: 'RULE_VIOLATION',
    });
  });
});
