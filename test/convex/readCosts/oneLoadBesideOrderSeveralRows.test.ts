// docs/queries.md: "A `with` load ... that an order read along ... takes the rows the
// order read instead of reading them again (so does a `with` load of a `one` relation with no
// `offset` or `orderBy` of its own: the first row the order read)". Sharing must not change the
// result: the profile a user's row carries must be the one `with: { profile: true }` loads alone.
// Checked with a key of several rows (u0 holds three profiles), for a relation `orderBy` and a
// relation filter beside the load, with and without an equal nested `where`.
import { expect, it } from 'vitest';
import { orm, seeded } from './blogFixture';

it('a one load beside a relation order or filter carries the row it loads alone', async () => {
  const { t, ids } = await seeded(10, 0);
  await t.run(async (raw: any) => {
    // 'a…' sorts before 'bio 0', 'z…' after: the rows an ascending / descending order meets first.
    for (const bio of ['zzz', 'aaa']) await raw.db.insert('profiles', { userId: ids.users[0], bio });
  });
  const out = await t.run(async (raw: any) => {
    const db = orm.db(raw) as any;
    const bios = (rows: any[]) => Object.fromEntries(rows.map((u) => [u.name, u.profile?.bio ?? null]));
    const alone = bios(await db.query.users.findMany({ with: { profile: true } }));
    const aloneW = bios(await db.query.users.findMany({ with: { profile: { where: { bio: { ne: 'x' } } } } }));
    return {
      alone,
      aloneW,
      asc: bios(await db.query.users.findMany({ orderBy: { profile: { bio: 'asc' } }, with: { profile: true } })),
      desc: bios(await db.query.users.findMany({ orderBy: { profile: { bio: 'desc' } }, with: { profile: true } })),
      filter: bios(await db.query.users.findMany({ where: { profile: true }, with: { profile: true } })),
      filterW: bios(
        await db.query.users.findMany({
          where: { profile: { bio: { ne: 'x' } } },
          with: { profile: { where: { bio: { ne: 'x' } } } },
        }),
      ),
    };
  });
  const present = (m: Record<string, unknown>) => Object.fromEntries(Object.entries(m).filter(([, b]) => b !== null));
  expect(out.asc).toEqual(out.alone);
  expect(out.desc).toEqual(out.alone);
  expect(out.filter).toEqual(present(out.alone));
  expect(out.filterW).toEqual(present(out.aloneW));
});
