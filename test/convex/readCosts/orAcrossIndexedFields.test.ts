import { describe, expect, it } from 'vitest';
import { counted, orm, seeded, strictOrm } from './fixture';

// docs/queries.md ("How a query reads"): an OR is read through an index only when every branch is
// an equality on one field (src/planner/conditions.ts equalityOf); `OR: [{ role: 'admin' }, { age:
// 25 }]`, with an index on each field, is a residual over a full table scan (300 documents here for
// 76 rows, where careful code reads the two ranges and merges them). No index-union plan is built:
// the errors say so instead of "narrow the filter with an indexed field" (both fields are indexed):
// `strict`'s FULL_SCAN_FORBIDDEN and SCAN_BUDGET_EXCEEDED name the OR's fields and say to run one
// query per branch, which strict mode runs.

const across = { OR: [{ role: 'admin' }, { age: 25 }] } as const;
const advice =
  'an OR across different fields (role, age) is read through no index, even when each field has one: run one query per branch (each reads its own index) and merge the rows, or put the OR on one indexed field';

/** One query per branch, merged by _id in _creationTime order: what the errors advise. */
async function perBranch(db: any) {
  const admins = await db.query.users.findMany({ where: { role: 'admin' } });
  const aged = await db.query.users.findMany({ where: { age: 25 } });
  const byId = new Map([...admins, ...aged].map((u: any) => [u._id, u]));
  return [...byId.values()].sort((a: any, b: any) => a._creationTime - b._creationTime).map((u: any) => u.name);
}

describe('OR of equalities on two indexed fields', () => {
  it('is a full scan (300 documents, 1 range) where one query per branch reads the two ranges (76, 2)', async () => {
    const t = await seeded(300, 0);
    const out = await t.run(async (raw: any) => {
      const split = await counted(raw, (ctx) => perBranch(orm.db(ctx)));
      const query = (ctx: any) => orm.db(ctx).query.users.findMany({ where: across, columns: { name: true } });
      const result = await counted(raw, query);
      return { split, result, explain: query(raw).explain() };
    });
    expect(out.result.result.map((u: any) => u.name)).toEqual(out.split.result);
    expect(out.split.reads).toEqual({ documents: 76, ranges: 2 });
    expect(out.result.reads).toEqual({ documents: 300, ranges: 1 });
    expect(out.explain).toMatchObject({ index: 'by_creation_time', fullScan: true });
    expect(out.explain.suggestedIndex).toBeUndefined();
  });

  it('strict mode refuses it naming the OR and the split, and runs one query per branch', async () => {
    const t = await seeded(30, 0);
    const out = await t.run(async (raw: any) => {
      const db = strictOrm.db(raw);
      const refused = await db.query.users.findMany({ where: across }).then(
        () => 'ran',
        (error: any) => `${error.code}: ${error.message}`,
      );
      return { refused, split: await perBranch(db) };
    });
    expect(out.refused).toBe(
      `FULL_SCAN_FORBIDDEN: Query on "users" would scan the whole table (no index narrows it); ${advice}, or drop strict mode.`,
    );
    expect(out.split).toHaveLength(9); // u0, u4, ..., u28 (8 admins) and u5 (age 25)
  });

  it('SCAN_BUDGET_EXCEEDED gives the same advice', async () => {
    const t = await seeded(30, 0);
    const message = await t.run((raw: any) =>
      orm
        .db(raw)
        .query.users.findMany({ where: across, scanBudget: 10 })
        .then(
          () => 'ran',
          (error: any) => `${error.code}: ${error.message}`,
        ),
    );
    expect(message).toBe(
      `SCAN_BUDGET_EXCEEDED: Query on "users" read more than 10 documents (the scan budget) through index "by_creation_time" without finishing; ${advice}, or raise scanBudget.`,
    );
  });
});
