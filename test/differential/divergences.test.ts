// @vitest-environment node
/**
 * The documented divergences from Drizzle (DESIGN.md section 10,
 * docs/divergences.md), each pinned by running the same operation on both
 * ORMs and asserting the difference. These are kept out of the agreement
 * tables on purpose; if one of them stops diverging, its test fails.
 */
import {
  avg as convexAvg,
  count as convexCount,
  eq as convexEq,
  id as convexId,
  sum as convexSum,
  convexTable,
  text as convexText,
  createOrm,
  defineRelations,
  defineSchema,
} from 'convex-orm';
import { convexTest } from 'convex-test';
import {
  avg as drizzleAvg,
  count as drizzleCount,
  eq as drizzleEq,
  sum as drizzleSum,
  sql,
  TransactionRollbackError,
} from 'drizzle-orm';
import { integer, pgTable, serial, timestamp } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup.js';
import { bootConvex, tables as convexTables, orm } from './fixture/convex.js';
import { bootDrizzle, type DrizzleDb, tables as drizzleTables } from './fixture/drizzle.js';
import { divergenceChecks, expectAgreement } from './knownFailures.js';

let drizzleDb: DrizzleDb;
const events = pgTable('events', { id: serial().primaryKey(), at: timestamp({ withTimezone: true, precision: 3 }) });

/**
 * Two cascade paths from a hub to a rim: hub -> rim directly (`no action`) and
 * hub -> spoke -> rim (`cascade`, `cascade`). The same three tables on each side.
 */
const hubsDdl = `create table hubs (id serial primary key);
create table spokes (id serial primary key, hub integer references hubs(id) on delete cascade);
create table rims (id serial primary key, hub integer references hubs(id) on delete no action,
  spoke integer references spokes(id) on delete cascade);`;
const pgHubs = pgTable('hubs', { id: serial().primaryKey() });
const pgSpokes = pgTable('spokes', { id: serial().primaryKey(), hub: integer() });
const pgRims = pgTable('rims', { id: serial().primaryKey(), hub: integer(), spoke: integer() });
const hubs = convexTable('hubs', { name: convexText() });
const spokes = convexTable('spokes', { hub: convexId('hubs').references(() => hubs._id, { onDelete: 'cascade' }) });
const rims = convexTable('rims', {
  hub: convexId('hubs').references(() => hubs._id, { onDelete: 'no action' }),
  spoke: convexId('spokes').references(() => spokes._id, { onDelete: 'cascade' }),
});
const hubTables = { hubs, spokes, rims };
const hubOrm = createOrm({ relations: defineRelations(hubTables, () => ({})) });

beforeAll(async () => {
  const booted = await bootDrizzle();
  drizzleDb = booted.db;
  await booted.client.exec('create table events (id serial primary key, at timestamp(3) with time zone)');
  await booted.client.exec(hubsDdl);
}, 30_000);

/** Runs `fn` in a Drizzle transaction that is always rolled back, returning its value. */
async function inRolledBackTx<R>(fn: (tx: DrizzleDb) => Promise<R>): Promise<R> {
  let value: R | undefined;
  await drizzleDb
    .transaction(async (tx) => {
      value = await fn(tx as unknown as DrizzleDb);
      tx.rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof TransactionRollbackError)) throw error;
    });
  return value as R;
}

