import { asc, eq } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { posts, usersToGroups } from '../../example/convex/schema';
import { seeded } from './seed';

// An index-range join reads each distinct key's range once, as relation loads (`with`) do: rows
// sharing a key share the read (each row re-reading it could pass Convex's 4,096 ranges).
describe('a join keyed by a non-_id column reads one range per distinct key, not per row', () => {
  it('30 more posts by Ada joined to her memberships read Ada’s usersToGroups range once, not 33 times', async () => {
    const { t, ids } = await seeded();
    await t.run(async (ctx) => {
      await orm
        .db(ctx as MutationCtx)
        .insert(posts)
        .values(Array.from({ length: 30 }, (_, i) => ({ title: `Ada ${i}`, authorId: ids.users.ada })));
    });
    const { rows, reads, findManyReads } = await t.run(async (raw) => {
      const counted = countReads(raw);
      const rows = await orm
        .db(counted.ctx)
        .select({ title: posts.title, groupId: usersToGroups.groupId })
        .from(posts)
        .innerJoin(usersToGroups, eq(usersToGroups.userId, posts.authorId))
        .orderBy(asc(usersToGroups.groupId));
      const reads = { ...counted.reads };
      // The same data through the relational API, for comparison: memberships read once per distinct author.
      const again = countReads(raw);
      await orm.db(again.ctx).query.posts.findMany({ with: { author: { with: { memberships: true } } } });
      return { rows, reads, findManyReads: { ...again.reads } };
    });
    // 33 posts by Ada × 2 memberships + Bob's 2 posts × 1 + Cy's post × 1 (Eve has no membership).
    expect(rows).toHaveLength(33 * 2 + 2 + 1);
    // posts (1 range), authors by db.get (4), memberships of each distinct author (at most one range each).
    expect(findManyReads.ranges).toBeLessThanOrEqual(1 + 4 + 4);
    // Needed: the posts range, then one usersToGroups range per distinct author (Ada, Bob, Cy, Eve): 5 ranges,
    // 37 posts + 2 + 1 + 1 memberships = 41 documents.
    // (One range per post would be 1 + 37 = 38 ranges, 37 + 33·2 + 2·1 + 1 = 106 documents.)
    expect(reads).toEqual({ documents: 41, ranges: 5 });
  });
});
