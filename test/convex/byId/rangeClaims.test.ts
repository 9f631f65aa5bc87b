// docs/queries.md ("How a query reads"): `by_id` is scored for an order starting with `_id` or a
// range on `_id`; a keyset page `where: { _id: { gt: last } }, orderBy: { _id }, limit` reads from
// `last` on, about `limit` documents however deep, an `ne` on `_id` beside it included (the bound's
// interval is read, the `ne` tested on each row); an `ne` alone narrows nothing; an order's terms
// after its first `_id` or `_creationTime` order nothing and are dropped.
import { describe, expect, it } from 'vitest';
import { runById, seeded } from './fixture';

describe('a keyset page beside an ne on _id', () => {
  it('where _id > last and _id != other, orderBy _id, limit 5 at row 180 of 200: about 5 documents, not 185', async () => {
    const t = await seeded(200);
    const out = await runById(t, (ids) => ({
      where: { _id: { gt: ids[179], ne: ids[181] } },
      orderBy: { _id: 'asc' },
      limit: 5,
      scanBudget: 50,
    }));
    // The gt bound is one interval's core of the two (`ne` splits it): the doc says a range on `_id`
    // reads by_id from its bound; the `ne` narrows nothing, but neither should it undo the `gt`.
    expect(out.outcome).toEqual([out.ids[180], out.ids[182], out.ids[183], out.ids[184], out.ids[185]]);
    expect(out.documents).toBeLessThanOrEqual(10);
  });
});
