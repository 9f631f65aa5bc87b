// A unique `number()` column, and an upsert's conflict target, hold -0 and 0 as two keys, as Convex
// indexes them (docs/divergences.md; Postgres refuses the second); `value + 0` and
// `Object.is(value, -0) ? 0 : value` store one zero, and the second write is then UNIQUE_VIOLATION.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, number, text } from '../../src/index';

const readings = convexTable('readings', { label: text().notNull(), value: number().notNull().unique() });
const orm = createOrm({ relations: defineRelations({ readings }) });

it('a unique number() column holds -0 and 0 as two keys; the documented workarounds store one zero', async () => {
  const t = convexTest(defineSchema({ readings }), modules);
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    await db.insert(readings).values({ label: 'zero', value: 0 });
    await db.insert(readings).values({ label: 'minus zero', value: -0 });
    // The upsert's target is the unique column: -0 does not conflict with 0 (nor 0 with -0).
    await db
      .insert(readings)
      .values({ label: 'upsert -0', value: -0 })
      .onConflictDoUpdate({ target: readings.value, set: { label: 'updated by -0' } });
    const after = (await ctx.db.query('readings').collect()).map((r) => [r.label, Object.is(r.value, -0)]);
    // The workarounds: -0 + 0 is 0, which conflicts with the stored 0.
    const plusZero = await db
      .insert(readings)
      .values({ label: 'plus zero', value: -0 + 0 })
      .then(
        () => 'inserted',
        (e: { code?: string }) => e.code,
      );
    const v = -0;
    const normalized = await db
      .insert(readings)
      .values({ label: 'normalized', value: Object.is(v, -0) ? 0 : v })
      .then(
        () => 'inserted',
        (e: { code?: string }) => e.code,
      );
    return { after, plusZero, normalized };
  });
  expect(out.after).toEqual([
    ['zero', false],
    ['updated by -0', true],
  ]);
  expect(out.plusZero).toBe('UNIQUE_VIOLATION');
  expect(out.normalized).toBe('UNIQUE_VIOLATION');
});
