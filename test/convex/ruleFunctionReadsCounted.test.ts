import { describe, expect, it } from 'vitest';
import { createOrm, defineRules, gt, type Orm } from '../../src/index';
import { limitedBackend, notes, relations, orm as unruled } from './limitsFixture';
import { rejection } from './mutationHarness';

/**
 * A rule function's own reads count before a statement's checks. A statement takes the
 * transaction's metrics as it starts, and only then awaits the rule function, which reads through
 * its `ctx.db` (docs/rules.md: "when the function reads through `ctx.db` itself") around the
 * ORM's meter: the statement's checks did not count those reads, so an update or delete passed
 * them and failed part-way on Convex's own limit, half-written. The meter now takes the metrics
 * again once an async rule function has settled (RulePolicy), whatever the operation.
 */

/** An ORM whose rule function first reads the 10 blobs through `read` (e.g. the viewer's memberships). */
function ormReading(read: (ctx: any) => Promise<unknown>): Orm<typeof relations> {
  return createOrm({
    relations,
    rules: defineRules(relations, async (ctx: any) => {
      await read(ctx);
      return { notes: {} };
    }),
  });
}
const raw = ormReading((ctx) => ctx.db.query('blobs').collect());
// Through the same ORM's bypass, and through another ORM: both meter the transaction's reads already.
const bypass: Orm<typeof relations> = ormReading((ctx) => bypass.db(ctx, { rules: false }).query.blobs.findMany());
const other = ormReading((ctx) => unruled.db(ctx).query.blobs.findMany());

/** 10 blobs for the rule function, 6 notes for the statement; Convex stops at `documentsRead` documents read. */
async function backend(documentsRead = 20) {
  const t = limitedBackend({ documentsRead });
  await t.run(async (ctx) => {
    for (let i = 0; i < 10; i++) await ctx.db.insert('blobs', { body: `b${i}` });
    for (let i = 0; i < 6; i++) await ctx.db.insert('notes', { title: `n${i}`, body: null });
  });
  return t;
}

const changedNotes = (t: Awaited<ReturnType<typeof backend>>) =>
  t.run(async (ctx) => (await ctx.db.query('notes').collect()).filter((note) => note.body === 1).length);
const notesLeft = (t: Awaited<ReturnType<typeof backend>>) =>
  t.run(async (ctx) => (await ctx.db.query('notes').collect()).length);

describe("a rule function's own ctx.db reads count before the statement's checks", () => {
  // The statement reads 6 notes and its 6 patches read each again (Convex counts a patch as a read
  // of the stored document): 12 documents, and the rule function's 10 pass Convex's 20. Uncounted,
  // the 5th patch passed Convex's 20 and Convex's own error came after 4 rows were written.
  for (const [through, ruled] of [
    ['raw ctx.db', raw],
    ['orm.db(ctx, { rules: false })', bypass],
    ["another ORM's db", other],
  ] as const) {
    it(`update, reading through ${through}: the typed error, and no row written`, async () => {
      const t = await backend();
      const error = await t.run((ctx) =>
        rejection(ruled.db(ctx).update(notes).set({ body: 1 }).where(gt(notes.title, ''))),
      );
      expect({ code: error.code, changed: await changedNotes(t) }).toEqual({
        code: 'SCAN_BUDGET_EXCEEDED',
        changed: 0,
      });
    });
  }

  it('update returning(): the typed error, and no row written', async () => {
    const t = await backend();
    const error = await t.run((ctx) =>
      rejection(raw.db(ctx).update(notes).set({ body: 1 }).where(gt(notes.title, '')).returning()),
    );
    expect({ code: error.code, changed: await changedNotes(t) }).toEqual({
      code: 'SCAN_BUDGET_EXCEEDED',
      changed: 0,
    });
  });

  it('delete: the typed error, and no row deleted', async () => {
    const t = await backend();
    const error = await t.run((ctx) => rejection(raw.db(ctx).delete(notes).where(gt(notes.title, ''))));
    expect({ code: error.code, left: await notesLeft(t) }).toEqual({ code: 'SCAN_BUDGET_EXCEEDED', left: 6 });
  });

  for (const [through, ruled] of [
    ['raw ctx.db', raw],
    ['orm.db(ctx, { rules: false })', bypass],
  ] as const) {
    it(`reading through ${through}, the rule function's reads count once: a select that fits goes ahead`, async () => {
      const t = await backend();
      // 10 blobs and 6 notes: 16 of 20 (counted twice, 26).
      const rows = await t.run(async (ctx) => (await ruled.db(ctx).select().from(notes)).length);
      expect(rows).toBe(6);
    });
  }
});

describe('getTransactionMetrics() calls of a db with a rule function', () => {
  /** How often two updates through one `orm.db(ctx)` ask Convex for the transaction's metrics. */
  async function syncsOfTwoUpdates(orm: Orm<typeof relations>) {
    const t = await backend(100);
    return t.run(async (ctx) => {
      const source = (ctx as any).meta;
      let syncs = 0;
      const meta = {
        getTransactionMetrics: () => {
          syncs++;
          return source.getTransactionMetrics();
        },
        getFunctionMetadata: () => source.getFunctionMetadata(),
      };
      const db = orm.db({ ...ctx, meta } as never);
      await db.update(notes).set({ body: 1 }).where(gt(notes.title, 'n4'));
      await db.update(notes).set({ body: 2 }).where(gt(notes.title, 'n4'));
      return syncs;
    });
  }
  const synchronous = createOrm({ relations, rules: defineRules(relations, () => ({ notes: {} })) });

  it('an async rule function: one call more than without rules, per orm.db(ctx); a synchronous one: none', async () => {
    const without = await syncsOfTwoUpdates(unruled);
    expect({
      async: (await syncsOfTwoUpdates(raw)) - without,
      synchronous: (await syncsOfTwoUpdates(synchronous)) - without,
    }).toEqual({ async: 1, synchronous: 0 });
  });
});
