// insert().returning() shows the rows as the statement wrote them, whatever its after-hooks do
// next, and checks its selection as update and delete do.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRelations, defineTriggers, eq, OrmError } from '../../src/index';
import { badges, fixtureBackend, fixtureSchema, fixtureTables } from '../mutation/fixture';

describe('insert returning() selection checked like update/delete', () => {
  it('insert().returning({ x: undefined }) rejects with an OrmError INVALID_QUERY (not a TypeError), as update and delete do', async () => {
    const { run } = fixtureBackend();
    const errors = await run(async (db) => {
      const out: { name: string; code: unknown }[] = [];
      for (const make of [
        () =>
          db
            .insert(badges)
            .values({ uid: 1, slug: 'a' })
            .returning({ x: undefined } as any),
        () =>
          db
            .update(badges)
            .set({ views: 1 })
            .all()
            .returning({ x: undefined } as any),
        () =>
          db
            .delete(badges)
            .all()
            .returning({ x: undefined } as any),
      ]) {
        try {
          await make();
          out.push({ name: 'resolved', code: null });
        } catch (error: any) {
          out.push({ name: error instanceof OrmError ? 'OrmError' : error.constructor.name, code: error.code ?? null });
        }
      }
      return out;
    });
    expect(errors).toEqual([
      { name: 'OrmError', code: 'INVALID_QUERY' },
      { name: 'OrmError', code: 'INVALID_QUERY' },
      { name: 'OrmError', code: 'INVALID_QUERY' },
    ]);
  });
});

const relations = defineRelations(fixtureTables, () => ({}));
const triggers = defineTriggers(relations, {
  badges: {
    afterInsert: async ({ new: row }, ctx) => {
      // An after-hook that discards a temporary row, or bumps a counter on the row just inserted.
      if (row.slug === 'temp') await ctx.db.delete(badges).where(eq(badges._id, row._id));
      if (row.slug.startsWith('bump')) await ctx.db.update(badges).set({ views: 99 }).where(eq(badges._id, row._id));
    },
  },
});
const hookedOrm = createOrm({ relations, triggers });

describe('insert returning() and after-hooks', () => {
  it('insert().returning() gives the row the statement wrote, as returning({ views }) does, not what an after-hook wrote later', async () => {
    const t = convexTest(fixtureSchema, modules);
    const { whole, selected } = await t.run(async (ctx) => {
      const db = hookedOrm.db(ctx as any);
      const [whole] = await db.insert(badges).values({ uid: 1, slug: 'bump1' }).returning();
      const [selected] = await db.insert(badges).values({ uid: 2, slug: 'bump2' }).returning({ views: badges.views });
      return { whole, selected };
    });
    expect(selected!.views).toBe(0); // what the statement wrote
    expect(whole!.views).toBe(selected!.views); // not 99: the after-hook's own update came later
    expect(whole!._creationTime).toEqual(expect.any(Number));
  });

  it('insert().returning() of a row an after-hook deleted resolves with the row written (was a TypeError after the writes)', async () => {
    const t = convexTest(fixtureSchema, modules);
    const outcome = await t.run(async (ctx) => {
      const db = hookedOrm.db(ctx as any);
      try {
        const rows = await db.insert(badges).values({ uid: 1, slug: 'temp' }).returning();
        return { resolved: rows.length };
      } catch (error: any) {
        return {
          rejected:
            error instanceof OrmError ? `OrmError ${error.code}` : `${error.constructor.name}: ${error.message}`,
        };
      }
    });
    // The row was written (then deleted by the hook): returning() shows it, _creationTime included.
    expect(outcome).toEqual({ resolved: 1 });
  });
});
