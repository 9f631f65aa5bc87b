/**
 * Claim check (from a review that found no bug). docs/select.md: "Results are typed as Drizzle types them": a table
 * left-joined before an inner join stays nullable (Drizzle's AppendToNullabilityMap), counts are
 * numbers even over a left join, min/max/sum/avg `| null`; a having() comparing an aggregate with a
 * value of another type is a type error (it rejects with INVALID_FILTER at run time).
 */
import type { GenericId } from 'convex/values';
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { comments, posts, users } from '../../example/convex/schema';
import {
  alias,
  avg,
  count,
  countDistinct,
  eq,
  gt,
  type InferSelectModel,
  inArray,
  lt,
  max,
  min,
  sum,
} from '../../src/index';

declare const ctx: QueryCtx;
const db = orm.db(ctx);
type User = InferSelectModel<typeof users>;
type Post = InferSelectModel<typeof posts>;
type Comment = InferSelectModel<typeof comments>;

describe('probe types', () => {
  it('three tables', () => {
    expectTypeOf(
      db
        .select()
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .innerJoin(comments, eq(comments.postId, posts._id)),
    ).resolves.toEqualTypeOf<{ users: User; posts: Post | null; comments: Comment }[]>();
    expectTypeOf(
      db
        .select({
          p: posts._id,
          c: count(posts._id),
          m: max(posts.title),
          mn: min(users.age),
          s: sum(users.age),
          a: avg(users.age),
          d: countDistinct(comments.body),
        })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .leftJoin(comments, eq(comments.postId, posts._id))
        .groupBy(posts._id),
    ).resolves.toEqualTypeOf<
      {
        p: GenericId<'posts'> | null;
        c: number;
        m: string | null;
        mn: number | null;
        s: number | null;
        a: number | null;
        d: number;
      }[]
    >();
  });
  it('alias', () => {
    const i = alias(users, 'inviter');
    expectTypeOf(
      db.selectDistinct({ a: i.name, b: users.name }).from(users).leftJoin(i, eq(i._id, users.invitedBy)),
    ).resolves.toEqualTypeOf<{ a: string | null; b: string }[]>();
  });
  it('negatives', () => {
    // @ts-expect-error count is a number
    db.select({ n: count() }).from(users).having(gt(count(), 'x'));
    const byRole = db.select({ n: count() }).from(users).groupBy(users.role);
    // @ts-expect-error age is a number
    byRole.having(lt(max(users.age), 'x'));
    // @ts-expect-error name is a string
    byRole.having(inArray(min(users.name), [1]));
  });
});
