import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import {
  type AnyColumn,
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  id,
  inArray,
  index,
  integer,
  text,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';

const owners = convexTable('owners', { name: text().notNull(), code: text().unique() });
const items = convexTable(
  'items',
  {
    title: text().notNull(),
    ownerId: id('owners').references((): AnyColumn => owners._id, { onDelete: 'cascade' }),
    reviewerId: id('owners').references((): AnyColumn => owners._id, { onDelete: 'set null' }),
    code: text()
      .default('zz')
      .references((): AnyColumn => owners.code, { onDelete: 'set default', onUpdate: 'cascade' }),
    parent: id('items').references((): AnyColumn => items._id, { onDelete: 'cascade' }),
    views: integer(),
  },
  (t) => [
    index('by_owner').on(t.ownerId),
    index('by_reviewer').on(t.reviewerId),
    index('by_code').on(t.code),
    index('by_parent').on(t.parent),
    aggregateIndex('i_owner').on(t.ownerId).count().sum(t.views),
    aggregateIndex('i_rev').on(t.reviewerId).count().sum(t.views).shards(1),
    aggregateIndex('i_code').on(t.code).count().shards(2),
    aggregateIndex('i_all').all().count().sum(t.views),
  ],
);
const all = { owners, items };
const schema = defineSchema(all);
const relations = defineRelations(all);
const orm = createOrm({ relations });
const tables = [owners, items].map(getTableConfig);

async function drift(t: ReturnType<typeof convexTest>) {
  return t.run(async (ctx) => {
    const db = orm.db(ctx as never) as any;
    const rows: any[] = await ctx.db.query('items').collect();
    const out: string[] = [];
    for (const key of ['ownerId', 'reviewerId', 'code']) {
      const query = db.query.items.groupBy({ by: [key], _count: true });
      const { aggregate } = await query.explain();
      if (!String(aggregate).startsWith('aggregate index')) out.push(`${key} not served: ${aggregate}`);
      const served = await query;
      const m = new Map<string, number>();
      for (const r of rows) m.set(String(r[key] ?? null), (m.get(String(r[key] ?? null)) ?? 0) + 1);
      const exp = [...m]
        .map(([k, n]) => `${k}:${n}`)
        .sort()
        .join(',');
      const got = served
        .map((g: any) => `${String(g[key] ?? null)}:${g._count}`)
        .sort()
        .join(',');
      if (exp !== got) out.push(`${key}: expected ${exp} got ${got}`);
    }
    const c = await db.query.items.aggregate({ _count: true, _sum: { views: true } });
    const s = rows.reduce((a, r) => a + (r.views ?? 0), 0);
    if (c._count !== rows.length || (rows.length && c._sum.views !== s))
      out.push(`all: ${JSON.stringify(c)} vs ${rows.length}/${s}`);
    return out;
  });
}

async function setup() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  for (;;) if ((await t.run((ctx) => backfillNext(ctx.db as never, tables, 100))).batch === null) break;
  const ids = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const os = await db
      .insert(owners)
      .values([
        { name: 'a', code: 'A' },
        { name: 'b', code: 'B' },
        { name: 'c', code: 'zz' },
      ])
      .returning();
    return os.map((o) => o._id);
  });
  return { t, ids };
}

// Aggregate buckets equal a recount after foreign-key actions the pipeline recount test does not
// reach: one statement deleting two parents whose actions hit the same rows (one cascades a row the
// other sets null, and the reverse), a self-referencing cascade onto a row the statement deletes
// itself, and `set default` / `onUpdate: 'cascade'` onto aggregated key columns.
describe('aggregate buckets after foreign-key actions', () => {
  it('two parents deleted in one statement: cascade and set null reach the same rows', async () => {
    const { t, ids } = await setup();
    const [a, b] = ids as any[];
    await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      await db.insert(items).values([
        { title: 'x', ownerId: a, reviewerId: b, code: 'B', views: 1 },
        { title: 'y', ownerId: b, reviewerId: a, code: 'A', views: 2 },
        { title: 'z', ownerId: null, reviewerId: a, code: 'B', views: 4 },
      ]);
    });
    expect(await drift(t)).toEqual([]);
    await t.run(async (ctx) => {
      await orm
        .db(ctx as never)
        .delete(owners)
        .where(inArray(owners._id, [a, b]));
    });
    expect(await drift(t)).toEqual([]);
  });
  it('a self-referencing cascade onto a row the statement deletes itself', async () => {
    const { t } = await setup();
    await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const [p] = await db.insert(items).values({ title: 'p', views: 1 }).returning();
      const [c] = await db.insert(items).values({ title: 'c', parent: p!._id, views: 2 }).returning();
      await db.insert(items).values({ title: 'g', parent: c!._id, views: 4 });
    });
    await t.run(async (ctx) => {
      await orm
        .db(ctx as never)
        .delete(items)
        .where(inArray(items.title, ['p', 'c']));
    });
    expect(await drift(t)).toEqual([]);
  });
  it("'set default' and onUpdate 'cascade' onto aggregated keys", async () => {
    const { t } = await setup();
    await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      await db.insert(items).values([
        { title: 'x', code: 'A', views: 1 },
        { title: 'y', code: 'B', views: 2 },
      ]);
      await db.update(owners).set({ code: 'Q' }).where(eq(owners.code, 'A'));
    });
    expect(await drift(t)).toEqual([]);
    await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      await db.delete(owners).where(inArray(owners.code, ['Q', 'B']));
    });
    expect(await drift(t)).toEqual([]);
  });
});
