import type { GenericId } from 'convex/values';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import { startRepair } from '../../../src/aggregate/repair';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  id,
  index,
  integer,
  type OrmWriter,
  text,
  textEnum,
  timestamp,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';

// Aggregate indexes stay equal to a recount of the live rows after every kind of write the
// row-change pipeline makes: before-hooks replacing grouped and summed values, after-hooks
// writing aggregated tables, both upsert branches, foreign-key actions onto key columns (cascade,
// set null, onUpdate cascade, a key swap in one statement), soft delete / restore / hard delete,
// and a nested transaction rolled back and caught. Checked once every index is built, and with
// the backfill (or a repair) running one batch between the writes.

const owners = convexTable('owners', { name: text().notNull(), code: text().unique(), deletedAt: timestamp() }, (t) => [
  deletion('soft', { column: t.deletedAt }),
]);
const items = convexTable(
  'items',
  {
    title: text().notNull(),
    slug: text().unique(),
    ownerId: id('owners')
      .notNull()
      .references(() => owners._id, { onDelete: 'cascade' }),
    reviewerId: id('owners').references(() => owners._id, { onDelete: 'set null' }),
    ownerCode: text().references(() => owners.code, { onDelete: 'set null', onUpdate: 'cascade' }),
    status: textEnum(['draft', 'published']).notNull(),
    views: integer(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_owner').on(t.ownerId),
    index('by_reviewer').on(t.reviewerId),
    index('by_code').on(t.ownerCode),
    deletion('soft', { column: t.deletedAt }),
    aggregateIndex('items_by_owner').on(t.ownerId).count().sum(t.views),
    aggregateIndex('items_by_reviewer').on(t.reviewerId).count().shards(1),
    aggregateIndex('items_by_code').on(t.ownerCode).count().shards(1),
    aggregateIndex('items_by_status').on(t.status).count().sum(t.views).shards(2),
    aggregateIndex('items_all').all().count(),
  ],
);
const logs = convexTable('logs', { itemId: id('items'), kind: text().notNull(), n: integer() }, (t) => [
  aggregateIndex('logs_by_kind').on(t.kind).count().sum(t.n),
]);

const tablesObject = { owners, items, logs };
const schema = defineSchema(tablesObject);
const relations = defineRelations(tablesObject);
const tables = [owners, items, logs].map(getTableConfig);
const plain = createOrm({ relations });
const hooked = createOrm({
  relations,
  triggers: defineTriggers(relations, {
    items: {
      beforeInsert: (row) =>
        row.title.startsWith('pub') ? { ...row, status: 'published' as const, views: (row.views ?? 0) + 100 } : row,
      beforeUpdate: ({ new: next }) =>
        next.title.startsWith('pub') ? { ...next, status: 'published' as const } : next,
      afterInsert: async ({ new: row }, ctx) => {
        await ctx.db.insert(logs).values({ itemId: row._id, kind: 'ins', n: row.views ?? 0 });
      },
      afterUpdate: async ({ old, new: row }, ctx) => {
        const kind = old.deletedAt == null && row.deletedAt != null ? 'soft' : 'upd';
        await ctx.db.insert(logs).values({ itemId: row._id, kind, n: 1 });
        if (row.title === 'movelogs') await ctx.db.update(logs).set({ kind: 'moved' }).where(eq(logs.itemId, row._id));
      },
      afterDelete: async ({ old }, ctx) => {
        await ctx.db.delete(logs).where(eq(logs.itemId, old._id));
      },
    },
  }),
});

type Backend = ReturnType<typeof convexTest>;
type Db = OrmWriter<typeof relations>;

async function backfillAll(t: Backend, batchSize: number): Promise<void> {
  while ((await t.run((ctx) => backfillNext(ctx.db as never, tables, batchSize))).batch !== null);
}

/** Each aggregate index's key field (`null`: the whole table) and summed field. */
const indexes = {
  items: [
    { name: 'items_by_owner', key: 'ownerId', sum: 'views' },
    { name: 'items_by_reviewer', key: 'reviewerId', sum: null },
    { name: 'items_by_code', key: 'ownerCode', sum: null },
    { name: 'items_by_status', key: 'status', sum: 'views' },
    { name: 'items_all', key: null, sum: null },
  ],
  logs: [{ name: 'logs_by_kind', key: 'kind', sum: 'n' }],
} as const;

type Groups = [key: string, count: number, sum: number | null][];
const sorted = (groups: Groups) => groups.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Per index, the groups served by it against a recount of the live rows: the mismatches. */
async function drift(t: Backend): Promise<string[]> {
  return t.run(async (ctx) => {
    const db = plain.db(ctx as never) as any;
    const out: string[] = [];
    for (const [table, specs] of Object.entries(indexes)) {
      const live = (await ctx.db.query(table as never).collect()).filter((row: any) => row.deletedAt == null);
      for (const { name, key, sum } of specs) {
        const recount = new Map<string, [number, number | null]>();
        for (const row of live as any[]) {
          const group = key ? JSON.stringify(row[key] ?? null) : 'all';
          const [count, total] = recount.get(group) ?? [0, null];
          const value = sum ? row[sum] : undefined;
          recount.set(group, [count + 1, typeof value === 'number' ? (total ?? 0) + value : total]);
        }
        let served: Groups;
        if (key) {
          const query = { by: [key], _count: true, ...(sum ? { _sum: { [sum]: true } } : {}) };
          const plan = await db.query[table].groupBy(query).explain();
          if (!String(plan.aggregate).startsWith('aggregate index')) out.push(`${name} not served: ${plan.aggregate}`);
          served = (await db.query[table].groupBy(query)).map((group: any) => [
            JSON.stringify(group[key] ?? null),
            group._count,
            sum ? group._sum[sum] : null,
          ]);
        } else {
          const count = await db.query[table].count();
          served = count === 0 ? [] : [['all', count, null]];
        }
        const expected = JSON.stringify(sorted([...recount].map(([group, [count, total]]) => [group, count, total])));
        if (JSON.stringify(sorted(served)) !== expected)
          out.push(`${name}: recount ${expected}, served ${JSON.stringify(sorted(served))}`);
      }
    }
    return out;
  });
}

type Ids = { a: GenericId<'owners'>; b: GenericId<'owners'> };
const steps: [label: string, write: (db: Db, ids: Ids) => Promise<unknown>][] = [
  [
    'insert (before-hooks replace status and views, after-hooks insert logs)',
    (db, { a, b }) =>
      db.insert(items).values([
        { title: 'x1', ownerId: a, reviewerId: b, ownerCode: 'A', status: 'draft', views: 1 },
        { title: 'pub2', ownerId: a, reviewerId: a, ownerCode: 'B', status: 'draft', views: 2 },
        { title: 'x3', ownerId: b, reviewerId: b, ownerCode: 'B', status: 'draft', views: 3, slug: 's3' },
      ]),
  ],
  [
    'update whose before-hook changes status',
    (db) => db.update(items).set({ title: 'pub1' }).where(eq(items.title, 'x1')),
  ],
  [
    'update whose after-hook moves logs',
    (db) => db.update(items).set({ title: 'movelogs' }).where(eq(items.title, 'x3')),
  ],
  [
    'upsert, update branch (moves the key)',
    (db, { a, b }) =>
      db
        .insert(items)
        .values({ title: 'pubU', slug: 's3', ownerId: b, status: 'draft', views: 9 })
        .onConflictDoUpdate({ target: items.slug, set: { ownerId: a, views: 50 } }),
  ],
  [
    'upsert, insert branch',
    (db, { b }) =>
      db
        .insert(items)
        .values({ title: 'pubI', slug: 's4', ownerId: b, status: 'draft', views: 9 })
        .onConflictDoUpdate({ target: items.slug, set: { views: 50 } }),
  ],
  ['onUpdate cascade onto a key column', (db) => db.update(owners).set({ code: 'C' }).where(eq(owners.code, 'B'))],
  [
    'upsert renaming a referenced code (cascade)',
    (db) =>
      db
        .insert(owners)
        .values({ name: 'q', code: 'A' })
        .onConflictDoUpdate({ target: owners.code, set: { code: 'Q' } }),
  ],
  [
    'two codes swapped in one statement',
    (db) =>
      db
        .update(owners)
        .set((owner) => ({ code: owner.code === 'Q' ? 'C' : 'Q' }))
        .where({ code: { in: ['Q', 'C'] } }),
  ],
  ['soft delete', (db) => db.delete(items).where(eq(items.title, 'pubI'))],
  [
    'a soft-deleted row moves key',
    (db, { a }) => db.update(items).set({ ownerId: a, views: 7 }).where(eq(items.title, 'pubI')),
  ],
  ['restore', (db) => db.update(items).set({ deletedAt: null }).where(eq(items.title, 'pubI'))],
  [
    'insert of a soft-deleted row',
    (db, { b }) => db.insert(items).values({ title: 'gone', ownerId: b, status: 'draft', views: 5, deletedAt: 123 }),
  ],
  ['hard delete of a soft-deleted row', (db) => db.delete(items).hard().where(eq(items.title, 'gone'))],
  [
    'nested transaction rolled back and caught',
    (db, { b }) =>
      db.transaction(async (tx) => {
        await tx.insert(items).values({ title: 'tx', ownerId: b, status: 'draft', views: 4 } as never);
        await tx
          .transaction(async (inner) => {
            await inner.update(items).set({ status: 'published' }).where(eq(items.title, 'tx'));
            inner.rollback();
          })
          .catch(() => undefined);
      }),
  ],
  ['soft delete of an owner (cascades soft)', (db, { a }) => db.delete(owners).where(eq(owners._id, a))],
  ['restore of the owner', (db, { a }) => db.update(owners).set({ deletedAt: null }).where(eq(owners._id, a))],
  ['hard delete of an owner (cascade and set null)', (db, { b }) => db.delete(owners).hard().where(eq(owners._id, b))],
  ['hard delete of the other owner', (db, { a }) => db.delete(owners).hard().where(eq(owners._id, a))],
];

describe('aggregate indexes equal a recount after every write of the row-change pipeline', () => {
  for (const mode of ['built', 'backfill between writes', 'repair between writes'] as const) {
    it(mode, async () => {
      const t = convexTest(schema, modules);
      if (mode !== 'backfill between writes') await backfillAll(t, 100);
      if (mode === 'repair between writes') await t.run((ctx) => startRepair(ctx.db as never, tables, {}));
      const ids = await t.run(async (ctx) => {
        const [a, b] = await hooked
          .db(ctx as never)
          .insert(owners)
          .values([
            { name: 'a', code: 'A' },
            { name: 'b', code: 'B' },
          ])
          .returning();
        return { a: a!._id, b: b!._id };
      });
      const mismatches: string[] = [];
      const live = { items: 0, logs: 0 };
      for (const [label, write] of steps) {
        await t.run((ctx) => write(hooked.db(ctx as never), ids));
        if (mode === 'built') mismatches.push(...(await drift(t)).map((line) => `after ${label}: ${line}`));
        else await t.run((ctx) => backfillNext(ctx.db as never, tables, 1));
        const rows = await t.run(async (ctx) => ({
          items: (await ctx.db.query('items').collect()).length,
          logs: (await ctx.db.query('logs').collect()).length,
        }));
        live.items = Math.max(live.items, rows.items);
        live.logs = Math.max(live.logs, rows.logs);
      }
      await backfillAll(t, 1);
      mismatches.push(...(await drift(t)));
      expect(mismatches).toEqual([]);
      // The indexes were checked on real groups: the sequence held items and the hooks' logs.
      expect(live.items).toBeGreaterThanOrEqual(4);
      expect(live.logs).toBeGreaterThanOrEqual(8);
    });
  }
});
