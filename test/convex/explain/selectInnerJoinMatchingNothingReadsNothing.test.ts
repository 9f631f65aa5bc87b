// An inner join whose ON matches no row (a constant FALSE such as `inArray(posts.title, [])`, or an
// empty range) makes the select empty: the base table is not read (explain() `read: 'none'`, 0
// documents) and `strict` does not refuse it, as Postgres plans `JOIN … ON false` as a one-time
// filter (docs/select.md: such an `on` reads nothing). A left join still reads its base rows.
import { expect, it } from 'vitest';
import { and, count, eq, gt, inArray, lt } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { plain, posts, strictPlain, users, world } from './worldFixture';

const ons = {
  'constant FALSE (empty inArray)': () => and(eq(posts.authorId, users._id), inArray(posts.title, [])),
  'empty range': () => and(eq(posts.authorId, users._id), gt(posts.score, 5), lt(posts.score, 3)),
};

for (const [name, on] of Object.entries(ons))
  it(`an inner join that matches no row reads no base row: ${name}`, async () => {
    const { t } = await world();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const q = plain.db(ctx).select().from(users).innerJoin(posts, on());
      const ex = await q.explain();
      const rows = await q;
      return { load: ex.joins[0]!.load, read: ex.read, rows: rows.length, documents: reads.documents };
    });
    expect(out).toEqual({ load: 'none: ON matches no row', read: 'none', rows: 0, documents: 0 });
  });

it('strict mode does not refuse an inner join that matches no row', async () => {
  const { t } = await world();
  const rows = await t.run((ctx) => strictPlain.db(ctx).select().from(users).innerJoin(posts, ons['empty range']()));
  expect(rows).toEqual([]);
});

it('a left join that matches no row still reads its base rows, each with nulls', async () => {
  const { t } = await world();
  const out = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const rows = await plain.db(ctx).select().from(users).leftJoin(posts, ons['empty range']());
    return { rows: rows.length, nulls: rows.every((row) => row.posts === null), documents: reads.documents };
  });
  const stored = await t.run((ctx) => ctx.db.query('users').collect());
  expect(out).toEqual({ rows: stored.length, nulls: true, documents: stored.length });
});

it('a count over an inner join that matches no row is 0, reading nothing', async () => {
  const { t } = await world();
  const out = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const rows = await plain.db(ctx).select({ n: count() }).from(users).innerJoin(posts, ons['empty range']());
    return { rows, documents: reads.documents };
  });
  expect(out).toEqual({ rows: [{ n: 0 }], documents: 0 });
});