describe('divergences from Drizzle v1', () => {
  it('rows carry Convex _id and _creationTime instead of a serial id', async () => {
    const [drizzleRow] = await inRolledBackTx((tx) =>
      tx.insert(drizzleTables.groups).values({ name: 'New' }).returning(),
    );
    const { t } = await bootConvex();
    const [convexRow] = await t.run(
      async (ctx) => await orm.db(ctx).insert(convexTables.groups).values({ name: 'New' }).returning(),
    );
    expect(Object.keys(drizzleRow ?? {}).sort()).toEqual(['description', 'id', 'name']);
    expect(Object.keys(convexRow ?? {}).sort()).toEqual(['_creationTime', '_id', 'description', 'name']);
    expect(typeof drizzleRow?.id).toBe('number');
    expect(typeof convexRow?._id).toBe('string');
    expect(typeof convexRow?._creationTime).toBe('number');
  });

  it('timestamp() reads as a number of milliseconds, where Drizzle reads a Date', async () => {
    const [drizzleRow] = await inRolledBackTx((tx) =>
      tx
        .insert(events)
        .values({ at: new Date(1500) })
        .returning(),
    );
    const { t, idMap } = await bootConvex();
    const [convexRow] = await t.run(
      async (ctx) =>
        await orm
          .db(ctx)
          .update(convexTables.posts)
          .set({ publishedAt: 1500 })
          .where(convexEq(convexTables.posts._id, idMap.toConvex('posts', 1) as never))
          .returning({ publishedAt: convexTables.posts.publishedAt }),
    );
    expect(drizzleRow?.at).toBeInstanceOf(Date);
    expect(drizzleRow?.at?.getTime()).toBe(1500);
    expect(convexRow?.publishedAt).toBe(1500);
  });

  it('no nested savepoints: a caught inner rollback keeps the inner writes (Drizzle undoes them)', async () => {
    const nested = async (
      db: {
        insert: (table: never) => { values: (row: never) => Promise<unknown> };
        transaction: <R>(fn: (tx: never) => Promise<R>) => Promise<R>;
      },
      items: unknown,
    ) =>
      db.transaction(async (outer: typeof db & { transaction: typeof db.transaction }) => {
        await outer.insert(items as never).values({ sku: 'O-1', name: 'outer' } as never);
        await outer
          .transaction(async (inner: typeof db & { rollback: () => never }) => {
            await inner.insert(items as never).values({ sku: 'I-1', name: 'inner' } as never);
            inner.rollback();
          })
          .catch((error: unknown) => {
            if (!(error instanceof Error && error.name === 'TransactionRollbackError')) throw error;
          });
      });
    const drizzleSkus = await inRolledBackTx(async (tx) => {
      await nested(tx as never, drizzleTables.items);
      const rows = await tx.select({ sku: drizzleTables.items.sku }).from(drizzleTables.items);
      return rows.map((row) => row.sku).sort();
    });
    const { t } = await bootConvex();
    const convexSkus = await t.run(async (ctx) => {
      await nested(orm.db(ctx) as never, convexTables.items);
      return (await ctx.db.query('items').collect()).map((row) => row.sku as string).sort();
    });
    expect(drizzleSkus).toEqual(['A-1', 'B-2', 'C-3', 'O-1']);
    expect(convexSkus).toEqual(['A-1', 'B-2', 'C-3', 'I-1', 'O-1']);
  });

  it('findFirst returns null on a miss, where Drizzle returns undefined', async () => {
    const drizzleRow = await drizzleDb.query.users.findFirst({ where: { name: 'Zed' } });
    const { t } = await bootConvex();
    const convexRow = await t.run(async (ctx) => await orm.db(ctx).query.users.findFirst({ where: { name: 'Zed' } }));
    expect(drizzleRow).toBeUndefined();
    expect(convexRow).toBeNull();
  });

  it('nulls sort first ascending and last descending (Postgres: last ascending, first descending)', async () => {
    const drizzleAsc = await drizzleDb.query.users.findMany({
      columns: { name: true },
      orderBy: { age: 'asc', id: 'asc' },
    });
    const drizzleDesc = await drizzleDb.query.users.findMany({
      columns: { name: true },
      orderBy: { age: 'desc', id: 'asc' },
    });
    const { t } = await bootConvex();
    const [convexAsc, convexDesc] = await t.run(async (ctx) => {
      const users = orm.db(ctx).query.users;
      return [
        await users.findMany({ columns: { name: true }, orderBy: { age: 'asc', _creationTime: 'asc' } }),
        await users.findMany({ columns: { name: true }, orderBy: { age: 'desc', _creationTime: 'asc' } }),
      ];
    });
    const names = (rows: readonly { name: string }[]) => rows.map((row) => row.name);
    // Alex's age is absent and Eve's is null: both read as null, but Convex's order puts absent before null.
    expect(names(drizzleAsc)).toEqual(['Nobody', 'Andrew', 'John', 'Dan', 'Alex', 'Eve']);
    expect(names(convexAsc)).toEqual(['Alex', 'Eve', 'Nobody', 'Andrew', 'John', 'Dan']);
    expect(names(drizzleDesc)).toEqual(['Alex', 'Eve', 'Dan', 'John', 'Andrew', 'Nobody']);
    expect(names(convexDesc)).toEqual(['Dan', 'John', 'Andrew', 'Nobody', 'Eve', 'Alex']);
  });

  it('RAW SQL filters are not supported (Drizzle accepts them)', async () => {
    const drizzleRows = await drizzleDb.query.users.findMany({
      columns: { name: true },
      where: { RAW: (table) => sql`length(${table.name}) = 3` },
      orderBy: { id: 'asc' },
    });
    const { t } = await bootConvex();
    const convex = t.run(
      async (ctx) => await orm.db(ctx).query.users.findMany({ where: { RAW: () => 'length(name) = 3' } as never }),
    );
    expect(drizzleRows.map((row) => row.name)).toEqual(['Dan', 'Eve']);
    await expect(convex).rejects.toThrow(/RAW filters are SQL-only/);
  });

  it('extras are functions of the row, where Drizzle takes SQL; the same value both ways', async () => {
    const drizzleRows = await drizzleDb.query.users.findMany({
      columns: { name: true },
      extras: { lower: (table) => sql<string>`lower(${table.name})` },
      orderBy: { id: 'asc' },
      limit: 3,
    });
    const { t } = await bootConvex();
    const convexRows = await t.run(
      async (ctx) =>
        await orm.db(ctx).query.users.findMany({
          columns: { name: true },
          extras: { lower: (row) => row.name.toLowerCase() },
          orderBy: { _creationTime: 'asc' },
          limit: 3,
        }),
    );
    const sqlExtra = t.run(
      async (ctx) => await orm.db(ctx).query.users.findMany({ extras: { lower: sql`lower(name)` } as never, limit: 1 }),
    );
    expect(convexRows).toEqual(drizzleRows);
    expect(convexRows).toEqual([
      { name: 'Dan', lower: 'dan' },
      { name: 'Andrew', lower: 'andrew' },
      { name: 'Alex', lower: 'alex' },
    ]);
    await expect(sqlExtra).rejects.toThrow(/extras/);
  });

  it('select: sum/avg are numbers (Drizzle: numeric strings); right/full joins, unindexed joins, where(undefined), having(undefined) and $count(t, undefined) reject', async () => {
    const { users: pgUsers, posts: pgPosts, comments: pgComments } = drizzleTables;
    const drizzleSums = await drizzleDb
      .select({ total: drizzleSum(pgUsers.age), mean: drizzleAvg(pgUsers.age) })
      .from(pgUsers)
      .where(drizzleEq(pgUsers.role, 'admin'));
    const drizzleRight = await drizzleDb
      .select()
      .from(pgUsers)
      .rightJoin(pgPosts, drizzleEq(pgPosts.authorId, pgUsers.id));
    const drizzleUnindexed = await drizzleDb
      .select()
      .from(pgPosts)
      .innerJoin(pgComments, drizzleEq(pgComments.body, pgPosts.title));
    const drizzleAll = await drizzleDb.select().from(pgUsers).where(undefined);
    const drizzleCountAll = await drizzleDb.$count(pgUsers, undefined);
    const drizzleEveryGroup = await drizzleDb
      .select({ author: pgPosts.authorId, n: drizzleCount() })
      .from(pgPosts)
      .groupBy(pgPosts.authorId)
      .having(undefined);
    expect(drizzleSums).toEqual([{ total: '41', mean: '41.0000000000000000' }]);
    expect([drizzleRight.length, drizzleUnindexed.length, drizzleAll.length, drizzleCountAll]).toEqual([9, 0, 6, 6]);
    expect(drizzleEveryGroup.length).toBeGreaterThan(1);

    const { t } = await bootConvex();
    const { users, posts, comments } = convexTables;
    const convexSums = await t.run((ctx) =>
      orm
        .db(ctx)
        .select({ total: convexSum(users.age), mean: convexAvg(users.age) })
        .from(users)
        .where(convexEq(users.role, 'admin')),
    );
    expect(convexSums).toEqual([{ total: 41, mean: 41 }]);
    await expect(
      t.run((ctx) => orm.db(ctx).select().from(users).rightJoin(posts, convexEq(posts.authorId, users._id))),
    ).rejects.toThrow(/rightJoin\("posts"\) is not supported/);
    await expect(
      t.run((ctx) => orm.db(ctx).select().from(posts).innerJoin(comments, convexEq(comments.body, posts.title))),
    ).rejects.toThrow(/add index on comments\(body\)/);
    await expect(t.run((ctx) => orm.db(ctx).select().from(users).where(undefined))).rejects.toThrow(
      /never widens to every row/,
    );
    await expect(t.run((ctx) => orm.db(ctx).$count(users, undefined))).rejects.toThrow(/never widens to every row/);
    const everyGroup = t.run((ctx) =>
      orm
        .db(ctx)
        .select({ author: posts.authorId, n: convexCount() })
        .from(posts)
        .groupBy(posts.authorId)
        .having(undefined),
    );
    await expect(everyGroup).rejects.toThrow(/The having\(\) filter of the select from "posts" is undefined/);
    await expect(everyGroup).rejects.toMatchObject({ code: 'INVALID_FILTER' });
  });

  it(divergenceChecks.withoutWhere, async () => {
    const drizzleCounts = await inRolledBackTx(async (tx) => {
      await tx.update(drizzleTables.items).set({ qty: 5 });
      const updated = await tx.$count(drizzleTables.items, drizzleEq(drizzleTables.items.qty, 5));
      await tx.delete(drizzleTables.comments);
      return { updated, comments: await tx.$count(drizzleTables.comments) };
    });
    expect(drizzleCounts).toEqual({ updated: 3, comments: 0 });
    const { t } = await bootConvex();
    const db = (ctx: Parameters<Parameters<typeof t.run>[0]>[0]) => orm.db(ctx);
    await expectAgreement(divergenceChecks.withoutWhere, async () => {
      await expect(
        t.run(async (ctx) => void (await db(ctx).update(convexTables.items).set({ qty: 5 }))),
      ).rejects.toThrow('Update of "items" has no .where(); add .where(filter), or call .all() to target every row.');
      await expect(t.run(async (ctx) => void (await db(ctx).delete(convexTables.comments)))).rejects.toThrow(
        'Delete from "comments" has no .where()',
      );
    });
    const afterAll = await t.run(async (ctx) => {
      await db(ctx).update(convexTables.items).set({ qty: 5 }).all();
      await db(ctx).delete(convexTables.comments).all();
      return {
        updated: await db(ctx).$count(convexTables.items, convexEq(convexTables.items.qty, 5)),
        comments: await db(ctx).$count(convexTables.comments),
      };
    });
    expect(afterAll).toEqual(drizzleCounts);
  });

  it('a statement without returning() resolves to undefined (Drizzle: the driver result)', async () => {
    const drizzleResult = await inRolledBackTx(async (tx) => tx.insert(drizzleTables.groups).values({ name: 'New' }));
    const { t } = await bootConvex();
    const convexResult = await t.run(async (ctx) => {
      const value = await orm.db(ctx).insert(convexTables.groups).values({ name: 'New' });
      return value === undefined ? 'undefined' : 'defined';
    });
    expect(drizzleResult).toMatchObject({ affectedRows: 1 });
    expect(convexResult).toBe('undefined');
  });

  it('an unknown key in insert values throws VALIDATION (Drizzle ignores it)', async () => {
    const [drizzleRow] = await inRolledBackTx((tx) =>
      tx
        .insert(drizzleTables.items)
        .values({ sku: 'X-1', name: 'x', nope: 1 } as never)
        .returning({ sku: drizzleTables.items.sku }),
    );
    const { t } = await bootConvex();
    const convex = t.run(
      async (ctx) =>
        await orm
          .db(ctx)
          .insert(convexTables.items)
          .values({ sku: 'X-1', name: 'x', nope: 1 } as never),
    );
    expect(drizzleRow).toEqual({ sku: 'X-1' });
    await expect(convex).rejects.toThrow(/no column "nope"/);
  });

  it('count reads within the scan budget (Drizzle counts without bound)', async () => {
    const drizzleCount = (await drizzleDb.query.users.findMany({ columns: { id: true } })).length;
    const { t } = await bootConvex();
    const withinBudget = await t.run(
      async (ctx) => await orm.db(ctx).query.users.count({ where: { verified: false } }),
    );
    const pastBudget = t.run(
      async (ctx) => await orm.db(ctx).query.users.count({ where: { verified: false }, scanBudget: 3 }),
    );
    expect(drizzleCount).toBe(6);
    expect(withinBudget).toBe(4);
    await expect(pastBudget).rejects.toThrow(/budget/i);
  });

  it('a no action reference deleted by the same statement through a longer cascade path: Postgres raises 23503, convex-orm deletes', async () => {
    const drizzleError = await inRolledBackTx(async (tx) => {
      const [hub] = await tx.insert(pgHubs).values({}).returning();
      const [spoke] = await tx.insert(pgSpokes).values({ hub: hub!.id }).returning();
      await tx.insert(pgRims).values({ hub: hub!.id, spoke: spoke!.id });
      return tx
        .delete(pgHubs)
        .then(() => null)
        .catch((error: { cause?: { code?: string } }) => error.cause?.code);
    });
    expect(drizzleError).toBe('23503');
    const t = convexTest(defineSchema(hubTables), modules);
    const left = await t.run(async (ctx) => {
      const db = hubOrm.db(ctx);
      const [hub] = await db.insert(hubs).values({}).returning();
      const [spoke] = await db.insert(spokes).values({ hub: hub!._id }).returning();
      await db.insert(rims).values({ hub: hub!._id, spoke: spoke!._id });
      await db.delete(hubs).all();
      return [await db.$count(hubs), await db.$count(spokes), await db.$count(rims)];
    });
    expect(left).toEqual([0, 0, 0]);
  });

  it('null for a notNull column in update set() throws even when no row matches (Postgres: no row, no error)', async () => {
    const drizzleResult = await inRolledBackTx(async (tx) =>
      tx
        .update(drizzleTables.users)
        .set({ name: null as never })
        .where(drizzleEq(drizzleTables.users.id, 999))
        .returning({ id: drizzleTables.users.id }),
    );
    expect(drizzleResult).toEqual([]);
    const { t } = await bootConvex();
    const convex = t.run(
      async (ctx) =>
        await orm
          .db(ctx)
          .update(convexTables.users)
          .set({ name: null as never })
          .where({ email: 'nobody@x.io' }),
    );
    await expect(convex).rejects.toThrow('Column "users.name" is notNull; got null.');
  });
});
