import { and, asc, eq, inArray } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';
import { seeded, seededOutcome } from './seed';

describe('an empty inArray in the ON condition of a join', () => {
  // Drizzle emits `false` for inArray(col, []) (reference/drizzle-v1.md: `in: []` matches nothing), so
  // `left join posts on posts.author_id = users.id and false` keeps every user once with null posts.
  it('leftJoin with an empty inArray beside the key keeps every user null-extended (Postgres), not INVALID_QUERY', async () => {
    const result = await seededOutcome((db) =>
      db
        .select({ name: users.name, title: posts.title })
        .from(users)
        .leftJoin(posts, and(eq(posts.authorId, users._id), inArray(posts.title, [])))
        .orderBy(asc(users.name)),
    );
    // The constant FALSE of the empty list folds the whole and() into one constant: the join reads nothing.
    expect(result).toEqual({
      rows: [
        { name: 'Ada', title: null },
        { name: 'Bob', title: null },
        { name: 'Cy', title: null },
        { name: 'Di', title: null },
        { name: 'Eve', title: null },
      ],
    });
  });

  it('innerJoin with an empty inArray beside the key returns no rows (Postgres), not INVALID_QUERY', async () => {
    const result = await seededOutcome((db) =>
      db
        .select({ name: users.name, title: posts.title })
        .from(users)
        .innerJoin(posts, and(eq(posts.authorId, users._id), inArray(posts.title, []))),
    );
    expect(result).toEqual({ rows: [] });
  });

  it('reads no post: explain() says the join loads nothing', async () => {
    const { t } = await seeded();
    const { reads, explained } = await t.run(async (raw) => {
      const counted = countReads(raw);
      const query = orm
        .db(counted.ctx)
        .select({ name: users.name, title: posts.title })
        .from(users)
        .leftJoin(posts, and(eq(posts.authorId, users._id), inArray(posts.title, [])));
      await query;
      return { reads: { ...counted.reads }, explained: await query.explain() };
    });
    expect(reads).toEqual({ documents: 5, ranges: 1 });
    expect(explained.joins).toEqual([expect.objectContaining({ read: 'none', load: 'none: ON matches no row' })]);
  });
});
