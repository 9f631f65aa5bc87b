// A `'normal'` migration patch holds stored values, as a `'safe_bypass'` one does: a fraction of a
// millisecond in a `timestamp({ mode: 'string' })` column (a `_creationTime` copied as is) is
// refused with VALIDATION naming the column in both modes, writing nothing, not written rounded
// down (which would also make every re-run rewrite the row).
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, text, timestamp } from '../../../src/index';
import { writePatch } from '../../../src/migrations/write';

const events = convexTable('events', { name: text().notNull(), at: timestamp({ mode: 'string' }) });
const orm = createOrm({ relations: defineRelations({ events }) });

it("a fractional millisecond in a 'normal' migration patch of a string-mode timestamp is refused, as in 'safe_bypass'", async () => {
  const t = convexTest({ schema: defineSchema({ events }), modules });
  const out = await t.run(async (ctx) => {
    const id = await ctx.db.insert('events', { name: 'e', at: 0 });
    const attempt = async (writeMode: 'normal' | 'safe_bypass') => {
      const old = (await ctx.db.get(id))!;
      try {
        await writePatch(
          { db: ctx.db as never },
          { schema: orm.schema, db: orm.db(ctx as never) },
          { table: 'events', id, old, changes: { at: 1704067200000.5 }, writeMode },
        );
        return { written: (await ctx.db.get(id))!.at };
      } catch (error) {
        const { code, details } = error as { code?: string; details?: unknown };
        return { code, details, stored: (await ctx.db.get(id))!.at };
      }
    };
    return { safeBypass: await attempt('safe_bypass'), normal: await attempt('normal') };
  });
  const refused = { code: 'VALIDATION', details: { column: 'at' }, stored: 0 };
  expect(out.safeBypass).toEqual(refused);

  expect(out.normal).toEqual(refused);
});
