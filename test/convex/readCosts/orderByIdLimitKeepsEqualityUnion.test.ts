// `orderBy: { _id }` with a limit over an OR across fields whose every branch an equality pins
// reads the branches' equality ranges (2 documents for 2 matches among 300 users), not by_id walked
// whole (src/planner/union.ts `readable`: a walk of the whole table in order may read all of it
// before the limit's rows match; the union reads the matches, DESIGN.md section 14).
import { describe, expect, it } from 'vitest';
import { counted, orm, seeded } from './fixture';

describe('orderBy _id with a limit over an OR of equalities on two indexed fields', () => {
  it('reads the equality ranges, not every row of by_id', async () => {
    const t = await seeded(300, 0);
    const where = { OR: [{ age: 25 }, { score: 299 }] } as const;
    const out = await t.run(async (raw: any) => {
      const query = (ctx: any) =>
        orm.db(ctx).query.users.findMany({ where, orderBy: { _id: 'asc' }, limit: 5, columns: { name: true } });
      return { ...(await counted(raw, query)), explain: query(raw).explain() };
    });
    expect(out.result.map((u: any) => u.name).sort()).toEqual(['u299', 'u5']);
    expect(out.reads.documents).toBeLessThanOrEqual(10);
  });
});
