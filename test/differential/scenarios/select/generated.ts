/**
 * Generated selects from fixed seeds: random operator expressions (the
 * generator of the generated mutations) on each side of a join and across
 * it, and grouped counts under random filters. Results are compared as
 * multisets (no order is asked for).
 */
import type { SelectContext, SelectScenario } from '../../harness/neutral.js';
import { build, describeExpr, expressions } from '../mutations/generated.js';

type JoinQuery = (context: SelectContext, onUsers: unknown, onPosts: unknown) => PromiseLike<unknown>;

/** `count` joins of users and posts, filtered by a random expression on each table combined by `combinator`. */
function joins(
  label: string,
  combinator: 'AND' | 'OR',
  count: number,
  seed: number,
  query: JoinQuery,
): SelectScenario[] {
  const usersTree = expressions('users', seed);
  const postsTree = expressions('posts', seed + 1);
  return Array.from({ length: count }, (_, i) => {
    const [onUsers, onPosts] = [usersTree(0), postsTree(0)];
    return {
      name: `gen ${label} ${String(i + 1).padStart(2, '0')} ${describeExpr(onUsers)} ${combinator} ${describeExpr(onPosts)}`,
      unordered: true,
      run: (context) => query(context, build(onUsers, 'users', context), build(onPosts, 'posts', context)),
    };
  });
}

const innerJoins: JoinQuery = ({ db, t, op }, onUsers, onPosts) =>
  db
    .select({ post: t.posts.id, user: t.users.id, name: t.users.name })
    .from(t.posts)
    .innerJoin(t.users, op.eq(t.users.id, t.posts.authorId))
    .where(op.and(onUsers, onPosts));

const leftJoins: JoinQuery = ({ db, t, op }, onUsers, onPosts) =>
  db
    .select({ user: t.users.id, post: t.posts.id })
    .from(t.users)
    .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
    .where(op.or(onUsers, onPosts));

function groupedCounts(count: number, seed: number): SelectScenario[] {
  const postsTree = expressions('posts', seed);
  return Array.from({ length: count }, (_, i) => {
    const where = postsTree(0);
    const least = i % 3;
    return {
      name: `gen groupBy ${String(i + 1).padStart(2, '0')} having count > ${least} ${describeExpr(where)}`,
      unordered: true,
      numeric: ['total'],
      run: (context) => {
        const { db, t, op } = context;
        // The author's age per post: Postgres has no sum of a timestamp.
        return db
          .select({ author: t.posts.authorId, n: op.count(), total: op.sum(t.users.age) })
          .from(t.posts)
          .innerJoin(t.users, op.eq(t.posts.authorId, t.users.id))
          .where(build(where, 'posts', context))
          .groupBy(t.posts.authorId)
          .having(op.gt(op.count(), least));
      },
    };
  });
}

export const generated: SelectScenario[] = [
  ...joins('innerJoin', 'AND', 15, 101, innerJoins),
  ...joins('leftJoin', 'OR', 15, 202, leftJoins),
  ...groupedCounts(10, 303),
];
