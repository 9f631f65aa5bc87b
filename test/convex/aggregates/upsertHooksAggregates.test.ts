import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { createOrm, defineTriggers, type Triggers } from '../../../src/index';
import {
  backfillAll,
  compareWithBruteForce,
  type Db,
  eq,
  groups,
  items,
  orgs,
  relations,
  schema,
} from './bruteForceFixture';

// Upserts on a soft-delete table with aggregate indexes, whose `beforeUpdate` hooks write rows the
// indexes count; after every statement each served aggregate is compared with a scan of the rows.

async function seeded(triggers: Triggers<typeof relations>, limits = false) {
  const orm = createOrm({ relations, triggers });
  const t = convexTest({ schema, modules, transactionLimits: limits });
  await backfillAll(t);
  const ids = await t.run(async (ctx) => {
    const db = orm.db(ctx as never) as unknown as Db;
    const [o] = await db.insert(orgs).values({ name: 'o' }).returning({ _id: orgs._id });
    const [o2] = await db.insert(orgs).values({ name: 'o2' }).returning({ _id: orgs._id });
    const [g] = await db.insert(groups).values({ name: 'g' }).returning({ _id: groups._id });
    const base = { orgId: o!._id, groupId: g!._id };
    await db.insert(items).values([
      { code: 'A', cat: 'a', ...base, score: 1, qty: 1 },
      { code: 'B', cat: 'a', ...base, score: 2, qty: 2 },
      { code: 'C', cat: 'b', ...base, score: 3, qty: 3 },
      { code: 'D', cat: 'c', orgId: o2!._id, groupId: g!._id, score: 4, qty: 4 },
    ]);
    return { o: o!._id, o2: o2!._id, g: g!._id };
  });
  const run = <R>(fn: (db: Db) => PromiseLike<R>) =>
    t.run((ctx) => Promise.resolve(fn(orm.db(ctx as never) as unknown as Db)));
  const outcome = (fn: (db: Db) => PromiseLike<unknown>) =>
    run(fn).then(
      () => 'resolved',
      (error: { data?: { code?: string; message?: string } }) => error?.data?.code ?? String(error),
    );
  const agree = (label: string) =>
    t.run((ctx) => compareWithBruteForce(orm.db(ctx as never) as unknown as Db, ctx as never, label));
  const rows = () =>
    t.run(async (ctx) =>
      Object.fromEntries(
        (await ctx.db.query('items').collect()).map((r) => [
          r.code,
          { cat: r.cat, qty: r.qty, deleted: r.deletedAt != null },
        ]),
      ),
    );
  return { t, ids, run, outcome, agree, rows };
}

const none = defineTriggers(relations, {});

describe('upsert on a soft-delete table with aggregate indexes', () => {
  it('conflict with a soft-deleted row: the set patches it, it stays deleted, buckets unchanged', async () => {
    const { ids, run, outcome, agree, rows } = await seeded(none);
    await run((db) => db.delete(items).where(eq(items.code, 'B')));
    await agree('after soft delete of B');
    expect(
      await outcome((db) =>
        db
          .insert(items)
          .values({ code: 'B', cat: 'b', groupId: ids.g, orgId: ids.o2, qty: 9, score: 9 })
          .onConflictDoUpdate({ target: items.code, set: { qty: 20, cat: 'c' } }),
      ),
    ).toBe('resolved');
    expect((await rows()).B).toEqual({ cat: 'c', qty: 20, deleted: true });
    await agree('after upsert onto soft-deleted B');
  });

  it('conflict with a soft-deleted row restored by the set: counted again', async () => {
    const { ids, run, outcome, agree, rows } = await seeded(none);
    await run((db) => db.delete(items).where(eq(items.code, 'B')));
    expect(
      await outcome((db) =>
        db
          .insert(items)
          .values({ code: 'B', cat: 'b', groupId: ids.g, qty: 9 })
          .onConflictDoUpdate({ target: items.code, set: { qty: 20, deletedAt: null } }),
      ),
    ).toBe('resolved');
    expect((await rows()).B).toEqual({ cat: 'a', qty: 20, deleted: false });
    await agree('after upsert restoring B');
  });

  it('an upsert set that soft-deletes the conflicting row takes it out of the buckets', async () => {
    const { ids, outcome, agree, rows } = await seeded(none);
    expect(
      await outcome((db) =>
        db
          .insert(items)
          .values([
            { code: 'A', cat: 'b', groupId: ids.g, qty: 9 },
            { code: 'E', cat: 'b', groupId: ids.g, qty: 5, orgId: ids.o },
          ])
          .onConflictDoUpdate({ target: items.code, set: { deletedAt: Date.now() } }),
      ),
    ).toBe('resolved');
    expect((await rows()).A!.deleted).toBe(true);
    await agree('after upsert soft-deleting A');
  });
});

