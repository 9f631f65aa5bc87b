// Folding contradictions to FALSE keeps results right where FALSE is negated or the contradiction
// does not hold (docs/queries.md): under NOT (NOT FALSE is every row), under `withDeleted` (soft
// delete's `deletedAt isNull` is not added, so `deletedAt isNotNull` contradicts nothing), and in a
// LEFT join (an ON matching nothing keeps every base row, its partner null). Each result is
// compared with a brute force over the raw documents.
import { describe, expect, it } from 'vitest';
import { and, eq, gt, isNotNull, lt } from '../../../src/index';
import { plain, posts, ruled, users, world } from './worldFixture';

async function rawWorld() {
  const w = await world();
  const raw = await w.t.run(async (ctx) => ({
    users: await ctx.db.query('users').collect(),
    posts: await ctx.db.query('posts').collect(),
  }));
  return { ...w, raw };
}
const names = (rows: { name: string }[]) => rows.map((r) => r.name).sort();

describe('contradictions folded to FALSE keep results right', () => {
  it('NOT of a relation filter no row passes is every row (plain and ruled)', async () => {
    const { t, raw } = await rawWorld();
    const out = await t.run(async (ctx) => ({
      plain: await plain.db(ctx).query.users.findMany({ where: { NOT: { posts: { score: { gt: 5, lt: 3 } } } } }),
      ruled: await ruled.db(ctx).query.users.findMany({ where: { NOT: { posts: { tenant: 'beta' } } } }),
      inner: await plain.db(ctx).query.users.findMany({ where: { posts: { NOT: { score: { gt: 5, lt: 3 } } } } }),
    }));
    expect(names(out.plain)).toEqual(names(raw.users));
    expect(names(out.ruled)).toEqual(names(raw.users.filter((u) => u.tenant === 'acme')));
    const withLivePost = new Set(raw.posts.filter((p) => p.deletedAt === undefined).map((p) => p.authorId));
    expect(names(out.inner)).toEqual(names(raw.users.filter((u) => withLivePost.has(u._id))));
  });

  it('withDeleted: a filter on soft-deleted posts is no contradiction', async () => {
    const { t, raw } = await rawWorld();
    const rows = await t.run((ctx) =>
      plain.db(ctx).query.users.findMany({ withDeleted: true, where: { posts: { deletedAt: { isNotNull: true } } } }),
    );
    const authors = new Set(raw.posts.filter((p) => p.deletedAt != null).map((p) => p.authorId));
    expect(authors.size).toBeGreaterThan(0);
    expect(names(rows)).toEqual(names(raw.users.filter((u) => authors.has(u._id))));
  });

  it('select().withDeleted(): an inner join on soft-deleted posts is no contradiction', async () => {
    const { t, raw } = await rawWorld();
    const rows = await t.run((ctx) =>
      plain
        .db(ctx)
        .select({ id: posts._id })
        .from(users)
        .innerJoin(posts, and(eq(posts.authorId, users._id), isNotNull(posts.deletedAt)))
        .withDeleted(),
    );
    expect(rows.length).toBe(raw.posts.filter((p) => p.deletedAt != null).length);
  });

  it('a LEFT join whose ON matches no row keeps every base row with a null partner', async () => {
    const { t, raw } = await rawWorld();
    const out = await t.run(async (ctx) => {
      const db = plain.db(ctx);
      return {
        joinedSide: await db
          .select({ name: users.name, post: posts._id })
          .from(users)
          .leftJoin(posts, and(eq(posts.authorId, users._id), gt(posts.score, 5), lt(posts.score, 3))),
        baseSide: await db
          .select({ name: users.name, post: posts._id })
          .from(users)
          .leftJoin(posts, and(eq(posts.authorId, users._id), gt(users.age, 50), lt(users.age, 10))),
        innerBaseSide: await db
          .select({ name: users.name })
          .from(users)
          .innerJoin(posts, and(eq(posts.authorId, users._id), gt(users.age, 50), lt(users.age, 10))),
      };
    });
    expect(names(out.joinedSide)).toEqual(names(raw.users));
    expect(out.joinedSide.every((r) => r.post === null)).toBe(true);
    expect(names(out.baseSide)).toEqual(names(raw.users));
    expect(out.baseSide.every((r) => r.post === null)).toBe(true);
    expect(out.innerBaseSide).toEqual([]);
  });
});
