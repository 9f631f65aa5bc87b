import { describe, expect, it } from 'vitest';
import { createOrm, defineRules } from '../../../src/index';
import { counted, orm, relations, seeded } from './fixture';

// `OR: [{ posts: A }, { posts: B }]` is EXISTS(posts WHERE A) OR EXISTS(posts WHERE B), which is
// EXISTS(posts WHERE A OR B) (EXISTS is never UNKNOWN): the filter tree merges such branches
// (src/filter/tree.ts withRelationsMerged) so one read of a user's posts answers both, where each
// branch used to be its own relation filter (explain: `exists.posts` and `exists.posts#1`) reading
// every user's posts once per branch (440 documents / 81 ranges for 240 / 41). The merged filter
// still sees only the posts the rules let the caller read. AND is not merged: EXISTS(A) AND
// EXISTS(B) asks for two rows.
const A = { status: 'zzz' } as const; // no post matches
const B = { views: { gt: 100 } } as const; // no post matches

/** The hand-written floor: each user's posts read once, until one passes either condition. */
async function handWritten(ctx: any, limit: number) {
  const found: string[] = [];
  for await (const user of ctx.db.query('users')) {
    let match = false;
    for await (const post of ctx.db.query('posts').withIndex('by_author', (q: any) => q.eq('authorId', user._id))) {
      if (post.status === 'zzz' || post.views > 100) {
        match = true;
        break;
      }
    }
    if (match) found.push(user.name);
    if (found.length === limit) break;
  }
  return found;
}

describe('OR of two relation filters on the same relation', () => {
  it('reads each parent’s related rows once, as EXISTS(A OR B) does (hand-written: 240 documents, 41 ranges)', async () => {
    const t = await seeded();
    const out = await t.run(async (raw: any) => {
      const floor = await counted(raw, (ctx) => handWritten(ctx, 5));
      const merged = await counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({ where: { posts: { OR: [A, B] } }, limit: 5 }),
      );
      const query = (ctx: any) =>
        orm.db(ctx).query.users.findMany({ where: { OR: [{ posts: A }, { posts: B }] }, limit: 5 });
      const orm2 = await counted(raw, query);
      return { floor, merged, orm: orm2, explain: query(raw).explain() };
    });
    expect(out.floor.result).toEqual([]);
    expect(out.orm.result).toEqual([]);
    expect(out.floor.reads).toEqual({ documents: 240, ranges: 41 });
    expect(out.merged.reads).toEqual(out.floor.reads); // the same filter written as one relation filter
    expect(out.orm.reads).toEqual(out.floor.reads);
    expect(Object.keys(out.explain.exists ?? {})).toEqual(['posts']);
  });

  it('NOT of the OR (users with no such post) reads each user’s posts once too', async () => {
    const t = await seeded(10);
    const out = await t.run(async (raw: any) => {
      const merged = await counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({ where: { NOT: { posts: { OR: [A, B] } } }, columns: { name: true } }),
      );
      const split = await counted(raw, (ctx) =>
        orm
          .db(ctx)
          .query.users.findMany({ where: { NOT: { OR: [{ posts: A }, { posts: B }] } }, columns: { name: true } }),
      );
      return { merged, split };
    });
    expect(out.split.result).toEqual(out.merged.result);
    expect(out.merged.reads).toEqual({ documents: 60, ranges: 11 });
    expect(out.split.reads).toEqual(out.merged.reads);
  });

  it('under a read rule on the related table, the merged filter counts only the posts the caller may read', async () => {
    const t = await seeded(10);
    const ruled = createOrm({
      relations,
      rules: defineRules(relations, () => ({ posts: { read: { status: 'live' } } })),
    });
    const drafts = { OR: [{ posts: { status: 'draft' } }, { posts: { views: 40 } }] } as const; // both the draft
    const out = await t.run(async (raw: any) => {
      const query = (ctx: any, db: typeof orm) =>
        db.db(ctx).query.users.findMany({ where: drafts, columns: { name: true } });
      return {
        open: await counted(raw, (ctx) => query(ctx, orm)),
        ruled: await counted(raw, (ctx) => query(ctx, ruled)),
        explain: query(raw, ruled).explain(),
        both: await orm
          .db(raw)
          .query.users.findMany({ where: { posts: { status: 'draft' }, AND: [{ posts: { views: 30 } }] } }),
      };
    });
    expect(out.open.result).toHaveLength(10);
    expect(out.ruled.result).toEqual([]);
    expect(out.ruled.reads).toEqual({ documents: 60, ranges: 11 }); // each user's 5 posts read once
    expect(Object.keys(out.explain.exists ?? {})).toEqual(['posts']);
    // AND stays two filters: each user has a draft and another post with views 30, no one post both.
    expect(out.both).toHaveLength(10);
  });
});
