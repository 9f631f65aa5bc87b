// An embedded $count whose filter names no id of the counted table explains as reading none, as the
// run reads none.
import { expect, it } from 'vitest';
import { and, eq, inArray } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { items, owners, plain, world } from './fixture';

it('a selected $count whose where names no id of its table explains as reading none, as the run', async () => {
  const { t } = await world();
  const out = await t.run(async (raw) => {
    const owner = (await raw.db.query('owners').first())!._id;
    const { ctx, reads } = countReads(raw);
    const db = plain.db(ctx);
    const q = db
      .select({ n: db.$count(items, and(eq(items.ownerId, owners._id), inArray(items._id, ['garbage' as never]))) })
      .from(owners)
      .where(eq(owners._id, owner));
    const explained = await q.explain();
    const rows = await q;
    return { count: explained.counts?.n, rows, reads: { ...reads } };
  });
  // The run reads the owner only: the count reads nothing.
  expect(out.rows).toEqual([{ n: 0 }]);
  expect(out.reads).toEqual({ documents: 1, ranges: 1 });
  expect(out.count).toMatchObject({ read: 'none', ranges: [] });
});
