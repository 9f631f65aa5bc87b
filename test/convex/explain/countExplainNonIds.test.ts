// A _count whose where keeps no id of its table explains as reading none, as the run reads none.
import { expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { plain, world } from './fixture';

it('a _count whose where keeps no id of its table explains as reading none', async () => {
  const { t } = await world();
  const out = await t.run(async (raw) => {
    const owner = (await raw.db.query('owners').first())!._id;
    const { ctx, reads } = countReads(raw);
    const db = plain.db(ctx);
    const query = (ids: string[]) =>
      db.query.owners.findMany({
        where: { _id: owner },
        _count: { items: { where: { _id: { in: ids as never[] } } } },
      });
    const explained = await query(['garbage', owner]).explain();
    const rows = await query(['garbage', owner]);
    const runReads = { ...reads };
    const empty = await query([]).explain();
    return { explained, rows, runReads, empty };
  });
  expect(out.rows.map((row) => row._count)).toEqual([{ items: 0 }]);
  expect(out.runReads).toEqual({ documents: 1, ranges: 1 });
  expect(out.empty._count?.items).toMatch(/^none/);
  expect(out.explained._count?.items).toBe(out.empty._count?.items);
});
