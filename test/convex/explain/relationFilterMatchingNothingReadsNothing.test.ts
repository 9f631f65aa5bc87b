// A relation filter whose nested filter no row passes by the planner's own reckoning (an empty
// range `score > 5 and score < 3`, two equalities on one field, the caller's `where` against the
// target's read rule `{ tenant: 'acme' }`, `deletedAt isNotNull` against soft delete's
// `deletedAt isNull`) is FALSE, folded before the parent is planned: the root reads nothing,
// explain() says `read: 'none'`, and `strict` does not refuse it (docs/queries.md: "a filter that
// can match nothing reads nothing"), as a root `where` with the same contradiction plans.
import { expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { plain, ruled, strictPlain, world } from './worldFixture';

const cases: [string, any, Record<string, unknown>][] = [
  ['empty range', plain, { posts: { score: { gt: 5, lt: 3 } } }],
  ['two equalities on one field', plain, { posts: { status: 'draft', AND: [{ status: 'live' }] } }],
  ['soft-deleted rows only (no withDeleted)', plain, { posts: { deletedAt: { isNotNull: true } } }],
  ['outside the target read rule', ruled, { posts: { tenant: 'beta' } }],
];

for (const [name, orm, where] of cases)
  it(`a relation filter no row passes reads no parent: ${name}`, async () => {
    const { t } = await world();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const q = orm.db(ctx).query.users.findMany({ where });
      const ex = q.explain();
      const rows = await q;
      return { read: ex.read, fullScan: ex.fullScan, rows: rows.length, documents: reads.documents };
    });
    expect(out).toEqual({ read: 'none', fullScan: false, rows: 0, documents: 0 });
  });

it('strict mode does not refuse a relation filter no row passes', async () => {
  const { t } = await world();
  const rows = await t.run((ctx) =>
    strictPlain.db(ctx).query.users.findMany({ where: { posts: { score: { gt: 5, lt: 3 } } } }),
  );
  expect(rows).toEqual([]);
});
