import { describe, expect, it } from 'vitest';
import { createOrm, defineRules } from '../../../src/index';
import { authors, backend, backfillAll, type Db, posts, relations } from './fixture';

/** `ctx` whose `db.query(table)` calls are recorded: which tables a read really touched. */
function tracing<C extends { db: any }>(ctx: C) {
  const tables: string[] = [];
  const db = new Proxy(ctx.db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === 'query') {
        return (table: string) => {
          tables.push(table);
          return value.call(target, table);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ctx: { ...ctx, db } as C, tables };
}

// findMany's synchronous explain()._count names the aggregate index that serves each parent's count
// (docs/aggregates.md), also where a read rule pins the foreign key (a tenant or owner rule:
// `{ authorId: viewer }`, or an `in` list of them) or the count's own where does: the parent key is
// planned as a param, checked against the rule's values once bound, so the index serves it (only
// aggregate_state / aggregate_bucket are read, never posts) and explain says so.
describe('explain()._count under a read rule on the foreign key', () => {
  for (const shape of ['eq', 'in', 'nested where'] as const) {
    it(`names the aggregate index that serves the count (${shape})`, async () => {
      const { t, run } = backend();
      const ids = await run(async (db) => {
        const [a, b] = await db
          .insert(authors)
          .values([{ name: 'a' }, { name: 'b' }])
          .returning({ _id: authors._id });
        await db.insert(posts).values(
          Array.from({ length: 10 }, (_, i) => ({
            title: `p${i}`,
            authorId: (i % 2 ? a : b)!._id,
            status: 'draft' as const,
          })),
        );
        return { a: a!._id, b: b!._id };
      });
      await backfillAll(t);
      const read = shape === 'eq' ? { authorId: ids.a } : shape === 'in' ? { authorId: { in: [ids.a, ids.b] } } : {};
      // The same with no rule, the foreign key pinned by the count's own where.
      const where = shape === 'nested where' ? { where: { authorId: ids.a } } : true;
      const orm = createOrm({
        relations,
        rules: defineRules(relations, () => ({ posts: { read: read as never }, authors: { read: {} } })),
      });
      const out = await t.run(async (raw) => {
        const { ctx, tables } = tracing(raw);
        const db = orm.db(ctx as never) as Db;
        const query = db.query.authors.findMany({ orderBy: { name: 'asc' }, _count: { posts: where as never } });
        const explained = query.explain()._count?.posts;
        const rows = await query;
        return { explained, counts: rows.map((row) => (row as any)._count.posts), tables };
      });
      expect(out.counts).toEqual(shape === 'in' ? [5, 5] : [5, 0]);
      // What runs: the buckets of posts_by_author, no posts read.
      expect(out.tables).toContain('aggregate_bucket');
      expect(out.tables).not.toContain('posts');
      // What explain says should be that.
      expect(out.explained).toMatch(/aggregate index posts_by_author/);
    });
  }
});
