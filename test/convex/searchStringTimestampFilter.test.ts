// Claim check (no bug found): docs/queries.md "Search" says equalities of `where` on the search
// index's filter fields go into `withSearchIndex` and the rest (soft delete included) is residual,
// with `explain()` showing the equalities in `ranges`. No existing test covers a filter field whose
// application value differs from its stored one: a `timestamp({ mode: 'string' })` column, written
// and compared as an ISO string, stored as milliseconds. The equality must reach the search as the
// stored number (one document read, not every match), and findFirstOrThrow under a read rule that
// hides the only match must be NOT_FOUND (a hidden row is never returned).
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  searchIndex,
  text,
  timestamp,
} from '../../src/index';
import { countReads } from '../../src/testing';

const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    status: text().notNull(),
    at: timestamp({ mode: 'string' }),
    deletedAt: timestamp(),
  },
  (t) => [searchIndex('s').on(t.title).filter(t.status, t.at), deletion('soft', { column: t.deletedAt })],
);
const tables = { posts };
const schema = defineSchema(tables);
const relations = defineRelations(tables);
const orm = createOrm({ relations });
const ruled = createOrm({
  relations,
  rules: defineRules(relations, () => ({ posts: { read: { status: 'public' } } })),
});

const ISO = '2024-01-02T03:04:05.000Z';

async function seeded() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    await ctx.db.insert('posts', { title: 'intro one', status: 'secret', at: Date.parse(ISO) });
    for (let i = 0; i < 4; i++) await ctx.db.insert('posts', { title: `intro ${i}`, status: 'public', at: i });
    await ctx.db.insert('posts', { title: 'intro gone', status: 'public', at: Date.parse(ISO), deletedAt: 7 });
  });
  return t;
}

it('a string-mode timestamp equality filters the search as its stored milliseconds', async () => {
  const t = await seeded();
  await t.run(async (ctx) => {
    const { ctx: counted, reads } = countReads(ctx);
    const query = orm.db(counted).query.posts.findMany({
      search: { index: 's', query: 'intro' },
      where: { at: ISO },
      columns: { title: true, at: true },
    });
    expect(await query).toEqual([{ title: 'intro one', at: ISO }]);
    // The live match and the soft-deleted one: the search's filter, not a residual over all six.
    expect(reads.documents).toBe(2);
    const explained = await query.explain();
    expect(explained.read).toBe('search');
    expect(explained.ranges).toEqual([`at = ${Date.parse(ISO)}`]);
  });
});

it('findFirstOrThrow of a search whose only match a rule hides is NOT_FOUND', async () => {
  const t = await seeded();
  await t.run(async (ctx) => {
    const db = ruled.db(ctx);
    await expect(
      db.query.posts.findFirstOrThrow({ search: { index: 's', query: 'intro' }, where: { at: ISO } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const visible = await db.query.posts.findFirst({
      search: { index: 's', query: 'intro' },
      where: { at: { gte: '1970-01-01T00:00:00.002Z', lte: '1970-01-01T00:00:00.002Z' } },
      columns: { title: true, status: true },
    });
    expect(visible).toEqual({ title: 'intro 2', status: 'public' });
  });
});
