import type { GenericId } from 'convex/values';
import { placeholder } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import { orm } from '../convex/aggregates/fixture';

declare const ctx: Parameters<typeof orm.db>[0];
const db = orm.db(ctx);
declare const flag: boolean;

describe('aggregate result types', () => {
  it('aggregate returns only the requested keys; sums and averages are number | null', async () => {
    const result = await db.query.posts.aggregate({
      where: { status: 'draft' },
      _count: true,
      _sum: { views: true },
      _avg: { views: true },
      _min: { publishedAt: true, title: true },
      _max: { publishedAt: true },
    });
    expectTypeOf(result).toEqualTypeOf<{
      _count: number;
      _sum: { views: number | null };
      _avg: { views: number | null };
      _min: { publishedAt: number | null; title: string | null };
      _max: { publishedAt: number | null };
    }>();
    expectTypeOf(await db.query.posts.aggregate({ _count: true })).toEqualTypeOf<{ _count: number }>();
  });

  it('_sum / _avg take numeric columns only; _min/_max no json; unknown keys are rejected', () => {
    // @ts-expect-error title is a text column: it has no sum
    db.query.posts.aggregate({ _sum: { title: true } });
    // @ts-expect-error status is a text enum: it has no average
    db.query.posts.aggregate({ _avg: { status: true } });
    // @ts-expect-error no such column
    db.query.posts.aggregate({ _max: { nope: true } });
    // @ts-expect-error aggregate has no limit
    db.query.posts.aggregate({ _count: true, limit: 1 });
  });

  it('groupBy rows carry the by columns and the aggregates', async () => {
    const rows = await db.query.posts.groupBy({
      by: ['status', 'authorId'],
      _count: true,
      _sum: { views: true },
      orderBy: { _count: 'desc' },
      limit: 10,
    });
    expectTypeOf(rows).toEqualTypeOf<
      {
        status: 'draft' | 'published';
        authorId: GenericId<'authors'>;
        _count: number;
        _sum: { views: number | null };
      }[]
    >();
    // @ts-expect-error by needs at least one column
    db.query.posts.groupBy({ by: [], _count: true });
    // @ts-expect-error orderBy direction is asc or desc
    db.query.posts.groupBy({ by: ['status'], _count: true, orderBy: { _count: 'up' } });
  });

  it('_count adds row._count with the named many relations, at the root and inside with', async () => {
    const rows = await db.query.authors.findMany({ columns: { name: true }, _count: { posts: true } });
    expectTypeOf(rows).toEqualTypeOf<{ name: string; _count: { posts: number } }[]>();
    const post = await db.query.posts.findFirst({
      columns: { title: true },
      with: { author: { columns: { name: true }, _count: { posts: { where: { status: 'draft' } } } } },
    });
    expectTypeOf(post).toEqualTypeOf<{
      title: string;
      author: { name: string; _count: { posts: number } } | null;
    } | null>();
    // @ts-expect-error author is a one relation: nothing to count
    db.query.posts.findMany({ _count: { author: true } });
  });

  it('_count of a boolean flag may be absent (the runtime adds no key for false): optional, as is _count then', async () => {
    const rows = await db.query.authors.findMany({ columns: { name: true }, _count: { posts: flag } });
    expectTypeOf(rows).toEqualTypeOf<{ name: string; _count?: { posts?: number } }[]>();
    const nested = await db.query.posts.findFirst({
      columns: { title: true },
      with: { author: { columns: { name: true }, _count: { posts: flag } } },
    });
    expectTypeOf(nested).toEqualTypeOf<{
      title: string;
      author: { name: string; _count?: { posts?: number } } | null;
    } | null>();
  });

  it('aggregate / groupBy run now: a placeholder in where is a type error (the runtime: INVALID_QUERY)', () => {
    // @ts-expect-error no prepared aggregate: the placeholder would have no value
    db.query.posts.aggregate({ where: { title: placeholder('t') }, _count: true });
    // @ts-expect-error
    db.query.posts.groupBy({ by: ['status'], where: { title: placeholder('t') }, _count: true });
    db.query.posts.aggregate({ where: { title: 'a' }, _count: true });
  });

  it('groupBy orderBy takes by columns and requested aggregates only (the runtime refuses others)', () => {
    db.query.posts.groupBy({
      by: ['status'],
      _count: true,
      _sum: { views: true },
      _min: { publishedAt: true },
      orderBy: { status: 'asc', _count: 'desc', _sum: { views: 'desc' }, _min: { publishedAt: 'asc' } },
    });
    // @ts-expect-error title is not a by column
    db.query.posts.groupBy({ by: ['status'], _count: true, orderBy: { title: 'asc' } });
    // @ts-expect-error _sum.views is not requested
    db.query.posts.groupBy({ by: ['status'], _count: true, orderBy: { _sum: { views: 'asc' } } });
    // @ts-expect-error _sum.views is requested, _avg.views is not
    db.query.posts.groupBy({ by: ['status'], _sum: { views: true }, orderBy: { _avg: { views: 'asc' } } });
    // @ts-expect-error _count is not requested
    db.query.posts.groupBy({ by: ['status'], _sum: { views: true }, orderBy: { _count: 'desc' } });
    // @ts-expect-error _count: false requests no count
    db.query.posts.groupBy({ by: ['status'], _count: false, _sum: { views: true }, orderBy: { _count: 'desc' } });
  });

  it('an aggregate key with no fields, or a _count counting nothing, adds no key (as the runtime)', async () => {
    expectTypeOf(await db.query.posts.aggregate({ _count: true, _sum: {}, _min: {} })).toEqualTypeOf<{
      _count: number;
    }>();
    expectTypeOf(await db.query.posts.groupBy({ by: ['status'], _avg: {}, _max: { views: true } })).toEqualTypeOf<
      { status: 'draft' | 'published'; _max: { views: number | null } }[]
    >();
    const rows = await db.query.authors.findMany({ columns: { name: true }, _count: { posts: false } });
    expectTypeOf(rows).toEqualTypeOf<{ name: string }[]>();
    expectTypeOf(await db.query.authors.findMany({ columns: { name: true }, _count: {} })).toEqualTypeOf<
      { name: string }[]
    >();
  });

  it('explain() of an aggregate read is awaited (it reads the index state)', async () => {
    const explained = await db.query.posts.count({ where: { status: 'draft' } }).explain();
    expectTypeOf(explained.aggregate).toEqualTypeOf<string | undefined>();
    // @ts-expect-error explain() returns a promise: await it first
    db.query.posts.groupBy({ by: ['status'], _count: true }).explain().aggregate;
  });
});
