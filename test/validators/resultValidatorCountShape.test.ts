// resultValidator takes a root `_count` whose relation has a placeholder `where`, shared by a
// prepared query and its function's `returns`, and validates the real rows; `where`, `extras` or
// `limit` at the root reject with INVALID_QUERY naming the key (docs/tooling.md).
import { queryGeneric } from 'convex/server';
import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { resultValidator, sql } from '../../src/index';
import { backend, q } from '../convex/convexUser/harness';
import { orm, relations, schema } from './authorsBooks';

const shape = {
  columns: { name: true },
  _count: { books: { where: { year: { gte: sql.placeholder('since') } } } },
  with: { books: { columns: { title: true }, orderBy: { year: 'desc' as const }, limit: sql.placeholder('n') } },
};

describe('resultValidator with a root _count holding a placeholder', () => {
  it('validates the rows of the prepared query with the same shape', async () => {
    const list = orm.query.authors.findMany(shape).prepare('authorsCounted');
    const fns = {
      list: queryGeneric({
        args: { since: v.number(), n: v.number() },
        returns: v.array(resultValidator(relations, 'authors', shape)),
        handler: (ctx, args) => list.execute(ctx, args),
      }),
    };
    const t = backend(schema, fns);
    await t.run(async (ctx) => {
      const a = await ctx.db.insert('authors', { name: 'Ada' });
      await ctx.db.insert('books', { title: 'Old', authorId: a, year: 1990 });
      await ctx.db.insert('books', { title: 'New', authorId: a, year: 2020 });
    });
    expect(await t.query(q('list'), { since: 2000, n: 1 })).toEqual([
      { name: 'Ada', _count: { books: 1 }, books: [{ title: 'New' }] },
    ]);
  });

  it('another key at the root is INVALID_QUERY naming it', () => {
    for (const key of ['where', 'extras', 'limit']) {
      let error: { code?: string; message?: string } | undefined;
      try {
        resultValidator(relations, 'authors', { columns: { name: true }, [key]: {} } as never);
      } catch (e) {
        error = e as never;
      }
      expect(error?.code).toBe('INVALID_QUERY');
      expect(error?.message).toContain(`"${key}"`);
    }
  });
});
