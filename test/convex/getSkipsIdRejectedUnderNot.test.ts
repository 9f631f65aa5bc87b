/**
 * A `get` read skips, unread, an id an `_id` condition of its `residual` rejects (docs/queries.md,
 * explain), a `NOT` of one too (`NOT: { _id: x }` at table or field level), as `{ ne: x }` is:
 * a hand-written `ctx.db` loop would not read it. Root `_id` reads and `one` relations by `_id`.
 */
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { seeded } from './seed';

describe('a get plan skips, unread, an id a NOT of an _id condition rejects', () => {
  it('ne beside an _id list: the rejected id is not read (control)', async () => {
    const { t, ids } = await seeded();
    const { ada, bob } = ids.users;
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm
        .db(ctx)
        .query.users.findMany({ where: { _id: { in: [ada, bob], ne: ada } }, columns: { name: true } });
      expect(rows).toEqual([{ name: 'Bob' }]);
      expect(reads).toEqual({ documents: 1, ranges: 1 });
    });
  });

  it('table-level NOT: { _id } beside an _id list: the rejected id is not read', async () => {
    const { t, ids } = await seeded();
    const { ada, bob } = ids.users;
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm
        .db(ctx)
        .query.users.findMany({ where: { _id: { in: [ada, bob] }, NOT: { _id: ada } }, columns: { name: true } });
      expect(rows).toEqual([{ name: 'Bob' }]);
      expect(reads).toEqual({ documents: 1, ranges: 1 });
    });
  });

  it('field-level NOT beside an _id equality: nothing is read', async () => {
    const { t, ids } = await seeded();
    const { ada } = ids.users;
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.users.findMany({ where: { _id: { eq: ada, NOT: { eq: ada } } } });
      expect(rows).toEqual([]);
      expect(reads).toEqual({ documents: 0, ranges: 0 });
    });
  });

  it('a one relation by _id with a nested NOT: { _id } reads no rejected target', async () => {
    const { t, ids } = await seeded();
    const { ada } = ids.users;
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      // Ada's three posts: their author (Ada) is rejected by the nested where.
      const rows = await orm.db(ctx).query.posts.findMany({
        where: { authorId: ada },
        columns: { title: true },
        with: { author: { columns: { name: true }, where: { NOT: { _id: ada } } } },
      });
      expect(rows.map((row) => row.author)).toEqual([null, null, null]);
      // The posts' range (3 documents, 1 range); the author get is skipped.
      expect(reads).toEqual({ documents: 3, ranges: 1 });
    });
  });
});
