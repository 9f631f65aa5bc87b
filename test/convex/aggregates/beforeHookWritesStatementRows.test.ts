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

// A before-hook that changed, through the ORM writer it is given, a row its own statement goes on to
// write: the statement wrote from the row as it had read it, so an update left the aggregate buckets
// wrong for good (B counted under the org it had left, its qty summed as before), and a delete failed
// midway with Convex's own "Delete on non-existent doc", after A was deleted and before the buckets
// were maintained. Postgres refuses the same ("tuple to be updated was already modified by an
// operation triggered by the current command"); the statement now refuses, typed, before its first
// write. What the hook's own statement wrote stays (it was a statement of its own, maintained as one).

/** Rows A and B of one org and group; the ORM runs `triggers`. */
async function seeded(triggers: Triggers<typeof relations>) {
  const orm = createOrm({ relations, triggers });
  const t = convexTest({ schema, modules });
  await backfillAll(t);
  await t.run(async (ctx) => {
    const db = orm.db(ctx as never) as unknown as Db;
    const [o] = await db.insert(orgs).values({ name: 'o' }).returning({ _id: orgs._id });
    const [g] = await db.insert(groups).values({ name: 'g' }).returning({ _id: groups._id });
    await db.insert(items).values([
      { code: 'A', cat: 'a', orgId: o!._id, groupId: g!._id, score: 1, qty: 1 },
      { code: 'B', cat: 'a', orgId: o!._id, groupId: g!._id, score: 2, qty: 2 },
    ]);
  });
  /** Runs `statement` in a mutation; what it rejects with (code and message), or 'resolved'. */
  const outcome = (statement: (db: Db) => PromiseLike<unknown>) =>
    t.run((ctx) =>
      Promise.resolve(statement(orm.db(ctx as never) as unknown as Db)).then(
        () => 'resolved',
        (error: { data?: { code?: string; message?: string } }) => ({
          code: error?.data?.code ?? 'untyped',
          message: error?.data?.message ?? String(error),
        }),
      ),
    );
  /** The items left, by code: cat, qty, and whether an org is set. */
  const left = () =>
    t.run(async (ctx) =>
      Object.fromEntries(
        (await ctx.db.query('items').collect()).map((row) => [
          row.code,
          { cat: row.cat, qty: row.qty, org: row.orgId !== null },
        ]),
      ),
    );
  const bucketsAgree = (label: string) =>
    t.run((ctx) => compareWithBruteForce(orm.db(ctx as never) as unknown as Db, ctx as never, label));
  return { outcome, left, bucketsAgree };
}

/** The refusal, naming the table. */
const refused = { code: 'INVALID_QUERY', message: expect.stringContaining('A before-hook changed a row of "items"') };

describe("a before-hook's write to a row its statement writes", () => {
  it('update: refused before the first write; the hook statement that moved B stays, the buckets agree', async () => {
    const { outcome, left, bucketsAgree } = await seeded(
      defineTriggers(relations, {
        items: {
          beforeUpdate: async ({ old }, ctx) => {
            if (old.code === 'A') await ctx.db.update(items).set({ orgId: null, qty: 50 }).where(eq(items.code, 'B'));
          },
        },
      }),
    );
    expect(
      await outcome((db) =>
        db
          .update(items)
          .set({ cat: 'b', qty: 3 })
          .where({ code: { in: ['A', 'B'] } }),
      ),
    ).toEqual(refused);
    expect(await left()).toEqual({ A: { cat: 'a', qty: 1, org: true }, B: { cat: 'a', qty: 50, org: false } });
    await bucketsAgree('after the refused update');
  });

  it("delete: refused typed before the first write (was Convex's error after A was deleted)", async () => {
    const { outcome, left, bucketsAgree } = await seeded(
      defineTriggers(relations, {
        items: {
          beforeDelete: async ({ old }, ctx) => {
            if (old.code === 'A') await ctx.db.delete(items).hard().where(eq(items.code, 'B'));
          },
        },
      }),
    );
    expect(
      await outcome((db) =>
        db
          .delete(items)
          .hard()
          .where({ code: { in: ['A', 'B'] } }),
      ),
    ).toEqual(refused);
    expect(await left()).toEqual({ A: { cat: 'a', qty: 1, org: true } });
    await bucketsAgree('after the refused delete');
  });

  it('a raw delete of a row the statement updates is refused alike', async () => {
    const { outcome, left } = await seeded(
      defineTriggers(relations, {
        items: {
          beforeUpdate: async ({ old }, ctx) => {
            if (old.code !== 'A') return;
            const b = await ctx.raw
              .query('items')
              .withIndex('code_unique' as never, (q: any) => q.eq('code', 'B'))
              .unique();
            if (b) await ctx.raw.delete(b._id);
          },
        },
      }),
    );
    expect(
      await outcome((db) =>
        db
          .update(items)
          .set({ qty: 3 })
          .where({ code: { in: ['A', 'B'] } }),
      ),
    ).toEqual(refused);
    expect(await left()).toEqual({ A: { cat: 'a', qty: 1, org: true } });
  });

  it("a hook's write to its own row through ctx.db is refused: it returns the new values instead", async () => {
    let nested = false;
    const { outcome } = await seeded(
      defineTriggers(relations, {
        items: {
          beforeUpdate: async ({ old }, ctx) => {
            // Once: the hook's own statement runs this hook too.
            if (old.score === 9 || nested) return;
            nested = true;
            await ctx.db.update(items).set({ score: 9 }).where(eq(items.code, old.code));
          },
        },
      }),
    );
    expect(await outcome((db) => db.update(items).set({ qty: 3 }).where(eq(items.code, 'A')))).toEqual(refused);
  });

  it("a hook's write to a row the statement does not write goes through", async () => {
    const { outcome, left, bucketsAgree } = await seeded(
      defineTriggers(relations, {
        items: {
          beforeUpdate: async ({ old }, ctx) => {
            if (old.code === 'A') await ctx.db.update(items).set({ qty: 7 }).where(eq(items.code, 'B'));
          },
        },
      }),
    );
    expect(await outcome((db) => db.update(items).set({ cat: 'c' }).where(eq(items.code, 'A')))).toBe('resolved');
    expect(await left()).toEqual({ A: { cat: 'c', qty: 1, org: true }, B: { cat: 'a', qty: 7, org: true } });
    await bucketsAgree('after the update');
  });

  it("an upsert's update branch whose hook changes the row a later proposed row conflicts with is refused", async () => {
    const { outcome, left, bucketsAgree } = await seeded(
      defineTriggers(relations, {
        items: {
          beforeUpdate: async ({ old }, ctx) => {
            if (old.code === 'A') await ctx.db.update(items).set({ qty: 40 }).where(eq(items.code, 'B'));
          },
        },
      }),
    );
    const rows = (groupId: unknown) =>
      ['A', 'B'].map((code) => ({ code, cat: 'b' as const, groupId: groupId as never, score: 0, qty: 0 }));
    expect(
      await outcome(async (db) => {
        const [group] = await db.query.groups.findMany({ limit: 1 });
        return db
          .insert(items)
          .values(rows(group!._id))
          .onConflictDoUpdate({ target: items.code, set: { cat: 'c' } });
      }),
    ).toEqual(refused);
    expect(await left()).toEqual({ A: { cat: 'a', qty: 1, org: true }, B: { cat: 'a', qty: 40, org: true } });
    await bucketsAgree('after the refused upsert');
  });
});
