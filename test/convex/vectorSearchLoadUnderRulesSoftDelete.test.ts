/**
 * docs/queries.md "Vector search" and docs/rules.md "Limits of this version"
 * promise that (1) the search itself sees every document of the index, soft-deleted rows and rows the
 * caller's rules hide included, and they take up `limit`; (2) loading the results with
 * `findMany({ where: { _id: { in: ids } }, with })` in one query returns the rows in score order, drops
 * the rows the rules hide, the soft-deleted ones and those deleted since the search, and a `limit`
 * counts visible rows (DESIGN.md rule 5); each id costs one `db.get` (one range), read only until the
 * limit is filled. Existing tests check the order and reads without rules or soft delete
 * (test/convex/vectorSearch.test.ts); none runs the documented pattern under rules and `deletion('soft')`.
 */
import type { Auth } from 'convex/server';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  id,
  text,
  timestamp,
  vector,
  vectorIndex,
} from '../../src/index';

const users = convexTable('users', { name: text().notNull() });
const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    owner: text().notNull(),
    authorId: id('users').notNull(),
    embedding: vector(2).notNull(),
    deletedAt: timestamp(),
  },
  (t) => [vectorIndex('by_embedding').on(t.embedding).filter(t.owner), deletion('soft', { column: t.deletedAt })],
);
const tables = { users, posts };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id, optional: false }) },
}));
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const me = (await ctx.auth.getUserIdentity())?.subject ?? '';
  return { users: { read: {} }, posts: { read: { owner: me } } };
});
const orm = createOrm({ relations, rules });

async function seeded() {
  const t = convexTest(schema, modules);
  const byTitle = await t.run(async (ctx) => {
    const ada = await ctx.db.insert('users', { name: 'Ada' });
    const out: Record<string, string> = {};
    // Closest to [0, 1] first: f, e, d, c, b, a. c is soft-deleted, b is another owner's.
    const rows = [
      ['a', 'me', 0, null],
      ['b', 'other', 0.1, null],
      ['c', 'me', 0.2, 1],
      ['d', 'me', 0.3, null],
      ['e', 'me', 0.4, null],
      ['f', 'me', 0.5, null],
    ] as const;
    for (const [title, owner, y, deletedAt] of rows) {
      out[title] = await ctx.db.insert('posts', { title, owner, authorId: ada, embedding: [1, y], deletedAt });
    }
    return out;
  });
  return { t, byTitle };
}

describe('vector search, then loading the rows under rules and soft delete', () => {
  it('the search returns hidden and soft-deleted rows; the load keeps score order, drops them, and limit counts visible rows', async () => {
    const { t, byTitle } = await seeded();
    const titleOf = Object.fromEntries(Object.entries(byTitle).map(([title, id]) => [id, title]));
    const found = await t
      .withIdentity({ subject: 'me' })
      .action((ctx) => orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [0, 1], limit: 6 }));
    // (1) Every document of the index, by descending score, soft-deleted c and other's b included.
    expect(found.map((result) => titleOf[result._id])).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);

    // Deleted between the search and the load (a later transaction).
    await t.run((ctx) => ctx.db.delete(byTitle.e as never));

    const ids = found.map((result) => result._id);
    const load = (limit?: number) =>
      t.withIdentity({ subject: 'me' }).run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const rows = await orm.db(ctx).query.posts.findMany({
          where: { _id: { in: ids } },
          columns: { title: true },
          with: { author: { columns: { name: true } } },
          ...(limit === undefined ? {} : { limit }),
        });
        return { rows: rows.map((row) => `${row.title}/${row.author.name}`), reads: { ...reads } };
      });

    // (2) Score order kept; e (deleted since), c (soft-deleted) and b (hidden) dropped.
    // One get per id (6) and the one author (1).
    expect(await load()).toEqual({ rows: ['f/Ada', 'd/Ada', 'a/Ada'], reads: { documents: 6, ranges: 7 } });
    // limit 2 counts visible rows: f, d; read only f, e (gone), d, and the author.
    expect(await load(2)).toEqual({ rows: ['f/Ada', 'd/Ada'], reads: { documents: 3, ranges: 4 } });
    // limit 3 needs a, past c and b.
    expect(await load(3)).toEqual({ rows: ['f/Ada', 'd/Ada', 'a/Ada'], reads: { documents: 6, ranges: 7 } });
  });

  it('another caller loading the same ids sees only their own rows, in score order', async () => {
    const { t, byTitle } = await seeded();
    const ids = ['f', 'e', 'd', 'c', 'b', 'a'].map((title) => byTitle[title]!);
    const rows = await t
      .withIdentity({ subject: 'other' })
      .run((ctx) =>
        orm.db(ctx).query.posts.findMany({ where: { _id: { in: ids as never } }, columns: { title: true } }),
      );
    expect(rows).toEqual([{ title: 'b' }]);
    const none = await t.run((ctx) =>
      orm.db(ctx).query.posts.findMany({ where: { _id: { in: ids as never } }, columns: { title: true } }),
    );
    expect(none).toEqual([]);
  });
});
