// A seeded differential (3 seeds in CI; SEEDS=15 for more), combining in one walk:
// pages under read rules (an object equality rule, an OR rule across fields, a function rule, each
// with a rule on the loaded relation too) on a soft-delete table, over `in` lists, same-field ORs,
// residual filters and withDeleted, asc / desc, with `with` loads and `_count` at random and a
// client-chosen maximumRowsRead / maximumBytesRead at random, walked one page per transaction with
// sealed cursors. Expected (docs/queries.md "paginate", "Pinned pages"; docs/rules.md "Reads";
// DESIGN.md 14): the pages concatenated equal findMany with the same config for the same viewer
// (rows, their loaded notes and counts, in order, each once); every page but the last is full
// (numItems rows) unless SplitRequired; a page pinned to its own cursor/continueCursor, and the two
// halves of a split page (cursor..splitCursor, splitCursor..continueCursor), hold the page's rows.
import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  id,
  index,
  integer,
  text,
  timestamp,
} from '../../src/index';
import { seededRandom } from '../seededRandom';
import { CURSOR_SECRET } from './cursorSecret';
import { type PageRun, pageProblems, type WalkedPage, walkPages } from './pageWalk';

const items = convexTable(
  'items',
  { owner: text().notNull(), rank: integer(), tag: text().notNull(), deletedAt: timestamp() },
  (t) => [
    index('by_rank').on(t.rank),
    index('by_owner').on(t.owner, t.rank),
    index('by_tag').on(t.tag, t.rank),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const notes = convexTable(
  'notes',
  { itemId: id('items').notNull(), secret: boolean().notNull(), n: integer().notNull() },
  (t) => [index('by_item').on(t.itemId)],
);
const tables = { items, notes };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  items: { notes: r.many.notes() },
  notes: { item: r.one.items({ from: r.notes.itemId, to: r.items._id }) },
}));
const viewer = async (ctx: { auth: Auth }) => (await ctx.auth.getUserIdentity())?.subject ?? '';
const orms = {
  eq: createOrm({
    relations,
    cursorSecret: CURSOR_SECRET,
    rules: defineRules(relations, async (ctx: { auth: Auth }) => ({
      items: { read: { owner: await viewer(ctx) } },
      notes: { read: { secret: false } },
    })),
  }),
  or: createOrm({
    relations,
    cursorSecret: CURSOR_SECRET,
    rules: defineRules(relations, async (ctx: { auth: Auth }) => ({
      items: { read: { OR: [{ owner: await viewer(ctx) }, { tag: 'pub' }] } },
      notes: { read: { OR: [{ secret: false }, { item: { owner: await viewer(ctx) } }] } },
    })),
  }),
  fn: createOrm({
    relations,
    cursorSecret: CURSOR_SECRET,
    rules: defineRules(relations, async (ctx: { auth: Auth }) => {
      const v = await viewer(ctx);
      return { items: { read: (row) => row.owner === v || row.tag === 'pub' }, notes: { read: (row) => !row.secret } };
    }),
  }),
};
const wheres: any[] = [
  undefined,
  { tag: { in: ['a', 'pub'] } },
  { OR: [{ tag: 'a' }, { tag: 'b' }] },
  { rank: { in: [1, 2, 5, 7, 9] } },
  { rank: { ne: 3 } },
  { OR: [{ rank: { gt: 8 } }, { rank: { lt: 3 } }] },
  { owner: { in: ['mal', 'vic'] }, rank: { isNotNull: true } },
  { OR: [{ tag: 'pub' }, { owner: 'vic' }] },
];

describe('pages under rules and soft delete, with loads and splits, agree with findMany', () => {
  for (const [name, orm] of Object.entries(orms))
    for (const seed of process.env.SEEDS ? Array.from({ length: +process.env.SEEDS }, (_, i) => i + 1) : [1, 2, 3])
      it(`${name} seed ${seed}`, { timeout: 120_000 }, async () => {
        const r = seededRandom(seed * 31 + name.length);
        const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
        const t = convexTest(schema, modules);
        await t.run(async (ctx) => {
          for (let i = 0; i < 30; i++) {
            const itemId = await ctx.db.insert('items', {
              owner: pick(['mal', 'vic']),
              ...(r() < 0.15 ? {} : { rank: Math.floor(r() * 12) }),
              tag: pick(['a', 'b', 'pub']),
              ...(r() < 0.2 ? { deletedAt: 1 } : {}),
            } as never);
            for (let j = Math.floor(r() * 3); j > 0; j--)
              await ctx.db.insert('notes', { itemId, secret: r() < 0.4, n: j } as never);
          }
        });
        const as = t.withIdentity({ subject: 'mal' });
        const problems: unknown[] = [];
        for (let q = 0; q < 12; q++) {
          const config: any = { orderBy: { rank: pick(['asc', 'desc'] as const) } };
          const where = pick(wheres);
          if (where) config.where = where;
          if (r() < 0.2) config.withDeleted = true;
          if (r() < 0.5) config.with = { notes: r() < 0.5 ? true : { orderBy: { n: 'asc' } } };
          if (r() < 0.5) config._count = { notes: true };
          const numItems = 1 + Math.floor(r() * 4);
          const maxRows = r() < 0.5 ? 1 + Math.floor(r() * 4) : undefined;
          const maxBytes = r() < 0.2 ? 1 + Math.floor(r() * 300) : undefined;
          const label = JSON.stringify({ config, numItems, maxRows, maxBytes });
          const norm = (rows: any[]) =>
            JSON.stringify(
              rows.map((x) => ({
                _id: x._id,
                notes: x.notes?.map((n: any) => n._id).sort(),
                count: x._count?.notes,
              })),
            );
          const expected = await as.run(async (ctx) => norm(await (orm.db(ctx) as any).query.items.findMany(config)));
          const page: PageRun = (options) =>
            as.run((ctx) => (orm.db(ctx) as any).query.items.paginate(options, config));
          let pages: WalkedPage[];
          try {
            pages = await walkPages(page, numItems, {
              ...(maxRows ? { maximumRowsRead: maxRows } : {}),
              ...(maxBytes ? { maximumBytesRead: maxBytes } : {}),
            });
          } catch (e: any) {
            problems.push({ label, threw: `${e.code} ${e.message}` });
            continue;
          }
          for (const problem of await pageProblems(page, pages, numItems, expected, norm))
            problems.push({ label, ...problem });
        }
        expect(problems).toEqual([]);
      });
});
