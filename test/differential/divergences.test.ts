// @vitest-environment node
/**
 * The documented divergences from Drizzle (DESIGN.md section 10,
 * docs/divergences.md), each pinned by running the same operation on both
 * ORMs and asserting the difference. These are kept out of the agreement
 * tables on purpose; if one of them stops diverging, its test fails.
 */
import { eq as convexEq } from 'convex-orm';
import { TransactionRollbackError } from 'drizzle-orm';
import { pgTable, serial, timestamp } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrm, defineRelations } from '../../src/index.js';
import { createMutationApi } from '../../src/mutation/index.js';
import { bootConvex, tables as convexTables } from './fixture/convex.js';
import { bootDrizzle, type DrizzleDb, tables as drizzleTables } from './fixture/drizzle.js';

let drizzleDb: DrizzleDb;
const events = pgTable('events', { id: serial().primaryKey(), at: timestamp({ withTimezone: true, precision: 3 }) });
const ormSchema = createOrm({ relations: defineRelations(convexTables, () => ({})) }).schema;

beforeAll(async () => {
  const booted = await bootDrizzle();
  drizzleDb = booted.db;
  await booted.client.exec('create table events (id serial primary key, at timestamp(3) with time zone)');
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
      async (ctx) =>
        await createMutationApi(ctx.db, ormSchema).insert(convexTables.groups).values({ name: 'New' }).returning(),
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
        await createMutationApi(ctx.db, ormSchema)
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
      await nested(createMutationApi(ctx.db, ormSchema) as never, convexTables.items);
      return (await ctx.db.query('items').collect()).map((row) => row.sku as string).sort();
    });
    expect(drizzleSkus).toEqual(['A-1', 'B-2', 'C-3', 'O-1']);
    expect(convexSkus).toEqual(['A-1', 'B-2', 'C-3', 'I-1', 'O-1']);
  });
});
