import type { GenericId } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { posts } from '../../example/convex/schema';
import { and, eq, inArray, isNull, or } from '../../src/index';
import { pointFilter } from '../../src/query/pointRead';

const id = 'posts-id' as GenericId<'posts'>;

describe('pointFilter (the filters read by id without planning)', () => {
  it('takes one _id equality, alone or ANDed with column conditions, and keeps the rest', () => {
    expect(pointFilter(eq(posts._id, id).node)).toEqual({ id, rest: null });
    const soft = and(eq(posts.title, 'a'), eq(posts._id, id), isNull(posts.publishedAt))!.node;
    expect(pointFilter(soft)).toEqual({
      id,
      rest: and(eq(posts.title, 'a'), isNull(posts.publishedAt))!.node,
    });
  });

  it('leaves to the planner what it plans differently: no _id equality, in/or, relation filters, constants, null comparisons', () => {
    expect(pointFilter(null)).toBeNull();
    expect(pointFilter(eq(posts.title, 'a').node)).toBeNull();
    expect(pointFilter(inArray(posts._id, [id]).node)).toBeNull();
    // An `in` before the equality is the id the planner would pick.
    expect(pointFilter(and(inArray(posts._id, ['other' as GenericId<'posts'>]), eq(posts._id, id))!.node)).toBeNull();
    expect(pointFilter(or(eq(posts._id, id), eq(posts.title, 'a'))!.node)).toBeNull();
    // An empty `in` makes the planned read empty (no read at all).
    expect(pointFilter(and(eq(posts._id, id), inArray(posts.title, []))!.node)).toBeNull();
    // So does a comparison with null (no row passes it).
    expect(pointFilter(and(eq(posts._id, id), eq(posts.publishedAt, null as never))!.node)).toBeNull();
    const related = { kind: 'relation', relation: 'author', filter: null } as const;
    expect(pointFilter({ kind: 'and', children: [eq(posts._id, id).node, related] })).toBeNull();
    expect(pointFilter({ kind: 'and', children: [eq(posts._id, id).node, { kind: 'const', value: true }] })).toBeNull();
  });
});
