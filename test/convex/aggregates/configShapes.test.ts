// What the aggregate config types promise (aggregate.test-d.ts), the runtime does: the configs they refuse reject,
// and a key with no fields is left out of the result.
import { sql } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { rejection } from '../mutationHarness';
import { backend, posts, twoAuthors } from './fixture';

describe('aggregate and groupBy configs', () => {
  it('a placeholder in where rejects INVALID_QUERY: aggregate and groupBy have no prepared form', async () => {
    const { run } = backend();
    const errors = await run(async (db) => [
      await rejection(db.query.posts.aggregate({ where: { title: sql.placeholder('t') }, _count: true } as never)),
      await rejection(
        db.query.posts.groupBy({ by: ['status'], where: { title: sql.placeholder('t') }, _count: true } as never),
      ),
    ]);
    for (const error of errors) {
      expect(error.code).toBe('INVALID_QUERY');
      expect(error.message).toContain("sql.placeholder('t') is only allowed in a prepared query");
    }
  });

  it('groupBy orderBy outside the by columns and the requested aggregates rejects INVALID_QUERY', async () => {
    const { run } = backend();
    const errors = await run(async (db) => [
      await rejection(db.query.posts.groupBy({ by: ['status'], _count: true, orderBy: { title: 'asc' } } as never)),
      await rejection(
        db.query.posts.groupBy({ by: ['status'], _count: true, orderBy: { _sum: { views: 'asc' } } } as never),
      ),
      await rejection(
        db.query.posts.groupBy({ by: ['status'], _sum: { views: true }, orderBy: { _count: 'desc' } } as never),
      ),
    ]);
    expect(errors.map((error) => [error.code, error.message])).toEqual([
      ['INVALID_QUERY', 'groupBy orderBy "title" must be a "by" column or a requested aggregate.'],
      ['INVALID_QUERY', 'groupBy orderBy _sum.views needs _sum: { views: true }.'],
      ['INVALID_QUERY', 'groupBy orderBy "_count" must be a "by" column or a requested aggregate.'],
    ]);
  });

  it('an aggregate key with no fields, or a _count counting nothing, is left out of the result', async () => {
    const { run } = backend();
    const [totals, groups, rows] = await run(async (db) => {
      const [a, b] = await twoAuthors(db);
      await db.insert(posts).values([
        { title: 'x', authorId: a!._id, status: 'draft', views: 2 },
        { title: 'y', authorId: b!._id, status: 'published', views: 5 },
        { title: 'z', authorId: b!._id, status: 'published', views: 1 },
      ]);
      return [
        await db.query.posts.aggregate({ _count: true, _sum: {}, _min: {} }),
        await db.query.posts.groupBy({ by: ['status'], _avg: {}, _max: { views: true }, orderBy: { status: 'asc' } }),
        await db.query.authors.findMany({ columns: { name: true }, _count: { posts: false } }),
      ];
    });
    expect(totals).toStrictEqual({ _count: 3 });
    expect(groups).toStrictEqual([
      { status: 'draft', _max: { views: 2 } },
      { status: 'published', _max: { views: 5 } },
    ]);
    expect(rows).toStrictEqual([{ name: 'a' }, { name: 'b' }]);
  });
});
