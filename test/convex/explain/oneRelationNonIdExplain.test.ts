// A one relation read by id whose where names no id of its table explains as reading none, as the
// run reads none; beside an id of the table, another table's id is left out of boundWithin.
import { expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { liveItem, plain, world } from './fixture';

it('a one relation by id whose _id where names no id of its table: explain reads none, as the run', async () => {
  const { t } = await world();
  const out = await t.run(async (raw) => {
    const live = await liveItem(raw.db);
    const item = live._id;
    const owner = live.ownerId;
    const { ctx, reads } = countReads(raw);
    const db = plain.db(ctx);
    const load = db.query.items.findMany({
      where: { _id: item },
      with: { owner: { where: { _id: 'garbage' as never } } },
    });
    const explained = await load.explain();
    const rows = await load;
    const loadReads = { ...reads };
    const filter = await db.query.items
      .findMany({ where: { _id: item, owner: { _id: 'garbage' as never } } })
      .explain();
    const mixed = await db.query.items
      .findMany({ where: { _id: item }, with: { owner: { where: { _id: { in: [owner, item] as never[] } } } } })
      .explain();
    return { owner, explained, rows, loadReads, filter, mixed };
  });
  // The run reads the root item only: no owner is read for any parent.
  expect(out.rows.map((row) => row.owner)).toEqual([null]);
  expect(out.loadReads).toEqual({ documents: 1, ranges: 1 });
  expect(out.explained.with?.owner).toMatchObject({ read: 'none', ranges: [] });
  expect(out.filter.exists?.owner).toMatchObject({ read: 'none', ranges: [] });
  // Beside an id of the table, another table's id is read for no parent value.
  expect(out.mixed.with?.owner?.boundWithin).toEqual([`_id in ["${out.owner}"]`]);
});
