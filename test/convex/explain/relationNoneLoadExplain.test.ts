// A relation load whose where keeps no id of its table explains its load as reading none, as a
// load of an empty list does.
import { expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { plain, world } from './fixture';

it('a load that reads none says its load reads none', async () => {
  const { t } = await world();
  const out = await t.run(async (raw) => {
    const owner = (await raw.db.query('owners').first())!._id;
    const { ctx, reads } = countReads(raw);
    const db = plain.db(ctx);
    const query = (ids: string[]) =>
      db.query.owners.findMany({ where: { _id: owner }, with: { items: { where: { _id: { in: ids as never[] } } } } });
    const garbage = await query(['garbage', owner]).explain();
    const rows = await query(['garbage', owner]);
    const runReads = { ...reads };
    const empty = await query([]).explain();
    return { garbage, rows, runReads, empty };
  });
  expect(out.rows.map((row) => row.items)).toEqual([[]]);
  expect(out.runReads).toEqual({ documents: 1, ranges: 1 });
  expect(out.garbage.with?.items).toMatchObject({ read: 'none' });
  expect(out.garbage.with?.items?.load).toBe(out.empty.with?.items?.load);
});
