// A db.select() join looked up by _id whose ON names no id of the joined table explains as reading
// none (`none: ON matches no row`), as the run reads no row of it; other tables' ids are left out of
// its boundWithin.
import { expect, it } from 'vitest';
import { and, eq, inArray } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { items, liveItem, owners, plain, world } from './fixture';

it('a select join by id whose ON names no id of the joined table explains as reading none, as the run', async () => {
  const { t } = await world();
  const out = await t.run(async (raw) => {
    const live = await liveItem(raw.db);
    const item = live._id;
    const { ctx, reads } = countReads(raw);
    const q = plain
      .db(ctx)
      .select()
      .from(items)
      .where(eq(items._id, item))
      .innerJoin(owners, and(eq(owners._id, items.ownerId), inArray(owners._id, ['garbage' as never, item as never])));
    const explained = await q.explain();
    const rows = await q;
    return { join: explained.joins[0]!, rows: rows.length, reads: { ...reads } };
  });
  // The run reads the item only: no owner is read.
  expect(out.rows).toBe(0);
  expect(out.reads).toEqual({ documents: 1, ranges: 1 });
  expect(out.join).toMatchObject({ read: 'none', ranges: [] });
});