describe('an upsert whose beforeUpdate hook writes rows the aggregate indexes count', () => {
  // When the upsert updates A, A's hook soft-deletes B, inserts F, and moves C to org o2.
  const writing = defineTriggers(relations, {
    items: {
      beforeUpdate: async ({ old }, ctx) => {
        if (old.code !== 'A') return;
        await ctx.db.delete(items).where(eq(items.code, 'B'));
        const [c] = await ctx.db.query.items.findMany({ where: { code: 'C' } });
        await ctx.db
          .insert(items)
          .values({ code: 'F', cat: 'b', orgId: old.orgId, groupId: old.groupId, qty: 6, score: 6 });
        const [d] = await ctx.db.query.items.findMany({ where: { code: 'D' } });
        await ctx.db.update(items).set({ orgId: d!.orgId, qty: 30 }).where(eq(items.code, c!.code));
      },
    },
  });

  it('later proposed rows conflict with the row the hook inserted; rows it moved stay moved; buckets exact', async () => {
    const { ids, outcome, agree, rows } = await seeded(writing);
    expect(
      await outcome((db) =>
        db
          .insert(items)
          .values([
            { code: 'A', cat: 'a', groupId: ids.g, qty: 9 },
            // F was inserted by the hook (org o, cat b): updated, moved to cat c
            { code: 'F', cat: 'a', groupId: ids.g, qty: 9 },
            { code: 'G', cat: 'a', groupId: ids.g, qty: 9 },
          ])
          .onConflictDoUpdate({ target: items.code, set: { qty: 11, cat: 'c' } }),
      ),
    ).toBe('resolved');
    expect(await rows()).toEqual({
      A: { cat: 'c', qty: 11, deleted: false },
      B: { cat: 'a', qty: 2, deleted: true },
      C: { cat: 'b', qty: 30, deleted: false },
      D: { cat: 'c', qty: 4, deleted: false },
      F: { cat: 'c', qty: 11, deleted: false },
      G: { cat: 'a', qty: 9, deleted: false },
    });
    await agree('after the upsert whose hook wrote');
  });

  it('same, keys read ahead as one span (few index ranges left)', async () => {
    const { ids, outcome, agree, rows } = await seeded(writing, true);
    const filler = Array.from({ length: 30 }, (_, i) => ({ code: `z${i}`, cat: 'a' as const, groupId: ids.g, qty: 1 }));
    const result = await outcome((db) =>
      db
        .insert(items)
        .values([
          { code: 'A', cat: 'a', groupId: ids.g, qty: 9 },
          ...filler,
          { code: 'F', cat: 'a', groupId: ids.g, qty: 9 },
        ])
        .onConflictDoUpdate({ target: items.code, set: { qty: 11, cat: 'c' } }),
    );
    expect(result).toBe('resolved');
    const after = await rows();
    expect([after.B, after.C, after.F]).toEqual([
      { cat: 'a', qty: 2, deleted: true },
      { cat: 'b', qty: 30, deleted: false },
      { cat: 'c', qty: 11, deleted: false },
    ]);
    await agree('after the spanned upsert whose hook wrote');
  });

  it('a later proposed row conflicting with the row the hook soft-deleted is refused (INVALID_QUERY, as Postgres refuses); buckets exact', async () => {
    const { ids, outcome, agree, rows } = await seeded(writing);
    expect(
      await outcome((db) =>
        db
          .insert(items)
          .values([
            { code: 'A', cat: 'a', groupId: ids.g, qty: 9 },
            { code: 'B', cat: 'a', groupId: ids.g, qty: 9 },
          ])
          .onConflictDoUpdate({ target: items.code, set: { qty: 11 } }),
      ),
    ).toBe('INVALID_QUERY');
    // The rejection escapes the mutation: Convex discards its writes, the hook's statement's too.
    expect((await rows()).B).toEqual({ cat: 'a', qty: 2, deleted: false });
    await agree('after the refused upsert');
  });

  it('a hook that hard-deletes the row a later proposed row conflicts with: the later row is inserted', async () => {
    const { ids, outcome, agree, rows } = await seeded(
      defineTriggers(relations, {
        items: {
          beforeUpdate: async ({ old }, ctx) => {
            if (old.code === 'A') await ctx.db.delete(items).hard().where(eq(items.code, 'B'));
          },
        },
      }),
    );
    expect(
      await outcome((db) =>
        db
          .insert(items)
          .values([
            { code: 'A', cat: 'a', groupId: ids.g, qty: 9 },
            { code: 'B', cat: 'c', groupId: ids.g, qty: 8, orgId: ids.o2 },
          ])
          .onConflictDoUpdate({ target: items.code, set: { qty: 11 } }),
      ),
    ).toBe('resolved');
    expect((await rows()).B).toEqual({ cat: 'c', qty: 8, deleted: false });
    await agree('after the upsert whose hook hard-deleted B');
  });

  it('a hook that restores the soft-deleted row a later proposed row conflicts with: refused', async () => {
    const { ids, run, outcome, agree, rows } = await seeded(
      defineTriggers(relations, {
        items: {
          beforeUpdate: async ({ old }, ctx) => {
            if (old.code === 'A')
              await ctx.db.update(items).set({ deletedAt: null, qty: 40 }).where(eq(items.code, 'B'));
          },
        },
      }),
    );
    await run((db) => db.delete(items).where(eq(items.code, 'B')));
    expect(
      await outcome((db) =>
        db
          .insert(items)
          .values([
            { code: 'A', cat: 'a', groupId: ids.g, qty: 9 },
            { code: 'B', cat: 'c', groupId: ids.g, qty: 8 },
          ])
          .onConflictDoUpdate({ target: items.code, set: { cat: 'c' } }),
      ),
    ).toBe('INVALID_QUERY');
    expect((await rows()).B).toEqual({ cat: 'a', qty: 2, deleted: true });
    await agree('after the upsert whose hook restored B');
  });
});
