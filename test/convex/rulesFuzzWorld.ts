// The world of rulesEveryPathDifferential.test.ts: owners and items, seeded, with indexes a rule may or may not pin.
import { convexTest } from 'convex-test';
import { modules } from '../../example/convex/test.setup';
import { backfillNext } from '../../src/aggregate/backfill';
import {
  aggregateIndex,
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  id,
  index,
  integer,
  searchIndex,
  text,
  textEnum,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';
import { seededRandom } from '../seededRandom';

export const CURSOR_SECRET = 'a test cursor secret of 40 characters...';

export const owners = convexTable('owners', { name: text().notNull(), vip: boolean().notNull() });
export const items = convexTable(
  'items',
  {
    ownerId: id('owners')
      .notNull()
      .references(() => owners._id, { onDelete: 'cascade' }),
    tag: textEnum(['a', 'b', 'c']).notNull(),
    score: integer().notNull(),
    body: text().notNull(),
  },
  (t) => [
    index('by_owner').on(t.ownerId, t.score),
    index('by_tag').on(t.tag, t.score),
    index('by_score').on(t.score),
    aggregateIndex('items_by_owner').on(t.ownerId).count().sum(t.score),
    aggregateIndex('items_by_tag_owner').on(t.tag, t.ownerId).count().sum(t.score),
    aggregateIndex('items_all').all().count(),
    searchIndex('search_body').on(t.body).filter(t.ownerId, t.tag),
  ],
);
export const tables = { owners, items };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, (r) => ({
  owners: { items: r.many.items() },
  items: { owner: r.one.owners({ from: r.items.ownerId, to: r.owners._id, optional: false }) },
}));
export const bypass = createOrm({ relations, cursorSecret: CURSOR_SECRET });

export const ormWith = (entry: object) =>
  createOrm({
    relations,
    rules: defineRules(relations, () => entry as never),
    cursorSecret: CURSOR_SECRET,
    ...(process.env.FUZZ_RANGES ? { transactionBudget: { indexRanges: Number(process.env.FUZZ_RANGES) } } : {}),
  });

export async function world(seed: number, n = 40) {
  const random = seededRandom(seed);
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
    const o: any[] = [];
    for (let i = 0; i < Number(process.env.FUZZ_OWNERS ?? 4); i++)
      o.push(await ctx.db.insert('owners', { name: `n${i}`, vip: i % 2 === 0 }));
    const scores = Array.from({ length: n }, (_, i) => i * 3 + 1).sort(() => random() - 0.5);
    for (let i = 0; i < n; i++) {
      await ctx.db.insert('items', {
        ownerId: o[Math.floor(random() * o.length)]!,
        tag: (['a', 'b', 'c'] as const)[Math.floor(random() * 3)]!,
        score: scores[i]!,
        body: `${random() < 0.5 ? 'red' : 'blue'} ${random() < 0.5 ? 'fish' : 'bird'}`,
      });
    }
    return o;
  });
  const cfgs = [owners, items].map(getTableConfig);
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, cfgs, 100));
    if (step.batch === null) break;
  }
  const all = await t.run(async (ctx) => ({
    owners: await ctx.db.query('owners').collect(),
    items: await ctx.db.query('items').collect(),
  }));
  return { t, o: ids, all, random };
}
