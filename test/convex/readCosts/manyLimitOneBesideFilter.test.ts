// A `many` load with
// `limit: 1` takes "the first row only" by takesFirstOnly, so heldMatches may hand it a first-match
// read. No `many` relation has one (heldRelatedRows.ts: "no `many` has such a read"), so a `many`
// load with limit 1 beside a relation filter on the same relation (with and without an equal where),
// or beside an order, must carry exactly the posts it loads alone. Checked with keys of four posts.
import { expect, it } from 'vitest';
import { orm, seeded } from './blogFixture';

it('a many load with limit 1 beside a relation filter or an order carries the row it loads alone', async () => {
  const { t } = await seeded(6, 4);
  const out = await t.run(async (raw: any) => {
    const db = orm.db(raw) as any;
    const first = (rows: any[]) => Object.fromEntries(rows.map((u) => [u.name, u.posts.map((p: any) => p.title)]));
    const F = { status: 'draft' };
    const alone = first(await db.query.users.findMany({ with: { posts: { limit: 1 } } }));
    const aloneF = first(await db.query.users.findMany({ with: { posts: { where: F, limit: 1 } } }));
    return {
      alone,
      aloneF,
      filter: first(await db.query.users.findMany({ where: { posts: true }, with: { posts: { limit: 1 } } })),
      filterF: first(await db.query.users.findMany({ where: { posts: F }, with: { posts: { where: F, limit: 1 } } })),
      filterOtherF: first(await db.query.users.findMany({ where: { posts: F }, with: { posts: { limit: 1 } } })),
      order: first(await db.query.users.findMany({ orderBy: { name: 'desc' }, with: { posts: { limit: 1 } } })),
    };
  });
  expect(out.filter).toEqual(out.alone);
  expect(out.filterF).toEqual(out.aloneF);
  expect(out.filterOtherF).toEqual(out.alone);
  expect(out.order).toEqual(out.alone);
  expect(
    Object.values(out.aloneF)
      .flat()
      .every((title) => String(title).endsWith(' 3')),
  ).toBe(true);
});
