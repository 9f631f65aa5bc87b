import { describe, it } from 'vitest';
import { orm } from '../convex/aggregates/fixture';

declare const ctx: Parameters<typeof orm.db>[0];
const db = orm.db(ctx);
declare const names: string[];

// Negative type cases of the aggregate API not covered by test/query/aggregate.test-d.ts.
describe('aggregate API: more configs that are type errors', () => {
  it('keys another method takes, wrong value shapes, relations where columns go', () => {
    // @ts-expect-error aggregate has no by
    db.query.posts.aggregate({ _count: true, by: ['status'] });
    // @ts-expect-error count takes no _count
    db.query.posts.count({ _count: true });
    // @ts-expect-error by must be a non-empty tuple of columns, not string[]
    db.query.posts.groupBy({ by: names, _count: true });
    // @ts-expect-error by names a relation
    db.query.posts.groupBy({ by: ['author'], _count: true });
    // @ts-expect-error limit is a number
    db.query.posts.groupBy({ by: ['status'], _count: true, limit: '1' });
    // @ts-expect-error no having
    db.query.posts.groupBy({ by: ['status'], _count: true, having: { _count: { gt: 1 } } });
    // @ts-expect-error no offset
    db.query.posts.groupBy({ by: ['status'], _count: true, offset: 1 });
    // @ts-expect-error no columns
    db.query.posts.groupBy({ by: ['status'], _count: true, columns: { title: true } });
    // @ts-expect-error _avg of _creationTime
    db.query.posts.aggregate({ _avg: { _creationTime: true } });
    // @ts-expect-error _sum of an id column
    db.query.posts.aggregate({ _sum: { authorId: true } });
    // @ts-expect-error _sum is an object of columns
    db.query.posts.aggregate({ _sum: true });
    // @ts-expect-error _count is a boolean
    db.query.posts.aggregate({ _count: 1 });
    // @ts-expect-error orderBy _min.title needs _min: { title: true }
    db.query.posts.groupBy({ by: ['status'], _min: { views: true }, orderBy: { _min: { title: 'asc' } } });
    // @ts-expect-error _count relation: unknown column in its where
    db.query.authors.findMany({ _count: { posts: { where: { nope: 1 } } } });
    // @ts-expect-error _count relation takes no limit
    db.query.authors.findMany({ _count: { posts: { limit: 1 } } });
    // @ts-expect-error _count relation takes no orderBy
    db.query.authors.findMany({ _count: { posts: { orderBy: { title: 'asc' } } } });
    // @ts-expect-error _count relation takes no columns
    db.query.authors.findMany({ _count: { posts: { columns: { title: true } } } });
    // @ts-expect-error no such relation
    db.query.authors.findMany({ _count: { nope: true } });
    // @ts-expect-error _count relation value is true or a config
    db.query.authors.findMany({ _count: { posts: 'yes' } });
  });
});
