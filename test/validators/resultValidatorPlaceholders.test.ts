// resultValidator takes a shape whose nested configs hold placeholders (in `where`, `limit`,
// `offset`): they choose rows, not their shape, so one shape constant serves a prepared query and
// its function's `returns` (docs/tooling.md), and the prepared query's rows pass the validator.
import { queryGeneric } from 'convex/server';
import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { resultValidator, sql } from '../../src/index';
import { backend, q } from '../convex/convexUser/harness';
import { orm, relations, schema } from './authorsBooks';

const shape = {
  columns: { name: true },
  with: {
    books: {
      columns: { title: true },
      where: { year: { gte: sql.placeholder('since') } },
      limit: sql.placeholder('n'),
    },
  },
};

describe('resultValidator of a shape with placeholders (shared with a prepared query)', () => {
  it('builds: placeholders choose rows, they do not shape them', () => {
    expect(() => resultValidator(relations, 'authors', shape)).not.toThrow();
    expect(() =>
      resultValidator(relations, 'authors', { with: { books: { where: { title: sql.placeholder('t') } } } }),
    ).not.toThrow();
  });

  it('validates the rows of the prepared query that uses the same shape', async () => {
    const authorsWithBooks = orm.query.authors.findMany(shape).prepare('authorsWithBooks');
    let returns: ReturnType<typeof resultValidator> | undefined;
    try {
      returns = resultValidator(relations, 'authors', shape);
    } catch {}
    expect(returns).toBeDefined();
    const fns = {
      list: queryGeneric({
        args: { since: v.number(), n: v.number() },
        returns: v.array(returns ?? v.any()),
        handler: (ctx, { since, n }) => authorsWithBooks.execute(ctx, { since, n }),
      }),
    };
    const t = backend(schema, fns);
    await t.run(async (ctx) => {
      const a = await ctx.db.insert('authors', { name: 'Ada' });
      await ctx.db.insert('books', { title: 'Old', authorId: a, year: 1990 });
      await ctx.db.insert('books', { title: 'New', authorId: a, year: 2020 });
    });
    expect(await t.query(q('list'), { since: 2000, n: 5 })).toEqual([{ name: 'Ada', books: [{ title: 'New' }] }]);
  });
});
