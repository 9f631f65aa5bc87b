// A prepared select's execute(ctx, values).explain() describes its read by _id as the run reads it
// (only the distinct ids of the table; none left: read 'none'), as explain() of the same select
// built on orm.db(ctx) does.
import { inArray, placeholder } from 'convex-orm';
import { expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { items, liveItem, plain, world } from './fixture';

const prepared = plain
  .select({ id: items._id })
  .from(items)
  .where(inArray(items._id, placeholder('ids')))
  .prepare('itemsByIds');

it('a prepared select executed in a ctx explains its ids as the run reads them', async () => {
  const { t } = await world();
  const out = await t.run(async (raw) => {
    const item = (await liveItem(raw.db))._id;
    const owner = (await raw.db.query('owners').first())!._id;
    const { ctx, reads } = countReads(raw);
    const mixed = { ids: [item, owner, 'garbage', item] };
    const none = { ids: [owner, 'garbage'] };
    const unprepared = plain
      .db(ctx)
      .select({ id: items._id })
      .from(items)
      .where(inArray(items._id, mixed.ids as never[]))
      .explain();
    const explained = {
      mixed: await prepared.execute(ctx, mixed).explain(),
      none: await prepared.execute(ctx, none).explain(),
    };
    const rows = { mixed: await prepared.execute(ctx, mixed), none: await prepared.execute(ctx, none) };
    return { item, unprepared, explained, rows, reads: { ...reads } };
  });
  // The run reads the one item, once, and nothing for the ids of no item.
  expect(out.rows).toEqual({ mixed: [{ id: out.item }], none: [] });
  expect(out.reads).toEqual({ documents: 1, ranges: 1 });
  expect(out.unprepared).toMatchObject({ read: 'get', ranges: [`_id = "${out.item}"`] });
  // explain() in the ctx: as the unprepared select's, as the run reads.
  expect(out.explained.mixed).toEqual(out.unprepared);
  expect(out.explained.none).toMatchObject({ read: 'none', ranges: [] });
});
